// The visibility policy, in one place. A shipment (and every event folded into it) is visible to:
// the organisations that captured its events; the parties named on it (consignor, consignee,
// carrier, forwarder, declarant); the customs authority of every country on its itinerary or
// corridor or where it was observed; and the network operator. The secretariat and the council see
// aggregates only. An event no shipment claims is visible to the organisation that captured it.
//
// The policy is expressed as audience keys: a shipment carries the keys of everyone who may see it
// (`org:<id>`, `party:<id>`, `customs:<country>`), a principal has the keys it answers to, and it
// sees the shipment when the two share one. Stores index shipments by their keys, so every read path
// (EPCIS queries, the tracking API, search, exports) filters in the database with the same rule.
import { toDigitalLink } from '../epcis/identifiers/index.js';
import { isNetworkAdmin, seesAggregatesOnly, type Principal } from './model.js';

/** One spelling per party: a PGLN URN and its Digital Link (`/417/`) give the same key. */
export function partyKey(partyId: string): string {
  // A value that is neither an EPC URN nor a Digital Link (a bare GLN, a name) comes back as written.
  const normalised = toDigitalLink(partyId);
  return /^\d{13}$/.test(normalised) ? `party:https://id.gs1.org/417/${normalised}` : `party:${normalised}`;
}

export function organisationKey(organisationId: string): string {
  return `org:${organisationId}`;
}

export function customsKey(country: string): string {
  return `customs:${country.toUpperCase()}`;
}

/** What a shipment's audience is made of. */
export interface ShipmentAudienceInput {
  /** Organisations that captured any of its events. */
  readonly capturedBy: readonly string[];
  /** Party ids named on it (registration parties, source/destination parties). */
  readonly parties: readonly string[];
  /** Countries on its itinerary or corridor, and where it was observed (ISO 3166-1 alpha-2). */
  readonly countries: readonly string[];
}

export function shipmentAudience(input: ShipmentAudienceInput): string[] {
  return [
    ...new Set([
      ...input.capturedBy.map(organisationKey),
      ...input.parties.filter((p) => p.trim().length > 0).map(partyKey),
      ...input.countries.filter((c) => /^[A-Za-z]{2}$/.test(c)).map(customsKey),
    ]),
  ].sort();
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

export function readScopeOf(principal: Principal): ReadScope {
  if (isNetworkAdmin(principal)) return { kind: 'all' };
  if (seesAggregatesOnly(principal)) return { kind: 'aggregates' };
  const org = principal.organisation;
  const keys = [organisationKey(org.id), ...org.partyIds.map(partyKey)];
  if (org.kind === 'customs-authority' && org.country) keys.push(customsKey(org.country));
  return { kind: 'audience', organisationId: org.id, keys: [...new Set(keys)].sort() };
}

/** The policy itself, for one shipment: the stores apply the same rule in SQL. */
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
