/**
 * The steps of the capture pipeline, in the order they run (CAPTURE_STEPS). Each step is small and
 * does one thing to the batch; the order is the design, so it is written down in one place.
 */
import { validationError } from '../epcis/exceptions.js';
import { refusalError, refusedEvents } from './authorise-events.js';
import { recorderOf } from '../access/visibility.js';
import { eventHashId } from '../epcis/hash/index.js';
import { DEFAULT_MAX_CLOCK_SKEW_MS } from '../epcis/validate/index.js';
import { checkCapturedEvent } from './event-checks.js';
import type { EventBus } from '../bus/event-bus.js';
import { EventIDTaken, type EventIDConflict, type InsertOutcome, type Store } from '../store/store.js';
import { conflictIssues, eventIDTakenError } from './event-id-conflicts.js';
import type { CaptureAuditor } from '../model/governance.js';
import { rejectionIssues, type CaptureBatch } from './capture-batch.js';
import { documentItems, eventsTooLarge } from './list-items.js';

export interface CaptureDeps {
  store: Store;
  bus: EventBus;
  now: () => Date;
  /** Writes each batch's audit entry in the transaction that stores its events. */
  audit: CaptureAuditor;
  /**
   * Resolves once the shipment read model holds everything captured so far. Authorisation reads
   * who sees which shipment there: without waiting, an organisation's second capture about a new
   * shipment could be judged before its first one was folded.
   */
  readModelCurrent?: () => Promise<void>;
  /** How far an eventTime may lie after its recordTime (KARVON_CAPTURE_MAX_CLOCK_SKEW); 15 minutes if absent. */
  maxClockSkewMs?: number;
}

export type CaptureStep = (batch: CaptureBatch, deps: CaptureDeps) => void | Promise<void>;

/**
 * Refuses events with more list items than the capture allows, before any other step spends time
 * on them: under `rollback` the capture (413), under `proceed` only those events.
 */
export const refuseOversizedEvents: CaptureStep = (batch) => {
  if (batch.itemLimitPerEvent === undefined) return;
  const { oversized } = documentItems({ events: batch.events }, batch.itemLimitPerEvent, batch.listPointer);
  if (oversized.size === 0) return;
  if (batch.errorBehaviour === 'rollback') throw eventsTooLarge(oversized, batch.events.length, batch.itemLimitPerEvent);
  for (const [index, issues] of oversized) batch.rejected.set(index, issues);
};

/**
 * Checks every event (src/capture/event-checks.ts); refused events are recorded, not thrown, and the
 * warnings of the others are kept for the capture's result. A batch validated at submission is not
 * checked again: its warnings came with it.
 */
export const validateEvents: CaptureStep = (batch, { now, maxClockSkewMs }) => {
  if (batch.validated) return;
  const options = { recordTime: now(), maxClockSkewMs: maxClockSkewMs ?? DEFAULT_MAX_CLOCK_SKEW_MS };
  batch.events.forEach((event, index) => {
    if (batch.rejected.has(index)) return;
    const { errors, warnings } = checkCapturedEvent(event, `${batch.listPointer}/${index}`, options);
    if (errors.length > 0) batch.rejected.set(index, errors);
    else for (const warning of warnings) batch.warnings.push(warning);
  });
};

/**
 * Refuses the events the capturing organisation may not capture (src/access/capture-rights.ts).
 * Under `rollback` any refusal refuses the whole capture with 403 and every refused event's pointer;
 * under `proceed` refused events are rejected with their reason, like invalid ones. Invalid events
 * are not looked at (under rollback they refuse the capture with 400 anyway).
 */
export const authoriseEvents: CaptureStep = async (batch, { store, readModelCurrent }) => {
  if (!batch.capturer || batch.authorised) return;
  await readModelCurrent?.();
  const refused = await refusedEvents(batch.events, batch.capturer, store, batch.listPointer, new Set(batch.rejected.keys()));
  if (refused.size === 0) return;
  if (batch.errorBehaviour === 'rollback' && batch.rejected.size === 0) throw refusalError(refused, batch.events.length, batch.capturer);
  for (const [index, issues] of refused) batch.rejected.set(index, issues);
};

