/**
 * Constrains a GS1 Digital Link URI to its canonical form on https://id.gs1.org, as the CBV 2.0 event
 * hash algorithm's reference implementation does: short key names become AIs, a custom host and the
 * query string are dropped, a GTIN is padded to 14 digits, a CPV (22) and, under a serial, a lot (10)
 * are removed. A result outside the canonical syntax gives null (callers then keep the value as written).
 */
import { isDigits } from './check-digit.js';
import { isDlChars } from './chars.js';
import { DL_HOST } from './epc-to-dl.js';

/** Primary keys (and their short names) that make an http(s) URI a GS1 Digital Link. */
const GATE_KEYS = new Set([
  '01', 'gtin', '8006', 'itip', '8010', 'cpid', '414', 'gln', '417', 'party', '8017', 'gsrnp', '8018', 'gsrn',
  '255', 'gcn', '00', 'sscc', '253', 'gdti', '401', 'ginc', '402', 'gsin', '8003', 'grai', '8004', 'giai',
]);

const SHORT_NAMES: [string, string][] = [
  ['/gtin/', '/01/'], ['/itip/', '/8006/'], ['/cpid/', '/8010/'], ['/gln/', '/414/'], ['/party/', '/417/'],
  ['/gsrnp/', '/8017/'], ['/gsrn/', '/8018/'], ['/gcn/', '/255/'], ['/sscc/', '/00/'], ['/gdti/', '/253/'],
  ['/ginc/', '/401/'], ['/gsin/', '/402/'], ['/grai/', '/8003/'], ['/giai/', '/8004/'], ['/cpv/', '/22/'],
  ['/lot/', '/10/'], ['/ser/', '/21/'],
];

/** AIs in the order the host is searched for them when moving a URI to id.gs1.org. */
const KEY_AIS = ['00', '01', '253', '255', '401', '402', '414', '417', '8003', '8004', '8006', '8010', '8017', '8018'];
const KEY_AI_SET = new Set(KEY_AIS);

const CANON = DL_HOST + '/';

/** Whether the path has "/<key>/" followed by a segment of four digits and more. */
function hasKeySegment(uri: string, keys: ReadonlySet<string>, from: number, pathEnd: number): boolean {
  let slash = uri.indexOf('/', from);
  while (slash >= 0 && slash < pathEnd) {
    const next = uri.indexOf('/', slash + 1);
    if (next < 0) return false;
    if (next < pathEnd && keys.has(uri.slice(slash + 1, next))) {
      const segEnd = uri.indexOf('/', next + 1);
      const end = segEnd < 0 ? uri.length : segEnd;
      if (end - next - 1 >= 5 && isDigits(uri, next + 1, next + 5)) return true;
    }
    slash = next;
  }
  return false;
}

/** Whether a value is an http(s) URI whose path carries a GS1 primary key, i.e. a GS1 Digital Link. */
export function isDigitalLink(value: string): boolean {
  const v = value.trim();
  let start: number;
  if (v.startsWith('https:')) start = 6;
  else if (v.startsWith('http:')) start = 5;
  else return false;
  if (!v.includes('.')) return false;
  let pathEnd = v.length;
  const q = v.indexOf('?');
  const h = v.indexOf('#');
  if (q >= 0) pathEnd = q;
  if (h >= 0 && h < pathEnd) pathEnd = h;
  return hasKeySegment(v, GATE_KEYS, start, pathEnd);
}

/** Whether uri is https://id.gs1.org/<key AI>/<4 digits, more>... */
function isOnCanonicalHost(uri: string): boolean {
  if (!uri.startsWith(CANON)) return false;
  const slash = uri.indexOf('/', CANON.length);
  if (slash < 0 || !KEY_AI_SET.has(uri.slice(CANON.length, slash))) return false;
  const segEnd = uri.indexOf('/', slash + 1);
  const end = segEnd < 0 ? uri.length : segEnd;
  return end - slash - 1 >= 5 && isDigits(uri, slash + 1, slash + 5);
}

function countDigits(s: string, from: number): number {
  let i = from;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    i++;
  }
  return i - from;
}

/** Whether s[from..] is `<digits of length n>` followed by `tail` checks. */
function digitsThen(s: string, from: number, n: number): boolean {
  return s.length >= from + n && isDigits(s, from, from + n);
}

/** `/<ai>/<value of DL chars, 0..max>` exactly from `from` to the end. */
function qualifierToEnd(s: string, from: number, ai: string, max: number): boolean {
  const marker = `/${ai}/`;
  return s.startsWith(marker, from) && isDlChars(s, 0, max, from + marker.length);
}

function isCpiTail(s: string, from: number, to: number): boolean {
  if (to - from > 30) return false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (!(c === 35 || c === 45 || c === 47 || (c >= 48 && c <= 57) || (c >= 65 && c <= 90))) return false;
  }
  return true;
}

