import { gs1CheckDigit } from '../epcis/identifiers/check-digit.js';

/**
 * Karvon's GS1 company prefix for the demo network. PLACEHOLDER: 487 is GS1 Kazakhstan's prefix
 * range, but this prefix is not licensed to Karvon. A real deployment replaces it with the prefix
 * its operator licenses from a GS1 member organisation; location references then stay the same.
 */
export const KARVON_GS1_COMPANY_PREFIX = '4870001';

const LOCATION_REF_DIGITS = 12 - KARVON_GS1_COMPANY_PREFIX.length;

function locationRef(ref: number): string {
  if (!Number.isInteger(ref) || ref < 0 || ref >= 10 ** LOCATION_REF_DIGITS) {
    throw new RangeError(`GLN location reference ${ref} does not fit ${LOCATION_REF_DIGITS} digits`);
  }
  return String(ref).padStart(LOCATION_REF_DIGITS, '0');
}

/** The 13-digit GLN (with check digit) for a location reference under Karvon's company prefix. */
export function mintGln(ref: number): string {
  const body = KARVON_GS1_COMPANY_PREFIX + locationRef(ref);
  return body + String(gs1CheckDigit(body));
}

/** The SGLN EPC URN (extension 0) for a location reference under Karvon's company prefix. */
export function mintSgln(ref: number): string {
  return `urn:epc:id:sgln:${KARVON_GS1_COMPANY_PREFIX}.${locationRef(ref)}.0`;
}
