/**
 * The EPCIS 2.0 JSON-LD binding, reading side: EPCISDocument, EPCISQueryDocument and single events into
 * Karvon's model. Values are kept exactly as written; only structure and namespace bindings are checked
 * here (the JSON schema check lives apart).
 */
import { validationError } from '../exceptions.js';
import {
  EVENT_TYPES,
  type EpcisDocument,
  type EpcisEvent,
  type EpcisHeader,
  type ExtensionObject,
  type NamespaceBindings,
} from '../model.js';
import { collectContextBindings } from './context.js';
import { checkKey, copyJsonValue, isJsonObject, readEvent, sortBindings } from './event-reader.js';
import { assertJsonDepth, decodeUtf8Json, parseJsonText } from './json-text.js';
import { childPath, childPointer, type JsonPath } from './pointer.js';

const DOCUMENT_TYPES = ['EPCISDocument', 'EPCISQueryDocument'] as const;

/** Document keys the standard defines (pseudo-SBDH fields included); any other key is an extension. */
const STANDARD_DOCUMENT_KEYS = new Set([
  '@context',
  'id',
  'type',
  'schemaVersion',
  'creationDate',
  'epcisHeader',
  'epcisBody',
  'sender',
  'receiver',
  'instanceIdentifier',
]);
const STANDARD_QUERY_RESULTS_KEYS = new Set(['queryName', 'subscriptionID', 'resultsBody']);

/** Parses an EPCISDocument or EPCISQueryDocument from JSON text, bytes, or an already parsed JSON value. */
export function parseJsonLdDocument(input: string | Buffer | Uint8Array | unknown): EpcisDocument {
  const root = toJsonValue(input);
  return readDocument(root);
}

/**
 * Parses one event: a bare event (POST /events body, which may carry its own @context), or a document
 * that holds exactly one event.
 */
export function parseJsonLdEvent(input: string | Buffer | Uint8Array | unknown): EpcisEvent {
  const root = toJsonValue(input);
  if (!isJsonObject(root)) throw notAnObject('an EPCIS event');
  const type = root['type'];
  if (typeof type === 'string' && (DOCUMENT_TYPES as readonly string[]).includes(type)) {
    const document = readDocument(root);
    if (document.events.length !== 1) {
      throw validationError(`expected exactly one event, but the ${type} holds ${document.events.length}`, [
        { pointer: eventListPointer(type), message: 'not exactly one event' },
      ]);
    }
    return document.events[0]!;
  }
  if (typeof type !== 'string' || !(EVENT_TYPES as readonly string[]).includes(type)) {
    throw validationError(
      `unknown type ${JSON.stringify(type)} at /type: expected an event type (${EVENT_TYPES.join(', ')})`,
      [{ pointer: '/type', message: 'unknown type' }],
    );
  }
  return readEvent(root, undefined, {});
}

function toJsonValue(input: unknown): unknown {
  let value: unknown;
  if (typeof input === 'string') value = parseJsonText(input);
  else if (input instanceof Uint8Array) value = parseJsonText(decodeUtf8Json(input));
  else value = input;
  assertJsonDepth(value);
  return value;
}

function notAnObject(what: string) {
  return validationError(`the JSON root must be an object (${what})`, [{ pointer: '', message: 'root is not an object' }]);
}

function eventListPointer(type: string): string {
  return type === 'EPCISQueryDocument' ? '/epcisBody/queryResults/resultsBody/eventList' : '/epcisBody/eventList';
}

