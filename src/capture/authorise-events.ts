/**
 * Capture authorisation: which events of a capture the capturing organisation may capture
 * (the rules are in src/access/capture-rights.ts). Events captured locally (imports, the simulator,
 * the demo) have no capturing organisation and are not checked.
 */
import { atOperatedLocation, capturesAnywhere, namesOrganisation, operatedSglns } from '../access/capture-rights.js';
import type { Organisation } from '../access/model.js';
import { canSeeShipment, readScopeOf } from '../access/visibility.js';
import type { ValidationIssue } from '../epcis/exceptions.js';
import type { EpcisEvent } from '../epcis/model.js';
import { eventFacts, type EventFacts } from '../projections/event-facts.js';
import { referenceData } from '../reference/index.js';
import type { Store } from '../store/store.js';
import { KarvonError } from '../errors.js';

/** The links of an event to shipments: its documents and transport units. */
function linksOf(facts: EventFacts): string[] {
  return [...facts.documents.map((d) => `d ${d.value}`), ...facts.units.map((u) => `u ${u}`)];
}

/**
 * The events (by index) `organisation` may not capture, each with the reason. `skip` holds indexes
 * already refused for another reason (invalid events): they are not looked at.
 */
export async function refusedEvents(
  events: readonly EpcisEvent[],
  organisation: Organisation,
  store: Pick<Store, 'shipments'>,
  listPointer: string,
  skip: ReadonlySet<number> = new Set(),
): Promise<Map<number, ValidationIssue[]>> {
  const refused = new Map<number, ValidationIssue[]>();
  if (capturesAnywhere(organisation)) return refused;
  const reference = referenceData();
  const operated = operatedSglns(organisation, (id) => reference.locations.get(id)?.sgln);
  const scope = readScopeOf({ via: 'api-key', organisation, scopes: ['read'] });

  // Every shipment the capture's events could link to, and whether the organisation sees it.
  const all = events.map((event, index) => (skip.has(index) ? undefined : eventFacts(event, reference)));
  const documents = [...new Set(all.flatMap((f) => f?.documents.map((d) => d.value) ?? []))];
  const units = [...new Set(all.flatMap((f) => f?.units ?? []))];
  const seen = new Set<string>();
  const unseen = new Set<string>();
  for (const entry of await store.shipments.linkCandidates(documents, units)) {
    const view = await store.shipments.byKey(entry.key);
    const links = [
      ...entry.documents.map(([value]) => `d ${value}`),
      // A container is reused once its shipment is delivered: it then links to a new shipment.
      ...(entry.delivered === undefined ? entry.units.map((unit) => `u ${unit}`) : []),
    ];
    for (const link of links) (view && canSeeShipment(scope, view.audience) ? seen : unseen).add(link);
  }

  const pending = new Map<number, EventFacts>();
  // Documents and units of the events already accepted in this capture: the shipment they belong
  // to will have this organisation among its capturers, so later events about it are its business.
  const accepted = new Set<string>(seen);
  all.forEach((facts, index) => {
    if (!facts) return;
    const event = events[index]!;
    const places = [event.readPoint?.id, event.bizLocation?.id].filter((p): p is string => typeof p === 'string');
    const atOwnPlace = atOperatedLocation(places, operated);
    // Naming oneself as a party opens new shipments only: an event about a shipment the
    // organisation does not see would otherwise make it a party, and show it a competitor's
    // goods. Handling the goods at a location it operates is different: that is its business.
    const aboutUnseen = linksOf(facts).some((link) => unseen.has(link) && !seen.has(link));
    if (atOwnPlace || (!aboutUnseen && namesOrganisation(facts.parties, organisation))) {
      for (const link of linksOf(facts)) accepted.add(link);
    } else {
      pending.set(index, facts);
    }
  });
  if (pending.size === 0) return refused;

  // Accepting an event may make another about the same shipment acceptable: repeat until stable.
  for (let changed = true; changed; ) {
    changed = false;
    for (const [index, facts] of pending) {
      const links = linksOf(facts);
      if (!links.some((link) => accepted.has(link))) continue;
      if (links.some((link) => unseen.has(link) && !seen.has(link))) continue;
      for (const link of links) accepted.add(link);
      pending.delete(index);
      changed = true;
    }
  }
  for (const index of pending.keys()) {
    refused.set(index, [
      {
        pointer: `${listPointer}/${index}`,
        message:
          `organisation '${organisation.id}' may not capture this event: it is not at a location the organisation operates, ` +
          'and it neither names the organisation as a party of a new shipment nor is about a shipment the organisation sees',
      },
    ]);
  }
  return refused;
}

/** The 403 of a capture refused under rollback: every refused event with its pointer and reason. */
export function refusalError(refused: ReadonlyMap<number, ValidationIssue[]>, eventCount: number, organisation: Organisation): KarvonError {
  const issues = [...refused.entries()].sort(([a], [b]) => a - b).flatMap(([, list]) => list);
  return new KarvonError(
    'KRV_FORBIDDEN',
    `${refused.size} of ${eventCount} events may not be captured by organisation '${organisation.id}'; nothing was captured`,
    issues.slice(0, 100),
  );
}
