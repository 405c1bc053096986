import { compact, fail, notAString, ok, type ParseResult } from './parse-result.js';

export interface TirCarnetNumber {
  /** Two capital letters and eight digits, e.g. XY12345678. */
  readonly value: string;
}

// The IRU prints carnet references as two letters (series) and eight digits. No check digit is
// published, so only the shape is verified.
/** Parses a TIR carnet reference number (2 letters + 8 digits; format only). */
export function parseTirCarnetNumber(input: string): ParseResult<TirCarnetNumber> {
  if (typeof input !== 'string') return notAString('TIR carnet number', input);
  const value = compact(input);
  if (!/^[A-Z]{2}[0-9]{8}$/.test(value)) return fail(`TIR carnet number ${JSON.stringify(input)} must be 2 letters followed by 8 digits, e.g. XY12345678`);
  return ok({ value });
}
