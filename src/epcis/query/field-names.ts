/**
 * Names of extension fields in queries and in events. A query may name a field as "prefix:local"
 * (EPCIS 2.0; the prefix bound by the query's @context or the GS1-Extensions header),
 * "{iri}local" or "iri#local" (the EPCIS 1.2 form). An event names it "prefix:local", bound by the
 * event's own @context. Namespaces compare without a trailing '/' or '#', because the 1.2 form
 * drops the separator that JSON-LD bindings usually end with.
 */
import { STANDARD_PREFIXES, type NamespaceBindings } from '../model.js';

export interface FieldName {
  local: string;
  namespace?: string;
  prefix?: string;
}

const PREFIXED = /^([A-Za-z][\w.-]*):([A-Za-z_][\w.-]*)$/;
const BRACED = /^\{([^}]+)\}([A-Za-z_][\w.-]*)$/;
const HASHED = /^([a-z][a-z0-9+.-]*:[^#\s]+)#([A-Za-z_][\w.-]*)$/i;

/** Namespace IRI in the form used for comparison. */
export function comparableNamespace(iri: string): string {
  return iri.replace(/[/#]$/, '');
}

/** Parses a query's extension field name; undefined when it is not one of the three forms. */
export function parseFieldName(text: string, namespaces: NamespaceBindings = {}): FieldName | undefined {
  const braced = BRACED.exec(text);
  if (braced) return { namespace: comparableNamespace(braced[1]!), local: braced[2]! };
  const hashed = HASHED.exec(text);
  if (hashed) return { namespace: comparableNamespace(hashed[1]!), local: hashed[2]! };
  const prefixed = PREFIXED.exec(text);
  if (prefixed) {
    const prefix = prefixed[1]!;
    const iri = namespaces[prefix] ?? STANDARD_PREFIXES[prefix];
    return iri ? { namespace: comparableNamespace(iri), prefix, local: prefixed[2]! } : { prefix, local: prefixed[2]! };
  }
  return undefined;
}

/** The canonical text of a field name: "{iri}local" when the namespace is known, else "prefix:local". */
export function fieldNameText(name: FieldName): string {
  return name.namespace !== undefined ? `{${name.namespace}}${name.local}` : `${name.prefix ?? ''}:${name.local}`;
}

/** Whether an event's key ("prefix:local", bound by `bindings`) is the field a query named. */
export function keyMatchesField(key: string, bindings: NamespaceBindings, name: FieldName): boolean {
  const colon = key.indexOf(':');
  if (colon <= 0) return name.namespace === undefined && name.prefix === undefined && key === name.local;
  if (key.slice(colon + 1) !== name.local) return false;
  const prefix = key.slice(0, colon);
  const iri = bindings[prefix] ?? STANDARD_PREFIXES[prefix];
  if (name.namespace !== undefined && iri !== undefined) return comparableNamespace(iri) === name.namespace;
  // One side's prefix is unbound: the prefixes themselves are the only thing left to compare.
  return name.prefix !== undefined && name.prefix === prefix;
}

/** Parses orderBy-style "{iri}local" / "prefix:local" text produced by fieldNameText back into a name. */
export function fieldNameFromText(text: string): FieldName | undefined {
  return parseFieldName(text);
}
