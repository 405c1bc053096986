/**
 * The parameter families whose names carry data (query-schema.json patternProperties): sensor
 * report values per unit, quantities per unit, bizTransaction / source / destination types,
 * master-data attributes, and EQ_/GT_/GE_/LT_/LE_/EXISTS_ on ILMD, error-declaration, sensor,
 * readPoint, bizLocation and top-level extension fields (with INNER_ for nested ones).
 */
import type { NamespaceBindings } from '../model.js';
import type { CompareOp, Condition, TargetScope } from './event-query.js';
import { parseFieldName } from './field-names.js';
import { normaliseIdentifier, normaliseVocabulary } from './normalise.js';
import {
  decimal,
  decimalList,
  existsFlag,
  orderedValue,
  parameterError,
  scalarList,
  stringList,
  type RawParameter,
} from './parameter-values.js';

const SENSOR_NUMBER = /^(EQ|GT|GE|LT|LE)_(value|minValue|maxValue|meanValue|sDev|percRank|percValue)(?:_([A-Z0-9]{2,4}))?$/;
const QUANTITY_UOM = /^(EQ|GT|GE|LT|LE)_quantity_([A-Z0-9]{2,4})$/;
const TYPED_LIST = /^EQ_(bizTransaction|source|destination)_(.+)$/;
const HAS_ATTRIBUTE = /^HASATTR_(.+)$/;
const ATTRIBUTE_EQUALS = /^EQ_ATTR_([A-Za-z]+)_(.+)$/;
const FIELD =
  /^(EQ|GT|GE|LT|LE|EXISTS)_(INNER_)?(?:(ILMD|ERROR_DECLARATION|SENSORELEMENT|SENSORMETADATA|SENSORREPORT|readPoint|bizLocation)_)?(.+)$/;

const SCOPES: Record<string, TargetScope> = {
  ILMD: 'ilmd',
  ERROR_DECLARATION: 'errorDeclaration',
  SENSORELEMENT: 'sensorElement',
  SENSORMETADATA: 'sensorMetadata',
  SENSORREPORT: 'sensorReport',
  readPoint: 'readPoint',
  bizLocation: 'bizLocation',
};

function numberCondition(p: RawParameter, op: CompareOp, scope: TargetScope, field: string, uom?: string): Condition {
  const target = uom === undefined ? { scope, field } : { scope, field, uom };
  return { kind: 'compare', target, op, values: op === 'EQ' ? decimalList(p) : [decimal(p)] };
}

/**
 * The condition of one pattern-named parameter; null when it is valid but asks for nothing
 * (EXISTS_x=false); undefined when the name is not a parameter of the query language.
 */
export function parseExtensionParameter(p: RawParameter, namespaces: NamespaceBindings): Condition | null | undefined {
  const { name } = p;
  let m = SENSOR_NUMBER.exec(name);
  if (m) return numberCondition(p, m[1] as CompareOp, 'sensorReport', m[2]!, m[3]);
  m = QUANTITY_UOM.exec(name);
  if (m) return numberCondition(p, m[1] as CompareOp, 'quantity', 'quantity', m[2]);
  m = TYPED_LIST.exec(name);
  if (m) {
    const kind = m[1] as 'bizTransaction' | 'source' | 'destination';
    const type = normaliseVocabulary(kind === 'bizTransaction' ? 'bizTransactionType' : 'sourceDestinationType', m[2]!);
    return { kind, type, values: stringList(p).map(normaliseIdentifier) };
  }
  m = ATTRIBUTE_EQUALS.exec(name);
  if (m) return { kind: 'attributeEquals', field: m[1]!, attribute: m[2]!, values: stringList(p) };
  m = HAS_ATTRIBUTE.exec(name);
  if (m) return { kind: 'hasAttribute', field: m[1]!, attributes: stringList(p) };

  m = FIELD.exec(name);
  if (!m) return undefined;
  const op = m[1] as CompareOp | 'EXISTS';
  const scope: TargetScope = m[3] ? SCOPES[m[3]]! : 'event';
  const fieldName = parseFieldName(m[4]!, namespaces);
  if (!fieldName) {
    // A recognisable family with a malformed field deserves a precise message, not "unknown".
    if (m[2] || m[3]) throw parameterError(name, `"${m[4]}" is not a field name of the form prefix:local or {namespace}local`);
    return undefined;
  }
  const target = {
    scope,
    field: fieldName.local,
    ...(fieldName.namespace !== undefined ? { namespace: fieldName.namespace } : {}),
    ...(fieldName.prefix !== undefined ? { prefix: fieldName.prefix } : {}),
    ...(m[2] ? { inner: true } : {}),
  };
  if (op === 'EXISTS') return existsFlag(p) ? { kind: 'exists', target } : null;
  if (op === 'EQ') return { kind: 'compare', target, op, values: scalarList(p) };
  const { value, time } = orderedValue(p);
  return time ? { kind: 'compare', target, op, values: [value], time: true } : { kind: 'compare', target, op, values: [value] };
}
