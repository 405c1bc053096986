// What every decoder returns: the readings it could turn into positions and, for each part of the
// input it could not use, where that part is and why, in words a device integrator can act on.
// Decoders never throw on input: garbage is one more problem.
import type { Position } from '../../model/telemetry.js';

export interface ReadingProblem {
  /** Where the problem is: a JSON pointer into the body (`/readings/3/lat`), a query or form parameter (`lat`), or `topic`. */
  readonly pointer: string;
  /** The device the unusable part names, when it names one. */
  readonly deviceId?: string;
  readonly reason: string;
}

export interface Decoded {
  readonly readings: Position[];
  readonly problems: ReadingProblem[];
  /**
   * Where each reading came from (`pointers[i]` for `readings[i]`: `/readings/3`, `/location/0`, or `''`
   * for a request that is one reading), so a later check (validateDecoded's clock limit) names it too.
   */
  readonly pointers: string[];
}

/** A position being built field by field by a decoder. */
export type MutablePosition = { -readonly [K in keyof Position]: Position[K] };

/** More readings than this in one body are refused whole: a sender in a retry loop must not stall the server. */
export const MAX_READINGS_PER_BODY = 10_000;

/** The outcome of decoding one reading: a position, or the one problem that made it unusable. */
export type ReadingOutcome = { readonly position: Position } | { readonly problem: ReadingProblem };

export function emptyDecoded(): Decoded {
  return { readings: [], problems: [], pointers: [] };
}

export function problemOnly(problem: ReadingProblem): Decoded {
  return { readings: [], problems: [problem], pointers: [] };
}

/** Adds one reading's outcome, found at `pointer`, to `into`. */
export function collect(into: Decoded, outcome: ReadingOutcome, pointer: string): void {
  if ('position' in outcome) {
    into.readings.push(outcome.position);
    into.pointers.push(pointer);
  } else {
    into.problems.push(outcome.problem);
  }
}

/** A JSON pointer one step below `base`, escaping `~` and `/` in the step (RFC 6901). */
export function pointerTo(base: string, step: string | number): string {
  // An index needs no escaping (every reading of a batch has one: no regular expressions for it).
  if (typeof step === 'number') return `${base}/${step}`;
  return `${base}/${String(step).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** A value as an integrator would recognise it in a message: JSON for data, a type name for what JSON cannot show. */
export function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const text = JSON.stringify(value) ?? typeof value;
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** "a string", "an array", "null": what a value is, for "must be a number, not ...". */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return type === 'object' ? 'an object' : type === 'undefined' ? 'nothing' : `a ${type}`;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
