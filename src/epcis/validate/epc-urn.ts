/**
 * The EPC pure-identity URN grammar of the GS1 EPC Tag Data Standard (urn:epc:id:*, urn:epc:class:lgtin,
 * urn:epc:idpat:*), checked component by component so that a message can say which part is wrong.
 */
import { isDigits, urnComponentLength } from './gs1-chars.js';

type Check = (parts: string[], pattern: boolean) => string | null;
interface Scheme {
  parts: number;
  check: Check;
}

const STAR = '*';

function companyPrefix(cp: string, scheme: string): string | null {
  if (!isDigits(cp) || cp.length < 6 || cp.length > 12) {
    return `the GS1 company prefix of a ${scheme} must be 6 to 12 digits, got '${cp}'`;
  }
  return null;
}

/** A company prefix followed by a numeric reference whose digits add up to a fixed count. */
function prefixAndReference(cp: string, ref: string, total: number, refName: string, scheme: string, pattern: boolean): string | null {
  if (pattern && cp === STAR) return null;
  const cpProblem = companyPrefix(cp, scheme);
  if (cpProblem) return cpProblem;
  if (pattern && ref === STAR) return null;
  if (ref.length > 0 && !isDigits(ref)) return `the ${refName} of a ${scheme} must be digits, got '${ref}'`;
  if (cp.length + ref.length !== total) {
    return `company prefix and ${refName} of a ${scheme} must have ${total} digits together, got ${cp.length + ref.length}`;
  }
  return null;
}

function serial(value: string, max: number, name: string, scheme: string, pattern: boolean): string | null {
  if (pattern && value === STAR) return null;
  const length = urnComponentLength(value);
  if (length < 1) return `the ${name} of a ${scheme} must be 1 to ${max} GS1 characters (percent-escape " % & / < > ?), got '${value}'`;
  if (length > max) return `the ${name} of a ${scheme} must be at most ${max} characters, got ${length}`;
  return null;
}

function numeric(value: string, min: number, max: number, name: string, scheme: string, pattern: boolean): string | null {
  if (pattern && value === STAR) return null;
  if (!isDigits(value) || value.length < min || value.length > max) {
    const size = min === max ? `${min}` : `${min} to ${max}`;
    return `the ${name} of a ${scheme} must be ${size} digits, got '${value}'`;
  }
  return null;
}

/** A company prefix and a reference of GS1 characters, both within one length limit. */
function prefixAndFreeReference(parts: string[], max: number, name: string, scheme: string, pattern: boolean): string | null {
  const [cp, ref] = parts as [string, string];
  if (pattern && cp === STAR) return null;
  const cpProblem = companyPrefix(cp, scheme);
  if (cpProblem) return cpProblem;
  if (pattern && ref === STAR) return null;
  const length = urnComponentLength(ref);
  if (length < 1) return `the ${name} of a ${scheme} must be GS1 characters (percent-escape " % & / < > ?), got '${ref}'`;
  if (cp.length + length > max) return `company prefix and ${name} of a ${scheme} must have at most ${max} characters together`;
  return null;
}

const PART_NUMBER = /^(?:[A-Z0-9-]|%2F)*$/;
const ADI_SERIAL = /^(?:[A-Z0-9-]|%23|%2F)+$/;
const CPI_REFERENCE = /^(?:[A-Z0-9-]|%23|%2F)+$/;
const CAGE = /^[A-Z0-9]{5,6}$/;
const BIC = /^[A-Z]{3}[UJZ][0-9]{7}$/;
const GID_NUMBER = /^(?:0|[1-9][0-9]*)$/;

// ISO 6346 letter values: 10 upwards, skipping multiples of 11.
const ISO6346_LETTER: Record<string, number> = {};
{
  let v = 10;
  for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
    if (v % 11 === 0) v++;
    ISO6346_LETTER[letter] = v++;
  }
}

/** Whether the 11th character of an ISO 6346 container code is its check digit. */
export function hasValidContainerCheckDigit(code: string): boolean {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const ch = code[i]!;
    const value = i < 4 ? ISO6346_LETTER[ch]! : ch.charCodeAt(0) - 48;
    sum += value * 2 ** i;
  }
  return (sum % 11) % 10 === code.charCodeAt(10) - 48;
}

