/**
 * Network governance: member states, proposals decided by a unanimous vote of the current members,
 * the rotating chair and the network-wide settings it manages. The rules are in governance-rules.ts;
 * this service checks who is asking, keeps the records and writes every action to the audit log.
 *
 * Who may do what:
 * - read (members, proposals, votes, chair, settings): organisations of a member state (member or
 *   suspended: a suspended state still follows the vote on its reinstatement) and the network-wide
 *   bodies (secretariat, council, network operator). "Public to members", not to the world.
 * - propose and vote: only the national coordinator organisation of a member state, with the
 *   'admin' right; a vote only from a state in the proposal's electorate.
 * - schedule a hand-over of the chair: the network operator, the council, or the coordinator of the
 *   state holding the chair.
 * - change a network setting: the coordinator of the state holding the chair, or the network operator.
 *
 * Writes run one at a time and are audited, refusals included (audited-writes.ts); a refused action
 * changes nothing. Who speaks for a member state is in coordinators.ts.
 */
import { randomBytes } from 'node:crypto';
import { isNetworkAdmin, type Principal } from '../access/model.js';
import { KarvonError } from '../errors.js';
import type { Store } from '../store/store.js';
import {
  chairAt,
  electorateFor,
  englishNameOf,
  handOverProblem,
  memberAfter,
  nextInRotation,
  normaliseCountry,
  proposalProblem,
  tallyVotes,
  termEnd,
  termsInOrder,
  type GovernanceProblem,
  type Tally,
} from './governance-rules.js';
import { AuditedWrites, auditActor, type Done, type RequestContext } from './audited-writes.js';
import { Coordinators, requireAdmin } from './coordinators.js';
import type { AuditDraft, AuditRecorder, ChairTerm, MemberState, Proposal, ProposalKind, Vote } from './model.js';
import { PROPOSAL_KINDS } from './model.js';
import { NETWORK_SETTINGS, settingProblem } from './network-settings.js';
import { seedGovernanceHistory, type DemoHistoryOptions } from './demo-history.js';

export type { RequestContext } from './audited-writes.js';

export interface GovernanceServiceDeps {
  store: Store;
  audit: AuditRecorder;
  now: () => Date;
}

export interface MemberView extends MemberState {
  readonly name: string;
}

export interface ProposalDetail {
  readonly proposal: Proposal;
  readonly votes: readonly Vote[];
  readonly tally: Tally;
}

export interface ChairView {
  readonly at: string;
  readonly current?: ChairTerm & { readonly name: string; readonly until?: string };
  /** Terms that started on or before `at`, oldest first (the current one last). */
  readonly history: readonly ChairTerm[];
  /** Hand-overs scheduled after `at`. */
  readonly scheduled: readonly ChairTerm[];
  /** Who the rotation (alphabetical by English name) gives the chair to after the last term. */
  readonly nextInRotation?: string;
}

export interface SettingView {
  readonly name: string;
  readonly description: string;
  readonly value: unknown;
  readonly default: unknown;
}

export interface ProposalInput {
  readonly kind: string;
  readonly country: string;
  readonly motivation?: string;
}

const NETWORK_BODIES = new Set(['secretariat', 'council', 'network-operator']);
const MAX_MOTIVATION = 2000;
/** The demo history is written by Karvon itself, in the coordinators' names. */
const SYSTEM: RequestContext = { via: 'system' };

const refusal = (problem: GovernanceProblem) => new KarvonError(problem.code, problem.message);

export class GovernanceService {
  private readonly store: Store;
  private readonly audit: AuditRecorder;
  private readonly now: () => Date;
  private readonly writes: AuditedWrites;
  private readonly coordinators: Coordinators;

  constructor(deps: GovernanceServiceDeps) {
    this.store = deps.store;
    this.audit = deps.audit;
    this.now = deps.now;
    this.writes = new AuditedWrites(deps.audit);
    this.coordinators = new Coordinators(deps.store);
  }

  // ---- reads ---------------------------------------------------------------------------------

