/**
 * The node's own status (/api/status): the followers of the event log with their position, lag and
 * last error, and the startup work /ready waits for. For the network operator only, which runs the
 * node: others get 403 (401 without credentials), as the audit log's readers are chosen.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { isNetworkAdmin } from '../../model/access.js';
import { KarvonError } from '../../errors.js';
import type { ApiDeps } from '../deps.js';
import { requireScope } from '../guard.js';
import { NO_QUERY, PROBLEM, STATUS_RESPONSE } from './status-schemas.js';

export function statusRoutes(deps: ApiDeps): FastifyPluginAsync {
  return async (plain) => {
    const app = plain.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/',
      {
        schema: {
          tags: ['Operations'],
          summary: "The node's followers (position, lag, last error) and pending startup work: network operator only",
          querystring: NO_QUERY,
          response: { 200: STATUS_RESPONSE, 400: PROBLEM, 401: PROBLEM, 403: PROBLEM },
        },
      },
      async (request) => {
        const principal = requireScope(request, 'read');
        if (!isNetworkAdmin(principal)) throw new KarvonError('KRV_FORBIDDEN', "Only the network operator reads the node's status");
        const [followers, lastSequence] = await Promise.all([deps.followers.status(), deps.store.events.lastSequence()]);
        return { store: deps.store.kind, lastSequence, followers, pending: deps.startup.pending() };
      },
    );
  };
}
