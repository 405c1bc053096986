/** Longitude and latitude in decimal degrees (WGS 84), in GeoJSON order. */
export type LonLat = readonly [lon: number, lat: number];

export type Mode = 'road' | 'rail' | 'sea';

export type LocationKind = 'border-crossing' | 'port' | 'terminal' | 'city';

/** ISO 3166-1 alpha-2 codes of the countries Karvon ships reference data for. */
export type CountryCode = 'KZ' | 'KG' | 'TJ' | 'TM' | 'UZ' | 'AZ' | 'CN' | 'AF' | 'GE' | 'TR' | 'IR' | 'RU' | 'PK';

/** Where a value comes from; `rough` marks approximations and figures nobody has checked. */
export interface Provenance {
  readonly source: string;
  readonly rough: boolean;
}

export interface Names {
  readonly en: string;
  readonly ru: string;
  readonly ar?: string;
  /** The name in the place's own language, when we are sure of it. */
  readonly local?: { readonly lang: string; readonly name: string };
}

export interface Country {
  readonly alpha2: CountryCode;
  readonly alpha3: string;
  readonly numeric: string;
  /** Member state of the regional format (as opposed to a corridor neighbour). */
  readonly member: boolean;
  readonly names: Names & { readonly ar: string };
  /** Rough bounding box [minLon, minLat, maxLon, maxLat], for plausibility checks only. */
  readonly bbox: readonly [number, number, number, number];
}

export type Geofence =
  | { readonly kind: 'circle'; readonly center: LonLat; readonly radiusM: number }
  | { readonly kind: 'polygon'; readonly ring: readonly LonLat[] };

export interface UnLocode extends Provenance {
  readonly code: string;
}

/** A location as written in the data files. */
export interface LocationRecord {
  readonly id: string;
  readonly kind: LocationKind;
  readonly countries: readonly CountryCode[];
  readonly modes: readonly Mode[];
  readonly position: LonLat;
  readonly positionProvenance: Provenance;
  /** Circle radius around `position`, unless `polygon` is given. */
  readonly fenceRadiusM?: number;
  readonly polygon?: readonly LonLat[];
  readonly unlocode?: UnLocode;
  readonly names: Names;
  /** Location reference inside Karvon's GS1 company prefix; never reuse or renumber. */
  readonly glnRef: number;
  readonly note?: string;
}

/** A location with its geofence and minted GS1 identifiers. */
export interface Location extends Omit<LocationRecord, 'fenceRadiusM' | 'polygon'> {
  readonly geofence: Geofence;
  /** 13-digit GLN with check digit. */
  readonly gln: string;
  /** The same GLN as an SGLN EPC URN with extension 0. */
  readonly sgln: string;
}

/** An intermediate point of a route line: a town, station or pass the road or railway goes through. */
export interface Waypoint extends Provenance {
  readonly id: string;
  readonly name: string;
  readonly country: CountryCode;
  readonly position: LonLat;
}

export interface CustomsOffice {
  /** Country code + 6 digits, NCTS style. Karvon's own numbering, not an official code. */
  readonly code: string;
  readonly country: CountryCode;
  readonly locationId: string;
  readonly role: 'border' | 'inland';
  readonly names: Names;
  readonly source: string;
}

export interface Figure extends Provenance {
  readonly value: number;
}

/** A leg as written in the data files: `via` lists waypoint or location ids between the ends. */
export interface LegRecord {
  readonly from: string;
  readonly to: string;
  readonly mode: Mode;
  readonly via: readonly string[];
  readonly distanceKm?: Figure;
  readonly durationH?: Figure;
  readonly note?: string;
}

export interface Leg {
  readonly from: string;
  readonly to: string;
  readonly mode: Mode;
  readonly distanceKm: Figure;
  /** Moving time only; border dwell and ferry waiting are separate timing facts. */
  readonly durationH: Figure;
  /** [lon, lat] points from the `from` location to the `to` location; rough, good to tens of km. */
  readonly route: readonly LonLat[];
  readonly note?: string;
}

export type CorridorStatus = 'operational' | 'planned';

export interface CorridorRecord {
  readonly id: string;
  readonly names: Names;
  readonly status: CorridorStatus;
  readonly statusSource: string;
  readonly legs: readonly LegRecord[];
  readonly facts?: readonly string[];
}

export interface Corridor extends Omit<CorridorRecord, 'legs'> {
  readonly legs: readonly Leg[];
  readonly distanceKm: number;
}

export interface TimingFact extends Provenance {
  readonly id: string;
  readonly description: string;
  readonly unit: 'h' | 'km/h' | 'd';
  readonly value: number;
  readonly min?: number;
  readonly max?: number;
  readonly mode?: Mode;
}