  /** 403 unless `principal` may read governance records (see the header). */
  async assertCanRead(principal: Principal): Promise<void> {
    const organisation = principal.organisation;
    if (organisation.status === 'active') {
      if (NETWORK_BODIES.has(organisation.kind)) return;
      if (organisation.country && (await this.store.governance.getMember(organisation.country))) return;
    }
    throw new KarvonError('KRV_FORBIDDEN', 'Proposals, votes and the chair are shown to organisations of member states and to the network bodies only');
  }

  async listMembers(): Promise<MemberView[]> {
    const members = await this.store.governance.listMembers();
    return Promise.all(
      members.map(async (member) => {
        const coordinator = await this.coordinators.organisationIdOf(member);
        return { ...member, name: englishNameOf(member.country), ...(coordinator ? { coordinatorOrganisationId: coordinator } : {}) };
      }),
    );
  }

  async proposals(filter: { status?: Proposal['status'] } = {}): Promise<ProposalDetail[]> {
    const proposals = await this.store.governance.listProposals(filter);
    return Promise.all(proposals.map((proposal) => this.detailOf(proposal)));
  }

  async proposal(id: string): Promise<ProposalDetail> {
    return this.detailOf(await this.existingProposal(id));
  }

  async chair(at?: Date | string): Promise<ChairView> {
    const moment = at === undefined ? this.now() : new Date(at);
    if (Number.isNaN(moment.getTime())) throw new KarvonError('KRV_QUERY_PARAMETER', `at must be a date-time, got '${String(at)}'`);
    const terms = termsInOrder(await this.store.governance.listChairTerms());
    const current = chairAt(terms, moment);
    const until = current ? termEnd(terms, current) : undefined;
    const members = await this.store.governance.listMembers();
    const next = nextInRotation(members, terms.at(-1)?.country);
    return {
      at: moment.toISOString(),
      ...(current ? { current: { ...current, name: englishNameOf(current.country), ...(until ? { until } : {}) } } : {}),
      history: terms.filter((term) => Date.parse(term.from) <= moment.getTime()),
      scheduled: terms.filter((term) => Date.parse(term.from) > moment.getTime()),
      ...(next ? { nextInRotation: next } : {}),
    };
  }

  async settings(): Promise<SettingView[]> {
    const stored = await this.store.governance.listSettings();
    return Object.entries(NETWORK_SETTINGS).map(([name, definition]) => ({
      name,
      description: definition.description,
      value: name in stored ? stored[name] : definition.default,
      default: definition.default,
    }));
  }

  // ---- proposals and votes -------------------------------------------------------------------

  /** Opens a proposal in the name of the actor's member state (its national coordinator). */
  propose(actor: Principal, input: ProposalInput, context: RequestContext = {}): Promise<ProposalDetail> {
    return this.writes.run(actor, context, 'governance.propose', undefined, () => this.open(actor, input, this.now()));
  }

  /** Casts the actor's member state's vote; when it decides the proposal, closes and applies it. */
  vote(actor: Principal, proposalId: string, vote: 'yes' | 'no', context: RequestContext = {}): Promise<ProposalDetail> {
    return this.writes.run(actor, context, 'governance.vote', proposalId, () => this.cast(actor, proposalId, vote, this.now(), context));
  }

