// How a folded shipment becomes a row of the persisted read model: the snapshot the API shows, the
// columns lists filter on, the terms it is found by, and the samples ETA statistics learn from.
import type { ShipmentLinkEntry, ShipmentRecord } from '../store/store.js';
import type { ReferenceData } from '../reference/index.js';
import { samplesOf } from './corridor-statistics.js';
import { unitLabel } from './fold-shipment.js';
import { registrationOf } from './registered-itinerary.js';
import type { ShipmentSnapshot, ShipmentState } from './shipment-state.js';
import { upcomingStops, type UpcomingStop } from './upcoming-stops.js';

/** Spaces out, upper case: "msku 123456-5" and "MSKU1234565" are the same number to a person. */
export function squash(text: string): string {
  return text.replace(/[\s-]+/g, '').toUpperCase();
}

/** Epoch ms of an ISO time; undefined when absent or unreadable. */
export function epochOf(time: string | undefined): number | undefined {
  const t = time ? Date.parse(time) : NaN;
  return Number.isNaN(t) ? undefined : t;
}

function unique(values: Iterable<string>): string[] {
  return [...new Set([...values].filter((v) => v.length > 0))];
}

/** The state without its events, plus the registration it came with. */
export function snapshotOf(state: ShipmentState): ShipmentSnapshot {
  const { events, ...rest } = state;
  const registration = registrationOf({ events });
  return registration === undefined ? rest : { ...rest, registration };
}

/**
 * What a person may type to open one shipment: any document as written or squashed, any unit id or
 * its number (MSKU1234565 for a container IRI). Searching by part of a number is `searchTermsOf`.
 * Terms of numbers the shipment holds only privately (learnt while another shipment held them,
 * src/projections/shipment-linker.ts) are kept apart: a lookup prefers the shipment that holds the
 * number as its own, so nobody can hide someone's shipment behind a registration of its number.
 */
export function lookupTermsOf(state: Pick<ShipmentState, 'documents' | 'transportUnits'>, privateValues: ReadonlySet<string> = new Set()): { own: string[]; learnt: string[] } {
  const termsOf = (own: boolean) => [
    ...state.documents.filter((d) => privateValues.has(d.value) !== own).flatMap((d) => [d.value, d.number, squash(d.number)]),
    ...state.transportUnits.filter((u) => privateValues.has(u) !== own).flatMap((u) => [u, squash(unitLabel(u))]),
  ];
  const own = unique(termsOf(true));
  const held = new Set(own);
  return { own, learnt: unique(termsOf(false)).filter((term) => !held.has(term)) };
}

/** Texts a partial number is looked for in, squashed. */
export function searchTermsOf(state: Pick<ShipmentState, 'id' | 'documents' | 'transportUnits' | 'carriers'>): string[] {
  return unique(
    [state.id, ...state.documents.flatMap((d) => [d.number, d.value]), ...state.transportUnits, ...state.transportUnits.map(unitLabel), ...state.carriers].map(squash),
  );
}

/** The document values and units a shipment holds only privately. */
export function privateValuesOf(link: ShipmentLinkEntry): Set<string> {
  return new Set([...(link.privateDocuments ?? []).map(([value]) => value), ...(link.privateUnits ?? [])]);
}

/**
 * Whether a shipment's id comes from a number it holds only privately (learnt while another
 * shipment held it, src/projections/shipment-linker.ts). Two shipments may then share an id; a
 * lookup by it prefers the one holding the number as its own. The id itself is not changed: a
 * registrant must not learn from its shipment's id that someone else uses the number.
 */
export function idIsLearnt(state: Pick<ShipmentState, 'id' | 'documents' | 'transportUnits'>, link: ShipmentLinkEntry): boolean {
  const privateValues = privateValuesOf(link);
  if (privateValues.size === 0) return false;
  const fromDocument = state.documents[0];
  const source = fromDocument && state.id === `${fromDocument.kind}:${fromDocument.number}` ? fromDocument.value : state.transportUnits[0];
  return source !== undefined && privateValues.has(source);
}

function lookupFields(terms: { own: string[]; learnt: string[] }): Pick<ShipmentRecord, 'lookupTerms' | 'learntLookupTerms'> {
  return { lookupTerms: terms.own, ...(terms.learnt.length > 0 ? { learntLookupTerms: terms.learnt } : {}) };
}

function upcomingFields(stops: readonly UpcomingStop[]): Pick<ShipmentRecord, 'upcomingStops' | 'expectedArrivals'> {
  return { upcomingStops: stops.map((s) => s.locationId), ...(stops.length > 0 ? { expectedArrivals: Object.fromEntries(stops.map((s) => [s.locationId, s.expected])) } : {}) };
}

function currentFields(state: ShipmentState): Pick<ShipmentRecord, 'currentLocation' | 'currentSince' | 'currentCountry'> {
  const current = state.current;
  const since = epochOf(current?.since);
  return {
    ...(current?.locationId !== undefined && since !== undefined ? { currentLocation: current.locationId, currentSince: since } : {}),
    ...(current?.country !== undefined ? { currentCountry: current.country } : {}),
  };
}

/** The read-model row of a folded shipment. */
export function shipmentRecord(key: string, state: ShipmentState, link: ShipmentLinkEntry, reference: ReferenceData): ShipmentRecord {
  const completed = state.status === 'delivered' || state.status === 'arrived' ? epochOf(state.deliveredAt ?? state.arrivedAt) : undefined;
  const first = epochOf(state.firstEventTime);
  const last = epochOf(state.lastEventTime);
  return {
    key,
    id: state.id,
    ...(idIsLearnt(state, link) ? { idLearnt: true } : {}),
    status: state.status,
    ...(state.corridor ? { corridor: state.corridor } : {}),
    ...(state.mode ? { mode: state.mode } : {}),
    ...(first !== undefined ? { firstEventTime: first } : {}),
    ...(last !== undefined ? { lastEventTime: last } : {}),
    countries: [...state.countries],
    ...upcomingFields(upcomingStops(state, reference)),
    ...currentFields(state),
    ...lookupFields(lookupTermsOf(state, privateValuesOf(link))),
    searchTerms: searchTermsOf(state),
    openHolds: state.holds.filter((h) => h.state === 'open').length,
    eventCount: state.events.length,
    ...(completed !== undefined ? { completedAt: completed, samples: Object.fromEntries(samplesOf(state, reference)) } : {}),
    state: snapshotOf(state) as unknown as Record<string, unknown>,
    // Grown event by event by the linker (src/access/audience.ts), in the order events were stored.
    audience: link.audience,
    link,
  };
}
