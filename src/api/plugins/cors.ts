/**
 * CORS through @fastify/cors: closed unless KARVON_CORS_ORIGINS lists an origin. A listed origin
 * may call with credentials (the session cookie) and read the GS1 and paging headers; any other
 * origin gets no CORS headers, and its preflight is refused with 403.
 *
 * Registered before authentication, so a preflight (which carries no credentials) is answered
 * before anything asks who is calling, and a browser on a listed origin can read a refusal (401,
 * 413, 429) too. An OPTIONS request that is not a preflight (no Access-Control-Request-Method) is
 * EPCIS discovery and goes on to its route.
 */
import cors, { type FastifyCorsOptions } from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ITEM_LIMIT_HEADERS } from '../../capture/list-items.js';
import type { KarvonConfig } from '../../config/config.js';
import { KarvonError } from '../../errors.js';

/** Request headers a browser on a listed origin may send (besides the CORS-safelisted ones). */
const ALLOWED_HEADERS = [
  'authorization', 'content-type', 'accept', 'accept-language', 'if-none-match',
  // The EPCIS 2.0 request headers.
  'gs1-epcis-version', 'gs1-cbv-version', 'gs1-epcis-min', 'gs1-epcis-max', 'gs1-cbv-min', 'gs1-cbv-max',
  'gs1-epc-format', 'gs1-cbv-xml-format', 'gs1-extensions', 'gs1-capture-error-behaviour',
];
/** Response headers a browser script may read. */
const EXPOSED_HEADERS = [
  'Location', 'Link', 'Retry-After', 'GS1-EPCIS-Version', 'GS1-CBV-Version', 'GS1-EPCIS-Min', 'GS1-EPCIS-Max',
  'GS1-CBV-Min', 'GS1-CBV-Max', 'GS1-Next-Page-Token-Expires', 'GS1-EPCIS-Capture-Limit', 'GS1-EPCIS-Capture-File-Size-Limit',
  ITEM_LIMIT_HEADERS.perEvent, ITEM_LIMIT_HEADERS.perDocument,
];

export async function registerCors(app: FastifyInstance, config: Pick<KarvonConfig, 'corsOrigins'>): Promise<void> {
  const listed = new Set(config.corsOrigins);
  const open = (preflight: boolean): FastifyCorsOptions => ({
    origin: [...listed],
    credentials: true,
    exposedHeaders: EXPOSED_HEADERS,
    allowedHeaders: ALLOWED_HEADERS,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    maxAge: 600,
    preflight,
  });
  // The plugin's catch-all OPTIONS route only answers preflights (in its hook) or says 404: it needs
  // no credentials, so an OPTIONS request to an unknown path keeps its 404 rather than a 401.
  app.addHook('onRoute', (route) => {
    if (route.method === 'OPTIONS' && route.url === '*') route.config = { ...route.config, public: true };
  });
  await app.register(cors, {
    // Decided per request: an unlisted origin gets nothing (origin: false), a listed one the options above.
    delegator: (request: FastifyRequest, decide: (error: Error | null, options: FastifyCorsOptions) => void) => {
      const origin = request.headers.origin;
      const preflight = isPreflight(request);
      if (origin !== undefined && listed.has(origin)) return decide(null, open(preflight));
      if (preflight) return decide(new KarvonError('KRV_FORBIDDEN', `Origin ${origin} may not call this API from a browser`), { origin: false });
      return decide(null, { origin: false });
    },
  });
}

function isPreflight(request: FastifyRequest): boolean {
  return request.method === 'OPTIONS' && request.headers.origin !== undefined && request.headers['access-control-request-method'] !== undefined;
}