const gtinLike = (scheme: string, third: string, max: number): Scheme => ({
  parts: 3,
  check: (p, pat) => prefixAndReference(p[0]!, p[1]!, 13, 'item reference', scheme, pat) ?? serial(p[2]!, max, third, scheme, pat),
});

const ID_SCHEMES: Record<string, Scheme> = {
  sgtin: gtinLike('sgtin', 'serial number', 20),
  sscc: { parts: 2, check: (p, pat) => prefixAndReference(p[0]!, p[1]!, 17, 'serial reference', 'sscc', pat) },
  sgln: {
    parts: 3,
    check: (p, pat) => prefixAndReference(p[0]!, p[1]!, 12, 'location reference', 'sgln', pat) ?? serial(p[2]!, 20, 'extension', 'sgln', pat),
  },
  grai: {
    parts: 3,
    check: (p, pat) => prefixAndReference(p[0]!, p[1]!, 12, 'asset type', 'grai', pat) ?? serial(p[2]!, 16, 'serial number', 'grai', pat),
  },
  giai: { parts: 2, check: (p, pat) => prefixAndFreeReference(p, 30, 'asset reference', 'giai', pat) },
  gsrn: { parts: 2, check: (p, pat) => prefixAndReference(p[0]!, p[1]!, 17, 'service reference', 'gsrn', pat) },
  gsrnp: { parts: 2, check: (p, pat) => prefixAndReference(p[0]!, p[1]!, 17, 'service reference', 'gsrnp', pat) },
  gdti: {
    parts: 3,
    check: (p, pat) => prefixAndReference(p[0]!, p[1]!, 12, 'document type', 'gdti', pat) ?? serial(p[2]!, 17, 'serial number', 'gdti', pat),
  },
  cpi: {
    parts: 3,
    check: (p, pat) => {
      const [cp, ref, ser] = p as [string, string, string];
      if (pat && cp === STAR) return null;
      const problem = companyPrefix(cp, 'cpi');
      if (problem) return problem;
      if (pat && ref === STAR) return null;
      if (!CPI_REFERENCE.test(ref)) return `the component/part reference of a cpi must be digits, capital letters, '-', %23 or %2F, got '${ref}'`;
      return numeric(ser, 1, 12, 'serial number', 'cpi', pat);
    },
  },
  sgcn: {
    parts: 3,
    check: (p, pat) => prefixAndReference(p[0]!, p[1]!, 12, 'coupon reference', 'sgcn', pat) ?? numeric(p[2]!, 1, 12, 'serial component', 'sgcn', pat),
  },
  ginc: { parts: 2, check: (p, pat) => prefixAndFreeReference(p, 30, 'consignment reference', 'ginc', pat) },
  gsin: { parts: 2, check: (p, pat) => prefixAndReference(p[0]!, p[1]!, 16, 'shipper reference', 'gsin', pat) },
  itip: {
    parts: 5,
    check: (p, pat) =>
      prefixAndReference(p[0]!, p[1]!, 13, 'item reference', 'itip', pat) ??
      numeric(p[2]!, 2, 2, 'piece number', 'itip', pat) ??
      numeric(p[3]!, 2, 2, 'total count', 'itip', pat) ??
      serial(p[4]!, 20, 'serial number', 'itip', pat),
  },
  upui: gtinLike('upui', 'third party controlled serial', 28),
  pgln: { parts: 2, check: (p, pat) => prefixAndReference(p[0]!, p[1]!, 12, 'party reference', 'pgln', pat) },
  gid: {
    parts: 3,
    check: (p, pat) => {
      for (const part of p) {
        if (pat && part === STAR) continue;
        if (!GID_NUMBER.test(part)) return `the parts of a gid must be decimal numbers without leading zeros, got '${part}'`;
      }
      return null;
    },
  },
  usdod: {
    parts: 2,
    check: (p, pat) => {
      if (!(pat && p[0] === STAR) && !CAGE.test(p[0]!)) return `the CAGE/DoDAAC code of a usdod must be 5 or 6 capital letters or digits, got '${p[0]}'`;
      return numeric(p[1]!, 1, 20, 'serial number', 'usdod', pat);
    },
  },
  adi: {
    parts: 3,
    check: (p, pat) => {
      const [cage, part, ser] = p as [string, string, string];
      if (!(pat && cage === STAR) && !CAGE.test(cage)) return `the CAGE/DoDAAC code of an adi must be 5 or 6 capital letters or digits, got '${cage}'`;
      if (!(pat && part === STAR) && !PART_NUMBER.test(part)) return `the part number of an adi must be capital letters, digits, '-' or %2F, got '${part}'`;
      if (!(pat && ser === STAR) && !ADI_SERIAL.test(ser)) return `the serial of an adi must be capital letters, digits, '-', %23 or %2F, got '${ser}'`;
      return null;
    },
  },
  bic: {
    parts: 1,
    check: (p, pat) => {
      const code = p[0]!;
      if (pat && code === STAR) return null;
      if (!BIC.test(code)) return `a bic must be an ISO 6346 container code (3 letters, U/J/Z, 7 digits), got '${code}'`;
      if (!hasValidContainerCheckDigit(code)) return `the check digit of container code '${code}' is wrong`;
      return null;
    },
  },
  imovn: { parts: 1, check: (p, pat) => numeric(p[0]!, 7, 7, 'IMO number', 'imovn', pat) },
};

