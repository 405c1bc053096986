// The visibility policy's vocabulary, shared by the store (which indexes and filters by it) and the
// access feature (which decides by it): audience keys, read scopes, and who recorded an event.
//
// A shipment carries the keys of everyone who may see it; a caller has the keys it answers to; a
// shared key means visible. Keys:
//   `org:<id>`        an organisation (the registrant of a shipment)
//   `party:<id>`      a party id (PGLN/GLN) an organisation answers to
//   `customs:<CC>`    the customs authority of a country
//   `location:<id>`   the organisations operating a reference location (port, terminal, crossing)
// How a shipment's audience is built from its events is the policy proper: src/access/audience.ts;
// who gets which scope is src/access/visibility.ts. Stores index shipments by their keys, so every
// read path (EPCIS queries, the tracking API, search, exports) filters in the database with the
// same rule.
import { toDigitalLink } from '../epcis/identifiers/index.js';
import type { Organisation } from './access.js';

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
