/**
 * Identities: organisations, users and API keys, and who may administer them (access-rules.ts).
 * AccessService is the one door to the access module: authentication (turning credentials into a
 * Principal, sessions) is the Authenticator's (authentication.ts), to which it hands those calls on.
 * Every administrative act is written to the audit log (audited-actions.ts), never with a secret.
 */
import { randomUUID } from 'node:crypto';
import type { KarvonConfig } from '../config/config.js';
import { KarvonError } from '../errors.js';
import type { AuditActor, AuditRecorder } from '../model/governance.js';
import type { ValidationIssue } from '../epcis/exceptions.js';
import { locationById } from '../reference/index.js';
import { PartyIdTaken, type Store } from '../store/store.js';
import {
  checkApiKeyInput, checkOrganisationChanges, checkOrganisationInput, checkUserInput,
  type ApiKeyInput, type OrganisationChanges, type OrganisationInput, type UserInput,
} from './access-input.js';
import {
  canGovernOrganisation, canManageMembersOf, canSeeOrganisation, mayAssignLocation, scopesBeyondActor, seesEveryOrganisation, type Actor,
} from './access-rules.js';
import { AuditedActions } from './audited-actions.js';
import { Authenticator, BOOTSTRAP_ORGANISATION_ID, suspendedMessage, type PrincipalView, type SignInResult } from './authentication.js';
import { KEY_SCOPES, scopesOfRole, type ApiKey, type Organisation, type Principal, type StoredApiKey, type StoredUser, type User } from '../model/access.js';
import { hashPassword } from './passwords.js';
import { publicKey, publicUser } from './public-views.js';
import { newApiKeySecret } from './tokens.js';

export type { Actor } from './access-rules.js';
export { BOOTSTRAP_ORGANISATION_ID, SIGN_IN_FAILED, type PrincipalView, type SignInResult } from './authentication.js';
export { publicKey, publicUser } from './public-views.js';

export interface AccessServiceDeps {
  store: Store;
  config: KarvonConfig;
  audit: AuditRecorder;
  now: () => Date;
}

export class AccessService {
  private readonly store: Store;
  private readonly now: () => Date;
  private readonly authenticator: Authenticator;
  private readonly audited: AuditedActions;

  constructor(deps: AccessServiceDeps) {
    this.store = deps.store;
    this.now = deps.now;
    this.authenticator = new Authenticator(deps);
    this.audited = new AuditedActions(deps.audit);
  }

  // ---- authentication (authentication.ts) ---------------------------------------------------------

  /** An API key (`krv_<id>_<secret>`) or the bootstrap token, as sent in `Authorization: Bearer`. */
  async authenticateBearer(token: string, _address?: string): Promise<Principal> {
    return this.authenticator.authenticateBearer(token);
  }

  /** The value of the `karvon_session` cookie; each use extends the session by `sessionHours`. */
  async authenticateSession(cookieValue: string): Promise<Principal> {
    return this.authenticator.authenticateSession(cookieValue);
  }

  /** Checks an email and password and opens a session, with brute-force protection (see Authenticator.signIn). */
  async signIn(email: string, password: string, address?: string): Promise<SignInResult> {
    return this.authenticator.signIn(email, password, address);
  }

  /** Ends the session of this cookie value; nothing happens for an unknown one. */
  async signOut(cookieValue: string, address?: string): Promise<void> {
    return this.authenticator.signOut(cookieValue, address);
  }

  /** Who the caller is, as GET /api/auth/me shows it. */
  async describe(principal: Principal): Promise<PrincipalView> {
    return this.authenticator.describe(principal);
  }

  /** A principal with every right of an organisation: the command line's `--as <organisation>`. */
  async principalForOrganisation(organisationId: string): Promise<Principal> {
    const organisation = await this.store.access.organisations.get(organisationId);
    if (!organisation) throw new KarvonError('KRV_NO_SUCH_RESOURCE', `No organisation has the id '${organisationId}'`);
    if (organisation.status !== 'active') throw new KarvonError('KRV_FORBIDDEN', suspendedMessage(organisation));
    // Marked as the command line's, so that what it does is audited as 'cli', not as an API key.
    return this.audited.actingForCli({ via: 'api-key', organisation, scopes: [...KEY_SCOPES] });
  }

