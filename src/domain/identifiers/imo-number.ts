import { fail, notAString, ok, type ParseResult } from './parse-result.js';

export interface ImoNumber {
  /** Seven digits, without the "IMO" prefix. */
  readonly value: string;
}

/** IMO ship number check digit: first six digits weighted 7..2, last digit of the sum. */
export function imoCheckDigit(six: string): number {
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += Number(six[i]) * (7 - i);
  return sum % 10;
}

/** Parses an IMO ship identification number ("IMO 9074729" or "9074729") and verifies its check digit. */
export function parseImoNumber(input: string): ParseResult<ImoNumber> {
  if (typeof input !== 'string') return notAString('IMO number', input);
  const shown = JSON.stringify(input);
  const value = input.toUpperCase().replace(/\s+/g, '').replace(/^IMO/, '');
  if (!/^[0-9]{7}$/.test(value)) return fail(`IMO number ${shown} must be 7 digits, optionally after "IMO", e.g. IMO 9074729`);
  const expected = imoCheckDigit(value);
  if (Number(value[6]) !== expected) return fail(`IMO number ${shown}: check digit is ${value[6]} but the IMO rule gives ${expected}`);
  return ok({ value });
}
