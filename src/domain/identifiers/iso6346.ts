import { compact, fail, notAString, ok, type ParseResult } from './parse-result.js';

// ISO 6346 gives letters the values 10..38 but skips 11, 22 and 33 (multiples of 11), so that a
// letter can never contribute a multiple of the modulus on its own.
const LETTER_VALUES: ReadonlyMap<string, number> = (() => {
  const map = new Map<string, number>();
  let value = 10;
  for (let code = 65; code <= 90; code++) {
    if (value % 11 === 0) value++;
    map.set(String.fromCharCode(code), value++);
  }
  return map;
})();

/** Value of one character in the ISO 6346 check-digit sum (digits are themselves, letters 10..38). */
export function iso6346CharValue(ch: string): number | undefined {
  if (/^[0-9]$/.test(ch)) return Number(ch);
  return LETTER_VALUES.get(ch);
}

/**
 * ISO 6346 check digit over any string of digits and capital letters: value × 2^position,
 * sum mod 11, with 10 written as 0. NCTS reuses it for the MRN. Undefined for other characters.
 */
export function iso6346CheckDigit(body: string): number | undefined {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const v = iso6346CharValue(body[i]!);
    if (v === undefined) return undefined;
    sum += v * 2 ** i;
  }
  return (sum % 11) % 10;
}

export type ContainerCategory = 'U' | 'J' | 'Z';

export interface ContainerNumber {
  /** Normalised 11 characters, e.g. CSQU3054383. */
  readonly value: string;
  readonly ownerCode: string;
  /** U freight container, J detachable freight-container equipment, Z trailer or chassis. */
  readonly category: ContainerCategory;
  readonly serial: string;
  readonly checkDigit: number;
}

/** Removes spaces and hyphens and upper-cases, as people write "MSKU 123456-5". */
export function normaliseContainerNumber(input: string): string {
  return compact(input);
}

/** Parses an ISO 6346 container number and verifies its check digit. */
export function parseContainerNumber(input: string): ParseResult<ContainerNumber> {
  if (typeof input !== 'string') return notAString('container number', input);
  const value = normaliseContainerNumber(input);
  const shown = JSON.stringify(input);
  if (value.length !== 11) {
    return fail(`container number ${shown} has ${value.length} characters; expected 11 (owner code of 3 letters, category U/J/Z, 6-digit serial, check digit), e.g. CSQU3054383`);
  }
  if (!/^[A-Z]{3}/.test(value)) return fail(`container number ${shown}: the owner code (characters 1-3) must be 3 letters, found "${value.slice(0, 3)}"`);
  const category = value[3]!;
  if (category !== 'U' && category !== 'J' && category !== 'Z') {
    return fail(`container number ${shown}: the category identifier (character 4) must be U, J or Z, found "${category}"`);
  }
  if (!/^[0-9]{6}$/.test(value.slice(4, 10))) return fail(`container number ${shown}: the serial number (characters 5-10) must be 6 digits, found "${value.slice(4, 10)}"`);
  if (!/^[0-9]$/.test(value[10]!)) return fail(`container number ${shown}: the check digit (character 11) must be a digit, found "${value[10]}"`);
  const expected = iso6346CheckDigit(value.slice(0, 10))!;
  const given = Number(value[10]);
  if (given !== expected) {
    return fail(`container number ${shown}: check digit is ${given} but ISO 6346 gives ${expected} for ${value.slice(0, 10)}; check the number for a typing error`);
  }
  return ok({ value, ownerCode: value.slice(0, 3), category, serial: value.slice(4, 10), checkDigit: given });
}

/**
 * Search helper: does a partly typed number (any case, with spaces or hyphens) match a stored one?
 * A query of 4+ characters matches a prefix ("MSKU123"); a query of digits only also matches the
 * serial with or without the check digit ("123456"), as clerks often read only the digits.
 */
export function containerNumberMatches(query: string, candidate: string): boolean {
  const q = compact(query);
  const c = compact(candidate);
  if (q.length === 0) return false;
  if (c.startsWith(q)) return true;
  if (/^[0-9]+$/.test(q) && q.length >= 3) return c.slice(4).startsWith(q);
  return false;
}
