/**
 * The part of JSON-LD @context processing EPCIS needs: recognising the standard EPCIS contexts (which
 * Karvon never fetches) and collecting the prefix bindings that inline context objects declare, so that
 * extension keys like "example:myField" can be tied to their namespace IRI.
 */
import { validationError } from '../exceptions.js';
import { STANDARD_PREFIXES, type NamespaceBindings } from '../model.js';
import { childPointer } from './pointer.js';

const CONTEXT_HOSTS = new Set(['ref.gs1.org', 'gs1.github.io', 'www.gs1.org', 'gs1.org']);

/** Whether a context URL is one of GS1's published EPCIS 2.0 JSON-LD contexts (full or simple). */
export function isStandardContextUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  if (!CONTEXT_HOSTS.has(parsed.hostname)) return false;
  const path = parsed.pathname.toLowerCase();
  return path.includes('epcis') && /epcis-context[\w.-]*\.jsonld$/.test(path);
}

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/** Whether a string is an absolute IRI rather than a term or keyword. */
function isIri(value: string): boolean {
  return SCHEME.test(value) && !/\s/.test(value);
}

/**
 * The prefix of a "prefix:local" key, or undefined for bare keys, JSON-LD keywords ("@id") and keys that
 * are absolute IRIs themselves ("https://example.org/x").
 */
export function prefixOfKey(key: string): string | undefined {
  if (key.startsWith('@') || key.startsWith('#')) return undefined;
  const colon = key.indexOf(':');
  if (colon <= 0) return undefined;
  if (key.startsWith('//', colon + 1)) return undefined;
  return key.slice(0, colon);
}

/**
 * Collects the prefix bindings of a @context value (string, object or array of those) on top of
 * `inherited`. A remote context other than the EPCIS ones is refused, since Karvon does not fetch contexts.
 */
export function collectContextBindings(
  context: unknown,
  pointer: string,
  inherited: Readonly<NamespaceBindings> = {},
): NamespaceBindings {
  const bindings: NamespaceBindings = { ...inherited };
  addContext(context, pointer, bindings);
  return bindings;
}

function addContext(context: unknown, pointer: string, bindings: NamespaceBindings): void {
  if (context === null || context === undefined) return;
  if (typeof context === 'string') {
    if (isStandardContextUrl(context)) return;
    throw validationError(
      `@context '${context}' at ${pointer} is not an EPCIS context: Karvon does not fetch remote contexts; ` +
        `use ${'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'} and bind extension prefixes inline`,
      [{ pointer, message: 'unsupported remote @context' }],
    );
  }
  if (Array.isArray(context)) {
    context.forEach((item, i) => addContext(item, childPointer(pointer, i), bindings));
    return;
  }
  if (typeof context !== 'object') {
    throw validationError(`@context at ${pointer} must be a URL, an object or an array of those`, [
      { pointer, message: 'invalid @context' },
    ]);
  }
  for (const [term, definition] of Object.entries(context as Record<string, unknown>)) {
    if (term.startsWith('@') || term.includes(':') || term === '__proto__') continue;
    const iri =
      typeof definition === 'string'
        ? definition
        : definition !== null && typeof definition === 'object' && typeof (definition as { '@id'?: unknown })['@id'] === 'string'
          ? ((definition as { '@id': string })['@id'])
          : undefined;
    if (iri === undefined || !isIri(iri)) continue;
    // "ObjectEvent": "epcis:ObjectEvent" defines a term through a compact IRI; it is not a prefix.
    const scheme = iri.slice(0, iri.indexOf(':'));
    if (resolvePrefix(scheme, bindings) !== undefined) continue;
    bindings[term] = iri;
  }
}

/** The namespace IRI a prefix stands for: the document's or event's binding, else the standard one. */
export function resolvePrefix(prefix: string, bindings: Readonly<NamespaceBindings>): string | undefined {
  if (Object.prototype.hasOwnProperty.call(bindings, prefix)) return bindings[prefix];
  if (Object.prototype.hasOwnProperty.call(STANDARD_PREFIXES, prefix)) return STANDARD_PREFIXES[prefix];
  return undefined;
}
