/**
 * The reference semantics of EventQuery: whether one event matches, and its sort key. Stores use it
 * as the residual filter for the conditions they do not push down, and tests use it as the oracle.
 */
import type { EpcisEvent, NamespaceBindings } from '../model.js';
import type { Condition, EpcRole, EventQuery, FieldTarget, QuantityRole, TimeField } from './event-query.js';
import { compileEpcPattern, type CompiledEpcPattern } from './epc-pattern.js';
import { fieldNameFromText } from './field-names.js';
import { normaliseIdentifier, normaliseVocabulary, parseDecimal, parseInstant } from './normalise.js';
import { compareFound, targetValues } from './target-values.js';

export interface MatchOptions {
  /** Master data: an id and all its descendants, for WD_ conditions. Without it, WD_ behaves as EQ_. */
  descendants?: (id: string) => string[];
  /** Master data: the attributes of a vocabulary element by its normalised id, for HASATTR_ / EQ_ATTR_. Without it they match nothing. */
  attributes?: (id: string) => Record<string, unknown> | undefined;
  /** The record time when the store keeps it apart from the event object (ISO string or epoch ms). */
  recordTime?: string | number;
  /** Extra prefix bindings for extension keys of events (beside each event's own @context). */
  namespaces?: NamespaceBindings;
}

const patternCache = new WeakMap<Condition, CompiledEpcPattern[]>();

function compiled(condition: Extract<Condition, { kind: 'epc' | 'epcClass' }>): CompiledEpcPattern[] {
  let patterns = patternCache.get(condition);
  if (!patterns) {
    const mode = condition.kind === 'epc' ? 'instance' : 'class';
    patterns = condition.patterns.map((p) => compileEpcPattern(p, mode));
    patternCache.set(condition, patterns);
  }
  return patterns;
}

function epcsOf(event: EpcisEvent, role: EpcRole): string[] {
  switch (role) {
    case 'epc':
      return event.epcList ?? [];
    case 'childEPC':
      return event.childEPCs ?? [];
    case 'parentID':
      return event.parentID ? [event.parentID] : [];
    case 'inputEPC':
      return event.inputEPCList ?? [];
    case 'outputEPC':
      return event.outputEPCList ?? [];
  }
}

function classesOf(event: EpcisEvent, role: QuantityRole): string[] {
  const list = {
    quantity: event.quantityList,
    childQuantity: event.childQuantityList,
    inputQuantity: event.inputQuantityList,
    outputQuantity: event.outputQuantityList,
  }[role];
  return (list ?? []).map((q) => q.epcClass).filter((c): c is string => typeof c === 'string');
}

/** The normalised values of an `in` field of an event (usually zero or one). */
export function inFieldValues(event: EpcisEvent, field: Extract<Condition, { kind: 'in' }>['field']): string[] {
  const one = (v: string | undefined): string[] => (typeof v === 'string' ? [v] : []);
  switch (field) {
    case 'eventType':
      return one(event.type);
    case 'action':
      return one(event.action);
    case 'bizStep':
      return one(event.bizStep).map((v) => normaliseVocabulary('bizStep', v));
    case 'disposition':
      return one(event.disposition).map((v) => normaliseVocabulary('disposition', v));
    case 'readPoint':
      return one(event.readPoint?.id).map(normaliseIdentifier);
    case 'bizLocation':
      return one(event.bizLocation?.id).map(normaliseIdentifier);
    case 'eventID':
      return one(event.eventID);
    case 'transformationID':
      return one(event.transformationID).map(normaliseIdentifier);
    case 'errorReason':
      return one(event.errorDeclaration?.reason).map((v) => normaliseVocabulary('errorReason', v));
    case 'correctiveEventID':
      return event.errorDeclaration?.correctiveEventIDs ?? [];
  }
}

/** The instants (epoch ms) of a time field in an event; sensor times may be many. */
export function timeFieldValues(event: EpcisEvent, field: TimeField, recordTime?: string | number): number[] {
  const instants = (values: unknown[]): number[] =>
    values.flatMap((v) => {
      const ms = typeof v === 'string' ? parseInstant(v) : typeof v === 'number' ? v : undefined;
      return ms === undefined ? [] : [ms];
    });
  const metadata = (event.sensorElementList ?? []).map((e) => e.sensorMetadata ?? {});
  switch (field) {
    case 'eventTime':
      return instants([event.eventTime]);
    case 'recordTime':
      return instants([recordTime ?? event.recordTime]);
    case 'errorDeclarationTime':
      return instants([event.errorDeclaration?.declarationTime]);
    case 'sensorTime': {
      const reports = (event.sensorElementList ?? []).flatMap((e) => e.sensorReport ?? []);
      return instants([...metadata.map((m) => m.time), ...reports.map((r) => r.time)]);
    }
    case 'startTime':
      return instants(metadata.map((m) => m.startTime));
    case 'endTime':
      return instants(metadata.map((m) => m.endTime));
  }
}

function typedEntries(event: EpcisEvent, kind: 'bizTransaction' | 'source' | 'destination'): { type: string; value: string }[] {
  if (kind === 'bizTransaction') {
    return (event.bizTransactionList ?? []).map((b) => ({
      type: b.type === undefined ? '' : normaliseVocabulary('bizTransactionType', b.type),
      value: b.bizTransaction,
    }));
  }
  const list = kind === 'source' ? event.sourceList : event.destinationList;
  return (list ?? []).map((s) => ({
    type: normaliseVocabulary('sourceDestinationType', s.type),
    value: (kind === 'source' ? s.source : s.destination) ?? '',
  }));
}

