/**
 * Administering who is in the network (/api): organisations, their users and their API keys. Who
 * may do what is decided by the AccessService (src/access/access-rules.ts); these routes only read
 * the request and shape the answer. A new key's secret is in the answer to its creation and never
 * again.
 */
import type { FastifyPluginAsync } from 'fastify';
import { checkApiKeyInput, checkOrganisationChanges, checkOrganisationInput, checkUserInput } from '../../access/access-input.js';
import { ORGANISATION_KINDS, type OrganisationKind } from '../../model/access.js';
import { KarvonError } from '../../errors.js';
import type { ApiDeps } from '../deps.js';
import { principalOf } from '../guard.js';
import { jsonObjectBody } from './access-body.js';

function kindFilter(raw: string | undefined): OrganisationKind | undefined {
  if (raw === undefined) return undefined;
  if (!(ORGANISATION_KINDS as readonly string[]).includes(raw)) throw new KarvonError('KRV_QUERY_PARAMETER', `kind must be one of ${ORGANISATION_KINDS.join(', ')}, got '${raw}'`);
  return raw as OrganisationKind;
}

export function accessRoutes(deps: ApiDeps): FastifyPluginAsync {
  return async (app) => {
    const access = deps.access;

    app.get<{ Querystring: { country?: string; kind?: string } }>('/organisations', async (request) => {
      const { country, kind } = request.query;
      const items = await access.listOrganisations(principalOf(request), {
        ...(country ? { country: country.toUpperCase() } : {}),
        ...(kind ? { kind: kindFilter(kind) } : {}),
      });
      return { count: items.length, items };
    });

    app.post('/organisations', async (request, reply) => {
      const actor = principalOf(request);
      const input = checkOrganisationInput(jsonObjectBody(request, 'The organisation'));
      const organisation = await access.createOrganisation(actor, input);
      return reply.code(201).header('location', `/api/organisations/${organisation.id}`).send(organisation);
    });

    app.get<{ Params: { id: string } }>('/organisations/:id', async (request) => access.getOrganisation(principalOf(request), request.params.id));

    // Name, party ids and locations; each list given replaces the old one (so a party id is
    // released by leaving it out, before the network operator gives it to another organisation).
    app.patch<{ Params: { id: string } }>('/organisations/:id', async (request) =>
      access.updateOrganisation(principalOf(request), request.params.id, checkOrganisationChanges(jsonObjectBody(request, 'The changes'))),
    );

    app.post<{ Params: { id: string } }>('/organisations/:id/suspend', async (request) => access.suspendOrganisation(principalOf(request), request.params.id));

    app.post<{ Params: { id: string } }>('/organisations/:id/reactivate', async (request) =>
      access.reactivateOrganisation(principalOf(request), request.params.id),
    );

    app.get<{ Params: { id: string } }>('/organisations/:id/users', async (request) => {
      const items = await access.listUsers(principalOf(request), request.params.id);
      return { count: items.length, items };
    });

    app.post<{ Params: { id: string } }>('/organisations/:id/users', async (request, reply) => {
      const actor = principalOf(request);
      const input = checkUserInput({ ...jsonObjectBody(request, 'The user'), organisationId: request.params.id });
      const user = await access.createUser(actor, input);
      return reply.code(201).send(user);
    });

    app.post<{ Params: { id: string } }>('/users/:id/disable', async (request) => access.disableUser(principalOf(request), request.params.id));

    app.get<{ Querystring: { organisation?: string } }>('/keys', async (request) => {
      const actor = principalOf(request);
      const items = await access.listApiKeys(actor, request.query.organisation ?? actor.organisation.id);
      return { count: items.length, items };
    });

    app.post('/keys', async (request, reply) => {
      const actor = principalOf(request);
      const body = jsonObjectBody(request, 'The API key');
      const input = checkApiKeyInput({ organisationId: actor.organisation.id, ...body });
      const created = await access.createApiKey(actor, input);
      // The secret is shown here once; nothing else ever returns it.
      return reply.code(201).header('cache-control', 'no-store').send(created);
    });

    app.delete<{ Params: { id: string } }>('/keys/:id', async (request) => access.revokeApiKey(principalOf(request), request.params.id));
  };
}
