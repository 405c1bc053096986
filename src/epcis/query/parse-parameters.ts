/**
 * EPCIS 2.0 query parameters (REST bindings, query-schema.json) to a typed EventQuery. One builder
 * serves both the REST query string and the JSON query definition of a named query.
 */
import type { NamespaceBindings } from '../model.js';
import type { Condition, EventQuery, TimeField } from './event-query.js';
import { parseExtensionParameter } from './parse-extension-parameters.js';
import { parseFieldName, fieldNameText } from './field-names.js';
import { normaliseIdentifier, normaliseVocabulary } from './normalise.js';
import {
  bool,
  count,
  decimal,
  decimalList,
  existsFlag,
  instant,
  parameterError,
  single,
  stringList,
  type RawParameter,
} from './parameter-values.js';

/**
 * Parameters that are not query conditions: paging (handled by the HTTP layer) and the
 * subscription controls of the REST bindings. They are accepted and ignored here.
 */
export const NON_QUERY_PARAMETERS: ReadonlySet<string> = new Set([
  'perPage',
  'nextPageToken',
  'stream',
  'second',
  'minute',
  'hour',
  'dayOfMonth',
  'month',
  'dayOfWeek',
  'reportIfEmpty',
  'initialRecordTime',
  'signatureToken',
  '@context',
]);

export interface ParseOptions {
  /** Prefix bindings for extension field names (from the GS1-Extensions header or the query's @context). */
  namespaces?: NamespaceBindings;
}

const ACTIONS = new Set(['ADD', 'OBSERVE', 'DELETE']);

const TIME_PARAMETERS: Record<string, { field: TimeField; bound: 'ge' | 'lt' }> = {
  GE_eventTime: { field: 'eventTime', bound: 'ge' },
  LT_eventTime: { field: 'eventTime', bound: 'lt' },
  GE_recordTime: { field: 'recordTime', bound: 'ge' },
  LT_recordTime: { field: 'recordTime', bound: 'lt' },
  GE_errorDeclarationTime: { field: 'errorDeclarationTime', bound: 'ge' },
  LT_errorDeclarationTime: { field: 'errorDeclarationTime', bound: 'lt' },
  // query-schema.json spells these two with an underscore; the OpenAPI file without.
  GE_errorDeclaration_Time: { field: 'errorDeclarationTime', bound: 'ge' },
  LT_errorDeclaration_Time: { field: 'errorDeclarationTime', bound: 'lt' },
  GE_time: { field: 'sensorTime', bound: 'ge' },
  LT_time: { field: 'sensorTime', bound: 'lt' },
  GE_startTime: { field: 'startTime', bound: 'ge' },
  LT_startTime: { field: 'startTime', bound: 'lt' },
  GE_endTime: { field: 'endTime', bound: 'ge' },
  LT_endTime: { field: 'endTime', bound: 'lt' },
};

const EPC_PARAMETERS: Record<string, Extract<Condition, { kind: 'epc' }>['roles']> = {
  MATCH_epc: ['epc', 'childEPC'],
  MATCH_parentID: ['parentID'],
  MATCH_inputEPC: ['inputEPC'],
  MATCH_outputEPC: ['outputEPC'],
  MATCH_anyEPC: ['epc', 'childEPC', 'parentID', 'inputEPC', 'outputEPC'],
};

const EPC_CLASS_PARAMETERS: Record<string, Extract<Condition, { kind: 'epcClass' }>['roles']> = {
  MATCH_epcClass: ['quantity', 'childQuantity'],
  MATCH_inputEPCClass: ['inputQuantity'],
  MATCH_outputEPCClass: ['outputQuantity'],
  MATCH_anyEPCClass: ['quantity', 'childQuantity', 'inputQuantity', 'outputQuantity'],
};

type Handler = (p: RawParameter) => Condition | undefined;

const identifiers = (p: RawParameter): string[] => stringList(p).map(normaliseIdentifier);

