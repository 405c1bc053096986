/**
 * Public tracking links over HTTP (/api/shipments/{id}/public-links, /api/public-links/{id},
 * /api/public/track/{token}). What a link is and shows is decided by src/tracking/public-links.ts;
 * these routes read the request, call it and answer.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { PublicLinkService, type LinkCaller } from '../../tracking/public-links.js';
import type { ApiDeps } from '../deps.js';
import { detailScope, principalOf } from '../guard.js';
import { absentBodyAsEmptyObject, serializeAsBuilt } from '../schemas/common.js';
import { CREATE_PUBLIC_LINK_SCHEMA, LIST_PUBLIC_LINKS_SCHEMA, REVOKE_PUBLIC_LINK_SCHEMA, TRACK_SCHEMA } from './public-links.schemas.js';

function callerOf(request: FastifyRequest): LinkCaller {
  return { principal: principalOf(request), address: request.ip };
}

export function publicLinkRoutes(deps: ApiDeps): FastifyPluginAsync {
  return async (app) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();
    api.setSerializerCompiler(serializeAsBuilt);
    const links = new PublicLinkService({
      shipments: deps.shipments,
      links: deps.store.access.publicLinks,
      audit: deps.audit,
      maxHours: () => deps.governance.publicLinkMaxHours(),
    });

    api.post(
      '/shipments/:id/public-links',
      {
        schema: CREATE_PUBLIC_LINK_SCHEMA,
        // No body at all asks for the default lifetime.
        preValidation: absentBodyAsEmptyObject,
      },
      async (request, reply) => {
        const scope = detailScope(request);
        const created = await links.create(callerOf(request), request.params.id, scope, request.body.expiresInHours);
        return reply.code(201).send(created);
      },
    );

    api.get('/shipments/:id/public-links', { schema: LIST_PUBLIC_LINKS_SCHEMA }, async (request) => {
      const scope = detailScope(request);
      return { links: await links.list(callerOf(request), request.params.id, scope) };
    });

    api.delete('/public-links/:id', { schema: REVOKE_PUBLIC_LINK_SCHEMA }, async (request, reply) => {
      const caller = callerOf(request);
      detailScope(request);
      await links.revoke(caller, request.params.id);
      return reply.code(204).send(null);
    });

    api.get('/public/track/:token', { schema: TRACK_SCHEMA, config: { public: true } }, async (request) => links.track(request.params.token));
  };
}
