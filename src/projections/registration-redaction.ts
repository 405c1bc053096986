// The raw registration and amendment events carry the whole registration in `krv:registration`
// (docs/epcis-profile.md, 4.4). Whenever events are returned to a reader (a shipment's events, the
// EPCIS query interface, one event by its eventID), such an event is cut to the reader's share of the
// pre-arrival information, exactly as the shipment detail's `preArrival` is
// (src/access/pre-arrival-access.ts decides the share, src/access/pre-arrival-view.ts makes the cut):
// `full` leaves it whole, `handling` replaces the field by the handling view (units with seals,
// totals), `none` removes it. EPCIS 2.0 lets an implementation omit the parts of an event a requester
// is not authorised to see; the eventID (the hash of the event as captured) stays as stored.
//
// The share comes from the audiences of the shipments the event belongs to, never from the request.
// The organisation that captured the event gets it whole (it wrote it), and so do the network
// operator (`all`) and the trusted local paths, which pass no scope (export, rebuild, the fold
// itself: the fold always reads the whole registration). Only events carrying `krv:registration`
// (rare) cost a look-up, one per page; other pages are returned as they are.
import { preArrivalAccess, type PreArrivalAccess } from '../access/pre-arrival-access.js';
import { preArrivalView } from '../access/pre-arrival-view.js';
import type { EpcisEvent } from '../epcis/model.js';
import type { ReadScope } from '../model/visibility-scope.js';
import type { Store } from '../store/store.js';
import { karvonFieldKeys } from './karvon-field.js';

/** An event as read from the store: its place there and who captured it. */
export interface EventRead {
  event: EpcisEvent;
  sequence?: number;
  capturedBy?: string;
}

/** `event` with its registration cut to `access`: the same object when full or when it carries none. */
export function cutRegistration(event: EpcisEvent, access: PreArrivalAccess): EpcisEvent {
  if (access === 'full') return event;
  const names = karvonFieldKeys(event, 'registration');
  if (names.length === 0) return event;
  const cut: EpcisEvent = { ...event };
  for (const name of names) {
    const view = preArrivalView(event[name], access);
    if (view === undefined) delete cut[name];
    else cut[name] = view as unknown as EpcisEvent[string];
  }
  return cut;
}

/** The events as `scope` may read them: each registration cut to the reader's pre-arrival access. */
export async function eventsForReader(store: Pick<Store, 'shipments'>, scope: ReadScope | undefined, read: readonly EventRead[]): Promise<EpcisEvent[]> {
  const events = read.map((r) => r.event);
  if (scope === undefined || scope.kind === 'all') return events;
  const organisationId = scope.kind === 'audience' ? scope.organisationId : undefined;
  const toCut = read.flatMap((r, index) =>
    r.capturedBy !== undefined && r.capturedBy === organisationId ? [] : karvonFieldKeys(r.event, 'registration').length > 0 ? [index] : []);
  if (toCut.length === 0) return events;
  const sequences = toCut.flatMap((index) => (read[index]!.sequence !== undefined ? [read[index]!.sequence!] : []));
  const audiences = await store.shipments.eventAudiences(sequences);
  for (const index of toCut) {
    const sequence = read[index]!.sequence;
    // An event of no shipment (or of unknown place) is cut to nothing: its reader sees it only as its capturer.
    const audience = sequence === undefined ? [] : (audiences.get(sequence) ?? []);
    events[index] = cutRegistration(events[index]!, preArrivalAccess(scope, audience));
  }
  return events;
}
