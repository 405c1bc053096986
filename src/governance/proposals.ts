/**
 * Proposals and votes: opening a proposal, casting a member state's vote, closing and applying a
 * decided proposal, and withdrawing an open one. Who may do what is in governance-service.ts; the
 * rules (electorate, tally, what an accepted proposal does) are in governance-rules.ts.
 *
 * Every write goes through the service's one AuditedWrites queue, shared with the chair and the
 * settings: two votes arriving together must not both see a proposal open and both close it.
 */
import { randomBytes } from 'node:crypto';
import type { Principal } from '../model/access.js';
import { KarvonError } from '../errors.js';
import type { Store } from '../store/store.js';
import { electorateFor, englishNameOf, memberAfter, normaliseCountry, proposalProblem, tallyOf, type Tally } from './governance-rules.js';
import { auditActor, type AuditedWrites, type Done, type RequestContext } from './audited-writes.js';
import { requireAdmin, type Coordinators } from './coordinators.js';
import type { AuditDraft, AuditRecorder, MemberState, Proposal, ProposalKind, Vote } from '../model/governance.js';
import { PROPOSAL_KINDS } from '../model/governance.js';
import { refusal } from './refusal.js';

export interface ProposalDetail {
  readonly proposal: Proposal;
  readonly votes: readonly Vote[];
  readonly tally: Tally;
}

export interface ProposalInput {
  readonly kind: string;
  readonly country: string;
  readonly motivation?: string;
}

export interface ProposalsDeps {
  store: Store;
  audit: AuditRecorder;
  now: () => Date;
  /** The service's queue, shared so that governance writes of every kind run one at a time. */
  writes: AuditedWrites;
  coordinators: Coordinators;
}

const MAX_MOTIVATION = 2000;

export class Proposals {
  private readonly store: Store;
  private readonly audit: AuditRecorder;
  private readonly now: () => Date;
  private readonly writes: AuditedWrites;
  private readonly coordinators: Coordinators;

  constructor(deps: ProposalsDeps) {
    this.store = deps.store;
    this.audit = deps.audit;
    this.now = deps.now;
    this.writes = deps.writes;
    this.coordinators = deps.coordinators;
  }

  // ---- reads ---------------------------------------------------------------------------------

  async list(filter: { status?: Proposal['status'] } = {}): Promise<ProposalDetail[]> {
    const proposals = await this.store.governance.listProposals(filter);
    return Promise.all(proposals.map((proposal) => this.detailOf(proposal)));
  }

  async get(id: string): Promise<ProposalDetail> {
    return this.detailOf(await this.existingProposal(id));
  }

  // ---- writes --------------------------------------------------------------------------------

  /**
   * Opens a proposal in the name of the actor's member state (its national coordinator), dated
   * `at` or, without it, the moment the write gets its turn (the demo history passes its own dates).
   */
  propose(actor: Principal, input: ProposalInput, context: RequestContext, at?: Date): Promise<ProposalDetail> {
    return this.writes.run(actor, context, 'governance.propose', undefined, () => this.open(actor, input, at ?? this.now()));
  }

  /** Casts the actor's member state's vote; when it decides the proposal, closes and applies it. */
  vote(actor: Principal, proposalId: string, vote: 'yes' | 'no', context: RequestContext, at?: Date): Promise<ProposalDetail> {
    return this.writes.run(actor, context, 'governance.vote', proposalId, () => this.cast(actor, proposalId, vote, at ?? this.now(), context));
  }

  /**
   * Withdraws an open proposal: only the member state that proposed it may, and only while it is
   * open (a proposal whose elector was suspended meanwhile could otherwise never close).
   */
  withdraw(actor: Principal, proposalId: string, context: RequestContext): Promise<ProposalDetail> {
    return this.writes.run(actor, context, 'governance.withdraw', proposalId, async () => {
      requireAdmin(actor, 'withdraw a proposal');
      const proposal = await this.existingProposal(proposalId);
      const country = await this.coordinators.memberStateOf(actor);
      if (country !== proposal.proposedBy) {
        throw new KarvonError('KRV_FORBIDDEN', `Only ${englishNameOf(proposal.proposedBy)}, which proposed ${proposal.id}, may withdraw it`);
      }
      if (proposal.status !== 'open') {
        throw new KarvonError('KRV_CONFLICT', `Proposal ${proposal.id} is closed (${proposal.status}): only an open proposal can be withdrawn`);
      }
      const closedAt = this.now().toISOString();
      await this.store.governance.updateProposal(proposal.id, { status: 'withdrawn', closedAt });
      return { result: await this.get(proposal.id), details: { country, closedAt } };
    });
  }

  // ---- internals -----------------------------------------------------------------------------