const IN_PARAMETERS: Record<string, Handler> = {
  eventType: (p) => ({ kind: 'in', field: 'eventType', values: stringList(p) }),
  EQ_action: (p) => {
    const values = stringList(p);
    const bad = values.find((v) => !ACTIONS.has(v));
    if (bad !== undefined) throw parameterError(p.name, `"${bad}" is not ADD, OBSERVE or DELETE`);
    return { kind: 'in', field: 'action', values };
  },
  EQ_bizStep: (p) => ({ kind: 'in', field: 'bizStep', values: stringList(p).map((v) => normaliseVocabulary('bizStep', v)) }),
  EQ_disposition: (p) => ({
    kind: 'in',
    field: 'disposition',
    values: stringList(p).map((v) => normaliseVocabulary('disposition', v)),
  }),
  EQ_persistentDisposition_set: (p) => ({
    kind: 'persistentDisposition',
    op: 'set',
    values: stringList(p).map((v) => normaliseVocabulary('disposition', v)),
  }),
  EQ_persistentDisposition_unset: (p) => ({
    kind: 'persistentDisposition',
    op: 'unset',
    values: stringList(p).map((v) => normaliseVocabulary('disposition', v)),
  }),
  EQ_readPoint: (p) => ({ kind: 'in', field: 'readPoint', values: identifiers(p) }),
  EQ_bizLocation: (p) => ({ kind: 'in', field: 'bizLocation', values: identifiers(p) }),
  WD_readPoint: (p) => ({ kind: 'within', field: 'readPoint', values: identifiers(p) }),
  WD_bizLocation: (p) => ({ kind: 'within', field: 'bizLocation', values: identifiers(p) }),
  EQ_transformationID: (p) => ({ kind: 'in', field: 'transformationID', values: identifiers(p) }),
  EQ_eventID: (p) => ({ kind: 'in', field: 'eventID', values: stringList(p) }),
  EQ_errorReason: (p) => ({
    kind: 'in',
    field: 'errorReason',
    values: stringList(p).map((v) => normaliseVocabulary('errorReason', v)),
  }),
  EQ_correctiveEventID: (p) => ({ kind: 'in', field: 'correctiveEventID', values: stringList(p) }),
  EXISTS_errorDeclaration: (p) =>
    existsFlag(p) ? { kind: 'exists', target: { scope: 'event', field: 'errorDeclaration' } } : undefined,
  EXISTS_sensorElementList: (p) =>
    existsFlag(p) ? { kind: 'exists', target: { scope: 'event', field: 'sensorElementList' } } : undefined,
  EQ_quantity: (p) => ({ kind: 'compare', target: { scope: 'quantity', field: 'quantity' }, op: 'EQ', values: decimalList(p) }),
  GT_quantity: (p) => ({ kind: 'compare', target: { scope: 'quantity', field: 'quantity' }, op: 'GT', values: [decimal(p)] }),
  GE_quantity: (p) => ({ kind: 'compare', target: { scope: 'quantity', field: 'quantity' }, op: 'GE', values: [decimal(p)] }),
  LT_quantity: (p) => ({ kind: 'compare', target: { scope: 'quantity', field: 'quantity' }, op: 'LT', values: [decimal(p)] }),
  LE_quantity: (p) => ({ kind: 'compare', target: { scope: 'quantity', field: 'quantity' }, op: 'LE', values: [decimal(p)] }),
  EQ_type: (p) => ({
    kind: 'compare',
    target: { scope: 'sensorReport', field: 'type' },
    op: 'EQ',
    values: stringList(p).map((v) => normaliseVocabulary('measurementType', v)),
  }),
  EQ_deviceID: (p) => ({ kind: 'compare', target: { scope: 'sensor', field: 'deviceID' }, op: 'EQ', values: identifiers(p) }),
  EQ_dataProcessingMethod: (p) => ({
    kind: 'compare',
    target: { scope: 'sensor', field: 'dataProcessingMethod' },
    op: 'EQ',
    values: identifiers(p),
  }),
  EQ_bizRules: (p) => ({ kind: 'compare', target: { scope: 'sensorMetadata', field: 'bizRules' }, op: 'EQ', values: identifiers(p) }),
  EQ_microorganism: (p) => ({
    kind: 'compare',
    target: { scope: 'sensorReport', field: 'microorganism' },
    op: 'EQ',
    values: identifiers(p),
  }),
  EQ_chemicalSubstance: (p) => ({
    kind: 'compare',
    target: { scope: 'sensorReport', field: 'chemicalSubstance' },
    op: 'EQ',
    values: identifiers(p),
  }),
  EQ_stringValue: (p) => ({ kind: 'compare', target: { scope: 'sensorReport', field: 'stringValue' }, op: 'EQ', values: stringList(p) }),
  EQ_hexBinaryValue: (p) => {
    const values = stringList(p);
    const bad = values.find((v) => !/^([0-9a-fA-F]{2})*$/.test(v));
    if (bad !== undefined) throw parameterError(p.name, `"${bad}" is not hexBinary (pairs of hex digits)`);
    return { kind: 'compare', target: { scope: 'sensorReport', field: 'hexBinaryValue' }, op: 'EQ', values: values.map((v) => v.toUpperCase()) };
  },
  EQ_uriValue: (p) => ({ kind: 'compare', target: { scope: 'sensorReport', field: 'uriValue' }, op: 'EQ', values: identifiers(p) }),
  EQ_booleanValue: (p) => ({ kind: 'compare', target: { scope: 'sensorReport', field: 'booleanValue' }, op: 'EQ', values: [bool(p)] }),
};

