/**
 * EPCIS 2.0 REST: named queries (/queries). Subscriptions come with a later feature.
 */
import type { FastifyPluginAsync } from 'fastify';
import { EpcisException } from '../../epcis/exceptions.js';
import { parseNamedQueryBody, queryFromDefinition } from '../../epcis/query/index.js';
import { KarvonError } from '../../errors.js';
import { parsePerPage } from '../../query/event-query-service.js';
import type { NamedQuery } from '../../store/store.js';
import type { ApiDeps } from '../deps.js';
import { detailScope } from '../guard.js';
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

function definitionBody(query: NamedQuery) {
  return { name: query.name, query: query.query, createdAt: query.createdAt };
}

export function queriesRoutes(deps: ApiDeps): FastifyPluginAsync {
  return async (app) => {
    const named = deps.store.namedQueries;

    const findQuery = async (name: string): Promise<NamedQuery> => {
      const query = await named.get(name);
      if (!query) throw new EpcisException('NoSuchNameException', `No named query is called '${name}'`);
      return query;
    };

    // Named queries are definitions shared by the network; their results are filtered per caller.
    // Callers who see aggregates only have no use for event queries and are refused throughout.
    app.post('/queries', async (request, reply) => {
      detailScope(request);
      if (!String(request.headers['content-type'] ?? '').includes('json')) {
        throw new KarvonError('KRV_UNSUPPORTED_MEDIA_TYPE', 'Send the query definition as application/json');
      }
      const { name, query } = parseNamedQueryBody(parseJsonBody(request.body));
      queryFromDefinition(query); // refuse an invalid query now, not when it is first run
      const created = await named.create({ name, query, createdAt: new Date().toISOString() });
      if (!created) throw new EpcisException('DuplicateNameException', `A query called '${name}' exists already; choose another name or delete it first`);
      return reply.header('Location', `/epcis/queries/${encodeURIComponent(name)}`).code(201).send();
    });

    app.get('/queries', async (request, reply) => {
      detailScope(request);
      const { perPage, nextPageToken } = queryParameters(request);
      const page = await named.list({ perPage: parsePerPage(perPage, deps.queries.limits), pageToken: nextPageToken });
      if (page.nextPageToken) reply.header('Link', `<${nextPageUrl(request, page.nextPageToken)}>; rel="next"`);
      return reply.type('application/json').send(page.queries.map(definitionBody));
    });

    app.get<{ Params: { queryName: string } }>('/queries/:queryName', async (request, reply) => {
      detailScope(request);
      return reply.type('application/json').send(definitionBody(await findQuery(request.params.queryName)));
    });

    app.delete<{ Params: { queryName: string } }>('/queries/:queryName', async (request, reply) => {
      detailScope(request);
      const deleted = await named.delete(request.params.queryName);
      if (!deleted) throw new EpcisException('NoSuchNameException', `No named query is called '${request.params.queryName}'`);
      return reply.code(204).send();
    });

    app.get<{ Params: { queryName: string } }>('/queries/:queryName/events', async (request, reply) => {
      const scope = detailScope(request);
      const stored = await findQuery(request.params.queryName);
      const { perPage, nextPageToken } = queryParameters(request);
      const page = await deps.queries.page(queryFromDefinition(stored.query), {
        perPage: parsePerPage(perPage, deps.queries.limits),
        nextPageToken,
      }, scope);
      return sendQueryDocument(request, reply, page, stored.name);
    });
  };
}