function vocabularyFieldIds(event: EpcisEvent, field: string): string[] {
  switch (field) {
    case 'readPoint':
    case 'bizLocation':
    case 'bizStep':
    case 'disposition':
    case 'eventID':
    case 'transformationID':
      return inFieldValues(event, field);
    case 'epc':
      return [...(event.epcList ?? []), ...(event.childEPCs ?? [])].map(normaliseIdentifier);
    case 'parentID':
      return event.parentID ? [normaliseIdentifier(event.parentID)] : [];
    case 'epcClass':
      return classesOf(event, 'quantity').concat(classesOf(event, 'childQuantity')).map(normaliseIdentifier);
    default:
      return [];
  }
}


function exists(event: EpcisEvent, target: FieldTarget, options: MatchOptions): boolean {
  return targetValues(event, target, options.namespaces).some(({ value }) => !(Array.isArray(value) && value.length === 0));
}

/** Whether one event satisfies one condition. */
export function matchesCondition(event: EpcisEvent, condition: Condition, options: MatchOptions = {}): boolean {
  switch (condition.kind) {
    case 'in': {
      const values = new Set(condition.values);
      return inFieldValues(event, condition.field).some((v) => values.has(v));
    }
    case 'within': {
      const ids = new Set<string>();
      for (const v of condition.values) {
        ids.add(v);
        for (const d of options.descendants?.(v) ?? []) ids.add(normaliseIdentifier(d));
      }
      return inFieldValues(event, condition.field).some((v) => ids.has(v));
    }
    case 'epc': {
      const patterns = compiled(condition);
      return condition.roles.some((role) => epcsOf(event, role).some((id) => patterns.some((p) => p.test(normaliseIdentifier(id)))));
    }
    case 'epcClass': {
      const patterns = compiled(condition);
      return condition.roles.some((role) => classesOf(event, role).some((id) => patterns.some((p) => p.test(normaliseIdentifier(id)))));
    }
    case 'time':
      return timeFieldValues(event, condition.field, options.recordTime).some(
        (t) => (condition.ge === undefined || t >= condition.ge) && (condition.lt === undefined || t < condition.lt),
      );
    case 'bizTransaction':
    case 'source':
    case 'destination': {
      const values = new Set(condition.values);
      return typedEntries(event, condition.kind).some((e) => e.type === condition.type && values.has(normaliseIdentifier(e.value)));
    }
    case 'persistentDisposition': {
      const values = new Set(condition.values);
      const list = event.persistentDisposition?.[condition.op] ?? [];
      return list.some((v) => values.has(normaliseVocabulary('disposition', v)));
    }
    case 'exists':
      return exists(event, condition.target, options);
    case 'compare': {
      const found = targetValues(event, condition.target, options.namespaces);
      return found.some((f) => condition.values.some((q) => compareFound(f, condition.target, condition.op, q, condition.time)));
    }
    case 'hasAttribute':
      return vocabularyFieldIds(event, condition.field).some((id) => {
        const attributes = options.attributes?.(id);
        return attributes !== undefined && condition.attributes.some((a) => attributes[a] !== undefined);
      });
    case 'attributeEquals':
      return vocabularyFieldIds(event, condition.field).some((id) => {
        const value = options.attributes?.(id)?.[condition.attribute];
        const values = Array.isArray(value) ? value : [value];
        return values.some((v) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') && condition.values.includes(String(v)));
      });
  }
}

/** Whether an event satisfies every condition of the query (ordering and limits are the caller's). */
export function matchesEventQuery(event: EpcisEvent, query: EventQuery, options: MatchOptions = {}): boolean {
  return query.conditions.every((c) => matchesCondition(event, c, options));
}

/** The key an event sorts by for `orderBy`: epoch ms for times, numbers, strings; undefined when absent. */
export function eventSortKey(event: EpcisEvent, orderBy: string, options: MatchOptions = {}): number | string | undefined {
  if (orderBy === 'eventTime' || orderBy === 'recordTime') return timeFieldValues(event, orderBy, options.recordTime)[0];
  const name = fieldNameFromText(orderBy);
  if (!name) return undefined;
  const target: FieldTarget = { scope: 'event', field: name.local, namespace: name.namespace, prefix: name.prefix };
  const value = targetValues(event, target, options.namespaces)[0]?.value;
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  return parseInstant(value) ?? parseDecimal(value) ?? value;
}

/**
 * Orders two sort keys: numbers before strings, strings by code unit (the standard's "case-sensitive
 * lexical ordering"), events without the field last whatever the direction.
 */
export function compareSortKeys(a: number | string | undefined, b: number | string | undefined, direction: 'ASC' | 'DESC' = 'ASC'): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  let order: number;
  if (typeof a === 'number' && typeof b === 'number') order = a - b;
  else if (typeof a === 'number') order = -1;
  else if (typeof b === 'number') order = 1;
  else order = a < b ? -1 : a > b ? 1 : 0;
  return direction === 'DESC' ? -order : order;
}
