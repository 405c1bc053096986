// Every parser in the domain answers the same way, so that callers (registration validation,
// search boxes, simulators) can report problems without try/catch.
export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export function ok<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

export function fail<T = never>(error: string): ParseResult<T> {
  return { ok: false, error };
}

/** The error for a value that should have been a string (JSON input can hold anything). */
export function notAString(what: string, value: unknown): ParseResult<never> {
  return fail(`${what} must be a string, found ${value === null ? 'null' : typeof value}`);
}

/** Upper-cases and removes the spaces, hyphens, dots and slashes people type inside identifiers. */
export function compact(input: string): string {
  return input.toUpperCase().replace(/[\s\-./]/g, '');
}

/** Sum of the decimal digits of n (the Luhn "cross sum" of a product). */
export function digitSum(n: number): number {
  let s = 0;
  for (let v = n; v > 0; v = Math.floor(v / 10)) s += v % 10;
  return s;
}