  /**
   * Withdraws an open proposal: only the member state that proposed it may, and only while it is
   * open (a proposal whose elector was suspended meanwhile could otherwise never close).
   */
  withdraw(actor: Principal, proposalId: string, context: RequestContext = {}): Promise<ProposalDetail> {
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
      return { result: await this.proposal(proposal.id), details: { country, closedAt } };
    });
  }

  // ---- chair and settings --------------------------------------------------------------------

  scheduleHandOver(actor: Principal, input: { country: string; from: string }, context: RequestContext = {}): Promise<ChairTerm> {
    return this.writes.run(actor, context, 'chair.hand-over', input.country, async () => {
      requireAdmin(actor, 'schedule a hand-over of the chair');
      const terms = await this.store.governance.listChairTerms();
      const now = this.now();
      const chair = chairAt(terms, now);
      const allowed =
        isNetworkAdmin(actor) ||
        (actor.organisation.kind === 'council' && actor.organisation.status === 'active') ||
        (chair !== undefined && (await this.coordinators.isCoordinatorOf(actor, chair.country)));
      if (!allowed) {
        throw new KarvonError('KRV_FORBIDDEN', 'Only the network operator, the council or the national coordinator of the chair may schedule a hand-over');
      }
      const country = normaliseCountry(input.country);
      if (!country) throw new KarvonError('KRV_VALIDATION', `country must be an ISO 3166-1 alpha-2 code such as UZ, got '${input.country}'`);
      const members = await this.store.governance.listMembers();
      const problem = handOverProblem({ terms, members, country, from: input.from, now });
      if (problem) throw refusal(problem);
      const term: ChairTerm = { country, from: new Date(input.from).toISOString() };
      await this.store.governance.addChairTerm(term);
      return { result: term, details: { country, from: term.from, previous: terms.at(-1)?.country ?? null } };
    });
  }

  changeSetting(actor: Principal, name: string, value: unknown, context: RequestContext = {}): Promise<SettingView> {
    return this.writes.run(actor, context, 'setting.change', name, async () => {
      requireAdmin(actor, 'change a network setting');
      const chair = chairAt(await this.store.governance.listChairTerms(), this.now());
      const allowed = isNetworkAdmin(actor) || (chair !== undefined && (await this.coordinators.isCoordinatorOf(actor, chair.country)));
      if (!allowed) {
        throw new KarvonError('KRV_FORBIDDEN', `Network settings are managed by the national coordinator of the chair${chair ? ` (${englishNameOf(chair.country)})` : ''} or the network operator`);
      }
      const problem = settingProblem(name, value);
      if (problem) throw refusal(problem);
      const previous = (await this.settings()).find((setting) => setting.name === name)!.value;
      await this.store.governance.putSetting(name, value);
      const definition = NETWORK_SETTINGS[name]!;
      return {
        result: { name, description: definition.description, value, default: definition.default },
        details: { name, previous, value },
      };
    });
  }

  // ---- the demo ------------------------------------------------------------------------------

  /**
   * Writes today's composition for the demo (see demo-history.ts): five founding members, the
   * admission of Azerbaijan by a real unanimous vote, and chair terms ending with Turkmenistan.
   * Does nothing when member states are recorded already, so a restart does not repeat it.
   */
  async seedDemoHistory(options: DemoHistoryOptions): Promise<{ seeded: boolean }> {
    if ((await this.store.governance.listMembers()).length > 0) return { seeded: false };
    await seedGovernanceHistory(options, {
      store: this.store,
      audit: this.audit,
      now: this.now,
      propose: (actor, input, at) => this.writes.run(actor, SYSTEM, 'governance.propose', undefined, () => this.open(actor, input, at)),
      vote: (actor, proposalId, vote, at) => this.writes.run(actor, SYSTEM, 'governance.vote', proposalId, () => this.cast(actor, proposalId, vote, at, SYSTEM)),
    });
    return { seeded: true };
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
    if (!country) throw new KarvonError('KRV_VALIDATION', `country must be an ISO 3166-1 alpha-2 code such as GE, got '${input.country}'`);
    const motivation = input.motivation?.trim();
    if (motivation !== undefined && motivation.length > MAX_MOTIVATION) {
      throw new KarvonError('KRV_VALIDATION', `motivation is limited to ${MAX_MOTIVATION} characters`);
    }
    const members = await this.store.governance.listMembers();
    const openProposals = await this.store.governance.listProposals({ status: 'open' });
    const problem = proposalProblem({ kind, country, members, openProposals });
    if (problem) throw refusal(problem);
    const proposal: Proposal = {
      id: `${kind}-${country.toLowerCase()}-${randomBytes(3).toString('hex')}`,
      kind,
      country,
      proposedBy: proposer,
      openedAt: at.toISOString(),
      electorate: electorateFor(members, kind, country),
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
      result: await this.proposal(proposal.id),
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
    return { proposal, votes, tally: tallyVotes(proposal.electorate, votes) };
  }
}
