/**
 * The CBV 2.0 EPCIS event hash ID (ni:///sha-256;<hex>?ver=CBV2.0) of one event of Karvon's model,
 * reproducing the reference implementation (RalphTro/epcis-event-hash-generator) and its vectors.
 */
import * as crypto from 'node:crypto';
import { validationError } from '../exceptions.js';
import { EVENT_TYPES, STANDARD_PREFIXES, type EpcisDocument, type EpcisEvent, type NamespaceBindings } from '../model.js';
import { eventChildren, resolveName, type Binding } from './hash-tree.js';
import { serialiseEvent } from './prehash.js';

export type HashAlgorithm = 'sha-256' | 'sha3-256' | 'sha-384' | 'sha-512';

export interface EventHashOptions {
  /** Digest algorithm (IANA Named Information name); sha-256 unless given. */
  algorithm?: HashAlgorithm;
  /**
   * Top-level extension fields left out of the hash, as `{iri}local`, an absolute IRI or a
   * "prefix:local" CURIE (resolved with the event's '@context' and the standard prefixes).
   */
  ignoreFields?: readonly string[];
  /**
   * Which binding the event was read from. The reference treats them differently: JSON-LD expands bare
   * CBV terms and any CURIE bound in the context, XML only the gs1: and cbv: prefixes, and writes
   * booleans as true/false rather than True/False. Default 'json'.
   */
  binding?: Binding;
}

const NODE_ALGORITHMS: Record<HashAlgorithm, string> = {
  'sha-256': 'sha256',
  'sha3-256': 'sha3-256',
  'sha-384': 'sha384',
  'sha-512': 'sha512',
};

const EVENT_TYPE_SET: ReadonlySet<string> = new Set(EVENT_TYPES);
const EMPTY_BINDINGS: NamespaceBindings = Object.freeze({}) as NamespaceBindings;

function checkEvent(event: EpcisEvent): void {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) {
    const message = 'Cannot compute an event hash ID: the event is not an object';
    throw validationError(message, [{ pointer: '', message }]);
  }
  if (typeof event.type !== 'string' || !EVENT_TYPE_SET.has(event.type)) {
    const message = `Cannot compute an event hash ID: event type must be one of ${EVENT_TYPES.join(', ')}, got ${JSON.stringify(event.type)}`;
    throw validationError(message, [{ pointer: '/type', message }]);
  }
}

function bindingsOf(event: EpcisEvent): NamespaceBindings {
  const ctx = event['@context'];
  return ctx !== null && typeof ctx === 'object' && !Array.isArray(ctx) ? ctx : EMPTY_BINDINGS;
}

function ignoreSet(fields: readonly string[] | undefined, bindings: NamespaceBindings): ReadonlySet<string> | undefined {
  if (fields === undefined || fields.length === 0) return undefined;
  return new Set(fields.map((f) => resolveName(f.trim(), bindings)));
}

// crypto.hash (one-shot, Node >= 20.12) avoids the cost of a Hash object per event.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

function hexDigest(algorithm: string, data: string): string {
  return oneShot !== undefined ? oneShot(algorithm, data, 'hex') : crypto.createHash(algorithm).update(data, 'utf8').digest('hex');
}

/** The pre-hash string of an event (the canonical text that is hashed), for inspection and tests. */
export function preHashString(event: EpcisEvent, options: EventHashOptions = {}): string {
  checkEvent(event);
  const binding = options.binding ?? 'json';
  if (binding !== 'json' && binding !== 'xml') {
    throw validationError(`Unknown binding '${String(binding)}' for the event hash: use 'json' or 'xml'`);
  }
  const bindings = bindingsOf(event);
  const ctx = { binding, bindings };
  const ignore = ignoreSet(options.ignoreFields, bindings);
  return serialiseEvent(event.type, () => eventChildren(event, ctx, ignore));
}

/** The CBV 2.0 event hash ID of an event, e.g. ni:///sha-256;6ae9…39d7?ver=CBV2.0. */
export function eventHashId(event: EpcisEvent, options: EventHashOptions = {}): string {
  const algorithm = options.algorithm ?? 'sha-256';
  const nodeName = NODE_ALGORITHMS[algorithm];
  if (nodeName === undefined) {
    throw validationError(
      `Unknown event hash algorithm '${String(algorithm)}': use one of ${Object.keys(NODE_ALGORITHMS).join(', ')}`,
    );
  }
  const digest = hexDigest(nodeName, preHashString(event, options));
  return `ni:///${algorithm};${digest}?ver=CBV2.0`;
}

/** Namespace IRI of the reference implementation's non-standard ignoreFields document extension. */
export const IGNORE_FIELDS_EXTENSION = '{https://repository-x.example.com/}ignoreFields';

/**
 * The fields a document asks to leave out of its events' hashes through the non-standard
 * `{https://repository-x.example.com/}ignoreFields` extension, as `{iri}local` names; [] without it.
 */
export function ignoreFieldsOf(doc: Pick<EpcisDocument, 'namespaces' | 'extensions'>): string[] {
  const bindings: NamespaceBindings = { ...STANDARD_PREFIXES, ...(doc.namespaces ?? {}) };
  const extensions = doc.extensions ?? {};
  const out: string[] = [];
  for (const key of Object.keys(extensions)) {
    if (resolveName(key, bindings) !== IGNORE_FIELDS_EXTENSION && key !== 'https://repository-x.example.com/ignoreFields') continue;
    collectNames(extensions[key], bindings, out);
  }
  return out;
}

function collectNames(value: unknown, bindings: NamespaceBindings, out: string[]): void {
  if (typeof value === 'string') {
    if (value.trim() !== '') out.push(resolveName(value.trim(), bindings));
  } else if (Array.isArray(value)) {
    for (const v of value) collectNames(v, bindings, out);
  } else if (value !== null && typeof value === 'object') {
    // XML form: the fields to ignore are empty child elements.
    for (const key of Object.keys(value)) if (key !== '#text') out.push(resolveName(key, bindings));
  }
}
