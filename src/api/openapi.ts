/**
 * The OpenAPI 3 document, generated from the routes that exist (so it cannot list a route that is
 * not built), with a summary per route from ROUTE_DOCS, and browsable docs at /docs.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

const ROUTE_DOCS: Record<string, { tag: string; summary: string }> = {
  'GET /health': { tag: 'Operations', summary: 'Liveness: the process answers' },
  'GET /ready': { tag: 'Operations', summary: 'Readiness: the store answers too' },
  'GET /epcis/': { tag: 'EPCIS discovery', summary: 'Top-level resources of the EPCIS 2.0 REST interface' },
  'OPTIONS /epcis/*': { tag: 'EPCIS discovery', summary: 'The methods an EPCIS resource allows (Allow) and the EPCIS and CBV versions' },
  'OPTIONS /epcis/capture': { tag: 'EPCIS capture', summary: 'Capture limits (GS1-EPCIS-Capture-Limit, GS1-EPCIS-Capture-File-Size-Limit)' },
  'POST /epcis/capture': { tag: 'EPCIS capture', summary: 'Capture an EPCIS document (JSON-LD or XML); 202 with the job in Location once the document is durable. GS1-Capture-Error-Behaviour: rollback (default) or proceed' },
  'GET /epcis/capture': { tag: 'EPCIS capture', summary: 'List capture jobs, newest first (perPage, nextPageToken)' },
  'GET /epcis/capture/:captureID': { tag: 'EPCIS capture', summary: 'One capture job: running, success, counts and errors' },
  'POST /epcis/events': { tag: 'EPCIS capture', summary: 'Capture one event; 201 with its Location once committed (200 when it was stored already)' },
  'GET /epcis/events': { tag: 'EPCIS query', summary: 'Query events with the EPCIS 2.0 query parameters (eventType, GE_eventTime, EQ_bizStep, MATCH_epc, ...); paged with perPage and nextPageToken (Link rel="next")' },
  'GET /epcis/events/:eventID': { tag: 'EPCIS query', summary: 'One event by its eventID (URL-encoded)' },
  'POST /epcis/queries': { tag: 'EPCIS named queries', summary: 'Create a named query: {"name": ..., "query": {...}}' },
  'GET /epcis/queries': { tag: 'EPCIS named queries', summary: 'List named queries' },
  'GET /epcis/queries/:queryName': { tag: 'EPCIS named queries', summary: 'The definition of a named query' },
  'DELETE /epcis/queries/:queryName': { tag: 'EPCIS named queries', summary: 'Delete a named query' },
  'GET /epcis/queries/:queryName/events': { tag: 'EPCIS named queries', summary: 'Run a named query' },
};

Object.assign(ROUTE_DOCS, {
  'GET /api/reference/countries': { tag: 'Reference data', summary: 'Member states and corridor neighbours (ISO 3166-1), names in English, Russian, Arabic and their own language' },
  'GET /api/reference/countries/:code': { tag: 'Reference data', summary: 'One country by its alpha-2 code' },
  'GET /api/reference/locations': { tag: 'Reference data', summary: 'Border crossings, ports and terminals with geofences, UN/LOCODE and GS1 SGLN (filters: kind, country)' },
  'GET /api/reference/locations/:id': { tag: 'Reference data', summary: 'One location by its Karvon id or its SGLN' },
  'GET /api/reference/customs-offices': { tag: 'Reference data', summary: 'Customs offices of the member states at crossings and inland terminals' },
  'GET /api/reference/corridors': { tag: 'Reference data', summary: 'Corridors with their stops, modes and length' },
  'GET /api/reference/corridors/:id': { tag: 'Reference data', summary: 'One corridor as ordered legs with route lines, distances and moving times' },
  'GET /api/shipments/': { tag: 'Tracking', summary: 'Shipments, newest activity first (filters: status, corridor, country, mode, crossing = a location still ahead, from, to; limit up to 500, cursor)' },
  'GET /api/shipments/search': { tag: 'Tracking', summary: 'Find shipments by any reference or unit number, partial container numbers too (q)' },
  'GET /api/shipments/:id': { tag: 'Tracking', summary: 'One shipment: status, last location, transit steps per country, holds, timeline and ETA range' },
  'GET /api/shipments/:id/events': { tag: 'Tracking', summary: 'The EPCIS events of one shipment' },
  'GET /api/reference/timing': { tag: 'Reference data', summary: 'Published border dwell times, speeds and transit times, with sources' },
});

for (const [path, what] of [
  ['eventTypes', 'event types'],
  ['epcs', 'EPCs'],
  ['bizSteps', 'business steps'],
  ['bizLocations', 'business locations'],
  ['readPoints', 'read points'],
  ['dispositions', 'dispositions'],
] as const) {
  ROUTE_DOCS[`GET /epcis/${path}`] = { tag: 'EPCIS top-level resources', summary: `The ${what} the repository holds` };
  ROUTE_DOCS[`GET /epcis/${path}/:value`] = { tag: 'EPCIS top-level resources', summary: `Sub-resources of one of the ${what}` };
  ROUTE_DOCS[`GET /epcis/${path}/:value/events`] = { tag: 'EPCIS top-level resources', summary: `Events of one of the ${what} (other query parameters narrow it)` };
}

export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const doc = ROUTE_DOCS[`${methods[0]} ${route.url}`];
    if (!doc) return;
    route.schema = { ...(route.schema ?? {}), tags: [doc.tag], summary: doc.summary };
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Karvon',
        version,
        description:
          'Integrated goods tracking for the trade corridors of Central Asia and the Caspian, on GS1 EPCIS 2.0. ' +
          'The EPCIS 2.0 REST bindings are mounted under /epcis. Errors are RFC 7807 problem+json with the EPCIS exception type.',
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
