/**
 * EPCIS 2.0 REST: named queries (/queries), each the business of the organisation that created it
 * (src/query/named-queries.ts); schemas in queries.schemas.ts. Subscriptions come with a later feature.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { KarvonError } from '../../errors.js';
import { parsePerPage } from '../../query/event-query-service.js';
import { NamedQueries } from '../../query/named-queries.js';
import type { NamedQuery } from '../../store/store.js';
import type { ApiDeps } from '../deps.js';
import { detailScope, principalOf } from '../guard.js';
import { nextPageUrl, queryParameters, sendQueryDocument } from '../respond.js';
import { documentationOnly } from './epcis.schemas.js';
import { CreateNamedQuery, DeleteNamedQuery, GetNamedQuery, ListNamedQueries, RunNamedQuery } from './queries.schemas.js';

/** The body as JSON: bytes in the EPCIS scope (parsed here), or what a JSON parser made of them. */
function jsonBody(body: unknown): unknown {
  if (!Buffer.isBuffer(body)) {
    if (body === undefined || body === null) throw new KarvonError('KRV_MALFORMED_BODY', 'The request has no body: send {"name": ..., "query": {...}}');
    return body;
  }
  if (body.length === 0) throw new KarvonError('KRV_MALFORMED_BODY', 'The request has no body: send {"name": ..., "query": {...}}');
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
    app.setValidatorCompiler(documentationOnly);
    const api = app.withTypeProvider<TypeBoxTypeProvider>();
    const named = new NamedQueries(deps.store, deps.audit, deps.queries);

    // Named queries belong to the organisation that created them (src/query/named-queries.ts);
    // their results are filtered per caller like any query. Callers who see aggregates only have
    // no use for event queries and are refused throughout.
    api.post('/queries', { schema: CreateNamedQuery }, async (request, reply) => {
      detailScope(request);
      if (!String(request.headers['content-type'] ?? '').includes('json')) {
        throw new KarvonError('KRV_UNSUPPORTED_MEDIA_TYPE', 'Send the query definition as application/json');
      }
      const created = await named.create(principalOf(request), jsonBody(request.body));
      return reply.header('Location', `/epcis/queries/${encodeURIComponent(created.name)}`).code(201).send();
    });

    api.get('/queries', { schema: ListNamedQueries }, async (request, reply) => {
      detailScope(request);
      const { perPage, nextPageToken } = queryParameters(request);
      const page = await named.list(principalOf(request), { perPage: parsePerPage(perPage, deps.queries.limits), ...(nextPageToken ? { pageToken: nextPageToken } : {}) });
      if (page.nextPageToken) reply.header('Link', `<${nextPageUrl(request, page.nextPageToken)}>; rel="next"`);
      return reply.type('application/json').send(page.queries.map(definitionBody));
    });

    api.get('/queries/:queryName', { schema: GetNamedQuery }, async (request, reply) => {
      detailScope(request);
      const query = await named.get(principalOf(request), request.params.queryName, ownerParameter(request));
      return reply.type('application/json').send(definitionBody(query));
    });

    api.delete('/queries/:queryName', { schema: DeleteNamedQuery }, async (request, reply) => {
      detailScope(request);
      await named.delete(principalOf(request), request.params.queryName, ownerParameter(request));
      return reply.code(204).send();
    });

    api.get('/queries/:queryName/events', { schema: RunNamedQuery }, async (request, reply) => {
      const scope = detailScope(request);
      const { perPage, nextPageToken } = queryParameters(request);
      const paging = { perPage: parsePerPage(perPage, deps.queries.limits), nextPageToken };
      const { query, page } = await named.run(principalOf(request), scope, request.params.queryName, ownerParameter(request), paging);
      return sendQueryDocument(request, reply, page, query.name);
    });
  };
}
