/**
 * EPCIS 2.0 REST: /events (query and single-event capture) and /events/{eventID}.
 */
import type { FastifyPluginAsync } from 'fastify';
import { parseQueryParameters } from '../../epcis/query/index.js';
import { KarvonError } from '../../errors.js';
import { parsePerPage } from '../../query/event-query-service.js';
import type { ApiDeps } from '../deps.js';
import { queryParameters, sendEvent, sendQueryDocument } from '../respond.js';

export function eventsRoutes(deps: ApiDeps): FastifyPluginAsync {
  return async (app) => {
    app.get('/events', async (request, reply) => {
      const { params, perPage, nextPageToken, namespaces } = queryParameters(request);
      const query = parseQueryParameters(params, { namespaces });
      const page = await deps.queries.page(query, { perPage: parsePerPage(perPage, deps.queries.limits), nextPageToken });
      return sendQueryDocument(request, reply, page);
    });

    app.post('/events', async (request, reply) => {
      const body = request.body as Buffer | undefined;
      if (!body || body.length === 0) throw new KarvonError('KRV_MALFORMED_BODY', 'The request has no body: send one EPCIS event');
      const { eventID, duplicate } = await deps.capture.captureSingle(body, request.headers['content-type']);
      reply.header('Location', `/epcis/events/${encodeURIComponent(eventID)}`);
      if (duplicate) reply.header('GS1-EPCIS-Duplicate', 'true');
      return reply.code(duplicate ? 200 : 201).send();
    });

    app.get<{ Params: { eventID: string } }>('/events/:eventID', async (request, reply) => {
      const stored = await deps.store.events.get(request.params.eventID);
      if (!stored) throw new KarvonError('KRV_NO_SUCH_RESOURCE', `No event has the eventID '${request.params.eventID}'`);
      return sendEvent(request, reply, stored.event);
    });
  };
}
