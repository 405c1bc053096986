/**
 * Capture authorisation: which events of a capture the capturing organisation may capture (the
 * rules are in src/access/capture-rights.ts). Each event is linked, in document order, by the same
 * linker the shipment read model uses, against the shipments it could touch: it is refused when the
 * linker would find no basis for it (not at a place of the organisation's, not a registration, not
 * about a shipment the organisation stands in). The answer is the same whether or not the goods
 * are known to Karvon, so a refusal tells nothing about other organisations' shipments. Events
 * captured locally (imports, the simulator, the demo) and by the network operator are not checked.
 */
import type { Organisation } from '../model/access.js';
import { recorderOf } from '../access/visibility.js';
import type { ValidationIssue } from '../epcis/exceptions.js';
import type { EpcisEvent } from '../epcis/model.js';
import { eventFacts } from '../projections/event-facts.js';
import { ShipmentLinker } from '../projections/shipment-linker.js';
import { referenceData } from '../reference/index.js';
import type { Store } from '../store/store.js';
import { KarvonError } from '../errors.js';

/** Why an event was refused: one sentence for every case, so that it reveals nothing about the goods. */
function refusalMessage(organisation: Organisation): string {
  const where = organisation.kind === 'customs-authority' ? 'at a location in its country' : 'at a location it operates';
  return (
    `organisation '${organisation.id}' may not capture this event: it is not ${where}, ` +
    'it is not a registration of a shipment of its own, and it is not about a shipment the organisation sees'
  );
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
  const recorder = recorderOf(organisation);
  if (recorder.kind === 'trusted') return refused;
  const reference = referenceData();
  const all = events.map((event, index) => (skip.has(index) ? undefined : eventFacts(event, reference, { capturedBy: organisation.id, recorder })));
  const documents = new Set<string>();
  const units = new Set<string>();
  for (const facts of all) {
    for (const d of facts?.documents ?? []) documents.add(d.value);
    for (const u of facts?.units ?? []) units.add(u);
  }
  // A dry run of the read model's linker: accepted events are linked, so that a registration opens
  // the shipment the events after it in the same capture are about.
  const linker = new ShipmentLinker({ entries: await store.shipments.linkCandidates([...documents], [...units]) });
  all.forEach((facts, index) => {
    if (!facts) return;
    if (linker.basisOf(facts) === 'none') refused.set(index, [{ pointer: `${listPointer}/${index}`, message: refusalMessage(organisation) }]);
    else linker.link(facts);
  });
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
