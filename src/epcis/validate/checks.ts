/**
 * Small typed checks shared by the event validators. Each one appends at most one issue and returns
 * whether the value passed, so callers can skip deeper checks of a value already known to be wrong.
 */
import type { ValidationIssue } from '../exceptions.js';
import type { VocabularyKind } from '../vocabulary.js';
import { vocabularyProblem } from './cbv.js';
import type { EpcLevel } from './epc-urn.js';
import { identifierProblem } from './identifier.js';
import { dateTimeProblem } from './time.js';
import { schemeLength, uriProblem } from './uri.js';

export type Issues = ValidationIssue[];

const TILDE = /~/g;
const SLASH = /\//g;

/** A JSON pointer reference token for a key ("~" and "/" escaped as RFC 6901 says). */
export function pointerToken(key: string): string {
  if (key.indexOf('~') < 0 && key.indexOf('/') < 0) return key;
  return key.replace(TILDE, '~0').replace(SLASH, '~1');
}

/** The JSON type name of a value, for messages ("array", "null", "object", "string", ...). */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Short, safe rendering of a bad value for a message. */
export function shown(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 120 ? `${value.slice(0, 117)}...` : value}'`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return `a ${jsonType(value)}`;
}

/** Whether a key is a user extension: "prefix:local" or an absolute IRI. */
export function isExtensionKey(key: string): boolean {
  return schemeLength(key) > 0;
}

/** Whether a value is a JSON object (not null, not an array). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reports a value that is not a JSON object. */
export function checkObject(issues: Issues, pointer: string, label: string, value: unknown): value is Record<string, unknown> {
  if (isPlainObject(value)) return true;
  issues.push({ pointer, message: `${label} must be an object, got ${shown(value)}` });
  return false;
}

/** Reports a value that is not an array. */
export function checkArray(issues: Issues, pointer: string, label: string, value: unknown): value is unknown[] {
  if (Array.isArray(value)) return true;
  issues.push({ pointer, message: `${label} must be an array, got ${shown(value)}` });
  return false;
}

/** Reports a value that is not a string. */
export function checkString(issues: Issues, pointer: string, label: string, value: unknown): value is string {
  if (typeof value === 'string') return true;
  issues.push({ pointer, message: `${label} must be a string, got ${shown(value)}` });
  return false;
}

/**
 * The longest identifier accepted (eventIDs, EPCs, classes, locations, parties, transactions,
 * vocabulary values, master data ids): they are indexed, and eventIDs and EPCs go into URLs
 * (a Location header, /epcis/events/{eventID}, /epcis/epcs/{epc}) that clients and servers
 * must be able to handle. Real identifiers are far shorter.
 */
export const MAX_IDENTIFIER_LENGTH = 1024;

/** Reports an identifier longer than MAX_IDENTIFIER_LENGTH; checked first, before reading a huge value. */
export function checkIdentifierLength(issues: Issues, pointer: string, label: string, value: string): boolean {
  if (value.length <= MAX_IDENTIFIER_LENGTH) return true;
  issues.push({ pointer, message: `${label} ${shown(value)} is ${value.length} characters long; at most ${MAX_IDENTIFIER_LENGTH} are accepted for an identifier` });
  return false;
}

/** Reports a value that is not an absolute URI. */
export function checkUri(issues: Issues, pointer: string, label: string, value: unknown): boolean {
  if (!checkString(issues, pointer, label, value)) return false;
  const problem = uriProblem(value);
  if (problem === null) return true;
  issues.push({ pointer, message: `${label} must be an absolute URI, got ${shown(value)}: ${problem}` });
  return false;
}

/** Reports a value that is not an absolute URI of at most MAX_IDENTIFIER_LENGTH characters (an eventID...). */
export function checkIdentifierUri(issues: Issues, pointer: string, label: string, value: unknown): boolean {
  if (!checkString(issues, pointer, label, value) || !checkIdentifierLength(issues, pointer, label, value)) return false;
  return checkUri(issues, pointer, label, value);
}

/**
 * Reports a value that is not an absolute URI, or is too long, as an error; an absolute URI that is not
 * a valid EPC URN or GS1 Digital Link (a bad check digit, a malformed key) only as a warning. The
 * EPCIS 2.0.1 schema asks for a URI and nothing more, and capture must take what a conforming GS1 tool
 * sends; the GS1-key finding is data quality the sender should hear about.
 */
