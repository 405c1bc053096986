/**
 * EPCIS 2.0 REST: /events (query and single-event capture) and /events/{eventID}; schemas in
 * events.schemas.ts.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { parseQueryParameters } from '../../epcis/query/index.js';
import { KarvonError } from '../../errors.js';
import { parsePerPage } from '../../query/event-query-service.js';
import { eventsForReader } from '../../projections/registration-redaction.js';
import { readScopeOf } from '../../access/visibility.js';
import type { ReadScope } from '../../model/visibility-scope.js';
import type { StoredEvent } from '../../store/store.js';
import type { ApiDeps } from '../deps.js';
import { detailScope, requireScope } from '../guard.js';
import { queryParameters, sendEvent, sendQueryDocument } from '../respond.js';
import { documentationOnly } from './epcis.schemas.js';
import { CaptureEvent, GetEvent, QueryEvents } from './events.schemas.js';

export function eventsRoutes(deps: ApiDeps): FastifyPluginAsync {
  return async (app) => {
    app.setValidatorCompiler(documentationOnly);
    const api = app.withTypeProvider<TypeBoxTypeProvider>();

    api.get('/events', { schema: QueryEvents }, async (request, reply) => {
      const { params, perPage, nextPageToken, namespaces } = queryParameters(request);
      const scope = detailScope(request);
      const query = parseQueryParameters(params, { namespaces });
      const page = await deps.queries.page(query, { perPage: parsePerPage(perPage, deps.queries.limits), nextPageToken }, scope);
      return sendQueryDocument(request, reply, page);
    });

    api.post('/events', { schema: CaptureEvent }, async (request, reply) => {
      const principal = requireScope(request, 'capture');
      const body = request.body as Buffer | undefined;
      if (!body || body.length === 0) throw new KarvonError('KRV_MALFORMED_BODY', 'The request has no body: send one EPCIS event');
      const { eventID, duplicate } = await deps.capture.captureSingle(body, request.headers['content-type'], principal.organisation);
      reply.header('Location', `/epcis/events/${encodeURIComponent(eventID)}`);
      // "Stored already" would tell a caller that an event it may not see exists: such a caller
      // gets the answer of a new event (its Location answers 404 to it, as for any unknown event).
      const scope = readScopeOf(principal);
      const stored = duplicate && scope.kind !== 'aggregates' ? await deps.store.events.get(eventID) : undefined;
      const toldDuplicate = stored !== undefined && scope.kind !== 'aggregates' && (await visible(stored, scope));
      if (toldDuplicate) reply.header('GS1-EPCIS-Duplicate', 'true');
      return reply.code(toldDuplicate ? 200 : 201).send();
    });

    /** Whether the scope may see a stored event: the same rule as queries, applied by the store. */
    const visible = async (stored: StoredEvent, scope: Exclude<ReadScope, { kind: 'aggregates' }>): Promise<boolean> => {
      if (scope.kind === 'all') return true;
      if (scope.organisationId === stored.capturedBy) return true;
      const eventID = stored.event.eventID;
      if (typeof eventID !== 'string') return false;
      const page = await deps.store.events.query({ conditions: [{ kind: 'in', field: 'eventID', values: [eventID] }] }, { perPage: 1 }, scope);
      return page.events.length > 0;
    };

    api.get('/events/:eventID', { schema: GetEvent }, async (request, reply) => {
      const scope = detailScope(request);
      const found = await deps.store.events.get(request.params.eventID);
      // An event the caller may not see is answered like one that does not exist.
      const stored = found && (await visible(found, scope)) ? found : undefined;
      if (!stored) throw new KarvonError('KRV_NO_SUCH_RESOURCE', `No event has the eventID '${request.params.eventID}'`);
      const [event] = await eventsForReader(deps.store, scope, [stored]);
      return sendEvent(request, reply, event!);
    });
  };
}
