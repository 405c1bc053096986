/**
 * An eventID names one event: an event sent under an eventID that a stored event of other content
 * holds (and that is no error declaration) is refused. What the refusal says depends on who asks:
 * the stored event's hash ID is named only to a capturer that may see that event (the same rule as
 * GET /epcis/events/{eventID}); to anyone else it says only that the eventID names another event,
 * which reveals nothing the sender could not learn by trying.
 */
import type { ValidationIssue } from '../epcis/exceptions.js';
import { organisationReadScope } from '../access/visibility.js';
import { KarvonError } from '../errors.js';
import type { Organisation } from '../model/access.js';
import type { EventIDConflict, Store } from '../store/store.js';

/** Whether `capturer` (absent: a local, trusted capture) may see the stored event a conflict names. */
async function maySee(conflict: EventIDConflict, capturer: Organisation | undefined, store: Store): Promise<boolean> {
  if (!capturer) return true;
  const scope = organisationReadScope(capturer);
  if (scope.kind === 'all') return true;
  if (scope.kind === 'aggregates') return false;
  if (conflict.stored.capturedBy === capturer.id) return true;
  const stored = await store.events.get(conflict.stored.hashID);
  const eventID = stored?.event.eventID;
  if (typeof eventID !== 'string') return false;
  const page = await store.events.query({ conditions: [{ kind: 'in', field: 'eventID', values: [eventID] }] }, { perPage: 1 }, scope);
  return page.events.length > 0;
}

/** The message of one conflict, told as much as the capturer may know. */
async function conflictMessage(conflict: EventIDConflict, capturer: Organisation | undefined, store: Store): Promise<string> {
  const named = (await maySee(conflict, capturer, store))
    ? `names another event already stored, with other content (hash ID ${conflict.stored.hashID})`
    : 'names another event already stored';
  return (
    `eventID '${conflict.eventID}' ${named}; an eventID names one event. ` +
    'Send other content under a new eventID, or declare the stored event erroneous (errorDeclaration with its eventID).'
  );
}

/** One issue per conflict, at the event's pointer (`indexOf` maps a conflict to its index in the document). */
export async function conflictIssues(
  conflicts: readonly EventIDConflict[],
  indexOf: (conflict: EventIDConflict) => number,
  context: { listPointer: string; capturer: Organisation | undefined; store: Store },
): Promise<Map<number, ValidationIssue[]>> {
  const issues = new Map<number, ValidationIssue[]>();
  for (const conflict of conflicts) {
    const index = indexOf(conflict);
    const message = await conflictMessage(conflict, context.capturer, context.store);
    issues.set(index, [{ pointer: `${context.listPointer}/${index}/eventID`, message }]);
  }
  return issues;
}

/** The refusal of a capture under rollback (or of POST /epcis/events) that holds conflicts: 409. */
export function eventIDTakenError(issues: Map<number, ValidationIssue[]>, total: number): KarvonError {
  const all = [...issues.entries()].sort(([a], [b]) => a - b).flatMap(([, list]) => list);
  const first = all[0]?.message ?? '';
  const message =
    total === 1
      ? `The event was not captured: its ${first}`
      : `${issues.size} of ${total} events were not captured because their eventID names another event; nothing was captured (GS1-Capture-Error-Behaviour: rollback). First: ${all[0]?.pointer ?? ''}: ${first}`;
  return new KarvonError('KRV_EVENT_ID_TAKEN', message, all.slice(0, 100));
}