export function checkIdentifier(issues: Issues, pointer: string, label: string, value: unknown, level: EpcLevel): boolean {
  if (!checkString(issues, pointer, label, value) || !checkIdentifierLength(issues, pointer, label, value)) return false;
  const problem = identifierProblem(value, level);
  if (problem === null) return true;
  const notUri = uriProblem(value);
  if (notUri !== null) {
    issues.push({ pointer, message: `${label} ${shown(value)} is not a valid identifier: ${notUri}` });
    return false;
  }
  issues.push({ pointer, message: `${label} ${shown(value)} is not a valid GS1 identifier (accepted as a URI): ${problem}`, severity: 'warning' });
  return true;
}

/** Reports a value that is not a date-time with a time zone. */
export function checkDateTime(issues: Issues, pointer: string, label: string, value: unknown): boolean {
  if (!checkString(issues, pointer, label, value)) return false;
  const problem = dateTimeProblem(value);
  if (problem === null) return true;
  issues.push({ pointer, message: `${label} ${shown(value)} is not a valid date-time: ${problem}` });
  return false;
}

/** Reports a value that is not a known CBV term, a CBV URI of one, or another URI (of an identifier's length). */
export function checkVocabulary(issues: Issues, pointer: string, label: string, kind: VocabularyKind, value: unknown): boolean {
  if (!checkString(issues, pointer, label, value) || !checkIdentifierLength(issues, pointer, label, value)) return false;
  const problem = vocabularyProblem(kind, value, label);
  if (problem === null) return true;
  if (isSchemaVocabularyUri(value)) {
    issues.push({ pointer, message: `${problem} (accepted as a private vocabulary URI)`, severity: 'warning' });
    return true;
  }
  issues.push({ pointer, message: problem });
  return false;
}

/**
 * Whether the 2.0.1 schema takes a vocabulary value as "another URI": an absolute URI outside the
 * reserved namespace as written (urn:epcglobal:cbv). A GS1 Web URI or a `cbv:` CURIE naming no CBV
 * term is such a URI: a warning, not a refusal.
 */
function isSchemaVocabularyUri(value: string): boolean {
  return uriProblem(value) === null && !value.startsWith('urn:epcglobal:cbv');
}

/** Reports a value that is not a finite number. */
export function checkNumber(issues: Issues, pointer: string, label: string, value: unknown): value is number {
  if (typeof value === 'number' && Number.isFinite(value)) return true;
  issues.push({ pointer, message: `${label} must be a number, got ${shown(value)}` });
  return false;
}

const UOM = /^[A-Z0-9]{2,3}$/;

/** Reports a value that is not a UN/CEFACT unit code. */
export function checkUom(issues: Issues, pointer: string, label: string, value: unknown): boolean {
  if (!checkString(issues, pointer, label, value)) return false;
  if (UOM.test(value)) return true;
  issues.push({ pointer, message: `${label} must be a UN/CEFACT Rec. 20 unit code of 2 or 3 capital letters or digits (e.g. KGM), got ${shown(value)}` });
  return false;
}

/** Reports keys that are neither in `allowed` nor extensions. */
export function checkKeys(issues: Issues, pointer: string, owner: string, value: Record<string, unknown>, allowed: ReadonlySet<string>, extensions: boolean): void {
  for (const key in value) {
    if (allowed.has(key) || (extensions && isExtensionKey(key))) continue;
    if (value[key] === undefined) continue;
    const names = [...allowed].join(', ');
    const hint = extensions ? '; user extensions need a namespace prefix ("prefix:local") or an absolute IRI' : '';
    issues.push({ pointer: `${pointer}/${pointerToken(key)}`, message: `'${key}' is not a field of ${owner} (allowed: ${names})${hint}` });
  }
}

/** The items of a list field, and whether the list was written as its single item. */
export interface ListItems {
  items: readonly unknown[];
  single: boolean;
}

/**
 * A list field's items. JSON-LD lets a one-item list be written as the item itself (an official
 * simple-context example writes sourceList as one object), so a lone object or string counts as a
 * one-item list whose item sits at the field's own pointer.
 */
export function checkList(issues: Issues, pointer: string, label: string, value: unknown): ListItems | undefined {
  if (Array.isArray(value)) return { items: value, single: false };
  if (typeof value === 'string' || isPlainObject(value)) return { items: [value], single: true };
  issues.push({ pointer, message: `${label} must be an array, got ${shown(value)}` });
  return undefined;
}

/** The pointer of item i of a list returned by checkList. */
export function itemPointer(pointer: string, list: ListItems, i: number): string {
  return list.single ? pointer : `${pointer}/${i}`;
}
