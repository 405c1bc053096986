/**
 * Network governance over HTTP (/api/governance): member states, proposals and votes, the chair and
 * the network settings.
 *
 * Reads need the 'read' right and are shown to organisations of member states (members and suspended
 * members) and to the network bodies (secretariat, council, network operator): "proposals, votes and
 * outcomes are public to members", not to organisations of other countries. Writes need the 'admin'
 * right, and the service then checks who the organisation is (a member state's national coordinator
 * to propose and vote, the chair's coordinator for settings...). Every route is closed: an anonymous
 * caller gets 401.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { KarvonError } from '../../errors.js';
import type { ProposalDetail, RequestContext } from '../../governance/governance-service.js';
import type { Proposal } from '../../model/governance.js';
import type { ApiDeps } from '../deps.js';
import { requireScope } from '../guard.js';

const STATUSES: readonly Proposal['status'][] = ['open', 'accepted', 'rejected', 'withdrawn'];

/** A JSON object body (bodies arrive as bytes, see plugins/body-parsers.ts). */
function jsonObject(request: FastifyRequest, what: string): Record<string, unknown> {
  const contentType = request.headers['content-type'];
  if (!/^application\/json\s*(;|$)/i.test(contentType ?? '')) {
    throw new KarvonError('KRV_UNSUPPORTED_MEDIA_TYPE', `${what} is sent as application/json, not ${contentType ?? 'without a content type'}`);
  }
  const body = request.body;
  if (!Buffer.isBuffer(body) || body.length === 0) throw new KarvonError('KRV_MALFORMED_BODY', `The request has no body: send ${what} as JSON`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new KarvonError('KRV_MALFORMED_BODY', `${what} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new KarvonError('KRV_MALFORMED_BODY', `${what} must be a JSON object`);
  return parsed as Record<string, unknown>;
}

function text(body: Record<string, unknown>, name: string, required: boolean): string | undefined {
  const value = body[name];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string') throw new KarvonError('KRV_VALIDATION', `${name} must be ${required ? 'given as ' : ''}a string`);
  return value;
}

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
    const governance = deps.governance;
    const reader = async (request: FastifyRequest) => {
      await governance.assertCanRead(requireScope(request, 'read'));
    };

    app.get('/members', async (request) => {
      await reader(request);
      return { members: await governance.listMembers() };
    });

    app.get<{ Querystring: { status?: string } }>('/proposals', async (request) => {
      await reader(request);
      const status = request.query.status;
      if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) {
        throw new KarvonError('KRV_QUERY_PARAMETER', `status must be one of ${STATUSES.join(', ')}, got '${status}'`);
      }
      const proposals = await governance.proposals(status ? { status: status as Proposal['status'] } : {});
      return { proposals: proposals.map(proposalView) };
    });

    app.get<{ Params: { id: string } }>('/proposals/:id', async (request) => {
      await reader(request);
      return proposalView(await governance.proposal(request.params.id));
    });

    app.post('/proposals', async (request, reply) => {
      const actor = requireScope(request, 'admin');
      const body = jsonObject(request, 'A proposal');
      const motivation = text(body, 'motivation', false);
      const detail = await governance.propose(
        actor,
        { kind: text(body, 'kind', true)!, country: text(body, 'country', true)!, ...(motivation !== undefined ? { motivation } : {}) },
        contextOf(request),
      );
      reply.code(201).header('location', `/api/governance/proposals/${encodeURIComponent(detail.proposal.id)}`);
      return proposalView(detail);
    });

    app.post<{ Params: { id: string } }>('/proposals/:id/votes', async (request, reply) => {
      const actor = requireScope(request, 'admin');
      const vote = text(jsonObject(request, 'A vote'), 'vote', true);
      if (vote !== 'yes' && vote !== 'no') throw new KarvonError('KRV_VALIDATION', `vote must be "yes" or "no", got "${vote}"`);
      const detail = await governance.vote(actor, request.params.id, vote, contextOf(request));
      reply.code(201);
      return proposalView(detail);
    });

    app.post<{ Params: { id: string } }>('/proposals/:id/withdraw', async (request) => {
      const actor = requireScope(request, 'admin');
      return proposalView(await governance.withdraw(actor, request.params.id, contextOf(request)));
    });

    app.get<{ Querystring: { at?: string } }>('/chair', async (request) => {
      await reader(request);
      const at = request.query.at;
      if (at !== undefined && Number.isNaN(Date.parse(at))) throw new KarvonError('KRV_QUERY_PARAMETER', `at must be a date-time such as 2026-01-01T00:00:00Z, got '${at}'`);
      return governance.chair(at);
    });

    app.post('/chair/hand-overs', async (request, reply) => {
      const actor = requireScope(request, 'admin');
      const body = jsonObject(request, 'A hand-over');
      const term = await governance.scheduleHandOver(actor, { country: text(body, 'country', true)!, from: text(body, 'from', true)! }, contextOf(request));
      reply.code(201);
      return term;
    });

    app.get('/settings', async (request) => {
      await reader(request);
      return { settings: await governance.settings() };
    });

    app.put<{ Params: { name: string } }>('/settings/:name', async (request) => {
      const actor = requireScope(request, 'admin');
      const body = jsonObject(request, 'A setting');
      if (!('value' in body)) throw new KarvonError('KRV_VALIDATION', 'Send the new value as {"value": ...}');
      return governance.changeSetting(actor, request.params.name, body.value, contextOf(request));
    });
  };
}
