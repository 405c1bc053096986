import { fail, notAString, ok, type ParseResult } from './parse-result.js';

/** Parses an HS commodity code: 6 digits (HS subheading) up to 10 (national tariff lines); dots and spaces allowed. */
export function parseHsCode(input: string): ParseResult<string> {
  if (typeof input !== 'string') return notAString('HS code', input);
  const value = input.replace(/[\s.]/g, '');
  const shown = JSON.stringify(input);
  if (!/^[0-9]{6,10}$/.test(value)) return fail(`HS code ${shown} must be 6 to 10 digits (dots and spaces allowed), e.g. 8471.30 or 8471300000`);
  const chapter = Number(value.slice(0, 2));
  // Chapter 77 is reserved for future use in the Harmonized System; 98-99 are national-only.
  if (chapter < 1 || chapter > 97 || chapter === 77) return fail(`HS code ${shown}: chapter ${value.slice(0, 2)} does not exist; HS chapters are 01-97 except 77`);
  return ok(value);
}

/** Checks an ISO 4217 alphabetic currency code (shape only: three capital letters). */
export function parseCurrencyCode(input: string): ParseResult<string> {
  if (typeof input !== 'string') return notAString('currency', input);
  if (!/^[A-Z]{3}$/.test(input)) return fail(`currency ${JSON.stringify(input)} must be an ISO 4217 code of three capital letters, e.g. USD, KZT, UZS`);
  return ok(input);
}

/** Checks an ISO 3166-1 alpha-2 country code (shape only; the list lives in reference data). */
export function parseCountryCode(input: string): ParseResult<string> {
  if (typeof input !== 'string') return notAString('country', input);
  if (!/^[A-Z]{2}$/.test(input)) return fail(`country ${JSON.stringify(input)} must be an ISO 3166-1 alpha-2 code of two capital letters, e.g. KZ, UZ, AZ`);
  return ok(input);
}

/** GS1 mod-10 check digit over the digits before it (weights 3,1,3,... from the right). */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10;
}

/** Parses a 13-digit GS1 Global Location Number and verifies its check digit. */
export function parseGln(input: string): ParseResult<string> {
  if (typeof input !== 'string') return notAString('GLN', input);
  const value = input.replace(/\s/g, '');
  const shown = JSON.stringify(input);
  if (!/^[0-9]{13}$/.test(value)) return fail(`GLN ${shown} must be 13 digits`);
  const expected = gs1CheckDigit(value.slice(0, 12));
  if (Number(value[12]) !== expected) return fail(`GLN ${shown}: check digit is ${value[12]} but the GS1 rule gives ${expected}`);
  return ok(value);
}
