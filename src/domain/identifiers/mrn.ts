import { iso6346CheckDigit } from './iso6346.js';
import { compact, fail, notAString, ok, type ParseResult } from './parse-result.js';

export interface MovementReferenceNumber {
  readonly value: string;
  /** Two-digit year of acceptance, e.g. "25". */
  readonly year: string;
  /** ISO 3166-1 alpha-2 country of the office of departure. */
  readonly country: string;
  readonly checkCharacter: string;
}

export interface MrnOptions {
  /**
   * NCTS (EU/CTC) closes the MRN with an ISO 6346 check digit over the first 17 characters.
   * National transit systems outside the CTC may not, so callers can turn the check off.
   */
  readonly verifyCheckCharacter?: boolean;
}

/** Parses a transit Movement Reference Number: 2-digit year, country, 13 alphanumerics, check character. */
export function parseMrn(input: string, options: MrnOptions = {}): ParseResult<MovementReferenceNumber> {
  if (typeof input !== 'string') return notAString('MRN', input);
  const value = compact(input);
  const shown = JSON.stringify(input);
  if (value.length !== 18) return fail(`MRN ${shown} has ${value.length} characters; expected 18 (2-digit year, 2-letter country, 13 letters/digits, check character)`);
  if (!/^[0-9]{2}$/.test(value.slice(0, 2))) return fail(`MRN ${shown}: characters 1-2 must be the year of acceptance as 2 digits, found "${value.slice(0, 2)}"`);
  if (!/^[A-Z]{2}$/.test(value.slice(2, 4))) return fail(`MRN ${shown}: characters 3-4 must be the ISO 3166-1 alpha-2 country code, found "${value.slice(2, 4)}"`);
  if (!/^[A-Z0-9]{14}$/.test(value.slice(4))) return fail(`MRN ${shown}: characters 5-18 must be letters A-Z or digits`);
  const checkCharacter = value[17]!;
  if (options.verifyCheckCharacter !== false) {
    const expected = String(iso6346CheckDigit(value.slice(0, 17)));
    if (checkCharacter !== expected) {
      return fail(`MRN ${shown}: check character is "${checkCharacter}" but the NCTS rule (ISO 6346 over characters 1-17) gives "${expected}"; check the number for a typing error`);
    }
  }
  return ok({ value, year: value.slice(0, 2), country: value.slice(2, 4), checkCharacter });
}
