/**
 * GS1 identifiers: EPC URNs (Tag Data Standard) and GS1 Digital Link URIs, with check digits.
 */
import { epcUrnToDigitalLink } from './epc-to-dl.js';
import { normaliseDigitalLink } from './dl-normalise.js';

export { gs1CheckDigit } from './check-digit.js';
export { isEpcUrn, companyPrefixLengthOf, epcUrnToDigitalLink, DL_HOST } from './epc-to-dl.js';
export { isDigitalLink, normaliseDigitalLink } from './dl-normalise.js';
export { toEpcUrn } from './dl-to-epc.js';

/**
 * Canonical GS1 Digital Link (https://id.gs1.org) of an EPC URN or of a Digital Link on another host;
 * any other value, or one that is malformed, is returned trimmed and otherwise unchanged.
 */
export function toDigitalLink(value: string): string {
  const v = value.trim();
  if (v.startsWith('urn:epc:')) return epcUrnToDigitalLink(v) ?? v;
  if (v.startsWith('http')) return normaliseDigitalLink(v) ?? v;
  return v;
}
