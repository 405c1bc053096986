/**
 * Canonical GS1 Digital Link back to EPC URN. A Digital Link does not say where the GS1 company prefix
 * ends, and Karvon ships no table of prefix lengths (GS1 keeps that list), so the caller must give the
 * length, e.g. remembered with companyPrefixLengthOf() from a value that first came as a URN.
 */
import { validationError } from '../exceptions.js';
import { isDigits } from './check-digit.js';
import { dlUnescape } from './chars.js';
import { DL_HOST } from './epc-to-dl.js';
import { normaliseDigitalLink } from './dl-normalise.js';

/** Company prefix and item reference (indicator digit first) of a GTIN-14. */
function gtinFields(gtin: string, l: number): string {
  return `${gtin.slice(1, 1 + l)}.${gtin[0]}${gtin.slice(1 + l, 13)}`;
}

/** GLN-like 13-digit key (with check digit) split after the company prefix. */
function keyFields(key: string, l: number, withoutCheck: number): string {
  return `${key.slice(0, l)}.${key.slice(l, withoutCheck)}`;
}

function convert(segments: string[], l: number): string | null {
  const [ai, value, q, qValue] = segments;
  const qualifier = segments.length >= 4 ? dlUnescape(qValue) : undefined;
  switch (ai) {
    case '01':
      if (q === '21' && qualifier !== undefined) return `urn:epc:id:sgtin:${gtinFields(value, l)}.${qualifier}`;
      if (q === '10' && qualifier !== undefined) return `urn:epc:class:lgtin:${gtinFields(value, l)}.${qualifier}`;
      if (q === '235' && qualifier !== undefined) return `urn:epc:id:upui:${gtinFields(value, l)}.${qualifier}`;
      return segments.length === 2 ? `urn:epc:idpat:sgtin:${gtinFields(value, l)}.*` : null;
    case '00':
      return segments.length === 2 ? `urn:epc:id:sscc:${value.slice(1, 1 + l)}.${value[0]}${value.slice(1 + l, 17)}` : null;
    case '414':
      if (segments.length === 2) return `urn:epc:id:sgln:${keyFields(value, l, 12)}.0`;
      return q === '254' && qualifier !== undefined ? `urn:epc:id:sgln:${keyFields(value, l, 12)}.${qualifier}` : null;
    case '417':
      return segments.length === 2 ? `urn:epc:id:pgln:${keyFields(value, l, 12)}` : null;
    case '8003': {
      if (segments.length !== 2) return null;
      const serial = dlUnescape(value.slice(14));
      const fields = keyFields(value.slice(1), l, 12);
      return serial ? `urn:epc:id:grai:${fields}.${serial}` : `urn:epc:idpat:grai:${fields}.*`;
    }
    case '8004':
      return segments.length === 2 ? `urn:epc:id:giai:${value.slice(0, l)}.${dlUnescape(value.slice(l))}` : null;
    case '8018':
    case '8017':
      return segments.length === 2 ? `urn:epc:id:${ai === '8018' ? 'gsrn' : 'gsrnp'}:${keyFields(value, l, 17)}` : null;
    case '253':
    case '255': {
      if (segments.length !== 2) return null;
      const scheme = ai === '253' ? 'gdti' : 'sgcn';
      const serial = dlUnescape(value.slice(13));
      const fields = keyFields(value, l, 12);
      return serial ? `urn:epc:id:${scheme}:${fields}.${serial}` : `urn:epc:idpat:${scheme}:${fields}.*`;
    }
    case '402':
      return segments.length === 2 ? `urn:epc:id:gsin:${keyFields(value, l, 16)}` : null;
    case '401':
      return segments.length === 2 ? `urn:epc:id:ginc:${value.slice(0, l)}.${dlUnescape(value.slice(l))}` : null;
    case '8010': {
      const cpi = dlUnescape(value);
      if (segments.length === 2) return `urn:epc:idpat:cpi:${cpi.slice(0, l)}.${cpi.slice(l)}.*`;
      return q === '8011' && qualifier !== undefined ? `urn:epc:id:cpi:${cpi.slice(0, l)}.${cpi.slice(l)}.${qualifier}` : null;
    }
    case '8006': {
      const fields = `${gtinFields(value.slice(0, 14), l)}.${value.slice(14, 16)}.${value.slice(16, 18)}`;
      if (segments.length === 2) return `urn:epc:idpat:itip:${fields}.*`;
      return q === '21' && qualifier !== undefined ? `urn:epc:id:itip:${fields}.${qualifier}` : null;
    }
    default:
      return null;
  }
}

/**
 * EPC URN of a GS1 Digital Link, given the company prefix length (6-12). Without the length, or for a
 * value that is not a Digital Link we can convert, the value is returned unchanged.
 */
export function toEpcUrn(value: string, companyPrefixLength?: number): string {
  if (companyPrefixLength === undefined) return value;
  if (!Number.isInteger(companyPrefixLength) || companyPrefixLength < 6 || companyPrefixLength > 12) {
    throw validationError(
      `GS1 company prefix length must be a whole number from 6 to 12, got ${String(companyPrefixLength)}`,
    );
  }
  // Escaped characters are outside the constrained syntax of the hash algorithm, yet such Digital
  // Links (our own output for EPCs with escapes) are still convertible when already on id.gs1.org.
  const trimmed = value.trim();
  const dl = normaliseDigitalLink(trimmed) ?? (trimmed.startsWith(DL_HOST + '/') ? trimmed.split('?')[0] : null);
  if (!dl) return value;
  const segments = dl.slice(DL_HOST.length + 1).split('/');
  if (segments.length < 2 || segments.length > 4 || !isDigits(segments[1], 0, Math.min(segments[1].length, 4))) return value;
  return convert(segments, companyPrefixLength) ?? value;
}
