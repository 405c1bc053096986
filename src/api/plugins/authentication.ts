/**
 * Who is calling: `Authorization: Bearer <API key or bootstrap token>` for machines, the
 * `karvon_session` cookie for people (read by @fastify/cookie, registered before this plugin). The
 * caller becomes `request.principal`.
 *
 * - Credentials that are sent are always checked: wrong, expired or revoked ones get 401 at once,
 *   on public routes too, so a client never mistakes a broken key for anonymous access.
 * - Every route is closed unless it says `config: { public: true }`; a closed route called without
 *   credentials gets 401. Unknown paths keep their normal 404.
 * - The Swagger UI registers its own routes under /docs (static files, its JSON and YAML copies of
 *   the document); src/api/openapi.ts marks them public through an onRoute hook scoped to the UI's
 *   plugin, so this file needs no list of paths.
 */
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DEVICE_TOKEN_PREFIX } from '../../access/tokens.js';
import { KarvonError } from '../../errors.js';
import type { ApiDeps } from '../deps.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route replaces or ends the session itself (sign-in, sign-out): a stale session cookie is
     * not checked there, or a browser with an expired cookie could never sign in again.
     */
    replacesSession?: boolean;
    /**
     * The route takes device tokens (`krvd_...`, src/telemetry/): such a bearer token is left to the
     * route, which knows the devices; API keys and sessions are checked here as everywhere.
     */
    deviceCredentials?: boolean;
  }
}

export const SESSION_COOKIE = 'karvon_session';

/**
 * The session cookie's attributes (set and cleared by @fastify/cookie): HttpOnly (no script reads
 * it), SameSite=Lax (not sent on cross-site sub-requests or POSTs), Path=/, Secure when the request
 * came over TLS (which, behind a proxy, Fastify knows from X-Forwarded-Proto only when trustProxy is
 * on). No Max-Age: the server decides when a session ends (sliding expiry), the browser forgets it
 * when it closes.
 */
export function sessionCookieOptions(request: FastifyRequest): CookieSerializeOptions {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure: request.protocol === 'https' };
}

function refuse(reply: FastifyReply, error: KarvonError): KarvonError {
  void reply.header('www-authenticate', 'Bearer realm="karvon"');
  return error;
}

export function registerAuthentication(app: FastifyInstance, deps: ApiDeps): void {
  app.decorateRequest('principal', undefined);
  app.addHook('onRequest', async (request, reply) => {
    const config = request.routeOptions.config;
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const bearer = /^Bearer +(\S+) *$/i.exec(authorization);
      if (!bearer) throw refuse(reply, new KarvonError('KRV_UNAUTHORIZED', 'The Authorization header must read "Bearer <API key>"'));
      if (config?.deviceCredentials === true && bearer[1]!.startsWith(DEVICE_TOKEN_PREFIX)) return;
      try {
        request.principal = await deps.access.authenticateBearer(bearer[1]!, request.ip);
      } catch (error) {
        throw error instanceof KarvonError ? refuse(reply, error) : error;
      }
    } else if (!config?.replacesSession) {
      const session = request.cookies[SESSION_COOKIE];
      if (session !== undefined && session !== '') {
        try {
          request.principal = await deps.access.authenticateSession(session);
        } catch (error) {
          // The cookie is of no use any more: have the browser drop it, so its next request is anonymous.
          if (error instanceof KarvonError) void reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(request));
          throw error;
        }
      }
    }
    if (request.principal === undefined && config?.public !== true && !request.is404) {
      throw refuse(reply, new KarvonError('KRV_UNAUTHORIZED', 'Sign in, or send an API key as "Authorization: Bearer <key>"'));
    }
  });
}