/** The typed query of a set of raw parameters (either binding). */
export function buildEventQuery(parameters: RawParameter[], options: ParseOptions = {}): EventQuery {
  const namespaces = options.namespaces ?? {};
  const conditions: Condition[] = [];
  const times = new Map<TimeField, Extract<Condition, { kind: 'time' }>>();
  const query: EventQuery = { conditions };
  let orderDirection: 'ASC' | 'DESC' | undefined;

  for (const p of parameters) {
    const { name } = p;
    if (NON_QUERY_PARAMETERS.has(name)) continue;
    const time = TIME_PARAMETERS[name];
    if (time) {
      let condition = times.get(time.field);
      if (!condition) {
        condition = { kind: 'time', field: time.field };
        times.set(time.field, condition);
        conditions.push(condition);
      }
      if (condition[time.bound] !== undefined) throw parameterError(name, 'given twice (also under its other spelling)');
      condition[time.bound] = instant(p);
      continue;
    }
    const roles = EPC_PARAMETERS[name];
    if (roles) {
      conditions.push({ kind: 'epc', roles, patterns: epcPatterns(p) });
      continue;
    }
    const classRoles = EPC_CLASS_PARAMETERS[name];
    if (classRoles) {
      conditions.push({ kind: 'epcClass', roles: classRoles, patterns: epcPatterns(p) });
      continue;
    }
    const handler = IN_PARAMETERS[name];
    if (handler) {
      const condition = handler(p);
      if (condition) conditions.push(condition);
      continue;
    }
    switch (name) {
      case 'orderBy':
        query.orderBy = orderByField(p, namespaces);
        continue;
      case 'orderDirection': {
        const v = single(p);
        if (v !== 'ASC' && v !== 'DESC') throw parameterError(name, `${JSON.stringify(v)} is not ASC or DESC`);
        orderDirection = v;
        continue;
      }
      case 'eventCountLimit':
        query.eventCountLimit = count(p);
        continue;
      case 'maxEventCount':
        query.maxEventCount = count(p);
        continue;
    }
    const extension = parseExtensionParameter(p, namespaces);
    if (extension === undefined) throw parameterError(name, 'is not a parameter of the EPCIS 2.0 query language');
    if (extension !== null) conditions.push(extension);
  }

  if (query.eventCountLimit !== undefined && query.maxEventCount !== undefined) {
    throw parameterError('eventCountLimit', 'cannot be combined with maxEventCount (the standard makes them exclusive)');
  }
  if (query.eventCountLimit !== undefined && query.orderBy === undefined) {
    throw parameterError('eventCountLimit', 'needs orderBy, which says which events come first');
  }
  if (query.orderBy !== undefined) query.orderDirection = orderDirection ?? 'DESC';
  return query;
}

function epcPatterns(p: RawParameter): string[] {
  return stringList(p).map((v) => {
    if (/^urn:epc:idpat:/i.test(v)) {
      if (!/^urn:epc:idpat:[a-z0-9-]+:[^:]+$/i.test(v)) throw parameterError(p.name, `"${v}" is not a valid EPC pattern URI`);
      return v;
    }
    return normaliseIdentifier(v);
  });
}

function orderByField(p: RawParameter, namespaces: NamespaceBindings): string {
  const v = single(p);
  if (v === 'eventTime' || v === 'recordTime') return v;
  const field = typeof v === 'string' ? parseFieldName(v, namespaces) : undefined;
  if (!field) {
    throw parameterError(
      p.name,
      `${JSON.stringify(v)} is not eventTime, recordTime or an extension field name ("prefix:local" or "{namespace}local")`,
    );
  }
  return fieldNameText(field);
}

/**
 * Parses the parameters of GET /events (and the other query endpoints): `params` as the HTTP layer
 * decodes them, a repeated parameter as an array. List values are '|'-separated (OpenAPI
 * `pipeDelimited`) and/or repeated.
 */
export function parseQueryParameters(params: Record<string, string | string[]>, options: ParseOptions = {}): EventQuery {
  const raw: RawParameter[] = Object.entries(params).map(([name, value]) => ({
    name,
    values: Array.isArray(value) ? value : [value],
    rest: true,
  }));
  return buildEventQuery(raw, options);
}
