// Who speaks for a member state: its national coordinator organisation, the one recorded on the
// member state or, when none is recorded, its country's active organisation of kind
// 'national-coordinator' (the first by id, should there be several).
import { hasScope, type Principal } from '../model/access.js';
import { KarvonError } from '../errors.js';
import type { Store } from '../store/store.js';
import type { MemberState } from '../model/governance.js';

export class Coordinators {
  constructor(private readonly store: Store) {}

  /** The member state's national coordinator organisation, if it has one. */
  async organisationIdOf(member: MemberState): Promise<string | undefined> {
    return member.coordinatorOrganisationId ?? this.activeCoordinatorOf(member.country);
  }

  /** The country's active organisation of kind 'national-coordinator' (the first by id), if any. */
  async activeCoordinatorOf(country: string): Promise<string | undefined> {
    const candidates = await this.store.access.organisations.list({ country, kind: 'national-coordinator' });
    return candidates.find((organisation) => organisation.status === 'active')?.id;
  }

  /**
   * The member states (status 'member') that have an active national coordinator organisation, the
   * only ones able to cast a vote: the others are left out of a new proposal's electorate, so that a
   * state admitted without a coordinator (or whose coordinator was deactivated) cannot block every
   * unanimous vote by never voting.
   */
  async statesAbleToVote(members: readonly MemberState[]): Promise<Set<string>> {
    const able = new Set<string>();
    for (const member of members) {
      if (member.status !== 'member') continue;
      const id = await this.organisationIdOf(member);
      const organisation = id ? await this.store.access.organisations.get(id) : undefined;
      if (organisation?.status === 'active' && organisation.kind === 'national-coordinator' && organisation.country === member.country) able.add(member.country);
    }
    return able;
  }

  /** The member state (status 'member') whose national coordinator `actor` is, if any. */
  async memberStateOf(actor: Principal): Promise<string | undefined> {
    const organisation = actor.organisation;
    if (organisation.kind !== 'national-coordinator' || organisation.status !== 'active' || !organisation.country) return undefined;
    const member = await this.store.governance.getMember(organisation.country);
    if (member?.status !== 'member') return undefined;
    return (await this.organisationIdOf(member)) === organisation.id ? member.country : undefined;
  }

  async isCoordinatorOf(actor: Principal, country: string): Promise<boolean> {
    return (await this.memberStateOf(actor)) === country;
  }
}

/** Governance writes need the 'admin' right, whoever the organisation is. */
export function requireAdmin(actor: Principal, what: string): void {
  if (!hasScope(actor, 'admin')) throw new KarvonError('KRV_FORBIDDEN', `To ${what} needs the 'admin' right`);
}
