/**
 * Identities and authentication: organisations, users, API keys and sessions, who may administer
 * them (access-rules.ts), and turning presented credentials into a Principal. Every administrative
 * act and every sign-in (successful or not) is written to the audit log, never with a secret.
 */
import { randomUUID } from 'node:crypto';
import type { KarvonConfig } from '../config/config.js';
import { KarvonError } from '../errors.js';
import type { AuditActor, AuditRecorder } from '../governance/model.js';
import type { Store } from '../store/store.js';
import {
  checkApiKeyInput, checkOrganisationInput, checkUserInput, type ApiKeyInput, type OrganisationInput, type UserInput,
} from './access-input.js';
import { canGovernOrganisation, canManageMembersOf, canSeeOrganisation, scopesBeyondActor, type Actor } from './access-rules.js';
import { KEY_SCOPES, scopesOfRole, type ApiKey, type Organisation, type Principal, type StoredApiKey, type StoredUser, type User } from './model.js';
import { hashPassword, spendPasswordTime, verifyPassword } from './passwords.js';
import { SignInThrottle } from './sign-in-throttle.js';
import { matchesHash, newApiKeySecret, newSessionId, parseApiKey, sameSecret, sha256Hex } from './tokens.js';

export type { Actor } from './access-rules.js';

export interface AccessServiceDeps {
  store: Store;
  config: KarvonConfig;
  audit: AuditRecorder;
  now: () => Date;
}

/** The id of the synthetic organisation the bootstrap token acts as; no stored organisation may take it. */
export const BOOTSTRAP_ORGANISATION_ID = 'network-operator';

const BOOTSTRAP_ORGANISATION: Organisation = Object.freeze({
  id: BOOTSTRAP_ORGANISATION_ID,
  name: 'Karvon network operator',
  kind: 'network-operator',
  status: 'active',
  partyIds: [],
  locations: [],
  createdAt: '1970-01-01T00:00:00.000Z',
});

/** Last-used times and sliding session expiry are written at most this often, to spare writes. */
const TOUCH_INTERVAL_MS = 60_000;

/** One answer for an unknown email, a wrong password and a locked account: none of them is told apart. */
export const SIGN_IN_FAILED = 'The email or password is wrong, or the account is locked after too many failed attempts; try again later';
const BAD_KEY = 'The API key is not valid';
const SESSION_ENDED = 'Your session has ended: sign in again';

export interface SignInResult {
  /** The cookie value: shown to the browser once, only its hash is stored. */
  sessionCookieValue: string;
  principal: Principal;
  expiresAt: string;
}

/** What GET /api/auth/me answers. */
export interface PrincipalView {
  via: Principal['via'];
  organisation: Organisation;
  user?: User;
  keyId?: string;
  role?: Principal['role'];
  scopes: readonly Principal['scopes'][number][];
}

function unauthorized(message: string): KarvonError {
  return new KarvonError('KRV_UNAUTHORIZED', message);
}

function suspendedMessage(organisation: Organisation): string {
  return `The organisation '${organisation.id}' is suspended: its users and API keys cannot sign in until it is reactivated`;
}

/** A user as shown: no password hash, no brute-force counters. */
export function publicUser(user: StoredUser): User {
  return { id: user.id, organisationId: user.organisationId, email: user.email, name: user.name, role: user.role, status: user.status, createdAt: user.createdAt };
}

/** A key as shown: no secret hash. */
export function publicKey(key: StoredApiKey): ApiKey {
  const { secretHash: _secretHash, ...shown } = key;
  return shown;
}

export class AccessService {
  private readonly store: Store;
  private readonly config: KarvonConfig;
  private readonly audit: AuditRecorder;
  private readonly now: () => Date;
  private readonly throttle: SignInThrottle;
  /** Principals made by principalForOrganisation: the command line acting for an organisation. */
  private readonly cliPrincipals = new WeakSet<Principal>();

  constructor(deps: AccessServiceDeps) {
    this.store = deps.store;
    this.config = deps.config;
    this.audit = deps.audit;
    this.now = deps.now;
    this.throttle = new SignInThrottle({
      // An address gets four accounts' worth of attempts before it is blocked: enough for an office
      // behind one NAT address, too few to try one password on many accounts.
      maxFailures: deps.config.signInMaxFailures * 4,
      blockMs: deps.config.signInLockMinutes * 60_000,
    });
  }

