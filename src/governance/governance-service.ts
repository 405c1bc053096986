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
 * changes nothing. Who speaks for a member state is in coordinators.ts. The service composes
 * proposals.ts (proposals and votes) and chair-and-settings.ts (the chair and the settings), which
 * share its one AuditedWrites queue so that the one-at-a-time order holds across both.
 */
import type { Principal } from '../model/access.js';
import { KarvonError } from '../errors.js';
import type { Store } from '../store/store.js';
import { englishNameOf } from './governance-rules.js';
import { AuditedWrites, type RequestContext } from './audited-writes.js';
import { ChairAndSettings, type ChairView, type SettingView } from './chair-and-settings.js';
import { Coordinators } from './coordinators.js';
import type { AuditRecorder, ChairTerm, MemberState, Proposal } from '../model/governance.js';
import { Proposals, type ProposalDetail, type ProposalInput } from './proposals.js';
import { seedGovernanceHistory, type DemoHistoryOptions } from './demo-history.js';

export type { RequestContext } from './audited-writes.js';
export type { ChairView, SettingView } from './chair-and-settings.js';
export type { ProposalDetail, ProposalInput } from './proposals.js';

export interface GovernanceServiceDeps {
  store: Store;
  audit: AuditRecorder;
  now: () => Date;
}

export interface MemberView extends MemberState {
  readonly name: string;
}

const NETWORK_BODIES = new Set(['secretariat', 'council', 'network-operator']);
/** The demo history is written by Karvon itself, in the coordinators' names. */
const SYSTEM: RequestContext = { via: 'system' };

export class GovernanceService {
  private readonly store: Store;
  private readonly audit: AuditRecorder;
  private readonly now: () => Date;
  private readonly coordinators: Coordinators;
  private readonly proposalsAndVotes: Proposals;
  private readonly chairAndSettings: ChairAndSettings;

  constructor(deps: GovernanceServiceDeps) {
    this.store = deps.store;
    this.audit = deps.audit;
    this.now = deps.now;
    this.coordinators = new Coordinators(deps.store);
    // One queue for every governance write, proposals and chair alike: see audited-writes.ts.
    const writes = new AuditedWrites(deps.audit);
    this.proposalsAndVotes = new Proposals({ ...deps, writes, coordinators: this.coordinators });
    this.chairAndSettings = new ChairAndSettings({ ...deps, writes, coordinators: this.coordinators });
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

  proposals(filter: { status?: Proposal['status'] } = {}): Promise<ProposalDetail[]> {
    return this.proposalsAndVotes.list(filter);
  }

  proposal(id: string): Promise<ProposalDetail> {
    return this.proposalsAndVotes.get(id);
  }

  chair(at?: Date | string): Promise<ChairView> {
    return this.chairAndSettings.chair(at);
  }

  settings(): Promise<SettingView[]> {
    return this.chairAndSettings.settings();
  }

  /**
   * The longest validity of a public tracking link the chair allows, in hours (the setting
   * publicLinkMaxDays, read afresh each time so a change applies to the next link minted).
   */
  async publicLinkMaxHours(): Promise<number> {
    return 24 * Number(await this.chairAndSettings.settingValue('publicLinkMaxDays'));
  }

  // ---- proposals and votes (proposals.ts) ----------------------------------------------------

  /** Opens a proposal in the name of the actor's member state (its national coordinator). */
  propose(actor: Principal, input: ProposalInput, context: RequestContext = {}): Promise<ProposalDetail> {
    return this.proposalsAndVotes.propose(actor, input, context);
  }

  /** Casts the actor's member state's vote; when it decides the proposal, closes and applies it. */
  vote(actor: Principal, proposalId: string, vote: 'yes' | 'no', context: RequestContext = {}): Promise<ProposalDetail> {
    return this.proposalsAndVotes.vote(actor, proposalId, vote, context);
  }

  /** Withdraws an open proposal; only the member state that proposed it may (see proposals.ts). */
  withdraw(actor: Principal, proposalId: string, context: RequestContext = {}): Promise<ProposalDetail> {
    return this.proposalsAndVotes.withdraw(actor, proposalId, context);
  }

  // ---- chair and settings (chair-and-settings.ts) --------------------------------------------

  scheduleHandOver(actor: Principal, input: { country: string; from: string }, context: RequestContext = {}): Promise<ChairTerm> {
    return this.chairAndSettings.scheduleHandOver(actor, input, context);
  }

  changeSetting(actor: Principal, name: string, value: unknown, context: RequestContext = {}): Promise<SettingView> {
    return this.chairAndSettings.changeSetting(actor, name, value, context);
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
      propose: (actor, input, at) => this.proposalsAndVotes.propose(actor, input, SYSTEM, at),
      vote: (actor, proposalId, vote, at) => this.proposalsAndVotes.vote(actor, proposalId, vote, SYSTEM, at),
    });
    return { seeded: true };
  }
}
