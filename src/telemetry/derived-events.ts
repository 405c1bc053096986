// The EPCIS events the telemetry pipeline derives from a unit's positions, written under the Karvon
// profile (docs/epcis-profile.md, 4.5). Pure and deterministic: the same input gives the same event,
// so a replayed reading yields a duplicate by hash id that capture recognises, not a second event.
import type { BizTransaction, EpcisEvent, ExtensionValue, SensorReport } from '../epcis/model.js';
import {
  compactExtensionField,
  DERIVED_FROM_TELEMETRY,
  deviceIri,
  KARVON_NS,
  KARVON_PREFIX,
  localTime,
  MOVEMENT_STEP_EVENT,
  SEAL_CODE_MEANING,
  SEAL_STATUS_CODES,
  sealCodeIri,
  sealStatusDisposition,
  type ExtensionFieldName,
  type MovementStepKind,
} from '../domain/index.js';
import type { SealCode } from '../model/telemetry.js';
import type { LonLat } from '../reference/index.js';

/** Who a derived event is about: the device that reported, the units it is attached to, their shipment's documents. */
export interface DerivedSubject {
  readonly deviceId: string;
  /** The EPCs of the transport units the device is attached to (containerIri, wagonIri, vehicleIri). */
  readonly epcs: readonly string[];
  /** The documents of the shipment the units carry, so the event joins it (profile section 5). */
  readonly documents: readonly BizTransaction[];
  readonly corridor?: string;
}

export type PlaceKind = 'border-crossing' | 'port' | 'terminal' | 'user';

/** A unit entering or leaving a geofence. */
export interface PlacePassage {
  /** Fix time of the position that entered or left, epoch ms. */
  readonly at: number;
  readonly place: { readonly sgln: string; readonly kind: PlaceKind };
  /** The country the unit is in (at a border crossing: the side it stands on). */
  readonly country?: string;
  readonly lonLat: LonLat;
}

type Fields = Partial<Record<ExtensionFieldName, ExtensionValue | undefined>>;

interface Written {
  readonly at: number;
  readonly country: string | undefined;
  /** An SGLN, or the position as a geo: URI. */
  readonly readPoint: string;
  /** Only where the unit stands at a known place. */
  readonly bizLocation?: string;
  readonly disposition?: string;
  readonly fields?: Fields;
  readonly sensorElementList?: EpcisEvent['sensorElementList'];
}

/** A position as a `geo:` URI (RFC 5870) to 5 decimals, about a metre: a fix is no more precise. */
export function geoUri([lon, lat]: LonLat): string {
  return `geo:${lat.toFixed(5)},${lon.toFixed(5)}`;
}

/** Rounds distances so that floating-point noise in a recomputation does not change the event's hash. */
function roundKm(km: number): number {
  return Math.round(km * 10) / 10;
}

function build(step: MovementStepKind, s: DerivedSubject, w: Written): EpcisEvent {
  const shape = MOVEMENT_STEP_EVENT[step];
  const event: EpcisEvent = {
    '@context': { [KARVON_PREFIX]: KARVON_NS },
    type: shape.eventType,
    ...localTime(w.at, w.country),
    epcList: [...s.epcs],
    action: shape.action,
    bizStep: shape.bizStep,
  };
  const disposition = w.disposition ?? shape.disposition;
  if (disposition !== undefined) event.disposition = disposition;
  event.readPoint = { id: w.readPoint };
  if (w.bizLocation !== undefined) event.bizLocation = { id: w.bizLocation };
  if (s.documents.length > 0) event.bizTransactionList = s.documents.map((d) => ({ ...d }));
  if (w.sensorElementList) event.sensorElementList = w.sensorElementList;
  const fields: Fields = {
    movementStep: step,
    ...w.fields,
    country: w.country,
    corridor: s.corridor,
    device: s.deviceId,
    derived: DERIVED_FROM_TELEMETRY,
  };
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined) event[compactExtensionField(name as ExtensionFieldName)] = value;
  }
  return event;
}

function atPlace(p: PlacePassage): Pick<Written, 'at' | 'country' | 'readPoint' | 'bizLocation'> {
  return { at: p.at, country: p.country, readPoint: p.place.sgln, bizLocation: p.place.sgln };
}

/**
 * The unit entered a geofence: at a border crossing or port this is the profile's arrived-at-border
 * (the shipment shows "at the border"), at a terminal or a user's place arrived-at-place.
 */
export function placeArrivalEvent(s: DerivedSubject, p: PlacePassage): EpcisEvent {
  const step = p.place.kind === 'border-crossing' || p.place.kind === 'port' ? 'arrived-at-border' : 'arrived-at-place';
  return build(step, s, atPlace(p));
}