  /** The audit log's view of an actor. */
  auditActor(actor: Actor, address?: string): AuditActor {
    return this.audited.auditActor(actor, address);
  }

  // ---- organisations ---------------------------------------------------------------------------

  async createOrganisation(actor: Actor, input: OrganisationInput): Promise<Organisation> {
    return this.audited.run(actor, 'organisation.create', input.id, async () => {
      const checked = checkOrganisationInput(input);
      if (!canGovernOrganisation(actor, checked)) {
        throw new KarvonError('KRV_FORBIDDEN', `You may not create a ${checked.kind}${checked.country ? ` in ${checked.country}` : ''}: a national coordinator creates organisations of its own country only (not other coordinators nor network-wide bodies), the network operator any`);
      }
      this.checkAssignedLocations(actor, checked.locations ?? []);
      const organisation: Organisation = {
        id: checked.id,
        name: checked.name,
        kind: checked.kind,
        ...(checked.country ? { country: checked.country } : {}),
        status: 'active',
        partyIds: checked.partyIds ?? [],
        locations: checked.locations ?? [],
        createdAt: this.now().toISOString(),
      };
      const created = organisation.id !== BOOTSTRAP_ORGANISATION_ID && (await this.claimingParties(actor, organisation.partyIds, () => this.store.access.organisations.create(organisation)));
      if (!created) throw new KarvonError('KRV_ALREADY_EXISTS', `An organisation with the id '${organisation.id}' exists already`);
      return {
        result: organisation,
        details: { name: organisation.name, kind: organisation.kind, country: organisation.country ?? null, partyIds: organisation.partyIds, locations: organisation.locations },
      };
    });
  }

  /**
   * Changes an organisation's name, party ids or locations (each list given replaces the old one),
   * under the rules of creation: who may govern it, locations of a coordinator's own country (those
   * it had already stay), and party ids no other organisation holds.
   */
  async updateOrganisation(actor: Actor, id: string, input: OrganisationChanges): Promise<Organisation> {
    return this.audited.run(actor, 'organisation.update', id, async () => {
      const changes = checkOrganisationChanges(input);
      const organisation = await this.visibleOrganisation(actor, id);
      if (!canGovernOrganisation(actor, organisation)) {
        throw new KarvonError('KRV_FORBIDDEN', `You may not change '${id}': that is for the national coordinator of its country or the network operator`);
      }
      if (changes.locations) this.checkAssignedLocations(actor, changes.locations, organisation.locations);
      const updated = await this.claimingParties(actor, changes.partyIds ?? [], () => this.store.access.organisations.update(id, changes));
      const before = Object.fromEntries(Object.keys(changes).map((key) => [key, organisation[key as keyof OrganisationChanges]]));
      return { result: updated ?? organisation, details: { before, after: changes } };
    });
  }

  /**
   * Refuses locations the actor may not assign (a coordinator: only of its own country), naming
   * each; those in `kept` (the organisation has them already) are not looked at.
   */
  private checkAssignedLocations(actor: Actor, locations: readonly string[], kept: readonly string[] = []): void {
    const issues: ValidationIssue[] = [];
    locations.forEach((id, index) => {
      const location = locationById(id);
      if (!location || kept.includes(id) || mayAssignLocation(actor, location)) return;
      const own = actor === 'cli' ? '' : actor.organisation.country ?? '';
      issues.push({ pointer: `/locations/${index}`, message: `'${id}' is in ${location.countries.join(' and ')}, not in ${own}` });
    });
    if (issues.length === 0) return;
    throw new KarvonError(
      'KRV_FORBIDDEN',
      `A national coordinator assigns locations of its own country only: ${issues.map((issue) => issue.message).join('; ')}. Ask the network operator`,
      issues,
    );
  }

