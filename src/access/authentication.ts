/**
 * Authentication: turning presented credentials (an API key, the bootstrap token, a session cookie,
 * an email and password) into a Principal, and opening and ending sessions. Every sign-in
 * (successful or not) and sign-out is written to the audit log, never with a secret.
 */
import type { KarvonConfig } from '../config/config.js';
import { KarvonError } from '../errors.js';
import type { AuditRecorder } from '../model/governance.js';
import type { Store } from '../store/store.js';
import { KEY_SCOPES, scopesOfRole, type Organisation, type Principal, type StoredUser, type User } from '../model/access.js';
import { spendPasswordTime, verifyPassword } from './passwords.js';
import { publicUser } from './public-views.js';
import { SignInThrottle } from './sign-in-throttle.js';
import { matchesHash, newSessionId, parseApiKey, sameSecret, sha256Hex } from './tokens.js';

export interface AuthenticatorDeps {
  store: Store;
  config: KarvonConfig;
  audit: AuditRecorder;
  now: () => Date;
}

/** The id of the synthetic organisation the bootstrap token acts as; no stored organisation may take it. */
export const BOOTSTRAP_ORGANISATION_ID = 'network-operator';

export const BOOTSTRAP_ORGANISATION: Organisation = Object.freeze({
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

export function suspendedMessage(organisation: Organisation): string {
  return `The organisation '${organisation.id}' is suspended: its users and API keys cannot sign in until it is reactivated`;
}

export class Authenticator {
  private readonly store: Store;
  private readonly config: KarvonConfig;
  private readonly audit: AuditRecorder;
  private readonly now: () => Date;
  private readonly throttle: SignInThrottle;

  constructor(deps: AuthenticatorDeps) {
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

  /** An API key (`krv_<id>_<secret>`) or the bootstrap token, as sent in `Authorization: Bearer`. */
  async authenticateBearer(token: string): Promise<Principal> {
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

  private sessionExpiry(now: Date): string {
    return new Date(now.getTime() + this.config.sessionHours * 3_600_000).toISOString();
  }

  private userPrincipal(user: StoredUser, organisation: Organisation): Principal {
    return { via: 'session', organisation, userId: user.id, role: user.role, scopes: scopesOfRole(user.role) };
  }
}
