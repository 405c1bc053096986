import { compact, digitSum, fail, notAString, ok, type ParseResult } from './parse-result.js';

// Both the UIC 12-digit number and the 8-digit number of the 1520 mm railways (the CIS
// "eight-digit numbering system for freight wagons", 2005) close with a Luhn-style digit: weights
// 2,1,2,1,... from the first digit, cross sums of the products added, complemented to the next ten.
function luhnWagonCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += digitSum(Number(body[i]) * (i % 2 === 0 ? 2 : 1));
  return (10 - (sum % 10)) % 10;
}

/** Check digit of a UIC (11 digits given) or 1520-gauge (7 digits given) wagon number body. */
export function wagonCheckDigit(body: string): number {
  return luhnWagonCheckDigit(body);
}

export type WagonNumberSystem = 'uic' | 'gauge-1520';

export interface WagonNumber {
  /** Digits only: 12 for UIC, 8 for 1520 gauge. */
  readonly value: string;
  readonly system: WagonNumberSystem;
  readonly checkDigit: number;
}

/** Parses a UIC 12-digit or a 1520-gauge 8-digit wagon number and verifies its check digit. */
export function parseWagonNumber(input: string): ParseResult<WagonNumber> {
  if (typeof input !== 'string') return notAString('wagon number', input);
  const value = compact(input);
  const shown = JSON.stringify(input);
  if (!/^[0-9]+$/.test(value)) return fail(`wagon number ${shown} must contain digits only (spaces and hyphens allowed), e.g. 21 81 2471 217-3 (UIC) or 5254 3261 (1520 gauge)`);
  const system: WagonNumberSystem | undefined = value.length === 12 ? 'uic' : value.length === 8 ? 'gauge-1520' : undefined;
  if (!system) return fail(`wagon number ${shown} has ${value.length} digits; expected 12 (UIC) or 8 (1520-gauge railways of the CIS)`);
  const expected = luhnWagonCheckDigit(value.slice(0, -1));
  const given = Number(value.slice(-1));
  if (given !== expected) {
    const name = system === 'uic' ? 'UIC' : '1520-gauge';
    return fail(`wagon number ${shown}: check digit is ${given} but the ${name} rule gives ${expected}; check the number for a typing error`);
  }
  return ok({ value, system, checkDigit: given });
}
