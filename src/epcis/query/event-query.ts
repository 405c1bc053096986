/**
 * The typed form of an EPCIS 2.0 SimpleEventQuery: what `parseQueryParameters` (REST GET) and
 * `queryFromDefinition` (named-query body) produce, what stores answer and what `matchesEventQuery`
 * evaluates. Conditions are ANDed; each condition is true when ANY of its values matches (the
 * standard's "list of values" semantics).
 *
 * Normalisation contract (both sides of every comparison are normalised the same way, so the
 * spelling of the capture does not matter):
 * - CBV vocabulary values (bizStep, disposition, persistentDisposition, errorReason, bizTransaction
 *   and source/destination types, sensor `type`) are GS1 Web URIs (`toWebVocabulary`):
 *   "shipping" and "urn:epcglobal:cbv:bizstep:shipping" become "https://ref.gs1.org/cbv/BizStep-shipping".
 * - Identifiers (EPCs, parentID, readPoint, bizLocation, bizTransaction, source, destination,
 *   epcClass) are canonical GS1 Digital Link URIs where they are GS1 keys (`toDigitalLink`); other
 *   URIs are kept as written. `normaliseIdentifier` in match.ts is the one function for this.
 * - Times are epoch milliseconds (UTC instants).
 */

export type EventTypeName =
  | 'ObjectEvent'
  | 'AggregationEvent'
  | 'TransactionEvent'
  | 'TransformationEvent'
  | 'AssociationEvent';

/** Fields that hold one value per event (or a short list) and are compared for equality. */
export type InField =
  | 'eventType'
  | 'action'
  | 'bizStep'
  | 'disposition'
  | 'readPoint'
  | 'bizLocation'
  | 'eventID'
  | 'transformationID'
  | 'errorReason'
  | 'correctiveEventID';

/** Where an EPC can stand in an event (MATCH_epc, MATCH_parentID, MATCH_inputEPC, MATCH_outputEPC, MATCH_anyEPC). */
export type EpcRole = 'epc' | 'parentID' | 'childEPC' | 'inputEPC' | 'outputEPC';

/** The quantity lists whose epcClass MATCH_*EPCClass looks at. */
export type QuantityRole = 'quantity' | 'childQuantity' | 'inputQuantity' | 'outputQuantity';

/**
 * Time fields. `sensorTime` is `time` of any sensorMetadata or sensorReport; `startTime`/`endTime`
 * are those of any sensorMetadata; `errorDeclarationTime` is errorDeclaration.declarationTime.
 */
export type TimeField = 'eventTime' | 'recordTime' | 'errorDeclarationTime' | 'sensorTime' | 'startTime' | 'endTime';

export type CompareOp = 'EQ' | 'GT' | 'GE' | 'LT' | 'LE';
export type Scalar = number | string | boolean;

/**
 * Where a field of the long tail is looked up.
 * - `event`: top-level event fields (standard ones like `errorDeclaration`, `sensorElementList`,
 *   or user extensions).
 * - `ilmd`, `errorDeclaration`, `readPoint`, `bizLocation`: inside that object.
 * - `sensorElement`: extension fields of each sensorElement itself.
 * - `sensorMetadata`, `sensorReport`: inside each sensorMetadata / each sensorReport.
 * - `sensor`: a field that may be in sensorMetadata or in a sensorReport (deviceID,
 *   dataProcessingMethod): true when either has it.
 * - `quantity`: the `quantity` of any element of any of the four quantity lists.
 */
export type TargetScope =
  | 'event'
  | 'ilmd'
  | 'errorDeclaration'
  | 'readPoint'
  | 'bizLocation'
  | 'sensorElement'
  | 'sensorMetadata'
  | 'sensorReport'
  | 'sensor'
  | 'quantity';

/** A field in one scope: a standard field name, or an extension field "prefix:local". */
export interface FieldTarget {
  scope: TargetScope;
  /**
   * Standard field name (e.g. "value", "deviceID", "quantity", "errorDeclaration") or, for
   * extensions, the local name.
   */
  field: string;
  /**
   * For extension fields: the namespace IRI (resolved from the query's `@context` or the
   * GS1-Extensions header), or, when no binding was given, undefined and `prefix` set: the matcher
   * then compares the event's prefix literally.
   */
  namespace?: string;
  prefix?: string;
  /**
   * INNER_: the field is looked for at any nesting depth below the scope's top level
   * (inside nested extension objects), not among the scope's direct fields.
   */
  inner?: boolean;
  /**
   * For sensorReport numeric fields (value, minValue, ...) and quantities: the UN/CEFACT unit code
   * of the query value (GE_value_CEL, EQ_quantity_KGM). Only reports/quantities in that unit (or a
   * convertible one, see match.ts) take part.
   */
  uom?: string;
}

