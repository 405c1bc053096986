/** Records, changes and a store wrapper shared by the shipment read-model suites. */
import type { ShipmentLinkEntry, ShipmentRecord, ShipmentView, ShipmentViewChange } from '../../src/store/store.js';
import { HOUR } from './corridor-events.js';

export { withStore } from './with-store.js';

export const T0 = Date.parse('2025-03-01T00:00:00Z');

/** A record for key `key` whose terms all derive from `id` unless given; its link entry carries its audience. */
export function record(
  key: string,
  id: string,
  extra: Partial<Omit<ShipmentRecord, 'link'>> & { link?: Omit<ShipmentLinkEntry, 'audience'> & { audience?: string[] } } = {},
): ShipmentRecord {
  const made = {
    key,
    id,
    status: 'in_transit',
    firstEventTime: T0,
    lastEventTime: T0 + HOUR,
    countries: ['KZ'],
    upcomingStops: [],
    lookupTerms: [`BOL-${id}`],
    searchTerms: [id],
    openHolds: 0,
    eventCount: 1,
    state: { id, note: `state of ${key}` },
    audience: [`org:owner-of-${id}`],
    link: { key, documents: [[`urn:bol:${id}`, 'bill-of-lading']], units: [`unit-${id}`], first: T0 } as Omit<ShipmentLinkEntry, 'audience'> & { audience?: string[] },
    ...extra,
  };
  return { ...made, link: { ...made.link, audience: made.link.audience ?? made.audience } };
}

export function change(parts: Partial<ShipmentViewChange> & { position?: number; keyCounter?: number }): ShipmentViewChange {
  // Without `from` a commit is unconditional; tests of the conflict rule pass one.
  return {
    upserts: parts.upserts ?? [],
    events: parts.events ?? [],
    merged: parts.merged ?? [],
    checkpoint: parts.checkpoint ?? { position: parts.position ?? 1, keyCounter: parts.keyCounter ?? 1 },
    ...(parts.from !== undefined ? { from: parts.from } : {}),
  };
}

export const keys = (views: (ShipmentView | undefined)[]): (string | undefined)[] => views.map((v) => v?.key);
