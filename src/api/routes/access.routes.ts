/**
 * Administering who is in the network (/api): organisations, their users and their API keys. Who
 * may do what is decided by the AccessService (src/access/access-rules.ts); these routes only read
 * the request and shape the answer. A new key's secret is in the answer to its creation and never
 * again. Shapes are declared in access.schemas.ts.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { checkApiKeyInput, checkOrganisationChanges, checkOrganisationInput, checkUserInput } from '../../access/access-input.js';
import type { ApiDeps } from '../deps.js';
import { principalOf } from '../guard.js';
import { absentBodyAsEmptyObject, serializeAsBuilt } from '../schemas/common.js';
import { jsonObjectBody } from './access-body.js';
import {
  CREATE_KEY_SCHEMA, CREATE_ORGANISATION_SCHEMA, CREATE_USER_SCHEMA, DISABLE_USER_SCHEMA, GET_ORGANISATION_SCHEMA, LIST_KEYS_SCHEMA,
  LIST_ORGANISATIONS_SCHEMA, LIST_USERS_SCHEMA, ORGANISATION_STATUS_SCHEMA, REVOKE_KEY_SCHEMA, UPDATE_ORGANISATION_SCHEMA,
} from './access.schemas.js';

export function accessRoutes(deps: ApiDeps): FastifyPluginAsync {
  return async (app) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();
    api.setSerializerCompiler(serializeAsBuilt);
    const access = deps.access;

    api.get('/organisations', { schema: LIST_ORGANISATIONS_SCHEMA }, async (request) => {
      const { country, kind } = request.query;
      const items = await access.listOrganisations(principalOf(request), {
        ...(country ? { country: country.toUpperCase() } : {}),
        ...(kind ? { kind } : {}),
      });
      return { count: items.length, items };
    });

    api.post('/organisations', { schema: CREATE_ORGANISATION_SCHEMA }, async (request, reply) => {
      const actor = principalOf(request);
      const input = checkOrganisationInput(jsonObjectBody(request, 'The organisation'));
      const organisation = await access.createOrganisation(actor, input);
      return reply.code(201).header('location', `/api/organisations/${organisation.id}`).send(organisation);
    });

    api.get('/organisations/:id', { schema: GET_ORGANISATION_SCHEMA }, async (request) => access.getOrganisation(principalOf(request), request.params.id));

    // Name, party ids and locations; each list given replaces the old one (so a party id is
    // released by leaving it out, before the network operator gives it to another organisation).
    api.patch('/organisations/:id', { schema: UPDATE_ORGANISATION_SCHEMA }, async (request) =>
      access.updateOrganisation(principalOf(request), request.params.id, checkOrganisationChanges(jsonObjectBody(request, 'The changes'))),
    );

    api.post('/organisations/:id/suspend', { schema: ORGANISATION_STATUS_SCHEMA('Suspend an organisation: its users and keys stop working'), preValidation: absentBodyAsEmptyObject }, async (request) =>
      access.suspendOrganisation(principalOf(request), request.params.id),
    );

    api.post('/organisations/:id/reactivate', { schema: ORGANISATION_STATUS_SCHEMA('Reactivate a suspended organisation'), preValidation: absentBodyAsEmptyObject }, async (request) =>
      access.reactivateOrganisation(principalOf(request), request.params.id),
    );

    api.get('/organisations/:id/users', { schema: LIST_USERS_SCHEMA }, async (request) => {
      const items = await access.listUsers(principalOf(request), request.params.id);
      return { count: items.length, items };
    });

    api.post('/organisations/:id/users', { schema: CREATE_USER_SCHEMA }, async (request, reply) => {
      const actor = principalOf(request);
      const input = checkUserInput({ ...jsonObjectBody(request, 'The user'), organisationId: request.params.id });
      const user = await access.createUser(actor, input);
      return reply.code(201).send(user);
    });

    api.post('/users/:id/disable', { schema: DISABLE_USER_SCHEMA, preValidation: absentBodyAsEmptyObject }, async (request) => access.disableUser(principalOf(request), request.params.id));

    api.get('/keys', { schema: LIST_KEYS_SCHEMA }, async (request) => {
      const actor = principalOf(request);
      const items = await access.listApiKeys(actor, request.query.organisation ?? actor.organisation.id);
      return { count: items.length, items };
    });

    api.post('/keys', { schema: CREATE_KEY_SCHEMA }, async (request, reply) => {
      const actor = principalOf(request);
      const body = jsonObjectBody(request, 'The API key');
      const input = checkApiKeyInput({ organisationId: actor.organisation.id, ...body });
      const created = await access.createApiKey(actor, input);
      // The secret is shown here once; nothing else ever returns it.
      return reply.code(201).header('cache-control', 'no-store').send(created);
    });

    api.delete('/keys/:id', { schema: REVOKE_KEY_SCHEMA }, async (request) => access.revokeApiKey(principalOf(request), request.params.id));
  };
}
