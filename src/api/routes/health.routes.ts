/**
 * Liveness (/health: the process answers) and readiness (/ready: the store answers and the shipment
 * read model has caught up with the store since start).
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
      if (!deps.shipments.ready) {
        const [{ position }, last] = await Promise.all([deps.store.shipments.checkpoint(), deps.store.events.lastSequence()]);
        throw new KarvonError('KRV_NOT_READY', `The shipment read model is catching up with the store: event ${position} of ${last} folded`);
      }
      return { status: 'ready', store: deps.store.kind };
    });
  };
}