  // ---- authentication ------------------------------------------------------------------------

  /** An API key (`krv_<id>_<secret>`) or the bootstrap token, as sent in `Authorization: Bearer`. */
  async authenticateBearer(token: string, _address?: string): Promise<Principal> {
    const bootstrap = this.config.bootstrapToken;
    if (bootstrap !== undefined && sameSecret(token, bootstrap)) {
      return { via: 'bootstrap', organisation: BOOTSTRAP_ORGANISATION, scopes: [...KEY_SCOPES] };
    }
    const parsed = parseApiKey(token);
    if (!parsed) throw unauthorized(BAD_KEY);
    const key = await this.store.access.apiKeys.get(parsed.keyId);
    if (!key || !matchesHash(parsed.secret, key.secretHash)) throw unauthorized(BAD_KEY);
    // Only a caller holding the whole secret learns that the key was revoked.
    if (key.revokedAt !== undefined) throw unauthorized('This API key has been revoked');
    const organisation = await this.store.access.organisations.get(key.organisationId);
    if (!organisation) throw unauthorized(BAD_KEY);
    if (organisation.status !== 'active') throw unauthorized(suspendedMessage(organisation));
    const now = this.now();
    if (key.lastUsedAt === undefined || now.getTime() - Date.parse(key.lastUsedAt) >= TOUCH_INTERVAL_MS) {
      await this.store.access.apiKeys.update(key.id, { lastUsedAt: now.toISOString() });
    }
    return { via: 'api-key', organisation, keyId: key.id, scopes: [...key.scopes] };
  }

  /** The value of the `karvon_session` cookie; each use extends the session by `sessionHours`. */
  async authenticateSession(cookieValue: string): Promise<Principal> {
    const idHash = sha256Hex(cookieValue);
    const session = await this.store.access.sessions.get(idHash);
    if (!session) throw unauthorized(SESSION_ENDED);
    const now = this.now();
    if (Date.parse(session.expiresAt) <= now.getTime()) {
      await this.store.access.sessions.delete(idHash);
      throw unauthorized(SESSION_ENDED);
    }
    const user = await this.store.access.users.get(session.userId);
    if (!user || user.status !== 'active') {
      await this.store.access.sessions.delete(idHash);
      throw unauthorized('This account is disabled: ask an administrator of your organisation');
    }
    const organisation = await this.store.access.organisations.get(user.organisationId);
    if (!organisation) throw unauthorized(SESSION_ENDED);
    if (organisation.status !== 'active') throw unauthorized(suspendedMessage(organisation));
    if (now.getTime() - Date.parse(session.lastSeenAt) >= TOUCH_INTERVAL_MS) {
      await this.store.access.sessions.update(idHash, { lastSeenAt: now.toISOString(), expiresAt: this.sessionExpiry(now) });
    }
    return this.userPrincipal(user, organisation);
  }

  /**
   * Checks an email and password and opens a session. Brute force: `signInMaxFailures` wrong
   * passwords in a row lock the account for `signInLockMinutes` (a right password during the lock
   * fails too), and an address with too many failures is blocked for as long. Unknown emails, wrong
   * passwords and locked accounts get the same answer after the same scrypt work, so neither the
   * message nor the timing tells whether an account exists. Attempts on one account are taken one at
   * a time, so parallel guesses cannot slip past the counter.
   */
  async signIn(email: string, password: string, address?: string): Promise<SignInResult> {
    const normalised = email.trim().toLowerCase();
    const blockedFor = this.throttle.blockedFor(address, this.now().getTime());
    if (blockedFor > 0) {
      throw unauthorized(`Too many failed sign-ins from your address: try again in ${Math.ceil(blockedFor / 60_000)} minute(s)`);
    }
    return this.throttle.oneAtATime(normalised, () => this.checkSignIn(normalised, password, address));
  }

