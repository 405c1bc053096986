/**
 * The web app (web/, built by `npm run build` into web/dist) served by the same server as the API:
 * its index at /, its files (hashed names under /assets, cached for a year; the index never cached),
 * and the index again for any other GET that a browser sends for a page (Accept: text/html) outside
 * the API's own paths, so a reload on a page of the app works (SPA fallback). Anything else that
 * matches no route still gets the API's 404 problem document, through the one not-found handler.
 *
 * A public tracking link's address (/api/public/track/{token}) is the one API path that is also a
 * page: a browser that prefers HTML to JSON there gets the app's index (which shows the link as a
 * page, reading the same address as JSON); every other client, curl's * / * included, gets the JSON.
 *
 * Without web/dist (a checkout that skipped the build) GET / says to run `npm run build`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { qualityOf } from '../negotiate.js';
import { WEB_APP_HELMET } from './security-headers.js';

/** Paths that belong to the API and its docs: never answered with the app's page. */
const API_PATHS = ['/api', '/epcis', '/docs', '/openapi.json', '/ready', '/health'];

/** web/dist of the Karvon package, found by walking up from this file (src/ or dist/src/). */
export function defaultWebRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === 'karvon') return path.join(dir, 'web', 'dist');
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve('web', 'dist');
    dir = parent;
  }
}

function isApiPath(url: string): boolean {
  const pathname = url.split('?')[0]!;
  return API_PATHS.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/** A browser asking for a page: it accepts HTML (explicitly, not only through * / *). */
function wantsPage(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').split(',').some((part) => part.trim().toLowerCase().startsWith('text/html'));
}

/** The public tracking link's route (public-links.routes.ts), which a browser is shown as a page. */
export const PUBLIC_TRACKING_ROUTE = '/api/public/track/:token';

/** Asks for the page rather than the data: text/html wanted more than application/json. */
export function prefersPage(accept: string | undefined): boolean {
  return qualityOf(accept, 'text/html') > qualityOf(accept, 'application/json');
}

/** The route of every GET no other route takes. */
const FALLBACK = '/*';

export const WEB_APP_NOT_BUILT = 'The Karvon web app is not built (web/dist/index.html is missing): run `npm run build` in the checkout, then start the server again. The API is served as usual (/api, /epcis, API docs at /docs).\n';

export async function registerWebApp(app: FastifyInstance, root: string = defaultWebRoot()): Promise<void> {
  await app.register(async (web) => {
    // The app's routes are public (the page itself holds no data: it signs in through the API).
    // Its files carry the app's Content-Security-Policy instead of the API's; the fallback keeps the
    // API's headers, so that a path it hands to the not-found handler answers exactly as before,
    // and sets the app's policy only when it serves the page.
    web.addHook('onRoute', (route) => {
      const helmet = route.url === FALLBACK ? {} : { helmet: WEB_APP_HELMET };
      route.config = { ...route.config, public: true, ...helmet } as typeof route.config;
    });
    if (!fs.existsSync(path.join(root, 'index.html'))) {
      web.get('/', { schema: { hide: true } }, async (_request, reply) => reply.code(503).type('text/plain; charset=utf-8').send(WEB_APP_NOT_BUILT));
      return;
    }
    await web.register(fastifyStatic, {
      root,
      // One route per file that exists at start (the build's output), not a wildcard: the wildcard
      // below decides what an unknown path gets.
      wildcard: false,
      schemaHide: true,
      // The build writes .br and .gz copies (web/vite.config.ts): sent to browsers that accept them.
      preCompressed: true,
      setHeaders(response, file) {
        const immutable = file.includes(`${path.sep}assets${path.sep}`);
        response.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    const fallback = async (request: FastifyRequest, reply: FastifyReply) => {
      if (isApiPath(request.url) || !wantsPage(request)) return reply.callNotFound();
      await reply.helmet(WEB_APP_HELMET);
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    };
    web.get(FALLBACK, { schema: { hide: true } }, fallback);
  });
  if (fs.existsSync(path.join(root, 'index.html'))) servePublicTrackingPage(app, root);
}

/**
 * The app's index for a browser at a public link's address; the link's JSON for anybody else. The
 * answer depends on Accept, so both say Vary: Accept (a cache must not hand the page to a script).
 * The page carries the app's policy and, like every answer, Referrer-Policy: no-referrer, so the
 * token in its address goes nowhere with the app's requests.
 */
function servePublicTrackingPage(app: FastifyInstance, root: string): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' || request.routeOptions.url !== PUBLIC_TRACKING_ROUTE) return;
    reply.header('vary', 'Accept');
    if (!prefersPage(request.headers.accept)) return;
    await reply.helmet(WEB_APP_HELMET);
    const index = await fs.promises.readFile(path.join(root, 'index.html'));
    return reply.code(200).header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(index);
  });
}
