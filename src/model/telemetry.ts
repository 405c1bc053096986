// Devices and their readings as the store keeps them and the telemetry feature uses them: trackers
// and electronic seals, the transport units they are attached to over time, positions as a time
// series of their own (not EPCIS events), and each device's pipeline state. Pure types.

export const DEVICE_KINDS = ['tracker', 'e-seal'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** What a device can be attached to: the carriers of goods the EPCIS events name as EPCs or parents. */
export const UNIT_KINDS = ['container', 'wagon', 'truck', 'trailer'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/**
 * Status codes of the EAEU electronic navigation seals (EEC decisions; ../shared/reference/corridors.md):
 * 01 sealing element breached, 02 electronic unit case breached, 03 route deviation, 04 malfunction,
 * 05 battery below 15%, 06 reporting periods missed, 07 unauthorised action.
 */
export const SEAL_CODES = ['01', '02', '03', '04', '05', '06', '07'] as const;
export type SealCode = (typeof SEAL_CODES)[number];

export interface Device {
  /** Readable, stable id (letters, digits, `-`, `_`, `.`, `:`), unique in the network; the `id` OsmAnd clients send. */
  readonly id: string;
  readonly kind: DeviceKind;
  /** The organisation that owns the device: it sees the device's positions and its derived events are captured in its name. */
  readonly ownerId: string;
  /** Seconds between two reports when all is well; two missed periods mean the signal is lost. */
  readonly reportingPeriodS: number;
  readonly name?: string;
  readonly status: 'active' | 'retired';
  readonly createdAt: string;
}

/** A device as stored: with the SHA-256 of its credential (tokens.ts), never returned. */
export interface StoredDevice extends Device {
  readonly credentialHash?: string;
}

/** A device attached to a transport unit from `from` until `to` (absent: still attached). */
export interface Attachment {
  readonly deviceId: string;
  readonly unitKind: UnitKind;
  /** The unit as people write it: a container number (ISO 6346), wagon number, plate. */
  readonly unitId: string;
  /** The unit's identifier as EPCIS events carry it (containerIri, wagonIri, vehicleIri: src/domain). */
  readonly unitEpc: string;
  /** Epoch ms. */
  readonly from: number;
  readonly to?: number;
}

/** One reading of one device, after decoding; every time in epoch ms. */
export interface Position {
  readonly deviceId: string;
  /** When the position was fixed (GPS time): the time series' key with the device. */
  readonly fixTime: number;
  /** The device's clock when it sent the reading (its own time; equals fixTime when it sends none). */
  readonly deviceTime: number;
  /** When Karvon received it. */
  readonly serverTime: number;
  readonly lat: number;
  readonly lon: number;
  readonly speedKmh?: number;
  /** Degrees clockwise from north, 0..360. */
  readonly headingDeg?: number;
  readonly altitudeM?: number;
  readonly accuracyM?: number;
  /** Battery level, percent. */
  readonly batteryPct?: number;
  /** E-seal status codes reported with this reading (empty or absent: all well). */
  readonly sealCodes?: readonly SealCode[];
  /** Named attributes, the unit in the name (`batteryV`, `temperatureC`, `odometerKm`). */
  readonly attributes?: Readonly<Record<string, number | string | boolean>>;
}

/** A stored position: with its place in the positions log (the live feed and other followers tail it). */
export interface StoredPosition extends Position {
  readonly sequence: number;
}

/** A geofence a user defined (the reference data's places are built in). */
export interface UserGeofence {
  readonly id: string;
  readonly ownerId: string;
  readonly name: string;
  readonly geometry: { readonly kind: 'circle'; readonly center: readonly [number, number]; readonly radiusM: number } | { readonly kind: 'polygon'; readonly ring: readonly (readonly [number, number])[] };
  /** A SGLN this place is known by in events (readPoint and bizLocation of derived events), if any. */
  readonly sgln?: string;
  readonly createdAt: string;
}

/**
 * What the pipeline remembers of one device between readings (src/telemetry/): kept in the store so
 * a restart carries on where it stopped. Opaque JSON to the store apart from the device and fix time.
 */
export interface DeviceState {
  readonly deviceId: string;
  /** Fix time of the last reading the pipeline's state machines used (later ones only move them). */
  readonly lastFixTime: number;
  readonly state: Readonly<Record<string, unknown>>;
}
