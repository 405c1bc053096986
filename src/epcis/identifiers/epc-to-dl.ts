/**
 * EPC URN (Tag Data Standard pure identity, class and id-pattern URIs) to canonical GS1 Digital Link
 * on https://id.gs1.org, with check digits computed. Malformed URNs give null so that callers keep
 * the value as written (the CBV 2.0 hash algorithm does the same).
 */
import { gs1CheckDigit, isDigits } from './check-digit.js';
import { dlEscape, isCpiChars, isEpcChars } from './chars.js';

export const DL_HOST = 'https://id.gs1.org';

/** The three EPC URN families this module understands, with their scheme prefix. */
const ID = 'urn:epc:id:';
const CLASS = 'urn:epc:class:';
const IDPAT = 'urn:epc:idpat:';

function withCheck(digits: string): string {
  return digits + gs1CheckDigit(digits);
}

/** GTIN-14 (with check digit) from company prefix and item reference (indicator digit first). */
function gtin(gcp: string, itemRef: string): string | null {
  if (!isGcp(gcp) || gcp.length + itemRef.length !== 13 || !isDigits(itemRef)) return null;
  return withCheck(itemRef[0] + gcp + itemRef.slice(1));
}

function isGcp(gcp: string): boolean {
  return gcp.length >= 6 && gcp.length <= 12 && isDigits(gcp);
}

/** gcp + reference of `total` digits; a 12-digit prefix may come with an empty reference. */
function fixedKey(gcp: string, ref: string, total: number): string | null {
  if (!isGcp(gcp) || gcp.length + ref.length !== total) return null;
  if (ref.length > 0 && !isDigits(ref)) return null;
  return gcp + ref;
}

function pureIdentity(scheme: string, f: string[]): string | null {
  switch (scheme) {
    case 'sgtin': {
      if (f.length < 3) return null;
      const serial = f.slice(2).join('.');
      const g = gtin(f[0], f[1]);
      return g && isEpcChars(serial, 20) ? `${DL_HOST}/01/${g}/21/${dlEscape(serial)}` : null;
    }
    case 'sscc': {
      if (f.length !== 2 || !isGcp(f[0]) || f[0].length + f[1].length !== 17 || !isDigits(f[1])) return null;
      return `${DL_HOST}/00/${withCheck(f[1][0] + f[0] + f[1].slice(1))}`;
    }
    case 'sgln': {
      if (f.length < 3) return null;
      const ext = f.slice(2).join('.');
      const gln = fixedKey(f[0], f[1], 12);
      if (!gln || !isEpcChars(ext, 20)) return null;
      // Extension 0 means "no extension" in the EPC form.
      return ext === '0' ? `${DL_HOST}/414/${withCheck(gln)}` : `${DL_HOST}/414/${withCheck(gln)}/254/${dlEscape(ext)}`;
    }
    case 'grai': {
      if (f.length < 3) return null;
      const serial = f.slice(2).join('.');
      const key = fixedKey(f[0], f[1], 12);
      return key && isEpcChars(serial, 16) ? `${DL_HOST}/8003/${withCheck('0' + key)}${dlEscape(serial)}` : null;
    }
    case 'giai': {
      if (f.length < 2 || !isGcp(f[0])) return null;
      const ref = f.slice(1).join('.');
      return isEpcChars(ref, 30 - f[0].length) ? `${DL_HOST}/8004/${f[0]}${dlEscape(ref)}` : null;
    }
    case 'gsrn':
    case 'gsrnp': {
      if (f.length !== 2) return null;
      const key = fixedKey(f[0], f[1], 17);
      if (!key || f[1].length === 0) return null;
      return `${DL_HOST}/${scheme === 'gsrn' ? '8018' : '8017'}/${withCheck(key)}`;
    }
    case 'gdti': {
      if (f.length < 3) return null;
      const serial = f.slice(2).join('.');
      const key = fixedKey(f[0], f[1], 12);
      if (!key || (serial.length > 0 && !isEpcChars(serial, 17))) return null;
      return `${DL_HOST}/253/${withCheck(key)}${dlEscape(serial)}`;
    }
    case 'cpi': {
      if (f.length !== 3 || !isGcp(f[0]) || !isDigits(f[2]) || f[2].length > 12) return null;
      if (!isCpiChars(f[1], 30 - f[0].length)) return null;
      return `${DL_HOST}/8010/${dlEscape(f[0] + f[1])}/8011/${f[2]}`;
    }
    case 'sgcn': {
      if (f.length !== 3) return null;
      const key = fixedKey(f[0], f[1], 12);
      if (!key || !isDigits(f[2]) || f[2].length > 12) return null;
      return `${DL_HOST}/255/${withCheck(key)}${f[2]}`;
    }
    case 'ginc': {
      if (f.length < 2 || !isGcp(f[0])) return null;
      const ref = f.slice(1).join('.');
      return isEpcChars(ref, 30 - f[0].length) ? `${DL_HOST}/401/${f[0]}${dlEscape(ref)}` : null;
    }
    case 'gsin': {
      if (f.length !== 2) return null;
      const key = fixedKey(f[0], f[1], 16);
      return key && f[1].length > 0 ? `${DL_HOST}/402/${withCheck(key)}` : null;
    }
    case 'itip': {
      if (f.length < 5) return null;
      const serial = f.slice(4).join('.');
      const g = gtin(f[0], f[1]);
      if (!g || !isPair(f[2]) || !isPair(f[3]) || !isEpcChars(serial, 20)) return null;
      return `${DL_HOST}/8006/${g}${f[2]}${f[3]}/21/${dlEscape(serial)}`;
    }
    case 'upui': {
      if (f.length < 3) return null;
      const serial = f.slice(2).join('.');
      const g = gtin(f[0], f[1]);
      return g && isEpcChars(serial, 28) ? `${DL_HOST}/01/${g}/235/${dlEscape(serial)}` : null;
    }
    case 'pgln': {
      if (f.length !== 2) return null;
      const key = fixedKey(f[0], f[1], 12);
      return key ? `${DL_HOST}/417/${withCheck(key)}` : null;
    }
    default:
      return null;
  }
}

