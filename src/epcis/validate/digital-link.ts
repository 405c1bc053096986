/**
 * GS1 Digital Link URIs as EPCIS identifiers: any host (and any path prefix), then a primary key
 * Application Identifier with its value, then that key's qualifiers in their fixed order.
 * Values are checked for length, character set and (for the numeric keys) the GS1 check digit.
 */
import { aiValueLength, hasValidCheckDigit, isDigits } from './gs1-chars.js';

type ValueCheck = (value: string) => string | null;

function numericKey(name: string, lengths: readonly number[]): ValueCheck {
  const expected = lengths.join(', ');
  return (v) => {
    if (!isDigits(v) || !lengths.includes(v.length)) return `a ${name} must be ${expected} digits, got '${v}'`;
    if (!hasValidCheckDigit(v)) return `the check digit of ${name} ${v} is wrong`;
    return null;
  };
}

function text(name: string, max: number): ValueCheck {
  return (v) => {
    const length = aiValueLength(v);
    if (length < 1 || length > max) return `a ${name} must be 1 to ${max} GS1 characters, got '${v}'`;
    return null;
  };
}

function digits(name: string, max: number): ValueCheck {
  return (v) => (isDigits(v) && v.length <= max ? null : `a ${name} must be 1 to ${max} digits, got '${v}'`);
}

/** A fixed number of check-digit-verified digits, then an optional serial. */
function keyWithSerial(name: string, keyDigits: number, serial: ValueCheck | null): ValueCheck {
  return (v) => {
    const key = v.slice(0, keyDigits);
    if (!isDigits(key) || key.length !== keyDigits) return `a ${name} starts with ${keyDigits} digits, got '${v}'`;
    if (!hasValidCheckDigit(key)) return `the check digit of ${name} ${key} is wrong`;
    if (v.length > keyDigits) {
      if (!serial) return `a ${name} has exactly ${keyDigits} digits, got '${v}'`;
      return serial(v.slice(keyDigits));
    }
    return null;
  };
}

interface PrimaryKey {
  name: string;
  check: ValueCheck;
  /** Qualifier AIs in the order the Digital Link standard fixes. */
  qualifiers: readonly string[];
}

const CPID = /^(?:[0-9A-Z#/-]|%23|%2F)+$/;

const PRIMARY_KEYS: Record<string, PrimaryKey> = {
  '01': { name: 'GTIN', check: numericKey('GTIN', [8, 12, 13, 14]), qualifiers: ['22', '10', '21', '235'] },
  '00': { name: 'SSCC', check: numericKey('SSCC', [18]), qualifiers: [] },
  '414': { name: 'GLN', check: numericKey('GLN', [13]), qualifiers: ['254', '7040'] },
  '417': { name: 'party GLN', check: numericKey('party GLN', [13]), qualifiers: ['7040'] },
  '8003': { name: 'GRAI', check: keyWithSerial('GRAI', 14, text('GRAI serial', 16)), qualifiers: [] },
  '8004': { name: 'GIAI', check: text('GIAI', 30), qualifiers: [] },
  '8006': { name: 'ITIP', check: keyWithSerial('ITIP', 14, digits('ITIP piece/total', 4)), qualifiers: ['22', '10', '21'] },
  '8010': {
    name: 'CPID',
    check: (v) => (CPID.test(v) && v.length <= 34 ? null : `a CPID must be digits, capital letters, '#', '-' or '/', got '${v}'`),
    qualifiers: ['8011'],
  },
  '8013': { name: 'GMN', check: text('GMN', 25), qualifiers: [] },
  '8017': { name: 'GSRN-provider', check: numericKey('GSRN', [18]), qualifiers: ['8019'] },
  '8018': { name: 'GSRN', check: numericKey('GSRN', [18]), qualifiers: ['8019'] },
  '253': { name: 'GDTI', check: keyWithSerial('GDTI', 13, text('GDTI serial', 17)), qualifiers: [] },
  '255': { name: 'GCN', check: keyWithSerial('GCN', 13, digits('GCN serial', 12)), qualifiers: [] },
  '401': { name: 'GINC', check: text('GINC', 30), qualifiers: [] },
  '402': { name: 'GSIN', check: numericKey('GSIN', [17]), qualifiers: [] },
};

const QUALIFIERS: Record<string, ValueCheck> = {
  '22': text('consumer product variant', 20),
  '10': text('batch/lot number', 20),
  '21': text('serial number', 20),
  '235': text('third-party controlled serial', 28),
  '254': text('GLN extension', 20),
  '7040': text('GS1 UIC extension', 4),
  '8011': digits('CPID serial', 12),
  '8019': digits('service relation instance', 10),
};

/**
 * Why an http(s) URI that carries a GS1 primary key is not a valid Digital Link; null when valid;
 * undefined when the URI holds no primary key at all (then it is simply a private URI).
 */
export function digitalLinkProblem(value: string): string | null | undefined {
  const authority = value.indexOf('://');
  if (authority < 0) return undefined;
  const pathStart = value.indexOf('/', authority + 3);
  if (pathStart < 0) return undefined;
  let pathEnd = value.length;
  const query = value.indexOf('?', pathStart);
  if (query >= 0) pathEnd = query;
  const fragment = value.indexOf('#', pathStart);
  if (fragment >= 0 && fragment < pathEnd) pathEnd = fragment;
  // Most http(s) identifiers are not Digital Links: look for a primary key segment before splitting.
  let keyStart = -1;
  for (let at = pathStart + 1; at < pathEnd; ) {
    let slash = value.indexOf('/', at);
    if (slash < 0 || slash > pathEnd) slash = pathEnd;
    const length = slash - at;
    if (length >= 2 && length <= 4 && slash < pathEnd - 1 && Object.hasOwn(PRIMARY_KEYS, value.slice(at, slash)) && value.charCodeAt(slash + 1) !== 47) {
      keyStart = at;
      break;
    }
    at = slash + 1;
  }
  if (keyStart < 0) return undefined;
  const segments = value.slice(keyStart, pathEnd).split('/');
  const keyAt = 0;

  const key = PRIMARY_KEYS[segments[keyAt]!]!;
  const keyProblem = key.check(segments[keyAt + 1]!);
  if (keyProblem) return keyProblem;

  let nextQualifier = 0;
  let i = keyAt + 2;
  // A trailing slash leaves one empty segment, which is harmless.
  const end = segments[segments.length - 1] === '' ? segments.length - 1 : segments.length;
  while (i < end) {
    const ai = segments[i]!;
    const position = key.qualifiers.indexOf(ai, nextQualifier);
    if (position < 0) {
      const allowed = key.qualifiers.length ? `only ${key.qualifiers.join(', ')} in that order` : 'none';
      return `'${ai}' is not a qualifier of a ${key.name} here (qualifiers: ${allowed})`;
    }
    const qualifierValue = segments[i + 1];
    if (qualifierValue === undefined || qualifierValue === '') return `qualifier ${ai} has no value`;
    const problem = QUALIFIERS[ai]!(qualifierValue);
    if (problem) return problem;
    nextQualifier = position + 1;
    i += 2;
  }
  return null;
}
