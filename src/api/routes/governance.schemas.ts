/**
 * The HTTP contract of /api/governance: what each route takes and answers. Fastify validates
 * requests with these schemas (unknown fields and query parameters are refused), serialises answers
 * with them, and /openapi.json is generated from them.
 */
import { Type, type Static } from 'typebox';
import type { ProposalKind as ModelProposalKind } from '../../model/governance.js';
import { ProblemSchema } from '../schemas/common.js';

const TAG = ['Governance'];
const Country = (description: string) => Type.String({ description: `${description} (ISO 3166-1 alpha-2)`, examples: ['GE'] });
const Instant = (description: string) => Type.String({ description: `${description} (ISO 8601, UTC)`, examples: ['2026-03-01T00:00:00.000Z'] });
const Countries = (description: string) => Type.Immutable(Type.Array(Type.String(), { description }));
const problems = { '4xx': ProblemSchema };

const ProposalStatus = Type.Union([Type.Literal('open'), Type.Literal('accepted'), Type.Literal('rejected'), Type.Literal('withdrawn')]);
const ProposalKind = Type.Union([Type.Literal('admission'), Type.Literal('suspension'), Type.Literal('reinstatement')], {
  description: 'What the proposal would do to the state',
});
// The literals above are the model's kinds, no more and no fewer (fails to compile otherwise).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const kindsMatchModel: Same<Static<typeof ProposalKind>, ModelProposalKind> = true;
void kindsMatchModel;

const Member = Type.Object(
  {
    country: Country('The member state'),
    status: Type.Union([Type.Literal('member'), Type.Literal('suspended')]),
    admittedAt: Instant('When it was admitted'),
    admittedBy: Type.Optional(Type.String({ description: 'The proposal that admitted it; absent for founding members' })),
    coordinatorOrganisationId: Type.Optional(Type.String({ description: 'Its national coordinator organisation, once there is one' })),
    name: Type.String({ description: 'Its English name', examples: ['Kazakhstan'] }),
  },
  { additionalProperties: false },
);