  /**
   * Runs a store write that claims party ids, turning a party another organisation holds into 409.
   * Only who sees every organisation (the network operator, the command line) is told which holds it.
   */
  private async claimingParties<T>(actor: Actor, partyIds: readonly string[], write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (!(error instanceof PartyIdTaken)) throw error;
      const where = seesEveryOrganisation(actor)
        ? `: '${error.holder}' holds it; remove it there first (PATCH /api/organisations/${error.holder})`
        : '; ask the network operator';
      const message = `party id '${error.partyId}' is already assigned to another organisation${where}`;
      throw new KarvonError('KRV_CONFLICT', message, [{ pointer: `/partyIds/${Math.max(0, partyIds.indexOf(error.partyId))}`, message }]);
    }
  }

  async suspendOrganisation(actor: Actor, id: string): Promise<Organisation> {
    return this.setOrganisationStatus(actor, id, 'suspended');
  }

  async reactivateOrganisation(actor: Actor, id: string): Promise<Organisation> {
    return this.setOrganisationStatus(actor, id, 'active');
  }

  private async setOrganisationStatus(actor: Actor, id: string, status: Organisation['status']): Promise<Organisation> {
    return this.audited.run(actor, status === 'suspended' ? 'organisation.suspend' : 'organisation.reactivate', id, async () => {
      const organisation = await this.visibleOrganisation(actor, id);
      if (!canGovernOrganisation(actor, organisation)) {
        throw new KarvonError('KRV_FORBIDDEN', `You may not ${status === 'suspended' ? 'suspend' : 'reactivate'} '${id}': that is for the national coordinator of its country or the network operator`);
      }
      if (actor !== 'cli' && actor.organisation.id === id) throw new KarvonError('KRV_FORBIDDEN', 'An organisation cannot suspend or reactivate itself');
      const updated = organisation.status === status ? organisation : await this.store.access.organisations.update(id, { status });
      return { result: updated ?? organisation, details: { previous: organisation.status, status } };
    });
  }

  async listOrganisations(actor: Actor, filter: { country?: string; kind?: Organisation['kind'] } = {}): Promise<Organisation[]> {
    const all = await this.store.access.organisations.list(filter);
    return all.filter((organisation) => canSeeOrganisation(actor, organisation));
  }

  async getOrganisation(actor: Actor, id: string): Promise<Organisation> {
    if (id === BOOTSTRAP_ORGANISATION_ID && actor !== 'cli' && actor.organisation.id === BOOTSTRAP_ORGANISATION_ID) return actor.organisation;
    return this.visibleOrganisation(actor, id);
  }

  /** The organisation, or 404 when it does not exist or the actor may not see it (existence does not leak). */
  private async visibleOrganisation(actor: Actor, id: string): Promise<Organisation> {
    const organisation = await this.store.access.organisations.get(id);
    if (!organisation || !canSeeOrganisation(actor, organisation)) throw new KarvonError('KRV_NO_SUCH_RESOURCE', `No organisation has the id '${id}'`);
    return organisation;
  }

  private async manageableOrganisation(actor: Actor, id: string, what: string): Promise<Organisation> {
    const organisation = await this.visibleOrganisation(actor, id);
    if (!canManageMembersOf(actor, organisation)) {
      throw new KarvonError('KRV_FORBIDDEN', `You may not ${what} of '${id}': that is for its own admins, the national coordinator of its country or the network operator`);
    }
    return organisation;
  }

  // ---- users -------------------------------------------------------------------------------------

  async createUser(actor: Actor, input: UserInput): Promise<User> {
    return this.audited.run(actor, 'user.create', input.organisationId, async () => {
      const checked = checkUserInput(input);
      await this.manageableOrganisation(actor, checked.organisationId, 'create users');
      const beyond = scopesBeyondActor(actor, scopesOfRole(checked.role));
      if (beyond.length > 0) throw new KarvonError('KRV_FORBIDDEN', `A ${checked.role} holds rights you do not have (${beyond.join(', ')})`);
      const user: StoredUser = {
        id: randomUUID(),
        organisationId: checked.organisationId,
        email: checked.email,
        name: checked.name,
        role: checked.role,
        status: 'active',
        createdAt: this.now().toISOString(),
        passwordHash: await hashPassword(checked.password),
        failedSignIns: 0,
      };
      if (!(await this.store.access.users.create(user))) throw new KarvonError('KRV_ALREADY_EXISTS', `A user with the email '${user.email}' exists already`);
      return { result: publicUser(user), details: { userId: user.id, email: user.email, role: user.role } };
    });
  }

  async disableUser(actor: Actor, id: string): Promise<User> {
    return this.audited.run(actor, 'user.disable', id, async () => {
      const user = await this.store.access.users.get(id);
      if (!user) throw new KarvonError('KRV_NO_SUCH_RESOURCE', `No user has the id '${id}'`);
      try {
        await this.manageableOrganisation(actor, user.organisationId, 'disable users');
      } catch (error) {
        // A user of an organisation one may not see is unknown, like the organisation.
        if (error instanceof KarvonError && error.code === 'KRV_NO_SUCH_RESOURCE') throw new KarvonError('KRV_NO_SUCH_RESOURCE', `No user has the id '${id}'`);
        throw error;
      }
      const updated = user.status === 'disabled' ? user : await this.store.access.users.update(id, { status: 'disabled' });
      // Signed out everywhere at once.
      await this.store.access.sessions.deleteForUser(id);
      return { result: publicUser(updated ?? user), details: { organisationId: user.organisationId, email: user.email } };
    });
  }

  async listUsers(actor: Actor, organisationId: string): Promise<User[]> {
    await this.manageableOrganisation(actor, organisationId, 'list the users');
    return (await this.store.access.users.list(organisationId)).map(publicUser);
  }

  // ---- API keys ----------------------------------------------------------------------------------

  /** A new key; its secret is in the answer and nowhere else (only its hash is stored). */
  async createApiKey(actor: Actor, input: ApiKeyInput): Promise<{ key: ApiKey; secret: string }> {
    return this.audited.run(actor, 'key.create', input.organisationId, async () => {
      const checked = checkApiKeyInput(input);
      await this.manageableOrganisation(actor, checked.organisationId, 'create API keys');
      const beyond = scopesBeyondActor(actor, checked.scopes);
      if (beyond.length > 0) throw new KarvonError('KRV_FORBIDDEN', `You cannot hand out rights you do not hold (${beyond.join(', ')})`);
      const secret = newApiKeySecret();
      const key: StoredApiKey = {
        id: secret.keyId,
        organisationId: checked.organisationId,
        name: checked.name,
        scopes: checked.scopes,
        createdAt: this.now().toISOString(),
        secretHash: secret.secretHash,
      };
      await this.store.access.apiKeys.create(key);
      return { result: { key: publicKey(key), secret: secret.token }, details: { keyId: key.id, name: key.name, scopes: key.scopes } };
    });
  }

  async revokeApiKey(actor: Actor, id: string): Promise<ApiKey> {
    return this.audited.run(actor, 'key.revoke', id, async () => {
      const key = await this.store.access.apiKeys.get(id);
      const unknown = () => new KarvonError('KRV_NO_SUCH_RESOURCE', `No API key has the id '${id}'`);
      if (!key) throw unknown();
      const organisation = await this.store.access.organisations.get(key.organisationId);
      if (!organisation || !canSeeOrganisation(actor, organisation)) throw unknown();
      await this.manageableOrganisation(actor, organisation.id, 'revoke API keys');
      if (key.revokedAt === undefined) await this.store.access.apiKeys.update(id, { revokedAt: this.now().toISOString() });
      const revoked = (await this.store.access.apiKeys.get(id)) ?? key;
      return { result: publicKey(revoked), details: { organisationId: key.organisationId, name: key.name } };
    });
  }

  async listApiKeys(actor: Actor, organisationId: string): Promise<ApiKey[]> {
    await this.manageableOrganisation(actor, organisationId, 'list the API keys');
    return (await this.store.access.apiKeys.list(organisationId)).map(publicKey);
  }
}
