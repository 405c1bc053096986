/**
 * Liveness (/health: the process answers) and readiness (/ready: the store answers too).
 */
import type { FastifyPluginAsync } from 'fastify';
import { KarvonError } from '../../errors.js';
import type { ApiDeps } from '../deps.js';

export function healthRoutes(deps: ApiDeps): FastifyPluginAsync {
  return async (app) => {
    app.get('/health', { config: { public: true } }, async () => ({ status: 'ok' }));
    app.get('/ready', { config: { public: true } }, async () => {
      const ok = await deps.store.ping().catch(() => false);
      if (!ok) throw new KarvonError('KRV_NOT_READY', 'The store does not answer');
      return { status: 'ready', store: deps.store.kind };
    });
  };
}
