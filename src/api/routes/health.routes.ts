/**
 * Liveness (/health: the process answers) and readiness (/ready: the store answers, every follower
 * of the event log has caught up with the store once since start, and the startup work the server
 * waits for, the demo's seeding, has finished). A load balancer sends no traffic before /ready
 * says 200, so nothing a user does then meets half a read model or a demo user not created yet.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { KarvonError } from '../../errors.js';
import type { ApiDeps } from '../deps.js';
import { HEALTH_RESPONSE, NO_QUERY, PROBLEM, READY_RESPONSE } from './status-schemas.js';

/** What /ready still waits for, in words; empty when ready. */
async function pendingReadiness(deps: ApiDeps): Promise<string[]> {
  const pending: string[] = [];
  for (const name of deps.followers.pending()) {
    const status = await deps.followers.get(name).status();
    pending.push(`the ${name} follower is catching up with the store: event ${status.position} of ${status.lastSequence} folded`);
  }
  for (const what of deps.startup.pending()) pending.push(`${what} has not finished`);
  return pending;
}

export function healthRoutes(deps: ApiDeps): FastifyPluginAsync {
  return async (plain) => {
    const app = plain.withTypeProvider<TypeBoxTypeProvider>();
    const schemaOf = (summary: string, ok: typeof HEALTH_RESPONSE | typeof READY_RESPONSE) => ({
      tags: ['Operations'],
      summary,
      querystring: NO_QUERY,
      response: { 200: ok, 400: PROBLEM, 503: PROBLEM },
    });

    app.get('/health', { config: { public: true }, schema: schemaOf('The process answers', HEALTH_RESPONSE) }, async () => ({
      status: 'ok' as const,
    }));

    app.get(
      '/ready',
      { config: { public: true }, schema: schemaOf('The server is ready for traffic: store up, followers caught up, demo seeded', READY_RESPONSE) },
      async () => {
        const ok = await deps.store.ping().catch(() => false);
        if (!ok) throw new KarvonError('KRV_NOT_READY', 'The store does not answer');
        const pending = await pendingReadiness(deps);
        if (pending.length > 0) throw new KarvonError('KRV_NOT_READY', `Not ready: ${pending.join('; ')}`);
        return { status: 'ready' as const, store: deps.store.kind };
      },
    );
  };
}
