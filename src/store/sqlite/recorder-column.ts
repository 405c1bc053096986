/**
 * `event.recorder_keys`: who recorded an event, as the visibility policy weighs it
 * (src/access/visibility.ts `Recorder`), fixed at capture time:
 * - '*' for the network operator; NULL with `captured_by` NULL for local captures: both trusted;
 * - a JSON array of the audience keys the capturing organisation answered to when it captured;
 * - NULL with `captured_by` set: an event stored before keys were recorded — no standing anywhere.
 */
import { TRUSTED, type Recorder } from '../../model/visibility-scope.js';

export function encodeRecorder(recorder: Recorder | undefined): string | null {
  if (recorder === undefined) return null;
  return recorder.kind === 'trusted' ? '*' : JSON.stringify(recorder.keys);
}

export function decodeRecorder(column: string | null, capturedBy: string | null): Recorder {
  if (column === '*' || (column === null && capturedBy === null)) return TRUSTED;
  const keys = column === null ? [] : (JSON.parse(column) as string[]);
  return { kind: 'organisation', organisationId: capturedBy ?? '', keys };
}