/** The unit left a geofence (any kind): clears the shipment's current location, never its departure. */
export function placeDepartureEvent(s: DerivedSubject, p: PlacePassage): EpcisEvent {
  return build('left-place', s, atPlace(p));
}

/** The unit's country changed: read at the crossing when it is inside one, else where the position was. */
export function borderCrossingEvent(s: DerivedSubject, p: { at: number; from: string; to: string; placeSgln?: string; lonLat: LonLat }): EpcisEvent {
  const readPoint = p.placeSgln ?? geoUri(p.lonLat);
  return build('border-passed', s, { at: p.at, country: p.to, readPoint, ...(p.placeSgln ? { bizLocation: p.placeSgln } : {}) });
}

/** The unit is further from its corridor's route line than the threshold (50 km by default). */
export function routeDeviationEvent(s: DerivedSubject, p: { at: number; distanceKm: number; thresholdKm: number; lonLat: LonLat; country?: string }): EpcisEvent {
  return build('route-deviation', s, {
    at: p.at,
    country: p.country,
    readPoint: geoUri(p.lonLat),
    fields: { deviationKm: roundKm(p.distanceKm), thresholdKm: p.thresholdKm },
  });
}

/** The unit is back within the threshold of its route. */
export function routeRejoinedEvent(s: DerivedSubject, p: { at: number; lonLat: LonLat; country?: string; thresholdKm?: number }): EpcisEvent {
  return build('route-rejoined', s, { at: p.at, country: p.country, readPoint: geoUri(p.lonLat), fields: { thresholdKm: p.thresholdKm } });
}

/**
 * The device missed two reporting periods. eventTime is when the loss was declared; the read point
 * is the last position, fixed at lastFixTime.
 */
export function signalLostEvent(s: DerivedSubject, p: { at: number; lastFixTime: number; lonLat: LonLat; periodS: number; country?: string }): EpcisEvent {
  return build('signal-lost', s, {
    at: p.at,
    country: p.country,
    readPoint: geoUri(p.lonLat),
    fields: { lastFixTime: new Date(p.lastFixTime).toISOString(), reportingPeriodS: p.periodS },
  });
}

/** The device reports again after a loss, `gapS` seconds after its last fix before it. */
export function signalRecoveredEvent(s: DerivedSubject, p: { at: number; lonLat: LonLat; gapS: number; country?: string }): EpcisEvent {
  return build('signal-recovered', s, { at: p.at, country: p.country, readPoint: geoUri(p.lonLat), fields: { signalGapS: Math.round(p.gapS) } });
}

/** Codes in the order the seals number them, each once: the same status always writes the same event. */
function normalised(codes: readonly SealCode[]): SealCode[] {
  return SEAL_STATUS_CODES.filter((code) => codes.includes(code));
}

/**
 * One sensor report per code that is raised now or was raised before (booleanValue: raised or not),
 * so the event states both what happened and what cleared; a seal with nothing raised before or now
 * reports every code clear. The battery, when known, as a percentage (Dimensionless, UN/CEFACT P1).
 */
function sealReports(codes: readonly SealCode[], previous: readonly SealCode[], batteryPct: number | undefined): SensorReport[] {
  const named = normalised([...codes, ...previous]);
  const reported = named.length > 0 ? named : [...SEAL_STATUS_CODES];
  const reports: SensorReport[] = reported.map((code) => ({
    exception: SEAL_CODE_MEANING[code].alert,
    uriValue: sealCodeIri(code),
    booleanValue: codes.includes(code),
  }));
  if (batteryPct !== undefined) reports.push({ type: 'Dimensionless', value: Math.round(batteryPct), uom: 'P1' });
  return reports;
}

/**
 * The e-seal's status changed: an ObjectEvent with the seal's codes as sensor data and the
 * disposition they give the unit (container_open on a breach, see sealStatusDisposition).
 */
export function sealStatusEvent(
  s: DerivedSubject,
  p: { at: number; codes: readonly SealCode[]; previous: readonly SealCode[]; lonLat: LonLat; country?: string; batteryPct?: number },
): EpcisEvent {
  const codes = normalised(p.codes);
  const previous = normalised(p.previous);
  const { eventTime } = localTime(p.at, p.country);
  return build('seal-status', s, {
    at: p.at,
    country: p.country,
    readPoint: geoUri(p.lonLat),
    disposition: sealStatusDisposition(codes, previous),
    sensorElementList: [{ sensorMetadata: { time: eventTime, deviceID: deviceIri(s.deviceId) }, sensorReport: sealReports(codes, previous, p.batteryPct) }],
  });
}