  private async open(actor: Principal, input: ProposalInput, at: Date): Promise<Done<ProposalDetail>> {
    requireAdmin(actor, 'propose');
    const proposer = await this.coordinators.memberStateOf(actor);
    if (!proposer) {
      throw new KarvonError('KRV_FORBIDDEN', 'Only the national coordinator organisation of a member state may open a proposal');
    }
    if (!(PROPOSAL_KINDS as readonly string[]).includes(input.kind)) {
      throw new KarvonError('KRV_VALIDATION', `kind must be one of ${PROPOSAL_KINDS.join(', ')}, got '${input.kind}'`);
    }
    const kind = input.kind as ProposalKind;
    const country = normaliseCountry(input.country ?? '');
    if (!country) {
      throw new KarvonError('KRV_VALIDATION', `country must be an assigned ISO 3166-1 alpha-2 country code such as GE, got '${input.country}'`, [
        { pointer: '/country', message: 'an assigned ISO 3166-1 alpha-2 country code' },
      ]);
    }
    const motivation = input.motivation?.trim();
    if (motivation !== undefined && motivation.length > MAX_MOTIVATION) {
      throw new KarvonError('KRV_VALIDATION', `motivation is limited to ${MAX_MOTIVATION} characters`);
    }
    const members = await this.store.governance.listMembers();
    const openProposals = await this.store.governance.listProposals({ status: 'open' });
    const ableToVote = await this.coordinators.statesAbleToVote(members);
    const candidateHasCoordinator = kind === 'admission' ? (await this.coordinators.activeCoordinatorOf(country)) !== undefined : undefined;
    const problem = proposalProblem({ kind, country, members, openProposals, ableToVote, ...(candidateHasCoordinator !== undefined ? { candidateHasCoordinator } : {}) });
    if (problem) throw refusal(problem);
    const proposal: Proposal = {
      id: `${kind}-${country.toLowerCase()}-${randomBytes(3).toString('hex')}`,
      kind,
      country,
      proposedBy: proposer,
      openedAt: at.toISOString(),
      electorate: electorateFor(members, kind, country, ableToVote),
      status: 'open',
      ...(motivation ? { motivation } : {}),
    };
    await this.store.governance.createProposal(proposal);
    return {
      result: await this.detailOf(proposal),
      target: proposal.id,
      details: { kind, country, proposedBy: proposer, electorate: proposal.electorate, openedAt: proposal.openedAt },
    };
  }

  private async cast(
    actor: Principal,
    proposalId: string,
    vote: 'yes' | 'no',
    at: Date,
    context: RequestContext,
  ): Promise<Done<ProposalDetail>> {
    requireAdmin(actor, 'vote');
    if (vote !== 'yes' && vote !== 'no') throw new KarvonError('KRV_VALIDATION', `vote must be 'yes' or 'no', got '${String(vote)}'`);
    const proposal = await this.existingProposal(proposalId);
    const country = await this.coordinators.memberStateOf(actor);
    if (!country) {
      throw new KarvonError('KRV_FORBIDDEN', 'Only the national coordinator organisation of a member state may vote');
    }
    if (!proposal.electorate.includes(country)) {
      throw new KarvonError(
        'KRV_FORBIDDEN',
        `${englishNameOf(country)} is not entitled to vote on ${proposal.id}: its electorate (${proposal.electorate.join(', ')}) was fixed when it opened`,
      );
    }
    if (proposal.status !== 'open') {
      throw new KarvonError('KRV_CONFLICT', `Proposal ${proposal.id} is closed (${proposal.status}${proposal.closedAt ? ` on ${proposal.closedAt}` : ''}): votes are no longer taken`);
    }
    const castAt = at.toISOString();
    const recorded = await this.store.governance.addVote({
      proposalId: proposal.id,
      country,
      vote,
      castAt,
      castBy: { organisationId: actor.organisation.id, ...(actor.userId ? { userId: actor.userId } : {}), ...(actor.keyId ? { keyId: actor.keyId } : {}) },
    });
    if (!recorded) {
      throw new KarvonError('KRV_ALREADY_EXISTS', `${englishNameOf(country)} has voted on ${proposal.id} already; a vote cannot be cast twice or changed`);
    }
    const { tally } = await this.detailOf(proposal);
    const outcome = tally.outcome === 'open' ? undefined : await this.decide(actor, proposal, tally, castAt, context);
    return {
      result: await this.get(proposal.id),
      details: { country, vote, castAt, tally: tally.outcome },
      // The outcome follows the vote that decided it in the audit log.
      ...(outcome ? { afterwards: () => this.audit.record(outcome).then(() => undefined) } : {}),
    };
  }

  /**
   * Closes a decided proposal and, when accepted, applies it to the member state; returns the
   * audit entry of the outcome, to be written after the vote's own.
   */
  private async decide(actor: Principal, proposal: Proposal, tally: Tally, at: string, context: RequestContext): Promise<AuditDraft> {
    const status = tally.outcome === 'accepted' ? 'accepted' : 'rejected';
    await this.store.governance.updateProposal(proposal.id, { status, closedAt: at });
    let member: MemberState | undefined;
    if (status === 'accepted') {
      member = memberAfter(proposal, await this.store.governance.getMember(proposal.country), at);
      await this.store.governance.putMember(member);
    }
    return {
      actor: auditActor(actor, context),
      action: 'governance.outcome',
      target: proposal.id,
      outcome: 'success',
      details: { kind: proposal.kind, country: proposal.country, result: status, yes: tally.yes, no: tally.no, closedAt: at, ...(member ? { memberStatus: member.status } : {}) },
    };
  }

  private async existingProposal(id: string): Promise<Proposal> {
    const proposal = await this.store.governance.getProposal(id);
    if (!proposal) throw new KarvonError('KRV_NO_SUCH_RESOURCE', `No proposal '${id}': GET /api/governance/proposals lists them`);
    return proposal;
  }

  private async detailOf(proposal: Proposal): Promise<ProposalDetail> {
    const votes = await this.store.governance.listVotes(proposal.id);
    return { proposal, votes, tally: tallyOf(proposal, votes) };
  }
}
