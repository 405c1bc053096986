/**
 * Named queries (POST /queries): the request body and the JSON query definition it carries, which
 * uses the same parameter names as the REST query string but JSON values (arrays for lists).
 */
import { EpcisException } from '../exceptions.js';
import type { NamespaceBindings } from '../model.js';
import type { EventQuery } from './event-query.js';
import { buildEventQuery, type ParseOptions } from './parse-parameters.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Names end up in URLs (/queries/{name}/events), so keep them to one safe path segment.
const QUERY_NAME = /^[A-Za-z0-9._~-]{1,200}$/;

/** Checks a POST /queries body ({ name, query }) and returns its parts. */
export function parseNamedQueryBody(body: unknown): { name: string; query: Record<string, unknown> } {
  if (!isPlainObject(body)) {
    throw new EpcisException('QueryParameterException', 'The query body must be a JSON object { "name": ..., "query": { ... } }', [
      { pointer: '', message: 'expected an object' },
    ]);
  }
  const { name, query } = body;
  if (typeof name !== 'string' || !QUERY_NAME.test(name)) {
    throw new EpcisException(
      'QueryParameterException',
      'The query name must be 1-200 characters of letters, digits, ".", "_", "~" or "-"',
      [{ pointer: '/name', message: typeof name === 'string' ? `"${name}" is not a valid query name` : 'missing or not a string' }],
    );
  }
  if (!isPlainObject(query)) {
    throw new EpcisException('QueryParameterException', 'The query body needs a "query" object of query parameters', [
      { pointer: '/query', message: 'missing or not an object' },
    ]);
  }
  const unexpected = Object.keys(body).filter((k) => k !== 'name' && k !== 'query' && k !== '@context');
  if (unexpected.length > 0) {
    throw new EpcisException('QueryParameterException', `Unexpected member(s) in the query body: ${unexpected.join(', ')}`, [
      { pointer: `/${unexpected[0]}`, message: 'not allowed here' },
    ]);
  }
  // Validate now, so that a broken query is refused when it is created rather than when it runs.
  queryFromDefinition(query);
  return { name, query };
}

/** Prefix bindings of a JSON-LD @context value (string entries are remote contexts and are skipped). */
export function contextBindings(context: unknown): NamespaceBindings {
  const bindings: NamespaceBindings = {};
  const entries = Array.isArray(context) ? context : [context];
  for (const entry of entries) {
    if (!isPlainObject(entry)) continue;
    for (const [prefix, iri] of Object.entries(entry)) if (typeof iri === 'string') bindings[prefix] = iri;
  }
  return bindings;
}

/** The typed query of a JSON query definition (the `query` member of a named query). */
export function queryFromDefinition(query: Record<string, unknown>, options: ParseOptions = {}): EventQuery {
  const namespaces = { ...options.namespaces, ...contextBindings(query['@context']) };
  const raw = Object.entries(query)
    .filter(([name]) => name !== '@context')
    .map(([name, value]) => ({ name, values: [value], rest: false }));
  return buildEventQuery(raw, { namespaces });
}