function isPair(s: string): boolean {
  return s.length === 2 && isDigits(s);
}

function idPattern(scheme: string, f: string[]): string | null {
  // Only the "whole class" patterns (last field '*') have a Digital Link equivalent.
  if (f[f.length - 1] !== '*') return null;
  switch (scheme) {
    case 'sgtin':
    case 'upui': {
      if (f.length !== 3) return null;
      const g = gtin(f[0], f[1]);
      return g ? `${DL_HOST}/01/${g}` : null;
    }
    case 'grai': {
      const key = f.length === 3 ? fixedKey(f[0], f[1], 12) : null;
      return key ? `${DL_HOST}/8003/${withCheck('0' + key)}` : null;
    }
    case 'gdti': {
      const key = f.length === 3 ? fixedKey(f[0], f[1], 12) : null;
      return key ? `${DL_HOST}/253/${withCheck(key)}` : null;
    }
    case 'sgcn': {
      const key = f.length === 3 ? fixedKey(f[0], f[1], 12) : null;
      return key ? `${DL_HOST}/255/${withCheck(key)}` : null;
    }
    case 'cpi': {
      if (f.length !== 3 || !isGcp(f[0]) || !isCpiChars(f[1], 30 - f[0].length)) return null;
      return `${DL_HOST}/8010/${dlEscape(f[0] + f[1])}`;
    }
    case 'itip': {
      if (f.length !== 5 || !isPair(f[2]) || !isPair(f[3])) return null;
      const g = gtin(f[0], f[1]);
      return g ? `${DL_HOST}/8006/${g}${f[2]}${f[3]}` : null;
    }
    default:
      return null;
  }
}

/** Canonical Digital Link of an EPC URN, or null when the value is not a well-formed EPC URN we know. */
export function epcUrnToDigitalLink(urn: string): string | null {
  let rest: string;
  let family: 'id' | 'class' | 'idpat';
  if (urn.startsWith(ID)) {
    family = 'id';
    rest = urn.slice(ID.length);
  } else if (urn.startsWith(CLASS)) {
    family = 'class';
    rest = urn.slice(CLASS.length);
  } else if (urn.startsWith(IDPAT)) {
    family = 'idpat';
    rest = urn.slice(IDPAT.length);
  } else {
    return null;
  }
  const colon = rest.indexOf(':');
  if (colon < 0) return null;
  const scheme = rest.slice(0, colon);
  const fields = rest.slice(colon + 1).split('.');
  if (family === 'id') return pureIdentity(scheme, fields);
  if (family === 'idpat') return idPattern(scheme, fields);
  if (scheme !== 'lgtin' || fields.length < 3) return null;
  const lot = fields.slice(2).join('.');
  const g = gtin(fields[0], fields[1]);
  return g && isEpcChars(lot, 20) ? `${DL_HOST}/01/${g}/10/${dlEscape(lot)}` : null;
}

/** Whether a value is written as an EPC URN (pure identity, class or id pattern). */
export function isEpcUrn(value: string): boolean {
  const v = value.trim();
  return v.startsWith(ID) || v.startsWith(CLASS) || v.startsWith(IDPAT);
}

/** The GS1 company prefix length of an EPC URN (its first dotted field), when that field is 6-12 digits. */
export function companyPrefixLengthOf(urn: string): number | undefined {
  const v = urn.trim();
  if (!isEpcUrn(v)) return undefined;
  const schemeEnd = v.indexOf(':', v.indexOf(':', 8) + 1);
  if (schemeEnd < 0) return undefined;
  const dot = v.indexOf('.', schemeEnd + 1);
  const end = dot < 0 ? v.length : dot;
  const len = end - schemeEnd - 1;
  return len >= 6 && len <= 12 && isDigits(v, schemeEnd + 1, end) ? len : undefined;
}
