/**
 * Network governance over HTTP (/api/governance): member states, proposals and votes, the chair and
 * the network settings (schemas in governance.schemas.ts).
 *
 * Reads need the 'read' right and are shown to organisations of member states (members and suspended
 * members) and to the network bodies (secretariat, council, network operator): "proposals, votes and
 * outcomes are public to members", not to organisations of other countries. Writes need the 'admin'
 * right, and the service then checks who the organisation is (a member state's national coordinator
 * to propose and vote, the chair's coordinator for settings...). Every route is closed: an anonymous
 * caller gets 401.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { KarvonError } from '../../errors.js';
import type { ProposalDetail, RequestContext } from '../../governance/governance-service.js';
import type { ApiDeps } from '../deps.js';
import { requireScope } from '../guard.js';
import {
  CastVote,
  ChangeSetting,
  GetChair,
  GetProposal,
  ListMembers,
  ListProposals,
  ListSettings,
  OpenProposal,
  ScheduleHandOver,
  WithdrawProposal,
} from './governance.schemas.js';

/** A proposal as members see it: its votes name the state, the choice, when, and the organisation. */
function proposalView(detail: ProposalDetail) {
  return {
    ...detail.proposal,
    votes: detail.votes.map((vote) => ({ country: vote.country, vote: vote.vote, castAt: vote.castAt, organisationId: vote.castBy.organisationId })),
    tally: detail.tally,
  };
}

const contextOf = (request: FastifyRequest): RequestContext => ({ address: request.ip });

export function governanceRoutes(deps: ApiDeps): FastifyPluginAsync {
  return async (app) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();
    const governance = deps.governance;
    const reader = async (request: FastifyRequest) => {
      await governance.assertCanRead(requireScope(request, 'read'));
    };

    api.get('/members', { schema: ListMembers }, async (request) => {
      await reader(request);
      return { members: await governance.listMembers() };
    });

    api.get('/proposals', { schema: ListProposals }, async (request) => {
      await reader(request);
      const { status } = request.query;
      const proposals = await governance.proposals(status ? { status } : {});
      return { proposals: proposals.map(proposalView) };
    });

    api.get('/proposals/:id', { schema: GetProposal }, async (request) => {
      await reader(request);
      return proposalView(await governance.proposal(request.params.id));
    });

    api.post('/proposals', { schema: OpenProposal }, async (request, reply) => {
      const actor = requireScope(request, 'admin');
      const detail = await governance.propose(actor, request.body, contextOf(request));
      reply.code(201).header('location', `/api/governance/proposals/${encodeURIComponent(detail.proposal.id)}`);
      return proposalView(detail);
    });

    api.post('/proposals/:id/votes', { schema: CastVote }, async (request, reply) => {
      const actor = requireScope(request, 'admin');
      const detail = await governance.vote(actor, request.params.id, request.body.vote, contextOf(request));
      reply.code(201);
      return proposalView(detail);
    });

    api.post('/proposals/:id/withdraw', { schema: WithdrawProposal }, async (request) => {
      const actor = requireScope(request, 'admin');
      return proposalView(await governance.withdraw(actor, request.params.id, contextOf(request)));
    });

    api.get('/chair', { schema: GetChair }, async (request) => {
      await reader(request);
      const { at } = request.query;
      if (at !== undefined && Number.isNaN(Date.parse(at))) throw new KarvonError('KRV_QUERY_PARAMETER', `at must be a date-time such as 2026-01-01T00:00:00Z, got '${at}'`);
      return governance.chair(at);
    });

    api.post('/chair/hand-overs', { schema: ScheduleHandOver }, async (request, reply) => {
      const actor = requireScope(request, 'admin');
      const term = await governance.scheduleHandOver(actor, request.body, contextOf(request));
      reply.code(201);
      return term;
    });

    api.get('/settings', { schema: ListSettings }, async (request) => {
      await reader(request);
      return { settings: await governance.settings() };
    });

    api.put('/settings/:name', { schema: ChangeSetting }, async (request) => {
      const actor = requireScope(request, 'admin');
      return governance.changeSetting(actor, request.params.name, request.body.value, contextOf(request));
    });
  };
}