const ProposalView = Type.Object(
  {
    id: Type.String({ examples: ['admission-ge-3fa2c1'] }),
    kind: ProposalKind,
    country: Country('The state to admit, suspend or reinstate'),
    proposedBy: Country('The member state that proposed it'),
    openedAt: Instant('When it opened'),
    electorate: Countries('The member states entitled to vote, fixed when it opened'),
    status: ProposalStatus,
    closedAt: Type.Optional(Instant('When it was decided or withdrawn')),
    motivation: Type.Optional(Type.String({ description: 'Why, as the proposer gave it' })),
    votes: Type.Array(
      Type.Object(
        {
          country: Country('The voting member state'),
          vote: Type.Union([Type.Literal('yes'), Type.Literal('no')]),
          castAt: Instant('When it was cast'),
          organisationId: Type.String({ description: 'The organisation that cast it (the national coordinator)' }),
        },
        { additionalProperties: false },
      ),
    ),
    tally: Type.Object(
      {
        outcome: Type.Union([Type.Literal('open'), Type.Literal('accepted'), Type.Literal('rejected'), Type.Literal('withdrawn')], {
          description: "Where the vote stands; 'withdrawn' once the proposer withdrew it (nobody is waited for then)",
        }),
        yes: Countries('Electors that voted yes'),
        no: Countries('Electors that voted no'),
        pending: Countries('Electors yet to vote'),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false, description: 'A proposal with its votes and tally' },
);

const ChairTerm = Type.Object(
  { country: Country('The chair'), from: Instant('Hand-over: the term starts then and ends when the next starts') },
  { additionalProperties: false },
);

const ChairView = Type.Object(
  {
    at: Instant('The moment described'),
    current: Type.Optional(
      Type.Object(
        {
          country: Country('The chair'),
          from: Instant('When its term started'),
          name: Type.String({ description: 'Its English name' }),
          until: Type.Optional(Instant('When its term ends, if a hand-over is scheduled')),
        },
        { additionalProperties: false },
      ),
    ),
    history: Type.Immutable(Type.Array(ChairTerm, { description: 'Terms that started on or before `at`, oldest first' })),
    scheduled: Type.Immutable(Type.Array(ChairTerm, { description: 'Hand-overs scheduled after `at`' })),
    nextInRotation: Type.Optional(Country('Who the rotation gives the chair to after the last term')),
  },
  { additionalProperties: false },
);

const Setting = Type.Object(
  {
    name: Type.String({ examples: ['publicLinkMaxDays'] }),
    description: Type.String(),
    value: Type.Unknown({ description: 'The value in force' }),
    default: Type.Unknown({ description: 'The value when none was set' }),
  },
  { additionalProperties: false },
);

const ProposalId = Type.Object({ id: Type.String({ description: 'The proposal id' }) }, { additionalProperties: false });
const NoQuery = Type.Object({}, { additionalProperties: false });

export const ListMembers = {
  summary: 'Member states with their national coordinators',
  tags: TAG,
  querystring: NoQuery,
  response: { 200: Type.Object({ members: Type.Array(Member) }, { additionalProperties: false }), ...problems },
};

export const ListProposals = {
  summary: 'Proposals to admit, suspend or reinstate a member state (filter: status)',
  tags: TAG,
  querystring: Type.Object({ status: Type.Optional(ProposalStatus) }, { additionalProperties: false }),
  response: { 200: Type.Object({ proposals: Type.Array(ProposalView) }, { additionalProperties: false }), ...problems },
};

export const GetProposal = {
  summary: 'One proposal with its electorate, votes and tally',
  tags: TAG,
  params: ProposalId,
  querystring: NoQuery,
  response: { 200: ProposalView, ...problems },
};

export const ProposalBody = Type.Object(
  {
    kind: ProposalKind,
    country: Country('The state to admit, suspend or reinstate'),
    motivation: Type.Optional(Type.String({ description: 'Why, in words (at most 2,000 characters)', examples: ['Poti and Batumi'] })),
  },
  { additionalProperties: false, examples: [{ kind: 'admission', country: 'GE', motivation: 'Poti and Batumi' }] },
);
export type ProposalBody = Static<typeof ProposalBody>;

export const OpenProposal = {
  summary: "Open a proposal (a member state's national coordinator); every current member votes",
  tags: TAG,
  body: ProposalBody,
  response: { 201: ProposalView, ...problems },
};

export const CastVote = {
  summary: 'Vote yes or no as a member state; unanimity admits, one no rejects',
  tags: TAG,
  params: ProposalId,
  body: Type.Object({ vote: Type.Union([Type.Literal('yes'), Type.Literal('no')]) }, { additionalProperties: false, examples: [{ vote: 'yes' }] }),
  response: { 201: ProposalView, ...problems },
};

export const WithdrawProposal = {
  summary: 'Withdraw an open proposal (the member state that proposed it)',
  tags: TAG,
  params: ProposalId,
  // Nothing to say: an empty object, or no body at all.
  body: Type.Union([Type.Object({}, { additionalProperties: false }), Type.Null()], { description: 'Empty: {} or no body' }),
  response: { 200: ProposalView, ...problems },
};

export const GetChair = {
  summary: 'The coordinating chair now and its history of terms',
  tags: TAG,
  querystring: Type.Object(
    { at: Type.Optional(Type.String({ description: 'The moment to describe (default: now), a date-time such as 2026-01-01T00:00:00Z' })) },
    { additionalProperties: false },
  ),
  response: { 200: ChairView, ...problems },
};

export const ScheduleHandOver = {
  summary: 'Schedule the hand-over of the chair to another member state on a date',
  tags: TAG,
  body: Type.Object(
    { country: Country('The member state that takes the chair'), from: Instant('When it takes it') },
    { additionalProperties: false, examples: [{ country: 'UZ', from: '2026-09-01T00:00:00.000Z' }] },
  ),
  response: { 201: ChairTerm, ...problems },
};

export const ListSettings = {
  summary: 'Network-wide settings managed by the chair (the longest public link, the reference data version)',
  tags: TAG,
  querystring: NoQuery,
  response: { 200: Type.Object({ settings: Type.Array(Setting) }, { additionalProperties: false }), ...problems },
};

export const ChangeSetting = {
  summary: "Change a network-wide setting (the chair's coordinator or the network operator)",
  tags: TAG,
  params: Type.Object({ name: Type.String({ description: 'The setting', examples: ['publicLinkMaxDays'] }) }, { additionalProperties: false }),
  body: Type.Object({ value: Type.Unknown({ description: 'The new value' }) }, { additionalProperties: false, examples: [{ value: 7 }] }),
  response: { 200: Setting, ...problems },
};
