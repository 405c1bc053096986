/**
 * EPCIS 2.0 REST: named queries (/queries), each the business of the organisation that created it
 * (src/query/named-queries.ts). Subscriptions come with a later feature.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { parseNamedQueryBody, queryFromDefinition } from '../../epcis/query/index.js';
import { KarvonError } from '../../errors.js';
import { parsePerPage } from '../../query/event-query-service.js';
import type { NamedQuery } from '../../store/store.js';
import type { ApiDeps } from '../deps.js';
import { NamedQueries } from '../../query/named-queries.js';
import { detailScope, principalOf } from '../guard.js';
import { nextPageUrl, queryParameters, sendQueryDocument } from '../respond.js';

function parseJsonBody(body: unknown): unknown {
  if (!Buffer.isBuffer(body) || body.length === 0) {
    throw new KarvonError('KRV_MALFORMED_BODY', 'The request has no body: send {"name": ..., "query": {...}}');
  }
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new KarvonError('KRV_MALFORMED_BODY', `The query definition is not valid JSON: ${(error as Error).message}`);
  }
}

/** A definition as the REST binding shows it, with the organisation it belongs to (null: none). */
function definitionBody(query: NamedQuery) {
  return { name: query.name, owner: query.owner, query: query.query, createdAt: query.createdAt };
}

/** The `owner` query parameter (the network operator's way to name another organisation's query). */
function ownerParameter(request: FastifyRequest): string | undefined {
  const raw = (request.query as Record<string, string | string[] | undefined>).owner;
  return Array.isArray(raw) ? raw[0] : raw;
}

export function queriesRoutes(deps: ApiDeps): FastifyPluginAsync {
  return async (app) => {
    const named = new NamedQueries(deps.store, deps.audit);

    // Named queries belong to the organisation that created them (src/query/named-queries.ts);
    // their results are filtered per caller like any query. Callers who see aggregates only have
    // no use for event queries and are refused throughout.
    app.post('/queries', async (request, reply) => {
      detailScope(request);
      const principal = principalOf(request);
      if (!String(request.headers['content-type'] ?? '').includes('json')) {
        throw new KarvonError('KRV_UNSUPPORTED_MEDIA_TYPE', 'Send the query definition as application/json');
      }
      const { name, query } = parseNamedQueryBody(parseJsonBody(request.body));
      queryFromDefinition(query); // refuse an invalid query now, not when it is first run
      await named.create(principal, name, query);
      return reply.header('Location', `/epcis/queries/${encodeURIComponent(name)}`).code(201).send();
    });

    app.get('/queries', async (request, reply) => {
      detailScope(request);
      const { perPage, nextPageToken } = queryParameters(request);
      const page = await named.list(principalOf(request), { perPage: parsePerPage(perPage, deps.queries.limits), ...(nextPageToken ? { pageToken: nextPageToken } : {}) });
      if (page.nextPageToken) reply.header('Link', `<${nextPageUrl(request, page.nextPageToken)}>; rel="next"`);
      return reply.type('application/json').send(page.queries.map(definitionBody));
    });

    app.get<{ Params: { queryName: string } }>('/queries/:queryName', async (request, reply) => {
      detailScope(request);
      const query = await named.get(principalOf(request), request.params.queryName, ownerParameter(request));
      return reply.type('application/json').send(definitionBody(query));
    });

    app.delete<{ Params: { queryName: string } }>('/queries/:queryName', async (request, reply) => {
      detailScope(request);
      await named.delete(principalOf(request), request.params.queryName, ownerParameter(request));
      return reply.code(204).send();
    });

    app.get<{ Params: { queryName: string } }>('/queries/:queryName/events', async (request, reply) => {
      const scope = detailScope(request);
      const stored = await named.get(principalOf(request), request.params.queryName, ownerParameter(request));
      const { perPage, nextPageToken } = queryParameters(request);
      const page = await deps.queries.page(queryFromDefinition(stored.query), {
        perPage: parsePerPage(perPage, deps.queries.limits),
        nextPageToken,
      }, scope);
      return sendQueryDocument(request, reply, page, stored.name);
    });
  };
}
