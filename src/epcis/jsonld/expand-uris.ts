/**
 * CURIE expansion of URI-valued fields. In JSON-LD a value of a field the EPCIS context types as an IRI
 * (`@id` or `@vocab`) may be written as a compact IRI, `example:sensor1` with `example` bound in the
 * @context; XML always carries the full IRI. Karvon expands such values when it reads the document,
 * so that the stored event, the hash pre-image and every query see the one IRI whichever binding the
 * sender used. Only prefixes the document (or event) binds itself are expanded: the standard prefixes
 * (cbv:, gs1:, ...) are read the same everywhere already and keep their spelling.
 */
import { STANDARD_PREFIXES, type NamespaceBindings } from '../model.js';

const hasOwn = Object.prototype.hasOwnProperty;

/** The full IRI of a compact IRI whose prefix the document binds, else the value unchanged. */
export function expandCurie(value: string, bindings: Readonly<NamespaceBindings>): string {
  const colon = value.indexOf(':');
  if (colon <= 0 || value.startsWith('//', colon + 1)) return value;
  const prefix = value.slice(0, colon);
  if (!hasOwn.call(bindings, prefix)) return value;
  const iri = bindings[prefix]!;
  if (hasOwn.call(STANDARD_PREFIXES, prefix) && STANDARD_PREFIXES[prefix] === iri) return value;
  return iri + value.slice(colon + 1);
}

/**
 * The IRIs of the terms a @context types as IRIs (`"example:ref": {"@type": "@id"}`, or a term
 * with "@id" and "@type": "@id"/"@vocab"): values of those extension fields are expanded too.
 */
export function iriTypedTerms(context: unknown, bindings: Readonly<NamespaceBindings>, into = new Set<string>()): Set<string> {
  if (Array.isArray(context)) {
    for (const item of context) iriTypedTerms(item, bindings, into);
    return into;
  }
  if (context === null || typeof context !== 'object') return into;
  for (const [term, definition] of Object.entries(context as Record<string, unknown>)) {
    if (definition === null || typeof definition !== 'object' || Array.isArray(definition)) continue;
    const type = (definition as Record<string, unknown>)['@type'];
    if (type !== '@id' && type !== '@vocab') continue;
    const id = (definition as Record<string, unknown>)['@id'];
    into.add(expandCurie(typeof id === 'string' ? id : term, bindings));
  }
  return into;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Expands a string, or each string of an array, in place at holder[key]. */
function expandAt(holder: Json, key: string, bindings: Readonly<NamespaceBindings>): void {
  const value = holder[key];
  if (typeof value === 'string') holder[key] = expandCurie(value, bindings);
  else if (Array.isArray(value)) holder[key] = value.map((item) => (typeof item === 'string' ? expandCurie(item, bindings) : item));
}

function expandEach(list: unknown, keys: readonly string[], bindings: Readonly<NamespaceBindings>): void {
  if (!Array.isArray(list)) return;
  for (const item of list) if (isObject(item)) for (const key of keys) expandAt(item, key, bindings);
}

const EVENT_URI_FIELDS = ['eventID', 'parentID', 'transformationID', 'certificationInfo', 'bizStep', 'disposition', 'epcList', 'childEPCs', 'inputEPCList', 'outputEPCList'];
const QUANTITY_LISTS = ['quantityList', 'childQuantityList', 'inputQuantityList', 'outputQuantityList'];
const METADATA_URI_FIELDS = ['deviceID', 'deviceMetadata', 'rawData', 'dataProcessingMethod', 'bizRules'];
const REPORT_URI_FIELDS = [
  'type', 'exception', 'component', 'deviceID', 'deviceMetadata', 'rawData', 'dataProcessingMethod', 'bizRules',
  'microorganism', 'chemicalSubstance', 'uriValue', 'coordinateReferenceSystem',
];

/** Expands the values of extension fields typed as IRIs, at any depth of an extension value. */
function expandExtensions(value: unknown, bindings: Readonly<NamespaceBindings>, typed: ReadonlySet<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) expandExtensions(item, bindings, typed);
    return;
  }
  if (!isObject(value)) return;
  for (const key of Object.keys(value)) {
    if (key.includes(':') && typed.has(expandCurie(key, bindings))) expandAt(value, key, bindings);
    expandExtensions(value[key], bindings, typed);
  }
}

/**
 * Expands, in place, every URI-valued field of an event read from JSON-LD (in the model's shape, lists
 * already lists): identifiers, vocabulary values, sensor URIs, and extension fields the @context types
 * as IRIs.
 */
export function expandEventUris(event: Json, bindings: Readonly<NamespaceBindings>, typed: ReadonlySet<string>): void {
  const own = Object.keys(bindings).length > 0;
  if (own) {
    for (const key of EVENT_URI_FIELDS) expandAt(event, key, bindings);
    for (const key of QUANTITY_LISTS) expandEach(event[key], ['epcClass'], bindings);
    for (const key of ['readPoint', 'bizLocation']) if (isObject(event[key])) expandAt(event[key] as Json, 'id', bindings);
    const persistent = event['persistentDisposition'];
    if (isObject(persistent)) for (const key of ['set', 'unset']) expandAt(persistent, key, bindings);
    expandEach(event['bizTransactionList'], ['type', 'bizTransaction'], bindings);
    expandEach(event['sourceList'], ['type', 'source'], bindings);
    expandEach(event['destinationList'], ['type', 'destination'], bindings);
    const declaration = event['errorDeclaration'];
    if (isObject(declaration)) for (const key of ['reason', 'correctiveEventIDs']) expandAt(declaration, key, bindings);
    const sensors = event['sensorElementList'];
    if (Array.isArray(sensors)) {
      for (const element of sensors) {
        if (!isObject(element)) continue;
        if (isObject(element['sensorMetadata'])) for (const key of METADATA_URI_FIELDS) expandAt(element['sensorMetadata'] as Json, key, bindings);
        expandEach(element['sensorReport'], REPORT_URI_FIELDS, bindings);
      }
    }
  }
  if (typed.size > 0) expandExtensions(event, bindings, typed);
}