/** Gives each event its canonical hash ID, its eventID (the hash ID when it has none) and recordTime. */
export const assignIdentity: CaptureStep = (batch, { now }) => {
  const recordTime = now().toISOString();
  // Who records the events, with the keys the organisation answers to now: what its events may add
  // to a shipment's audience is judged from these (src/access/audience.ts), also after a rebuild.
  const recorder = recorderOf(batch.capturer);
  batch.prepared = [];
  batch.events.forEach((event, index) => {
    if (batch.rejected.has(index)) return;
    try {
      const hashID = eventHashId(event, { binding: batch.binding, ignoreFields: batch.ignoreFields });
      const stored = { ...event, eventID: event.eventID ?? hashID, recordTime };
      batch.prepared.push({
        index,
        row: { event: stored, hashID, captureJobID: batch.captureJobID, ...(batch.capturer ? { capturedBy: batch.capturer.id, recorder } : {}) },
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      batch.rejected.set(index, [{ pointer: `${batch.listPointer}/${index}`, message: `cannot compute the event hash ID: ${message}` }]);
    }
  });
};

/**
 * The very same event twice in one capture (same eventID, same content) is stored once: later copies
 * count as duplicates. An error declaration shares eventID and hash ID with the event it declares
 * erroneous, yet is a second record, so declarations are told apart from plain events. Same content
 * under another eventID, or another content under the same eventID, is judged by the store like
 * against any stored event (a content duplicate kept as an alias, or a conflict).
 */
export const dropRepeatsWithinBatch: CaptureStep = (batch) => {
  const seen = new Set<string>();
  batch.prepared = batch.prepared.filter(({ row }) => {
    const kind = row.event.errorDeclaration === undefined ? 'event' : 'declaration';
    const key = `${kind} ${row.hashID} ${row.event.eventID as string}`;
    if (seen.has(key)) {
      batch.duplicates.push(row.hashID);
      return false;
    }
    seen.add(key);
    return true;
  });
};

/** Under `rollback`, one refused event refuses the whole capture before anything is written. */
export const enforceErrorBehaviour: CaptureStep = (batch) => {
  if (batch.errorBehaviour === 'rollback' && batch.rejected.size > 0) {
    const issues = rejectionIssues(batch);
    throw validationError(
      `${batch.rejected.size} of ${batch.events.length} events are not valid; nothing was captured (GS1-Capture-Error-Behaviour: rollback)`,
      issues.slice(0, 100),
    );
  }
};

/**
 * Writes master data and events; the event insert is one transaction, and the batch's audit entry
 * is appended in it (a resumed job also logs the events it had stored without an entry). An event
 * whose eventID names another stored event (event-id-conflicts.ts) refuses the whole capture under
 * `rollback` (409, the transaction rolled back) and only itself under `proceed`. Content duplicates
 * are reported with the eventID sent and the hash ID they are stored under.
 */
export const persist: CaptureStep = async (batch, { store, audit }) => {
  if (batch.prepared.length === 0) {
    if (batch.vocabularies.length > 0) await store.masterData.upsert(batch.vocabularies);
    return;
  }
  const entry = audit.captureEntry({
    binding: batch.binding,
    ...(batch.capturer ? { capturedBy: batch.capturer.id } : {}),
    ...(batch.captureJobID !== undefined ? { captureJobID: batch.captureJobID } : {}),
  });
  const rows = batch.prepared.map(({ row }) => row);
  const context = { listPointer: batch.listPointer, capturer: batch.capturer, store };
  const indexOf = (conflict: EventIDConflict) => batch.prepared[conflict.index]!.index;
  let outcome: InsertOutcome;
  try {
    outcome = await store.events.insert(rows, entry, { conflicts: batch.errorBehaviour === 'rollback' ? 'abort' : 'skip' });
  } catch (error) {
    if (!(error instanceof EventIDTaken)) throw error;
    throw eventIDTakenError(await conflictIssues(error.conflicts, indexOf, context), batch.events.length);
  }
  // Master data after the events: a capture refused as a whole leaves none of it behind.
  if (batch.vocabularies.length > 0) await store.masterData.upsert(batch.vocabularies);
  for (const [index, issues] of await conflictIssues(outcome.conflicts, indexOf, context)) batch.rejected.set(index, issues);
  batch.duplicates.push(...outcome.duplicates);
  batch.contentDuplicates.push(...outcome.aliased.map(({ eventID, hashID }) => ({ eventID, hashID })));
  batch.stored = outcome.insertedAt.map((i) => rows[i]!);
};

/** Tells the rest of Karvon about the new events, after they are durable. */
export const publish: CaptureStep = (batch, { bus }) => {
  if (batch.stored.length === 0) return;
  bus.publish('epcis.captured', {
    events: batch.stored.map((s) => s.event),
    hashIDs: batch.stored.map((s) => s.hashID),
    ...(batch.captureJobID ? { captureJobID: batch.captureJobID } : {}),
    ...(batch.capturer ? { capturedBy: batch.capturer.id } : {}),
  });
};

/** The capture pipeline, in order. */
export const CAPTURE_STEPS: readonly CaptureStep[] = [
  refuseOversizedEvents,
  validateEvents,
  authoriseEvents,
  assignIdentity,
  dropRepeatsWithinBatch,
  enforceErrorBehaviour,
  persist,
  publish,
];