  private async checkSignIn(email: string, password: string, address: string | undefined): Promise<SignInResult> {
    const now = this.now();
    const users = this.store.access.users;
    const user = await users.byEmail(email);
    const fail = async (reason: string, outcome: 'failure' | 'denied', message = SIGN_IN_FAILED, countsAgainstAddress = true): Promise<never> => {
      const blocked = countsAgainstAddress && this.throttle.failed(address, this.now().getTime());
      await this.audit.record({
        actor: { via: 'session', ...(user ? { organisationId: user.organisationId, userId: user.id } : {}), ...(address ? { address } : {}) },
        action: 'auth.sign-in',
        ...(user ? { target: user.id } : {}),
        outcome,
        details: { email, reason, ...(blocked ? { addressBlocked: true } : {}) },
      });
      throw unauthorized(message);
    };
    if (!user) {
      await spendPasswordTime(password);
      return fail('unknown-email', 'failure');
    }
    if (user.lockedUntil !== undefined && Date.parse(user.lockedUntil) > now.getTime()) {
      await spendPasswordTime(password);
      return fail('account-locked', 'denied');
    }
    if (!(await verifyPassword(password, user.passwordHash))) {
      const failures = user.failedSignIns + 1;
      const lock = failures >= this.config.signInMaxFailures;
      await users.update(user.id, lock
        ? { failedSignIns: 0, lockedUntil: new Date(now.getTime() + this.config.signInLockMinutes * 60_000).toISOString() }
        : { failedSignIns: failures, lockedUntil: undefined });
      return fail(lock ? 'wrong-password-account-locked' : 'wrong-password', 'failure');
    }
    // The password is right: from here on the caller knows the account exists, so say what is wrong.
    if (user.status !== 'active') return fail('user-disabled', 'denied', 'This account is disabled: ask an administrator of your organisation', false);
    const organisation = await this.store.access.organisations.get(user.organisationId);
    if (!organisation) return fail('organisation-missing', 'denied', SIGN_IN_FAILED, false);
    if (organisation.status !== 'active') return fail('organisation-suspended', 'denied', suspendedMessage(organisation), false);

    if (user.failedSignIns !== 0 || user.lockedUntil !== undefined) await users.update(user.id, { failedSignIns: 0, lockedUntil: undefined });
    this.throttle.succeeded(address);
    await this.store.access.sessions.deleteExpired(now.toISOString());
    const session = newSessionId();
    const expiresAt = this.sessionExpiry(now);
    await this.store.access.sessions.create({ idHash: session.idHash, userId: user.id, createdAt: now.toISOString(), expiresAt, lastSeenAt: now.toISOString() });
    await this.audit.record({
      actor: { via: 'session', organisationId: organisation.id, userId: user.id, ...(address ? { address } : {}) },
      action: 'auth.sign-in',
      target: user.id,
      outcome: 'success',
      details: { email },
    });
    return { sessionCookieValue: session.value, principal: this.userPrincipal(user, organisation), expiresAt };
  }

  /** Ends the session of this cookie value; nothing happens for an unknown one. */
  async signOut(cookieValue: string, address?: string): Promise<void> {
    const idHash = sha256Hex(cookieValue);
    const session = await this.store.access.sessions.get(idHash);
    if (!session) return;
    await this.store.access.sessions.delete(idHash);
    const user = await this.store.access.users.get(session.userId);
    await this.audit.record({
      actor: { via: 'session', userId: session.userId, ...(user ? { organisationId: user.organisationId } : {}), ...(address ? { address } : {}) },
      action: 'auth.sign-out',
      target: session.userId,
      outcome: 'success',
      details: {},
    });
  }

  /** Who the caller is, as GET /api/auth/me shows it. */
  async describe(principal: Principal): Promise<PrincipalView> {
    const user = principal.userId ? await this.store.access.users.get(principal.userId) : undefined;
    return {
      via: principal.via,
      organisation: principal.organisation,
      ...(user ? { user: publicUser(user) } : {}),
      ...(principal.keyId ? { keyId: principal.keyId } : {}),
      ...(principal.role ? { role: principal.role } : {}),
      scopes: principal.scopes,
    };
  }

