/**
 * The security headers of every response, set by @fastify/helmet before anything else runs (so
 * refusals and errors carry them too): a Content-Security-Policy that lets an API answer load
 * nothing, no framing, no referrer, same-origin resources, nosniff.
 *
 * Exceptions, each in one place here: the /docs routes of Swagger UI get the looser policy the
 * UI needs, the web app's routes (plugins/web-app.ts) the policy of an app that loads its own files, and Strict-Transport-Security is sent only over TLS (a browser ignores it over plain
 * HTTP, and sending it there would be misleading).
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/** An API answers JSON and never needs to load anything, be framed or submit forms. */
const API_CSP = {
  defaultSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
};

/**
 * Swagger UI (/docs) loads its scripts, styles and the OpenAPI document from this server, uses
 * data: URIs for its icons and sets inline styles; it has no inline scripts and needs no eval.
 */
const DOCS_CSP = {
  ...API_CSP,
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
};

/**
 * The web app (web/dist) loads only its own scripts, styles, images and fonts and talks only to this
 * server; Vite's build has no inline scripts or styles, so none are allowed. The map's workers are
 * MapLibre's worker module, a file of the app's own (web/src/map/engine.ts): worker-src 'self', no
 * blob: needed, and nothing of the map comes from elsewhere (the base map is built in).
 */
const WEB_APP_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  workerSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
};

/** The helmet options of the web app's routes (plugins/web-app.ts puts them on its routes). */
export const WEB_APP_HELMET = { contentSecurityPolicy: { useDefaults: false, directives: WEB_APP_CSP } };

const HSTS = { maxAge: 31_536_000, includeSubDomains: true };

export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  // Registered before the routes, so it sees the routes of Swagger UI's plugin too.
  app.addHook('onRoute', (route) => {
    if (route.url === '/docs' || route.url.startsWith('/docs/')) {
      route.helmet = { contentSecurityPolicy: { useDefaults: false, directives: DOCS_CSP } };
    }
  });
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: API_CSP },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    strictTransportSecurity: false,
  });
  app.addHook('onRequest', async (request, reply) => {
    // Helmet's reply decorator sets this route's headers again, with HSTS added.
    if (request.protocol === 'https') reply.helmet({ strictTransportSecurity: HSTS });
  });
}
