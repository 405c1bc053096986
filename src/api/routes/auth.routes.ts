/**
 * Signing in and out (/api/auth): a session cookie for people; machines send an API key instead.
 * Sign-in and sign-out are POSTs with a JSON body (see access-body.ts for why that stops CSRF).
 */
import type { FastifyPluginAsync } from 'fastify';
import { KarvonError } from '../../errors.js';
import type { ApiDeps } from '../deps.js';
import { principalOf } from '../guard.js';
import { SESSION_COOKIE, sessionCookieOptions } from '../plugins/authentication.js';
import { jsonObjectBody, requireJsonContentType } from './access-body.js';

export function authRoutes(deps: ApiDeps): FastifyPluginAsync {
  return async (app) => {
    app.post('/sign-in', { config: { public: true, replacesSession: true } }, async (request, reply) => {
      const body = jsonObjectBody(request, 'The sign-in');
      const issues = (['email', 'password'] as const)
        .filter((field) => typeof body[field] !== 'string' || body[field] === '')
        .map((field) => ({ pointer: `/${field}`, message: `${field} is required` }));
      if (issues.length > 0) throw new KarvonError('KRV_VALIDATION', 'Sign in with {"email": ..., "password": ...}', issues);
      const outcome = await deps.access.signIn(body.email as string, body.password as string, request.ip);
      void reply.setCookie(SESSION_COOKIE, outcome.sessionCookieValue, sessionCookieOptions(request)).header('cache-control', 'no-store');
      return { ...(await deps.access.describe(outcome.principal)), expiresAt: outcome.expiresAt };
    });

    app.post('/sign-out', { config: { public: true, replacesSession: true } }, async (request, reply) => {
      requireJsonContentType(request);
      const session = request.cookies[SESSION_COOKIE];
      if (session) await deps.access.signOut(session, request.ip);
      return reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(request)).code(204).send();
    });

    app.get('/me', async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return deps.access.describe(principalOf(request));
    });
  };
}