const CLASS_SCHEMES: Record<string, Scheme> = {
  lgtin: gtinLike('lgtin', 'lot number', 20),
};

/** Splits on '.' into exactly `count` parts; the last part keeps any further dots (serials may hold them). */
function splitParts(body: string, count: number): string[] | null {
  const parts: string[] = [];
  let start = 0;
  for (let i = 1; i < count; i++) {
    const dot = body.indexOf('.', start);
    if (dot < 0) return null;
    parts.push(body.slice(start, dot));
    start = dot + 1;
  }
  parts.push(body.slice(start));
  return parts;
}

function checkScheme(schemes: Record<string, Scheme>, kind: string, rest: string, pattern: boolean): string | null {
  const colon = rest.indexOf(':');
  const name = colon < 0 ? rest : rest.slice(0, colon);
  const scheme = Object.hasOwn(schemes, name) ? schemes[name] : undefined;
  if (!scheme || colon < 0) {
    return `unknown EPC scheme 'urn:epc:${kind}:${name}' (known: ${Object.keys(schemes).join(', ')})`;
  }
  const parts = splitParts(rest.slice(colon + 1), scheme.parts);
  if (!parts) return `a ${name} has ${scheme.parts} dot-separated parts`;
  if (pattern) {
    const firstStar = parts.indexOf(STAR);
    if (firstStar >= 0 && parts.slice(firstStar).some((p) => p !== STAR)) {
      return `in an EPC pattern every part after the first '*' must be '*'`;
    }
  }
  return scheme.check(parts, pattern);
}

/** Which EPC URNs a field takes: instance identifiers (epcList), classes (epcClass), or either. */
export type EpcLevel = 'instance' | 'class' | 'any';

/** Why a urn:epc: value is not a valid EPC of the given level, or null when it is one. */
export function epcUrnProblem(value: string, level: EpcLevel): string | null {
  if (value.startsWith('urn:epc:id:')) {
    if (level === 'class') return 'a quantity needs a class (urn:epc:class:lgtin:..., urn:epc:idpat:...), not an instance identifier';
    return checkScheme(ID_SCHEMES, 'id', value.slice(11), false);
  }
  if (value.startsWith('urn:epc:class:')) {
    if (level === 'instance') return 'a class identifier (urn:epc:class:...) cannot stand for one object; use urn:epc:id:... or quantityList';
    return checkScheme(CLASS_SCHEMES, 'class', value.slice(14), false);
  }
  if (value.startsWith('urn:epc:idpat:')) {
    if (level === 'instance') return 'a pattern (urn:epc:idpat:...) cannot stand for one object; use urn:epc:id:... or quantityList';
    return checkScheme(ID_SCHEMES, 'idpat', value.slice(14), true);
  }
  return 'only urn:epc:id:, urn:epc:class: and urn:epc:idpat: URNs are EPCIS identifiers (tag and raw encodings are not)';
}
