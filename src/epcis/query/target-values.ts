/**
 * Finding the values a FieldTarget names inside an event, and comparing one of them with a query
 * value. Shared by the matcher and by ordering.
 */
import type { EpcisEvent, NamespaceBindings } from '../model.js';
import type { CompareOp, FieldTarget, Scalar } from './event-query.js';
import { keyMatchesField, type FieldName } from './field-names.js';
import { normaliseIdentifier, normaliseVocabulary, parseDecimal, parseInstant } from './normalise.js';
import { convertUnit } from './units.js';

/** One value found, with the object that holds it (for its `uom`). */
export interface FoundValue {
  value: unknown;
  holder: Record<string, unknown>;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function records(values: unknown[]): Record<string, unknown>[] {
  return values.map(asRecord).filter((r): r is Record<string, unknown> => r !== undefined);
}

/** The objects of an event that a scope covers. */
export function scopeHolders(event: EpcisEvent, scope: FieldTarget['scope']): Record<string, unknown>[] {
  const elements = records(event.sensorElementList ?? []);
  const metadata = () => records(elements.map((e) => e['sensorMetadata']));
  const reports = () => records(elements.flatMap((e) => (Array.isArray(e['sensorReport']) ? e['sensorReport'] : [])));
  switch (scope) {
    case 'event':
      return [event as Record<string, unknown>];
    case 'ilmd':
      return records([event.ilmd]);
    case 'errorDeclaration':
      return records([event.errorDeclaration]);
    case 'readPoint':
      return records([event.readPoint]);
    case 'bizLocation':
      return records([event.bizLocation]);
    case 'sensorElement':
      return elements;
    case 'sensorMetadata':
      return metadata();
    case 'sensorReport':
      return reports();
    case 'sensor':
      return [...metadata(), ...reports()];
    case 'quantity':
      return records([
        ...(event.quantityList ?? []),
        ...(event.childQuantityList ?? []),
        ...(event.inputQuantityList ?? []),
        ...(event.outputQuantityList ?? []),
      ]);
  }
}

function isExtensionTarget(target: FieldTarget): boolean {
  return target.namespace !== undefined || target.prefix !== undefined;
}

function pushLeaves(value: unknown, holder: Record<string, unknown>, out: FoundValue[]): void {
  if (Array.isArray(value)) for (const v of value) pushLeaves(v, holder, out);
  else if (value !== undefined) out.push({ value, holder });
}

/** Extension fields named `name` at any depth below `holder` (INNER_), descending only through extensions at the top. */
function collectNested(
  holder: Record<string, unknown>,
  name: FieldName,
  bindings: NamespaceBindings,
  topLevel: boolean,
  out: FoundValue[],
): void {
  for (const [key, value] of Object.entries(holder)) {
    // At the top of a scope only extension members are walked: standard members are not "inner".
    if (topLevel && !key.includes(':')) continue;
    const children = Array.isArray(value) ? value : [value];
    for (const child of children) {
      const obj = asRecord(child);
      if (!obj) continue;
      for (const [innerKey, innerValue] of Object.entries(obj)) {
        if (keyMatchesField(innerKey, bindings, name)) pushLeaves(innerValue, obj, out);
      }
      collectNested(obj, name, bindings, false, out);
    }
  }
}

/** All values of the target in the event (arrays of repeated extension elements flattened). */
export function targetValues(event: EpcisEvent, target: FieldTarget, extraBindings: NamespaceBindings = {}): FoundValue[] {
  const holders = scopeHolders(event, target.scope);
  const out: FoundValue[] = [];
  if (!isExtensionTarget(target)) {
    for (const holder of holders) {
      const value = holder[target.field];
      // Standard fields keep their arrays (sensorElementList, correctiveEventIDs) as one value.
      if (value !== undefined && value !== null) out.push({ value, holder });
    }
    return out;
  }
  const bindings = { ...extraBindings, ...(event['@context'] ?? {}) };
  const name: FieldName = { local: target.field, namespace: target.namespace, prefix: target.prefix };
  for (const holder of holders) {
    if (target.inner) {
      collectNested(holder, name, bindings, true, out);
      continue;
    }
    for (const [key, value] of Object.entries(holder)) {
      if (keyMatchesField(key, bindings, name)) pushLeaves(value, holder, out);
    }
  }
  return out;
}

// Standard sensor fields holding URIs: an EPC URN and its Digital Link must compare equal.
const IDENTIFIER_FIELDS = new Set(['deviceID', 'deviceMetadata', 'rawData', 'dataProcessingMethod', 'bizRules', 'microorganism', 'chemicalSubstance', 'uriValue']);

/** The event value in the spelling query values use (vocabulary to Web URI, hexBinary upper case). */
export function normaliseStandardValue(target: FieldTarget, value: unknown): unknown {
  if (isExtensionTarget(target) || typeof value !== 'string') return value;
  if (target.field === 'type' && target.scope === 'sensorReport') return normaliseVocabulary('measurementType', value);
  if (target.field === 'hexBinaryValue') return value.toUpperCase();
  if (IDENTIFIER_FIELDS.has(target.field)) return normaliseIdentifier(value);
  return value.trim();
}

function numeric(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') return parseDecimal(value);
  return undefined;
}

const EPSILON = 1e-9;

function ordered(a: number, op: CompareOp, b: number): boolean {
  const close = Math.abs(a - b) <= EPSILON * Math.max(1, Math.abs(a), Math.abs(b));
  switch (op) {
    case 'EQ':
      return close;
    case 'GT':
      return a > b && !close;
    case 'GE':
      return a > b || close;
    case 'LT':
      return a < b && !close;
    case 'LE':
      return a < b || close;
  }
}

/** Whether one found value satisfies `op` against one query value. */
export function compareFound(found: FoundValue, target: FieldTarget, op: CompareOp, query: Scalar, time = false): boolean {
  let value = normaliseStandardValue(target, found.value);
  if (target.uom !== undefined) {
    const from = found.holder['uom'];
    const n = numeric(value);
    if (typeof from !== 'string' || n === undefined) return false;
    const converted = convertUnit(n, from, target.uom);
    if (converted === undefined) return false;
    value = converted;
  }
  if (time) {
    const ms = typeof value === 'string' ? parseInstant(value) : undefined;
    return ms !== undefined && typeof query === 'number' && ordered(ms, op, query);
  }
  if (typeof query === 'boolean') {
    return op === 'EQ' && (value === query || value === String(query));
  }
  if (typeof query === 'number') {
    const n = numeric(value);
    return n !== undefined && ordered(n, op, query);
  }
  // A string query value (EQ from a REST query string): equal as text, as instants or as numbers.
  if (op !== 'EQ') return false;
  if (typeof value === 'string') {
    if (value === query) return true;
    const a = parseInstant(value);
    const b = parseInstant(query);
    if (a !== undefined && b !== undefined) return a === b;
  }
  if (typeof value === 'boolean') return String(value) === query;
  const a = numeric(value);
  const b = parseDecimal(query);
  return a !== undefined && b !== undefined && ordered(a, 'EQ', b);
}