/** The canonical syntax a constrained Digital Link must have at the end. */
function isValidCanonical(uri: string): boolean {
  if (!uri.startsWith(CANON)) return false;
  const slash = uri.indexOf('/', CANON.length);
  if (slash < 0) return false;
  const ai = uri.slice(CANON.length, slash);
  const v = slash + 1;
  const n = uri.length;
  switch (ai) {
    case '00':
      return n - v === 18 && isDigits(uri, v);
    case '01':
      if (!digitsThen(uri, v, 14)) return false;
      return (
        n === v + 14 ||
        qualifierToEnd(uri, v + 14, '21', 20) ||
        qualifierToEnd(uri, v + 14, '10', 20) ||
        qualifierToEnd(uri, v + 14, '235', 28)
      );
    case '253':
      return digitsThen(uri, v, 13) && isDlChars(uri, 0, 17, v + 13);
    case '255':
      return digitsThen(uri, v, 13) && n - v - 13 <= 12 && (n === v + 13 || isDigits(uri, v + 13));
    case '401':
    case '8004':
      return isDlChars(uri, 0, 30, v);
    case '402':
      return n - v === 17 && isDigits(uri, v);
    case '414':
      return digitsThen(uri, v, 13) && (n === v + 13 || qualifierToEnd(uri, v + 13, '254', 20));
    case '417':
      return n - v === 13 && isDigits(uri, v);
    case '8003':
      return digitsThen(uri, v, 14) && isDlChars(uri, 0, 16, v + 14);
    case '8006':
      if (!digitsThen(uri, v, 18)) return false;
      return n === v + 18 || qualifierToEnd(uri, v + 18, '21', 20) || qualifierToEnd(uri, v + 18, '10', 20);
    case '8010': {
      if (isCpiTail(uri, v, n)) return true;
      const s = uri.lastIndexOf('/8011/');
      if (s < v) return false;
      return isCpiTail(uri, v, s) && n - s - 6 <= 12 && (n === s + 6 || isDigits(uri, s + 6));
    }
    case '8017':
    case '8018':
      return n - v === 18 && isDigits(uri, v);
    default:
      return false;
  }
}

/** The constrained canonical Digital Link of an http(s) Digital Link URI, or null when it is none or invalid. */
export function normaliseDigitalLink(value: string): string | null {
  if (!isDigitalLink(value)) return null;
  let uri = value.trim();
  const q = uri.indexOf('?');
  if (q >= 0) uri = uri.slice(0, q);
  for (const [short, ai] of SHORT_NAMES) if (uri.includes(short)) uri = uri.split(short).join(ai);

  if (!isOnCanonicalHost(uri)) {
    for (const ai of KEY_AIS) {
      const at = uri.indexOf(`/${ai}/`);
      if (at >= 0) {
        uri = DL_HOST + uri.slice(at);
        break;
      }
    }
  }

  const gtinAt = CANON.length + 3;
  if (uri.startsWith(CANON + '01/')) {
    const digits = countDigits(uri, gtinAt);
    const pad = digits === 13 ? '0' : digits === 12 ? '00' : digits >= 8 && digits < 12 ? '000000' : '';
    if (pad) uri = uri.split('/01/').join('/01/' + pad);
  }

  uri = dropQualifiers(uri);
  return isValidCanonical(uri) ? uri : null;
}

/** Length of the GTIN (01) or ITIP (8006) key part after the host, or 0 when the URI has neither. */
function keyEnd(uri: string): number {
  if (uri.startsWith(CANON + '01/') && digitsThen(uri, CANON.length + 3, 14)) return CANON.length + 17;
  if (uri.startsWith(CANON + '8006/') && digitsThen(uri, CANON.length + 5, 18)) return CANON.length + 23;
  return 0;
}

/** Removes a CPV (22) and, when a serial follows, a lot (10): only the finest identification level stays. */
function dropQualifiers(uri: string): string {
  const end = keyEnd(uri);
  if (end === 0) return uri;
  if (uri.startsWith('/22/', end)) {
    const rest = uri.slice(end + 4);
    const slash = rest.indexOf('/');
    if (slash < 0) {
      if (isDlChars(rest, 0, 20)) uri = uri.slice(0, end);
    } else if (rest.length <= 20 && isDlCharsOrSlash(rest)) {
      uri = uri.slice(0, end) + rest.slice(slash);
    }
  }
  if (uri.startsWith('/10/', end)) {
    const serialAt = uri.indexOf('/21/', end + 4);
    if (serialAt >= 0 && isDlChars(uri, 0, 20, end + 4, serialAt) && isDlChars(uri, 0, 20, serialAt + 4)) {
      uri = uri.slice(0, end) + uri.slice(serialAt);
    }
  }
  return uri;
}

function isDlCharsOrSlash(s: string): boolean {
  for (const part of s.split('/')) if (part.length > 0 && !isDlChars(part, 1, 20)) return false;
  return true;
}
