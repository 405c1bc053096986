/**
 * Signing in and out (/api/auth): a session cookie for people; machines send an API key instead.
 * Sign-in and sign-out are POSTs with a JSON body (see access-body.ts for why that stops CSRF).
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { ApiDeps } from '../deps.js';
import { serializeAsBuilt } from '../schemas/common.js';
import { principalOf } from '../guard.js';
import { SESSION_COOKIE, sessionCookieOptions } from '../plugins/authentication.js';
import { requireJsonContentType } from './access-body.js';
import { DEMO_SIGN_INS_SCHEMA, ME_SCHEMA, SIGN_IN_SCHEMA, SIGN_OUT_SCHEMA } from './access.schemas.js';

/** A demo user one may sign in as: what the sign-in page lists while the demo runs. */
export interface DemoSignIn {
  email: string;
  organisation: string;
  /** The demo's password: published anyway (docs/demo.md), so a new user signs in with one click. */
  password: string;
}

/** demoSignIns: the demo's users while this server runs the demo (none otherwise). */
export function authRoutes(deps: ApiDeps, demoSignIns: () => readonly DemoSignIn[] = () => []): FastifyPluginAsync {
  return async (app) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();
    api.setSerializerCompiler(serializeAsBuilt);

    api.post('/sign-in', { schema: SIGN_IN_SCHEMA, config: { public: true, replacesSession: true } }, async (request, reply) => {
      requireJsonContentType(request);
      const { email, password } = request.body;
      const outcome = await deps.access.signIn(email, password, request.ip);
      void reply.setCookie(SESSION_COOKIE, outcome.sessionCookieValue, sessionCookieOptions(request)).header('cache-control', 'no-store');
      return { ...(await deps.access.describe(outcome.principal)), expiresAt: outcome.expiresAt };
    });

    api.post('/sign-out', { schema: SIGN_OUT_SCHEMA, config: { public: true, replacesSession: true } }, async (request, reply) => {
      requireJsonContentType(request);
      const session = request.cookies[SESSION_COOKIE];
      if (session) await deps.access.signOut(session, request.ip);
      return reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(request)).code(204).send(null);
    });

    api.get('/demo-sign-ins', { schema: DEMO_SIGN_INS_SCHEMA, config: { public: true } }, async () => {
      const signIns = demoSignIns();
      return { demo: signIns.length > 0, signIns: signIns.map(({ email, organisation, password }) => ({ email, organisation, password })) };
    });

    api.get('/me', { schema: ME_SCHEMA }, async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return deps.access.describe(principalOf(request));
    });
  };
}
