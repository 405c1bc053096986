/**
 * Throwing forms of validation for the capture path: a ValidationException whose message summarises
 * the first problems and whose issues list carries them all (up to a cap, so a hostile document
 * cannot make the error itself huge).
 */
import { validationError, type ValidationIssue } from '../exceptions.js';
import type { EpcisDocument, EpcisEvent } from '../model.js';
import { validateDocument } from './document.js';
import { validateEvent } from './event.js';

/** How many issues an exception carries at most. */
export const MAX_REPORTED_ISSUES = 100;

function summary(what: string, issues: ValidationIssue[]): string {
  const first = issues[0]!;
  const where = first.pointer ? ` at ${first.pointer}` : '';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return `${what} is not valid EPCIS 2.0: ${first.message}${where}${more}`;
}

/** Throws a ValidationException when the event breaks any rule. */
export function assertValidEvent(event: EpcisEvent, pointer = ''): void {
  const issues = validateEvent(event, pointer);
  if (issues.length) throw validationError(summary('the event', issues), issues.slice(0, MAX_REPORTED_ISSUES));
}

/** Throws a ValidationException when the document or any of its events breaks a rule. */
export function assertValidDocument(doc: EpcisDocument): void {
  const issues = validateDocument(doc);
  if (issues.length) throw validationError(summary('the document', issues), issues.slice(0, MAX_REPORTED_ISSUES));
}