  /** A principal with every right of an organisation: the command line's `--as <organisation>`. */
  async principalForOrganisation(organisationId: string): Promise<Principal> {
    const organisation = await this.store.access.organisations.get(organisationId);
    if (!organisation) throw new KarvonError('KRV_NO_SUCH_RESOURCE', `No organisation has the id '${organisationId}'`);
    if (organisation.status !== 'active') throw new KarvonError('KRV_FORBIDDEN', suspendedMessage(organisation));
    const principal: Principal = { via: 'api-key', organisation, scopes: [...KEY_SCOPES] };
    this.cliPrincipals.add(principal);
    return principal;
  }

  // ---- organisations ---------------------------------------------------------------------------

  async createOrganisation(actor: Actor, input: OrganisationInput): Promise<Organisation> {
    return this.audited(actor, 'organisation.create', input.id, async () => {
      const checked = checkOrganisationInput(input);
      if (!canGovernOrganisation(actor, checked)) {
        throw new KarvonError('KRV_FORBIDDEN', `You may not create a ${checked.kind}${checked.country ? ` in ${checked.country}` : ''}: a national coordinator creates organisations of its own country only (not other coordinators nor network-wide bodies), the network operator any`);
      }
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
      if (organisation.id === BOOTSTRAP_ORGANISATION_ID || !(await this.store.access.organisations.create(organisation))) {
        throw new KarvonError('KRV_ALREADY_EXISTS', `An organisation with the id '${organisation.id}' exists already`);
      }
      return { result: organisation, details: { name: organisation.name, kind: organisation.kind, country: organisation.country ?? null } };
    });
  }

  async suspendOrganisation(actor: Actor, id: string): Promise<Organisation> {
    return this.setOrganisationStatus(actor, id, 'suspended');
  }

  async reactivateOrganisation(actor: Actor, id: string): Promise<Organisation> {
    return this.setOrganisationStatus(actor, id, 'active');
  }

  private async setOrganisationStatus(actor: Actor, id: string, status: Organisation['status']): Promise<Organisation> {
    return this.audited(actor, status === 'suspended' ? 'organisation.suspend' : 'organisation.reactivate', id, async () => {
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
    return this.audited(actor, 'user.create', input.organisationId, async () => {
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
    return this.audited(actor, 'user.disable', id, async () => {
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
    return this.audited(actor, 'key.create', input.organisationId, async () => {
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
    return this.audited(actor, 'key.revoke', id, async () => {
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

  // ---- helpers -----------------------------------------------------------------------------------

  private sessionExpiry(now: Date): string {
    return new Date(now.getTime() + this.config.sessionHours * 3_600_000).toISOString();
  }

  private userPrincipal(user: StoredUser, organisation: Organisation): Principal {
    return { via: 'session', organisation, userId: user.id, role: user.role, scopes: scopesOfRole(user.role) };
  }

  /** The audit log's view of an actor. */
  auditActor(actor: Actor, address?: string): AuditActor {
    const where = address ? { address } : {};
    if (actor === 'cli') return { via: 'cli', ...where };
    return {
      organisationId: actor.organisation.id,
      ...(actor.userId ? { userId: actor.userId } : {}),
      ...(actor.keyId ? { keyId: actor.keyId } : {}),
      via: this.cliPrincipals.has(actor) ? 'cli' : actor.via,
      ...where,
    };
  }

  /**
   * Runs an administrative act and records it: success with its details, a refusal as 'denied'
   * (a 404 may be a refusal in disguise), any other known error as 'failure'.
   */
  private async audited<T>(actor: Actor, action: string, target: string | undefined, act: () => Promise<{ result: T; details: Record<string, unknown> }>): Promise<T> {
    const record = (outcome: 'success' | 'failure' | 'denied', details: Record<string, unknown>) =>
      this.audit.record({ actor: this.auditActor(actor), action, ...(typeof target === 'string' && target !== '' ? { target } : {}), outcome, details });
    let done: { result: T; details: Record<string, unknown> };
    try {
      done = await act();
    } catch (error) {
      if (error instanceof KarvonError) {
        const denied = error.code === 'KRV_FORBIDDEN' || error.code === 'KRV_NO_SUCH_RESOURCE';
        await record(denied ? 'denied' : 'failure', { error: error.code });
      }
      throw error;
    }
    await record('success', done.details);
    return done.result;
  }
}
