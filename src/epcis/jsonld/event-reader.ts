/**
 * Reading one event (or any other JSON subtree) out of a JSON-LD document: values are copied exactly as
 * written, and every "prefix:local" key is checked against the namespace bindings in scope, so that the
 * event can carry its own '@context' with just the bindings it uses.
 */
import { validationError } from '../exceptions.js';
import { EVENT_TYPES, type EpcisEvent, type ExtensionObject, type ExtensionValue, type NamespaceBindings } from '../model.js';
import { collectContextBindings, prefixOfKey, resolvePrefix } from './context.js';
import { expandEventUris, iriTypedTerms } from './expand-uris.js';
import { childPath, pointerOfPath, type JsonPath } from './pointer.js';

const EVENT_TYPE_SET: ReadonlySet<string> = new Set(EVENT_TYPES);

/** Whether a value is a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Deep-copies a JSON value. Each "prefix:local" key must have a bound prefix (else a ValidationException
 * naming the pointer); the bindings met are recorded in `used`.
 */
export function copyJsonValue(
  value: unknown,
  path: JsonPath | undefined,
  bindings: Readonly<NamespaceBindings>,
  used: NamespaceBindings,
): ExtensionValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    const pointer = pointerOfPath(path);
    throw validationError(`value at ${pointer} is not a finite number`, [{ pointer, message: 'not a finite number' }]);
  }
  if (Array.isArray(value)) return value.map((item, i) => copyJsonValue(item, childPath(path, i), bindings, used));
  if (typeof value === 'object') {
    const out: ExtensionObject = {};
    for (const key of Object.keys(value)) {
      const at = childPath(path, key);
      checkKey(key, at, bindings, used);
      out[key] = copyJsonValue((value as Record<string, unknown>)[key], at, bindings, used);
    }
    return out;
  }
  const pointer = pointerOfPath(path);
  throw validationError(`value at ${pointer} is not JSON`, [{ pointer, message: 'not a JSON value' }]);
}

/** Checks one object key: no prototype tricks, and a bound prefix when it has one. */
export function checkKey(
  key: string,
  path: JsonPath,
  bindings: Readonly<NamespaceBindings>,
  used: NamespaceBindings,
): void {
  if (key === '__proto__') {
    const pointer = pointerOfPath(path);
    throw validationError(`key '__proto__' at ${pointer} is not allowed`, [{ pointer, message: 'forbidden key' }]);
  }
  const prefix = prefixOfKey(key);
  if (prefix === undefined) return;
  const iri = resolvePrefix(prefix, bindings);
  if (iri === undefined) {
    const pointer = pointerOfPath(path);
    throw validationError(
      `key '${key}' at ${pointer} uses the prefix '${prefix}', which no @context binds: ` +
        `add {"${prefix}": "<namespace IRI>"} to the @context`,
      [{ pointer, message: `unbound prefix '${prefix}'` }],
    );
  }
  used[prefix] = iri;
}

/**
 * Reads one event at `pointer`. Its own '@context' (a bare event posted alone may have one) adds to the
 * document's bindings; the result's '@context' holds exactly the bindings of the prefixes its keys use.
 */
export function readEvent(
  raw: unknown,
  path: JsonPath | undefined,
  documentBindings: Readonly<NamespaceBindings>,
  documentContext?: unknown,
): EpcisEvent {
  if (!isJsonObject(raw)) {
    const pointer = pointerOfPath(path);
    throw validationError(`event at ${pointer || '/'} must be a JSON object`, [{ pointer, message: 'not an object' }]);
  }
  const type = raw['type'];
  if (type === undefined) {
    const pointer = pointerOfPath(path);
    throw validationError(`event at ${pointer || '/'} has no 'type': expected one of ${EVENT_TYPES.join(', ')}`, [
      { pointer: `${pointer}/type`, message: 'missing event type' },
    ]);
  }
  if (typeof type !== 'string' || !EVENT_TYPE_SET.has(type)) {
    const pointer = pointerOfPath(path);
    throw validationError(
      `unknown event type ${JSON.stringify(type)} at ${pointer}/type: expected one of ${EVENT_TYPES.join(', ')}`,
      [{ pointer: `${pointer}/type`, message: 'unknown event type' }],
    );
  }
  const bindings =
    raw['@context'] === undefined
      ? documentBindings
      : collectContextBindings(raw['@context'], pointerOfPath(childPath(path, '@context')), documentBindings);
  const used: NamespaceBindings = {};
  const body: Record<string, unknown> = {};
  for (const key of Object.keys(raw)) {
    if (key === '@context') continue;
    const at = childPath(path, key);
    checkKey(key, at, bindings, used);
    body[key] = copyJsonValue(raw[key], at, bindings, used);
  }
  normaliseShape(body);
  // URI-valued fields written as CURIEs become full IRIs, as XML writes them (src/epcis/jsonld/expand-uris.ts).
  const typed = iriTypedTerms(documentContext, bindings);
  if (raw['@context'] !== undefined) iriTypedTerms(raw['@context'], bindings, typed);
  expandEventUris(body, bindings, typed);
  const event = (Object.keys(used).length > 0 ? { '@context': sortBindings(used), ...body } : body) as EpcisEvent;
  return event;
}

/** Fields that are lists in the model; JSON-LD lets a one-item list be written as the item alone. */
const LIST_FIELDS = [
  'epcList',
  'childEPCs',
  'inputEPCList',
  'outputEPCList',
  'quantityList',
  'childQuantityList',
  'inputQuantityList',
  'outputQuantityList',
  'bizTransactionList',
  'sourceList',
  'destinationList',
  'sensorElementList',
] as const;

function wrapList(holder: Record<string, unknown>, key: string): void {
  const value = holder[key];
  if (value !== undefined && value !== null && !Array.isArray(value)) holder[key] = [value];
}

/**
 * Gives the event the model's shape where JSON-LD allows two spellings of the same data: a one-item
 * list written without brackets, and `id` for `eventID` (both are the event's `@id` in the EPCIS
 * context), so that everything downstream sees one form.
 */
function normaliseShape(event: Record<string, unknown>): void {
  if (event['eventID'] === undefined && typeof event['id'] === 'string') {
    event['eventID'] = event['id'];
    delete event['id'];
  }
  for (const key of LIST_FIELDS) wrapList(event, key);
  const persistent = event['persistentDisposition'];
  if (isJsonObject(persistent)) {
    wrapList(persistent, 'set');
    wrapList(persistent, 'unset');
  }
  const declaration = event['errorDeclaration'];
  if (isJsonObject(declaration)) wrapList(declaration, 'correctiveEventIDs');
  const sensors = event['sensorElementList'];
  if (Array.isArray(sensors)) for (const element of sensors) if (isJsonObject(element)) wrapList(element, 'sensorReport');
}

/** Bindings with their prefixes in a stable (sorted) order, so equal events compare and serialise equal. */
export function sortBindings(bindings: Readonly<NamespaceBindings>): NamespaceBindings {
  const out: NamespaceBindings = {};
  for (const prefix of Object.keys(bindings).sort()) out[prefix] = bindings[prefix]!;
  return out;
}
