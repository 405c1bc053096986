/**
 * Reading one query parameter's value(s), from a REST query string (strings, lists pipe-delimited
 * or repeated) or from a JSON query definition (arrays, numbers, booleans, null), with errors that
 * name the parameter.
 */
import { EpcisException } from '../exceptions.js';
import type { NamespaceBindings } from '../model.js';
import { parseDecimal, parseInstant } from './normalise.js';

/** One parameter as received: its name, its raw value(s) and which binding it came from. */
export interface RawParameter {
  name: string;
  values: unknown[];
  /** REST query string: strings only, lists separated by '|' (OpenAPI style pipeDelimited). */
  rest: boolean;
}

/** The QueryParameterException for one parameter. */
export function parameterError(name: string, problem: string): EpcisException {
  return new EpcisException('QueryParameterException', `Query parameter "${name}": ${problem}`);
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? String(value);
}

/** A list of non-empty strings (REST: pipe-separated and/or repeated). */
export function stringList(p: RawParameter): string[] {
  const out: string[] = [];
  for (const v of p.values) {
    const items = Array.isArray(v) ? v : [v];
    for (const item of items) {
      if (typeof item !== 'string') throw parameterError(p.name, `expected a string, got ${describe(item)}`);
      for (const part of p.rest ? item.split('|') : [item]) {
        const trimmed = part.trim();
        if (trimmed === '') throw parameterError(p.name, 'empty value in list');
        out.push(trimmed);
      }
    }
  }
  if (out.length === 0) throw parameterError(p.name, 'expected at least one value');
  return out;
}

/** The single value of a parameter that takes one. */
export function single(p: RawParameter): unknown {
  const flat = p.values.flatMap((v) => (Array.isArray(v) && !p.rest ? v : [v]));
  if (flat.length !== 1) throw parameterError(p.name, `expected exactly one value, got ${flat.length}`);
  return flat[0];
}

/** An xsd:dateTime with zone, as epoch ms. */
export function instant(p: RawParameter): number {
  const v = single(p);
  const ms = typeof v === 'string' ? parseInstant(v) : undefined;
  if (ms === undefined) {
    throw parameterError(p.name, `${describe(v)} is not a date-time with time zone (e.g. 2024-05-01T10:00:00Z)`);
  }
  return ms;
}

function toNumber(p: RawParameter, v: unknown): number {
  const n = typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' ? parseDecimal(v) : undefined;
  if (n === undefined) throw parameterError(p.name, `${describe(v)} is not a number`);
  return n;
}

/** One decimal number. */
export function decimal(p: RawParameter): number {
  return toNumber(p, single(p));
}

/** A list of decimal numbers (REST: pipe-separated and/or repeated). */
export function decimalList(p: RawParameter): number[] {
  const out: number[] = [];
  for (const v of p.values) {
    const items = Array.isArray(v) ? v : [v];
    for (const item of items) {
      const parts = p.rest && typeof item === 'string' ? item.split('|') : [item];
      for (const part of parts) out.push(toNumber(p, part));
    }
  }
  if (out.length === 0) throw parameterError(p.name, 'expected at least one number');
  return out;
}

/** A non-negative integer. */
export function count(p: RawParameter): number {
  const n = decimal(p);
  if (!Number.isSafeInteger(n) || n < 0) throw parameterError(p.name, `${n} is not a non-negative integer`);
  return n;
}

/** true or false. */
export function bool(p: RawParameter): boolean {
  const v = single(p);
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  throw parameterError(p.name, `${describe(v)} is not true or false`);
}

/**
 * EXISTS_ parameters: the standard gives them no value (Void); REST clients send "", "true" or "1".
 * Returns whether the condition applies ("false"/0 mean "regardless", as the OpenAPI text says).
 */
export function existsFlag(p: RawParameter): boolean {
  const flat = p.values.flatMap((v) => (Array.isArray(v) ? v : [v]));
  if (flat.length === 0) return true;
  if (flat.length > 1) throw parameterError(p.name, `expected at most one value, got ${flat.length}`);
  const v = flat[0];
  if (v === null || v === true || v === 1 || v === '' || v === 'true' || v === '1') return true;
  if (v === false || v === 0 || v === 'false' || v === '0') return false;
  throw parameterError(p.name, `${describe(v)} is not a valid EXISTS_ value (leave it empty, or use true / false)`);
}

/** A number, or a date-time (then as epoch ms with `time: true`), for GT_/GE_/LT_/LE_ of extension fields. */
export function orderedValue(p: RawParameter): { value: number; time: boolean } {
  const v = single(p);
  if (typeof v === 'number' && Number.isFinite(v)) return { value: v, time: false };
  if (typeof v === 'string') {
    const ms = parseInstant(v);
    if (ms !== undefined) return { value: ms, time: true };
    const n = parseDecimal(v);
    if (n !== undefined) return { value: n, time: false };
  }
  throw parameterError(p.name, `${describe(v)} is neither a number nor a date-time with time zone`);
}

/** Values of EQ_ on extension fields: strings (REST lists pipe-separated), numbers or booleans. */
export function scalarList(p: RawParameter): (string | number | boolean)[] {
  const out: (string | number | boolean)[] = [];
  for (const v of p.values) {
    const items = Array.isArray(v) ? v : [v];
    for (const item of items) {
      if (typeof item === 'number' || typeof item === 'boolean') out.push(item);
      else if (typeof item === 'string') out.push(...(p.rest ? item.split('|') : [item]).map((s) => s.trim()));
      else throw parameterError(p.name, `expected a string, number or boolean, got ${describe(item)}`);
    }
  }
  if (out.length === 0) throw parameterError(p.name, 'expected at least one value');
  return out;
}

/**
 * Namespace bindings from the GS1-Extensions header ("prefix=iri, prefix2=iri2"), so that REST
 * queries can name extension fields as "prefix:local".
 */
export function parseExtensionsHeader(header: string): NamespaceBindings {
  const bindings: NamespaceBindings = {};
  for (const part of header.split(/[,\n]/)) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const prefix = part.slice(0, eq).trim();
    const iri = part.slice(eq + 1).trim();
    if (prefix && iri) bindings[prefix] = iri;
  }
  return bindings;
}
