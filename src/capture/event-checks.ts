/**
 * What capture checks in each event before storing it, in one place for every capture path (a
 * document's job, a rollback submission, POST /events): the standard's rules (errors, and GS1-key /
 * CBV data-quality warnings), Karvon's own identifier IRIs, and an eventTime not after the recordTime
 * beyond the allowed clock skew.
 */
import type { ValidationIssue } from '../epcis/exceptions.js';
import type { EpcisEvent } from '../epcis/model.js';
import { eventFindings, futureEventTimeProblem, type Findings } from '../epcis/validate/index.js';
import { profileIdentifierIssues } from '../domain/profile-identifiers.js';

export interface EventCheckOptions {
  /** When the event is recorded (capture time). */
  recordTime: Date;
  /** How far eventTime may lie after recordTime (KARVON_CAPTURE_MAX_CLOCK_SKEW). */
  maxClockSkewMs: number;
}

/** The errors (the event is refused) and warnings (it is captured, the sender is told) of one event. */
export function checkCapturedEvent(event: EpcisEvent, pointer: string, options: EventCheckOptions): Findings {
  const findings = eventFindings(event, pointer);
  for (const issue of captureRuleErrors(event, pointer, options)) findings.errors.push(issue);
  return findings;
}

/**
 * The errors of Karvon's capture rules beyond the standard's: its own identifier IRIs, and an
 * eventTime later than the recordTime by more than the clock skew.
 */
export function captureRuleErrors(event: EpcisEvent, pointer: string, options: EventCheckOptions): ValidationIssue[] {
  const record = event as unknown as Record<string, unknown>;
  const errors: ValidationIssue[] = profileIdentifierIssues(record, pointer);
  const future = futureEventTimeProblem(record.eventTime, options.recordTime, options.maxClockSkewMs);
  if (future !== null) {
    const named = typeof record.eventID === 'string' ? ` (eventID ${record.eventID})` : '';
    errors.push({ pointer: `${pointer}/eventTime`, message: `event at ${pointer || '/'}${named}: ${future}` });
  }
  return errors;
}

/**
 * The findings of every event of a list, in order: the errors refuse a whole capture under
 * rollback; the warnings go with the job, so that its pipeline need not check the events again.
 */
export function capturedEventFindings(events: readonly EpcisEvent[], listPointer: string, options: EventCheckOptions): Findings {
  const all: Findings = { errors: [], warnings: [] };
  events.forEach((event, index) => {
    const { errors, warnings } = checkCapturedEvent(event, `${listPointer}/${index}`, options);
    all.errors.push(...errors);
    all.warnings.push(...warnings);
  });
  return all;
}
