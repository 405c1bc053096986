/**
 * The OpenAPI 3 document, generated from the routes that exist (so it cannot list a route that is
 * not built) and their schemas (summary, tags, body, parameters, responses), and browsable docs at
 * /docs. ROUTE_DOCS gives a summary to the routes that do not declare their own yet.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

const ROUTE_DOCS: Record<string, { tag: string; summary: string }> = {
  'GET /health': { tag: 'Operations', summary: 'Liveness: the process answers' },
  'GET /ready': { tag: 'Operations', summary: 'Readiness: the store answers, every follower of the event log has caught up, the demo (when on) has seeded' },
  'GET /api/status/': { tag: 'Operations', summary: "The node's followers of the event log (position, lag, last error) and pending startup work: network operator only" },
  'GET /epcis/': { tag: 'EPCIS discovery', summary: 'Top-level resources of the EPCIS 2.0 REST interface' },
  'OPTIONS /epcis/capture': { tag: 'EPCIS capture', summary: 'Capture limits (GS1-EPCIS-Capture-Limit, GS1-EPCIS-Capture-File-Size-Limit, Karvon-Capture-Item-Limit-Per-Event, Karvon-Capture-Item-Limit-Per-Document)' },
  'POST /epcis/capture': { tag: 'EPCIS capture', summary: 'Capture an EPCIS document (JSON-LD or XML); 202 with the job in Location once the document is durable. GS1-Capture-Error-Behaviour: rollback (default) or proceed' },
  'GET /epcis/capture': { tag: 'EPCIS capture', summary: 'List capture jobs, newest first (perPage, nextPageToken)' },
  'GET /epcis/capture/:captureID': { tag: 'EPCIS capture', summary: 'One capture job: running, success, counts and errors' },
  'POST /epcis/events': { tag: 'EPCIS capture', summary: 'Capture one event; 201 with its Location once committed (200 when it was stored already)' },
  'GET /epcis/events': { tag: 'EPCIS query', summary: 'Query events with the EPCIS 2.0 query parameters (eventType, GE_eventTime, EQ_bizStep, MATCH_epc, ...); paged with perPage and nextPageToken (Link rel="next")' },
  'GET /epcis/events/:eventID': { tag: 'EPCIS query', summary: 'One event by its eventID (URL-encoded)' },
  'POST /epcis/queries': { tag: 'EPCIS named queries', summary: 'Create a named query of your organisation (each has its own names): {"name": ..., "query": {...}}' },
  'GET /epcis/queries': { tag: 'EPCIS named queries', summary: "List your organisation's named queries (the network operator: all, with their owner)" },
  'GET /epcis/queries/:queryName': { tag: 'EPCIS named queries', summary: 'The definition of one of your named queries (the network operator: ?owner=<organisation id> for another one)' },
  'DELETE /epcis/queries/:queryName': { tag: 'EPCIS named queries', summary: 'Delete one of your named queries (the network operator: any, with ?owner=)' },
  'GET /epcis/queries/:queryName/events': { tag: 'EPCIS named queries', summary: 'Run one of your named queries' },
};

Object.assign(ROUTE_DOCS, {
  'GET /api/statistics/': { tag: 'Statistics', summary: 'Aggregates of the network (no party names, values or references): shipments by status and corridor, holds, observed leg and dwell times, events per day' },
  'GET /api/governance/members': { tag: 'Governance', summary: 'Member states with their national coordinators' },
  'GET /api/governance/proposals': { tag: 'Governance', summary: 'Proposals to admit, suspend or reinstate a member state (filter: status)' },
  'POST /api/governance/proposals': { tag: 'Governance', summary: "Open a proposal (a member state's national coordinator); every current member votes" },
  'GET /api/governance/proposals/:id': { tag: 'Governance', summary: 'One proposal with its electorate, votes and tally' },
  'POST /api/governance/proposals/:id/votes': { tag: 'Governance', summary: 'Vote yes or no as a member state; unanimity admits, one no rejects' },
  'POST /api/governance/proposals/:id/withdraw': { tag: 'Governance', summary: 'Withdraw an open proposal (the member state that proposed it)' },
  'GET /api/governance/chair': { tag: 'Governance', summary: 'The coordinating chair now and its history of terms' },
  'POST /api/governance/chair/hand-overs': { tag: 'Governance', summary: 'Schedule the hand-over of the chair to another member state on a date' },
  'GET /api/governance/settings': { tag: 'Governance', summary: 'Network-wide settings managed by the chair (alert thresholds...)' },
  'PUT /api/governance/settings/:name': { tag: 'Governance', summary: "Change a network-wide setting (the chair's coordinator or the network operator)" },
  'GET /api/audit/': { tag: 'Audit', summary: 'The audit log, in order (council and network operator)' },
  'GET /api/audit/verify': { tag: 'Audit', summary: 'Check the log, its Merkle tree and signed head, and every stored event against it; name the first problem' },
  'GET /api/audit/export': { tag: 'Audit', summary: 'The audit log with its signed head as a JSON Lines file any member state can verify offline (karvon audit verify --file)' },
  'GET /api/audit/heads': { tag: 'Audit', summary: "The node's current signed tree head and its public key (national coordinators too: keep it, and ask for a consistency proof next time)" },
  'GET /api/audit/consistency': { tag: 'Audit', summary: 'Consistency proof (RFC 9162) between the trees of `from` and `to` entries: the older head is a prefix of the newer' },
  'GET /api/audit/inclusion': { tag: 'Audit', summary: 'Inclusion proof (RFC 9162) of entry `seq` in the tree of `size` entries' },
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
    // A plugin's root route can be registered with or without its trailing slash.
    const key = `${methods[0]} ${route.url}`;
    const doc = ROUTE_DOCS[key] ?? ROUTE_DOCS[key.endsWith('/') ? key.slice(0, -1) : `${key}/`];
    if (!doc) return;
    // A route's own schema says it best; ROUTE_DOCS only fills in what it leaves out.
    route.schema = { tags: [doc.tag], summary: doc.summary, ...(route.schema ?? {}) };
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Karvon',
        version,
        description:
          'Integrated goods tracking for the trade corridors of Central Asia and the Caspian, on GS1 EPCIS 2.0. ' +
          'The EPCIS 2.0 REST bindings are mounted under /epcis. Errors are RFC 7807 problem+json: under /epcis typed with the EPCIS exception types, elsewhere with Karvon\'s (https://ns.karvon.org/problems/..., listed in docs/errors.md). ' +
          'Callers authenticate with an API key (Authorization: Bearer krv_...) or the session cookie of POST /api/auth/sign-in.',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key: krv_<key id>_<secret>' },
          session: { type: 'apiKey', in: 'cookie', name: 'karvon_session', description: 'The session cookie set by POST /api/auth/sign-in' },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
  });
  // The docs are public. Swagger UI registers its own routes (page, static files, JSON and YAML
  // copies of the document), so they are marked public by an onRoute hook in a scope of their own.
  await app.register(async (docs) => {
    docs.addHook('onRoute', (route) => {
      route.config = { ...route.config, public: true };
    });
    await docs.register(swaggerUi, { routePrefix: '/docs' });
  });
  app.get('/openapi.json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger());
}
