/**
 * EPCIS 2.0 REST top-level resources: /eventTypes, /epcs, /bizSteps, /bizLocations, /readPoints,
 * /dispositions, each listing what the repository holds, with an /events sub-resource that runs the
 * corresponding query (further query parameters narrow it). Schemas in events.schemas.ts.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { EVENT_TYPES } from '../../epcis/model.js';
import { parseQueryParameters } from '../../epcis/query/index.js';
import { KarvonError } from '../../errors.js';
import { parsePerPage } from '../../query/event-query-service.js';
import type { ApiDeps } from '../deps.js';
import { detailScope, readScope } from '../guard.js';
import { nextPageUrl, queryParameters, sendCollection, sendQueryDocument } from '../respond.js';
import { documentationOnly } from './epcis.schemas.js';
import { resourceSchemas, TopLevel } from './events.schemas.js';

interface TopLevelResource {
  path: string;
  field: 'eventType' | 'epc' | 'bizStep' | 'bizLocation' | 'readPoint' | 'disposition';
  /** The query parameter the /events sub-resource runs. */
  parameter: string;
  /** What its members are, in words. */
  what: string;
}

const RESOURCES: readonly TopLevelResource[] = [
  { path: 'eventTypes', field: 'eventType', parameter: 'eventType', what: 'event types' },
  { path: 'epcs', field: 'epc', parameter: 'MATCH_anyEPC', what: 'EPCs' },
  { path: 'bizSteps', field: 'bizStep', parameter: 'EQ_bizStep', what: 'business steps' },
  { path: 'bizLocations', field: 'bizLocation', parameter: 'EQ_bizLocation', what: 'business locations' },
  { path: 'readPoints', field: 'readPoint', parameter: 'EQ_readPoint', what: 'read points' },
  { path: 'dispositions', field: 'disposition', parameter: 'EQ_disposition', what: 'dispositions' },
];

export const TOP_LEVEL_MEMBERS = ['capture', 'events', 'eventTypes', 'epcs', 'bizSteps', 'bizLocations', 'readPoints', 'dispositions', 'queries'];

export function resourcesRoutes(deps: ApiDeps): FastifyPluginAsync {
  return async (app) => {
    app.setValidatorCompiler(documentationOnly);
    const api = app.withTypeProvider<TypeBoxTypeProvider>();

    api.get('/', { schema: TopLevel }, async (request, reply) => {
      readScope(request);
      return sendCollection(reply, TOP_LEVEL_MEMBERS);
    });

    for (const resource of RESOURCES) {
      const schemas = resourceSchemas(resource.what, resource.parameter);
      api.get(`/${resource.path}`, { schema: schemas.list }, async (request, reply) => {
        // Values (EPCs, locations) are details: only those used by events the caller may see are listed.
        const scope = detailScope(request);
        if (resource.field === 'eventType') return sendCollection(reply, [...EVENT_TYPES]);
        const { perPage, nextPageToken } = queryParameters(request);
        const page = await deps.store.events.distinct(
          resource.field,
          { perPage: parsePerPage(perPage, deps.queries.limits), pageToken: nextPageToken },
          scope,
        );
        return sendCollection(reply, page.values, page.nextPageToken ? nextPageUrl(request, page.nextPageToken) : undefined);
      });

      api.get(`/${resource.path}/:value`, { schema: schemas.one }, async (request, reply) => {
        detailScope(request);
        if (resource.field === 'eventType' && !(EVENT_TYPES as readonly string[]).includes(request.params.value)) {
          throw new KarvonError('KRV_NO_SUCH_RESOURCE', `'${request.params.value}' is not an EPCIS event type: use one of ${EVENT_TYPES.join(', ')}`);
        }
        return sendCollection(reply, ['events']);
      });

      api.get(`/${resource.path}/:value/events`, { schema: schemas.events }, async (request, reply) => {
        const scope = detailScope(request);
        const { params, perPage, nextPageToken, namespaces } = queryParameters(request);
        if (params[resource.parameter] !== undefined) {
          throw new KarvonError('KRV_QUERY_PARAMETER', `${resource.parameter} is given by the path of this resource; do not repeat it as a query parameter`);
        }
        const query = parseQueryParameters({ ...params, [resource.parameter]: request.params.value }, { namespaces });
        const page = await deps.queries.page(query, { perPage: parsePerPage(perPage, deps.queries.limits), nextPageToken }, scope);
        return sendQueryDocument(request, reply, page);
      });
    }
  };
}
