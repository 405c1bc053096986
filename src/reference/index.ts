// Shipped reference data for the corridors: countries, locations (border crossing points, ports,
// terminals) with geofences and minted GS1 identifiers, customs offices, corridors as legs with route
// lines, and timing facts. Pure: everything comes from the data modules, nothing is read at run time.
// Values marked `rough` are approximations; route lines are good to tens of km, not metres.
import { buildReferenceData, type ReferenceData } from './build.js';
import { distanceKm } from './geo.js';
import type { Corridor, Country, CustomsOffice, Location } from './types.js';

export type { ReferenceData } from './build.js';
export type * from './types.js';
export { distanceKm, distanceToLineKm, geofenceContains, lineLengthKm } from './geo.js';
export { KARVON_GS1_COMPANY_PREFIX, mintGln, mintSgln } from './gln.js';

let cached: ReferenceData | undefined;

/** The shipped reference data, built once on first use and frozen. */
export function referenceData(): ReferenceData {
  cached ??= buildReferenceData();
  return cached;
}

/** A location (BCP, port, terminal, city) by its Karvon id. */
export function locationById(id: string): Location | undefined {
  return referenceData().locations.get(id);
}

/** A location by its SGLN EPC URN, e.g. `urn:epc:id:sgln:4870001.00101.0`. */
export function locationBySgln(urn: string): Location | undefined {
  return typeof urn === 'string' ? referenceData().locationsBySgln.get(urn.trim()) : undefined;
}

/** Locations whose reference point lies within `radiusKm` of a point, nearest first. */
export function locationsNear(lon: number, lat: number, radiusKm: number): Location[] {
  if (![lon, lat, radiusKm].every(Number.isFinite) || radiusKm < 0) return [];
  return [...referenceData().locations.values()]
    .map((location) => ({ location, km: distanceKm(location, [lon, lat]) }))
    .filter((x) => x.km <= radiusKm)
    .sort((a, b) => a.km - b.km)
    .map((x) => x.location);
}

/** A corridor by its Karvon id. */
export function corridorById(id: string): Corridor | undefined {
  return referenceData().corridors.get(id);
}

/** Corridors with a leg that starts or ends at a location, e.g. every corridor through a border crossing point. */
export function corridorsThrough(locationId: string): Corridor[] {
  return [...referenceData().corridors.values()].filter((c) => c.legs.some((l) => l.from === locationId || l.to === locationId));
}

/** A country by its ISO 3166-1 alpha-2 code. */
export function countryByCode(alpha2: string): Country | undefined {
  return referenceData().countries.get(alpha2.toUpperCase());
}

/** The customs offices at a location (one per side for a shared border crossing point). */
export function customsOfficesAt(locationId: string): CustomsOffice[] {
  return [...referenceData().customsOffices.values()].filter((o) => o.locationId === locationId);
}
