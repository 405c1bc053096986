// The demo's governance history, as the network stands today: Kazakhstan, Kyrgyzstan, Tajikistan,
// Turkmenistan and Uzbekistan founded it; Azerbaijan was admitted by a unanimous vote of those five
// (the proposal and the five votes go through the same code as a live vote, only dated in the past);
// the chair rotated alphabetically from Kazakhstan and Turkmenistan holds it now.
import type { Principal } from '../model/access.js';
import { KarvonError } from '../errors.js';
import type { Store } from '../store/store.js';
import { nextInRotation } from './governance-rules.js';
import type { AuditRecorder, ChairTerm, MemberState } from '../model/governance.js';

export const FOUNDING_MEMBERS = ['KZ', 'KG', 'TJ', 'TM', 'UZ'] as const;
const ADMITTED = 'AZ';
const CHAIR_NOW = 'TM';
/** How long before its admission the proposal to admit Azerbaijan was opened. */
const VOTING_DAYS = 14;
const DAY = 86_400_000;

export interface DemoHistoryOptions {
  /** When the five founding members formed the network (the first chair term starts then). */
  readonly founded: string;
  /** When the last vote admitted Azerbaijan. */
  readonly azerbaijanAdmitted: string;
  /** When Turkmenistan took the chair (not after now). */
  readonly chairFrom: string;
  /**
   * The principal of a state's national coordinator organisation (the demo seeding creates those
   * organisations first); asked for the five founders and for Azerbaijan.
   */
  readonly coordinatorOf: (country: string) => Principal | Promise<Principal>;
}

/** What the seeding needs from the service: its store and audit log, and proposing and voting at a given time. */
export interface DemoHistoryHooks {
  readonly store: Store;
  readonly audit: AuditRecorder;
  readonly now: () => Date;
  propose(actor: Principal, input: { kind: string; country: string; motivation?: string }, at: Date): Promise<{ proposal: { id: string } }>;
  vote(actor: Principal, proposalId: string, vote: 'yes' | 'no', at: Date): Promise<unknown>;
}

function instantOf(name: string, value: string): number {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new KarvonError('KRV_VALIDATION', `${name} must be a date-time, got '${value}'`);
  return time;
}

export async function seedGovernanceHistory(options: DemoHistoryOptions, hooks: DemoHistoryHooks): Promise<void> {
  const founded = instantOf('founded', options.founded);
  const admitted = instantOf('azerbaijanAdmitted', options.azerbaijanAdmitted);
  const chairFrom = instantOf('chairFrom', options.chairFrom);
  if (!(founded < admitted && founded < chairFrom && chairFrom <= hooks.now().getTime())) {
    throw new KarvonError('KRV_VALIDATION', 'The demo history needs founded before both azerbaijanAdmitted and chairFrom, and chairFrom not in the future');
  }
  const system = { via: 'system' } as const;

  const founders: MemberState[] = [];
  for (const country of FOUNDING_MEMBERS) {
    const coordinator = await options.coordinatorOf(country);
    founders.push({ country, status: 'member', admittedAt: new Date(founded).toISOString(), coordinatorOrganisationId: coordinator.organisation.id });
  }
  for (const member of founders) await hooks.store.governance.putMember(member);
  await hooks.audit.record({
    actor: system,
    action: 'governance.founding',
    outcome: 'success',
    details: { founders: [...FOUNDING_MEMBERS], founded: new Date(founded).toISOString(), demo: true },
  });

  // The admission of Azerbaijan: opened by the first founder, then one yes a day, the last on the day of admission.
  const opened = Math.max(founded + 1, admitted - VOTING_DAYS * DAY);
  const { proposal } = await hooks.propose(
    await options.coordinatorOf(FOUNDING_MEMBERS[0]),
    { kind: 'admission', country: ADMITTED, motivation: 'Azerbaijan links the corridors across the Caspian Sea to the Caucasus and Türkiye (demo history)' },
    new Date(opened),
  );
  const step = (admitted - opened) / FOUNDING_MEMBERS.length;
  for (const [index, country] of FOUNDING_MEMBERS.entries()) {
    const castAt = index === FOUNDING_MEMBERS.length - 1 ? admitted : Math.round(opened + step * (index + 1));
    await hooks.vote(await options.coordinatorOf(country), proposal.id, 'yes', new Date(castAt));
  }
  const azerbaijan = await hooks.store.governance.getMember(ADMITTED);
  if (azerbaijan?.status !== 'member') throw new Error('the demo vote did not admit Azerbaijan');
  await hooks.store.governance.putMember({ ...azerbaijan, coordinatorOrganisationId: (await options.coordinatorOf(ADMITTED)).organisation.id });

  // The chair rotated among the founders in alphabetical order until Turkmenistan, spread evenly from founding.
  const holders: string[] = [];
  for (let holder = nextInRotation(founders, undefined); holder !== undefined && !holders.includes(holder); holder = nextInRotation(founders, holder)) {
    holders.push(holder);
    if (holder === CHAIR_NOW) break;
  }
  const spacing = (chairFrom - founded) / Math.max(1, holders.length - 1);
  const terms: ChairTerm[] = holders.map((country, index) => ({
    country,
    from: new Date(index === holders.length - 1 ? chairFrom : Math.round(founded + spacing * index)).toISOString(),
  }));
  for (const term of terms) {
    await hooks.store.governance.addChairTerm(term);
    await hooks.audit.record({ actor: system, action: 'chair.hand-over', target: term.country, outcome: 'success', details: { country: term.country, from: term.from, demo: true } });
  }
}
