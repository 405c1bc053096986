/**
 * The state that flows through the capture pipeline: the events of one capture, what each step
 * learned about them, and the outcome.
 */
import type { Organisation } from '../model/access.js';
import type { ValidationIssue } from '../epcis/exceptions.js';
import type { EpcisEvent, Vocabulary } from '../epcis/model.js';
import type { CaptureErrorBehaviour, NewEvent } from '../store/store.js';
import type { Binding } from './decode.js';

export interface CaptureBatch {
  readonly binding: Binding;
  readonly errorBehaviour: CaptureErrorBehaviour;
  /** The events were validated before the batch was made (at submission); not again. */
  readonly validated: boolean;
  /** The capturer's rights were checked at submission (under rollback); not again. */
  readonly authorised: boolean;
  readonly captureJobID?: string;
  /**
   * The organisation capturing, in whose name every event is stored; its rights are checked by the
   * authoriseEvents step. Absent for local captures (imports, the simulator, the demo).
   */
  readonly capturer?: Organisation;
  /**
   * Most list items an event may have (captures over the API; src/capture/list-items.ts). Absent for
   * local captures (imports, the simulator, the demo), which are not limited.
   */
  readonly itemLimitPerEvent?: number;
  /** JSON pointer of the event list inside the document, for error locations. */
  readonly listPointer: string;
  /** Document-level extension fields the hash must ignore (reference-implementation extension). */
  readonly ignoreFields?: string[];
  /** Master data from the document header. */
  readonly vocabularies: Vocabulary[];
  readonly events: EpcisEvent[];
  /** Indexes of events refused by a step, with the reasons. */
  readonly rejected: Map<number, ValidationIssue[]>;
  /** Events ready to be stored, with their index in `events`. */
  prepared: { index: number; row: NewEvent }[];
  /** Filled by the persist step: the events that were new and are now durable. */
  stored: NewEvent[];
  duplicates: string[];
  /** Content stored already under another eventID: the eventID sent (now an alias) and the hash ID. */
  contentDuplicates: { eventID: string; hashID: string }[];
  /** Data-quality findings on events that are captured anyway (GS1 keys, CBV terms), in document order. */
  warnings: ValidationIssue[];
}

/** A flat list of every rejection, in document order. */
export function rejectionIssues(batch: CaptureBatch): ValidationIssue[] {
  return [...batch.rejected.entries()].sort(([a], [b]) => a - b).flatMap(([, issues]) => issues);
}