function readDocument(root: unknown): EpcisDocument {
  if (!isJsonObject(root)) throw notAnObject('an EPCISDocument or EPCISQueryDocument');
  const type = root['type'];
  if (typeof type !== 'string' || !(DOCUMENT_TYPES as readonly string[]).includes(type)) {
    const hint = typeof type === 'string' && (EVENT_TYPES as readonly string[]).includes(type) ? ' (a single event belongs in POST /events)' : '';
    throw validationError(
      `unknown document type ${JSON.stringify(type)} at /type: expected EPCISDocument or EPCISQueryDocument${hint}`,
      [{ pointer: '/type', message: 'unknown document type' }],
    );
  }
  const documentType = type as EpcisDocument['type'];
  // The 2.0.1 schema requires @context: without it the document is plain JSON, not JSON-LD, and its
  // terms and prefixes mean nothing a receiver can rely on.
  if (root['@context'] === undefined) {
    throw validationError(
      `the ${type} has no @context at /@context: an EPCIS JSON-LD document needs one, e.g. "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"]`,
      [{ pointer: '/@context', message: 'missing @context' }],
    );
  }
  const namespaces = collectContextBindings(root['@context'], '/@context');
  const document: EpcisDocument = {
    namespaces: sortBindings(namespaces),
    type: documentType,
    // A few official examples leave these out; the document is still readable.
    schemaVersion: readSchemaVersion(root['schemaVersion']),
    creationDate: optionalString(root, 'creationDate', '') ?? '',
    events: [],
  };
  const id = optionalString(root, 'id', '');
  if (id !== undefined) document.id = id;

  if (root['epcisHeader'] !== undefined) document.epcisHeader = readHeader(root['epcisHeader'], namespaces);

  const extensions: ExtensionObject = {};
  const used: NamespaceBindings = {};
  for (const [key, value] of Object.entries(root)) {
    if (STANDARD_DOCUMENT_KEYS.has(key)) continue;
    const at = childPath(undefined, key);
    checkKey(key, at, namespaces, used);
    extensions[key] = copyJsonValue(value, at, namespaces, used);
  }

  const body = root['epcisBody'];
  if (!isJsonObject(body)) {
    throw validationError(`${type} has no epcisBody object at /epcisBody`, [{ pointer: '/epcisBody', message: 'missing epcisBody' }]);
  }
  let eventList: unknown;
  let listPointer: string;
  let listPath: JsonPath;
  if (documentType === 'EPCISQueryDocument') {
    const results = body['queryResults'];
    if (!isJsonObject(results)) {
      throw validationError('EPCISQueryDocument has no queryResults object at /epcisBody/queryResults', [
        { pointer: '/epcisBody/queryResults', message: 'missing queryResults' },
      ]);
    }
    const queryName = optionalString(results, 'queryName', '/epcisBody/queryResults');
    if (queryName === undefined) {
      throw validationError('EPCISQueryDocument has no queryName at /epcisBody/queryResults/queryName', [
        { pointer: '/epcisBody/queryResults/queryName', message: 'missing queryName' },
      ]);
    }
    document.queryName = queryName;
    const subscriptionID = optionalString(results, 'subscriptionID', '/epcisBody/queryResults');
    if (subscriptionID !== undefined) document.subscriptionID = subscriptionID;
    for (const [key, value] of Object.entries(results)) {
      if (STANDARD_QUERY_RESULTS_KEYS.has(key)) continue;
      const at = childPath(pathOf('epcisBody', 'queryResults'), key);
      checkKey(key, at, namespaces, used);
      extensions[key] = copyJsonValue(value, at, namespaces, used);
    }
    const resultsBody = results['resultsBody'];
    listPointer = '/epcisBody/queryResults/resultsBody/eventList';
    listPath = pathOf('epcisBody', 'queryResults', 'resultsBody', 'eventList');
    eventList = isJsonObject(resultsBody) ? resultsBody['eventList'] : undefined;
  } else {
    listPointer = '/epcisBody/eventList';
    listPath = pathOf('epcisBody', 'eventList');
    eventList = body['eventList'];
  }
  if (!Array.isArray(eventList)) {
    const problem = eventList === undefined ? 'is missing' : 'must be an array';
    throw validationError(`${type}: the eventList at ${listPointer} ${problem}`, [{ pointer: listPointer, message: `eventList ${problem}` }]);
  }
  document.events = eventList.map((raw, i) => readEvent(raw, childPath(listPath, i), namespaces, root['@context']));
  if (Object.keys(extensions).length > 0) document.extensions = extensions;
  return document;
}

function readHeader(raw: unknown, namespaces: NamespaceBindings): EpcisHeader {
  if (!isJsonObject(raw)) {
    throw validationError('epcisHeader at /epcisHeader must be an object', [{ pointer: '/epcisHeader', message: 'not an object' }]);
  }
  const header = copyJsonValue(raw, pathOf('epcisHeader'), namespaces, {}) as EpcisHeader;
  const masterData = header.epcisMasterData;
  if (masterData !== undefined && (!isJsonObject(masterData) || !Array.isArray(masterData.vocabularyList))) {
    throw validationError('epcisHeader.epcisMasterData must be an object with a vocabularyList array', [
      { pointer: '/epcisHeader/epcisMasterData/vocabularyList', message: 'missing vocabularyList' },
    ]);
  }
  return header;
}

function optionalString(object: Record<string, unknown>, key: string, pointer: string): string | undefined {
  const value = object[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    const at = childPointer(pointer, key);
    throw validationError(`${key} at ${at} must be a string`, [{ pointer: at, message: 'not a string' }]);
  }
  return value;
}

/** The schema version as text; one official example writes it as the number 2.0, which JSON reads as 2. */
function readSchemaVersion(value: unknown): string {
  if (value === undefined) return '2.0';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return Number.isInteger(value) ? value.toFixed(1) : String(value);
  throw validationError('schemaVersion at /schemaVersion must be a string such as "2.0"', [
    { pointer: '/schemaVersion', message: 'not a string' },
  ]);
}

function pathOf(...keys: string[]): JsonPath {
  let path: JsonPath | undefined;
  for (const key of keys) path = childPath(path, key);
  return path!;
}