export type Condition =
  /** Field equals one of the values (values normalised, see module doc). */
  | { kind: 'in'; field: InField; values: string[] }
  /**
   * WD_readPoint / WD_bizLocation: the field equals one of the values or one of their master-data
   * descendants. The store expands `values` through master data (MasterDataRepository.descendants);
   * the matcher uses its `descendants` option, or only the values themselves without it.
   */
  | { kind: 'within'; field: 'readPoint' | 'bizLocation'; values: string[] }
  /**
   * MATCH_epc & co: some EPC in one of `roles` matches one of `patterns`. A pattern is either an
   * exact identifier (normalised to canonical Digital Link, compared for equality) or an EPC pattern
   * URI `urn:epc:idpat:<scheme>:...` with `*` fields, kept as written. `compileEpcPattern` in
   * match.ts turns any pattern into { exact } or { prefix, regex } over normalised identifiers, so a
   * store can use `=` for exact ids and `LIKE prefix%` plus the regex (or the matcher) for patterns.
   */
  | { kind: 'epc'; roles: EpcRole[]; patterns: string[] }
  /** MATCH_epcClass & co: like `epc`, over the epcClass of the quantity lists in `roles`. */
  | { kind: 'epcClass'; roles: QuantityRole[]; patterns: string[] }
  /** `ge <= time < lt` (either bound optional). For sensor times, any one element/report satisfying both. */
  | { kind: 'time'; field: TimeField; ge?: number; lt?: number }
  /**
   * EQ_bizTransaction_{type}, EQ_source_{type}, EQ_destination_{type}: an entry of that type (Web URI
   * for CBV types, else as written) whose value is one of `values` (normalised identifiers).
   */
  | { kind: 'bizTransaction' | 'source' | 'destination'; type: string; values: string[] }
  /** EQ_persistentDisposition_set / _unset: that list contains one of the values (Web URIs). */
  | { kind: 'persistentDisposition'; op: 'set' | 'unset'; values: string[] }
  /** EXISTS_*: the field is present (EXISTS_errorDeclaration, EXISTS_sensorElementList, EXISTS_ILMD_x:y ...). */
  | { kind: 'exists'; target: FieldTarget }
  /**
   * The long tail (sensor report fields, quantities, ILMD / extension / error-declaration / sensor
   * extension fields): some value of the target compares true with one of `values`. For GT/GE/LT/LE
   * there is exactly one value. With `time: true` the values are epoch ms and the event values are
   * parsed as dateTimes; otherwise numbers compare numerically (a numeric string against a number
   * too), strings as strings (vocabulary / identifiers normalised), booleans as booleans.
   */
  | { kind: 'compare'; target: FieldTarget; op: CompareOp; values: Scalar[]; time?: boolean }
  /**
   * HASATTR_{field}: the master-data element named by the event's `field` (readPoint,
   * bizLocation, bizStep, disposition, epc ...) has one of the attributes. Needs master data.
   */
  | { kind: 'hasAttribute'; field: string; attributes: string[] }
  /** EQ_ATTR_{field}_{attribute}: that master-data attribute has one of the values. Needs master data. */
  | { kind: 'attributeEquals'; field: string; attribute: string; values: string[] };

export type ConditionKind = Condition['kind'];

export interface EventQuery {
  /** ANDed. An empty list matches every event. */
  conditions: Condition[];
  /**
   * 'eventTime', 'recordTime', or any other field name the caller asked for (for extension fields
   * "prefix:local"); see eventSortKey in match.ts. Absent: store order (capture sequence).
   */
  orderBy?: string;
  orderDirection?: 'ASC' | 'DESC';
  /** Return at most this many events (after ordering); the rest are dropped silently. */
  eventCountLimit?: number;
  /** When more than this many events match, the query fails with QueryTooLargeException. */
  maxEventCount?: number;
}

/**
 * Condition kinds a store can evaluate from columns/side tables of normalised values. Stores push
 * these down (but see isIndexedCondition for the per-field exceptions) and evaluate all other
 * conditions with `matchesEventQuery` on the candidate events.
 */
export const INDEXED_CONDITION_KINDS: ReadonlySet<ConditionKind> = new Set<ConditionKind>([
  'in',
  'within',
  'epc',
  'epcClass',
  'time',
  'bizTransaction',
  'source',
  'destination',
  'persistentDisposition',
]);

const INDEXED_TIME_FIELDS: ReadonlySet<TimeField> = new Set<TimeField>(['eventTime', 'recordTime', 'errorDeclarationTime']);

/**
 * Whether a store is expected to push this condition to its index: the kinds of
 * INDEXED_CONDITION_KINDS, except sensor times (they live inside sensor elements).
 */
export function isIndexedCondition(condition: Condition): boolean {
  if (!INDEXED_CONDITION_KINDS.has(condition.kind)) return false;
  if (condition.kind === 'time') return INDEXED_TIME_FIELDS.has(condition.field);
  return true;
}

/** Splits a query's conditions into those a store indexes and the residual ones for the matcher. */
export function splitConditions(query: EventQuery): { indexed: Condition[]; residual: Condition[] } {
  const indexed: Condition[] = [];
  const residual: Condition[] = [];
  for (const c of query.conditions) (isIndexedCondition(c) ? indexed : residual).push(c);
  return { indexed, residual };
}
