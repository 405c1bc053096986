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
    if (member.coordinatorOrganisationId) return member.coordinatorOrganisationId;
    const candidates = await this.store.access.organisations.list({ country: member.country, kind: 'national-coordinator' });
    return candidates.find((organisation) => organisation.status === 'active')?.id;
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
