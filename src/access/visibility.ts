// The visibility policy's vocabulary: audience keys, read scopes, and who recorded an event.
//
// A shipment carries the keys of everyone who may see it; a caller has the keys it answers to; a
// shared key means visible. Keys:
//   `org:<id>`        an organisation (the registrant of a shipment)
//   `party:<id>`      a party id (PGLN/GLN) an organisation answers to
//   `customs:<CC>`    the customs authority of a country
//   `location:<id>`   the organisations operating a reference location (port, terminal, crossing)
// How a shipment's audience is built from its events is the policy proper: src/access/audience.ts.
// Stores index shipments by their keys, so every read path (EPCIS queries, the tracking API,
// search, exports) filters in the database with the same rule.
import { toDigitalLink } from '../epcis/identifiers/index.js';
import { isNetworkAdmin, seesAggregatesOnly, type Organisation, type Principal } from './model.js';

/** One spelling per party: a PGLN URN and its Digital Link (`/417/`) give the same key. */
export function partyKey(partyId: string): string {
  // A value that is neither an EPC URN nor a Digital Link (a bare GLN, a name) comes back as written.
  const normalised = toDigitalLink(partyId.trim());
  return /^\d{13}$/.test(normalised) ? `party:https://id.gs1.org/417/${normalised}` : `party:${normalised}`;
}

export function organisationKey(organisationId: string): string {
  return `org:${organisationId}`;
}

export function customsKey(country: string): string {
  return `customs:${country.toUpperCase()}`;
}

export function locationKey(locationId: string): string {
  return `location:${locationId}`;
}

/**
 * What a principal may see of shipments and events:
 * - `all`: everything (the network operator);
 * - `aggregates`: statistics only (secretariat, council);
 * - `audience`: the shipments whose audience shares a key with `keys`, and the events it captured.
 */
export type ReadScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'aggregates' }
  | { readonly kind: 'audience'; readonly organisationId: string; readonly keys: readonly string[] };

/** Every key an organisation answers to: itself, its party ids, its country's customs (customs authorities), the locations it operates. */
export function keysOf(organisation: Pick<Organisation, 'id' | 'kind' | 'country' | 'partyIds' | 'locations'>): string[] {
  const keys = [organisationKey(organisation.id), ...organisation.partyIds.map(partyKey), ...organisation.locations.map(locationKey)];
  if (organisation.kind === 'customs-authority' && organisation.country) keys.push(customsKey(organisation.country));
  return [...new Set(keys)].sort();
}

export function readScopeOf(principal: Principal): ReadScope {
  if (isNetworkAdmin(principal)) return { kind: 'all' };
  if (seesAggregatesOnly(principal)) return { kind: 'aggregates' };
  return { kind: 'audience', organisationId: principal.organisation.id, keys: keysOf(principal.organisation) };
}

/** The policy for one shipment: the stores apply the same rule in SQL. */
export function canSeeShipment(scope: ReadScope, audience: readonly string[]): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'aggregates') return false;
  return scope.keys.some((key) => audience.includes(key));
}

/** The policy for one event: captured by the principal's organisation, or part of a visible shipment. */
export function canSeeEvent(scope: ReadScope, capturedBy: string | undefined, shipmentAudiences: readonly (readonly string[])[]): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'aggregates') return false;
  return capturedBy === scope.organisationId || shipmentAudiences.some((audience) => canSeeShipment(scope, audience));
}

/**
 * Who recorded an event, as the policy weighs it, fixed when the event is captured:
 * - `trusted`: the node itself (imports, the simulator, the demo) or the network operator;
 * - `organisation`: a member organisation with the keys it answered to at capture time. What an
 *   organisation's events may add to an audience depends on those keys (src/access/audience.ts);
 *   an event stored before keys were recorded carries none, and so has no standing anywhere.
 */
export type Recorder =
  | { readonly kind: 'trusted' }
  | { readonly kind: 'organisation'; readonly organisationId: string; readonly keys: readonly string[] };

export const TRUSTED: Recorder = { kind: 'trusted' };

/** The recorder of events captured by `organisation` now (absent: a local capture). */
export function recorderOf(organisation: Organisation | undefined): Recorder {
  if (!organisation || (organisation.kind === 'network-operator' && organisation.status === 'active')) return TRUSTED;
  return { kind: 'organisation', organisationId: organisation.id, keys: keysOf(organisation) };
}
