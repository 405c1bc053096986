import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccessService, SIGN_IN_FAILED } from '../../src/access/access-service.js';
import type { Principal } from '../../src/model/access.js';
import { loadConfig } from '../../src/config/config.js';
import { KarvonError } from '../../src/errors.js';
import type { AuditDraft, AuditEntry, AuditRecorder } from '../../src/model/governance.js';
import { openTestStore } from '../helpers/stores.js';
import type { Store } from '../../src/store/store.js';

const BOOTSTRAP = 'service-test-bootstrap-token-0123456789';
const PASSWORD = 'a good long password';

class RecordingAudit implements AuditRecorder {
  readonly drafts: AuditDraft[] = [];
  async record(draft: AuditDraft): Promise<AuditEntry> {
    this.drafts.push(draft);
    return { ...draft, seq: this.drafts.length, time: new Date(0).toISOString(), prevHash: '0'.repeat(64), hash: '0'.repeat(64) };
  }
}

let store: Store;
let audit: RecordingAudit;
let clock: Date;
let access: AccessService;
let operator: Principal;

async function rejection(promise: Promise<unknown>): Promise<KarvonError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof KarvonError) return error;
    throw error;
  }
  throw new Error('expected a KarvonError, but it succeeded');
}

const minutes = (n: number) => new Date(clock.getTime() + n * 60_000);

beforeEach(async () => {
  store = await openTestStore();
  audit = new RecordingAudit();
  clock = new Date('2026-03-01T08:00:00Z');
  const config = loadConfig({ KARVON_BOOTSTRAP_TOKEN: BOOTSTRAP, KARVON_SIGN_IN_MAX_FAILURES: '3', KARVON_SIGN_IN_LOCK_MINUTES: '15', KARVON_SESSION_HOURS: '2' });
  access = new AccessService({ store, config, audit, now: () => clock });
  operator = await access.authenticateBearer(BOOTSTRAP);
  await access.createOrganisation(operator, { id: 'kz-coordinator', name: 'KZ coordinator', kind: 'national-coordinator', country: 'KZ' });
  await access.createOrganisation(operator, { id: 'uz-coordinator', name: 'UZ coordinator', kind: 'national-coordinator', country: 'UZ' });
  await access.createOrganisation(operator, { id: 'kz-rail', name: 'KZ railway', kind: 'railway', country: 'KZ', locations: ['dostyk'] });
});
afterEach(async () => {
  await store.close();
});

async function keyOf(organisationId: string, scopes: ('read' | 'capture' | 'admin')[]): Promise<{ principal: Principal; secret: string; id: string }> {
  const { key, secret } = await access.createApiKey('cli', { organisationId, name: `${organisationId} ${scopes.join('+')}`, scopes });
  return { principal: await access.authenticateBearer(secret), secret, id: key.id };
}

describe('bootstrap token', () => {
  it('acts as the active network operator with every scope, and nothing close to it does', async () => {
    expect(operator).toMatchObject({ via: 'bootstrap', organisation: { id: 'network-operator', kind: 'network-operator', status: 'active' } });
    expect([...operator.scopes].sort()).toEqual(['admin', 'capture', 'read']);
    expect(operator.organisation.country).toBeUndefined();
    for (const wrong of [BOOTSTRAP.slice(0, -1), `${BOOTSTRAP}x`, BOOTSTRAP.toUpperCase(), '']) {
      expect((await rejection(access.authenticateBearer(wrong))).code).toBe('KRV_UNAUTHORIZED');
    }
  });

  it('does not exist when the configuration has no token', async () => {
    const closed = new AccessService({ store, config: loadConfig({}), audit, now: () => clock });
    expect((await rejection(closed.authenticateBearer(BOOTSTRAP))).code).toBe('KRV_UNAUTHORIZED');
  });
});

describe('organisations and the national coordinator', () => {
  it('lets a coordinator create, suspend and reactivate organisations of its own country only', async () => {
    const kz = (await keyOf('kz-coordinator', ['read', 'admin'])).principal;
    const created = await access.createOrganisation(kz, { id: 'kz-carrier', name: 'Steppe Trans', kind: 'carrier', country: 'KZ' });
    expect(created).toMatchObject({ id: 'kz-carrier', status: 'active', country: 'KZ' });

    const abroad = await rejection(access.createOrganisation(kz, { id: 'uz-carrier', name: 'Fergana Trans', kind: 'carrier', country: 'UZ' }));
    expect(abroad.status).toBe(403);
    expect(await store.access.organisations.get('uz-carrier')).toBeUndefined();
    expect((await rejection(access.createOrganisation(kz, { id: 'kz-coord-2', name: 'Second', kind: 'national-coordinator', country: 'KZ' }))).status).toBe(403);
    expect((await rejection(access.createOrganisation(kz, { id: 'council', name: 'Council', kind: 'council' }))).status).toBe(403);

    expect((await access.suspendOrganisation(kz, 'kz-carrier')).status).toBe('suspended');
    expect((await access.reactivateOrganisation(kz, 'kz-carrier')).status).toBe('active');
    // Another country's organisations are unknown to it, and it cannot suspend a fellow coordinator.
    expect((await rejection(access.suspendOrganisation(kz, 'uz-coordinator'))).status).toBe(404);
    expect((await rejection(access.getOrganisation(kz, 'uz-coordinator'))).status).toBe(404);
    expect((await rejection(access.suspendOrganisation(kz, 'kz-coordinator'))).status).toBe(403);
    expect((await access.listOrganisations(kz)).map((o) => o.id)).toEqual(['kz-carrier', 'kz-coordinator', 'kz-rail']);

    const denied = audit.drafts.filter((d) => d.outcome === 'denied').map((d) => [d.action, d.target]);
    expect(denied).toContainEqual(['organisation.create', 'uz-carrier']);
  });

  it('lets nobody else create organisations, and lists only their own to them', async () => {
    const railAdmin = (await keyOf('kz-rail', ['read', 'admin'])).principal;
    expect((await rejection(access.createOrganisation(railAdmin, { id: 'kz-carrier', name: 'X', kind: 'carrier', country: 'KZ' }))).status).toBe(403);
    expect((await access.listOrganisations(railAdmin)).map((o) => o.id)).toEqual(['kz-rail']);
    expect((await access.listOrganisations(operator)).map((o) => o.id)).toEqual(['kz-coordinator', 'kz-rail', 'uz-coordinator']);
  });

  it('reports every problem of an organisation with its pointer', async () => {
    const error = await rejection(access.createOrganisation(operator, { id: 'Bad Id', name: ' ', kind: 'pirate' as never, country: 'kz', locations: ['dostyk', 'atlantis'] }));
    expect(error.code).toBe('KRV_VALIDATION');
    expect(error.issues.map((i) => i.pointer).sort()).toEqual(['/country', '/id', '/kind', '/locations/1', '/name']);
    expect((await rejection(access.createOrganisation(operator, { id: 'secretariat', name: 'S', kind: 'secretariat', country: 'KZ' }))).issues[0]?.pointer).toBe('/country');
    expect((await rejection(access.createOrganisation(operator, { id: 'kz-rail', name: 'Again', kind: 'railway', country: 'KZ' }))).status).toBe(409);
    expect((await rejection(access.createOrganisation(operator, { id: 'network-operator', name: 'Again', kind: 'network-operator' }))).status).toBe(409);
  });
});

describe('users and keys', () => {
  it('lets an organisation\'s admins manage their own users and keys, and not another\'s', async () => {
    const railAdmin = (await keyOf('kz-rail', ['read', 'capture', 'admin'])).principal;
    const user = await access.createUser(railAdmin, { organisationId: 'kz-rail', email: 'Ops@Rail.KZ', name: 'Ops', role: 'operator', password: PASSWORD });
    expect(user).toMatchObject({ email: 'ops@rail.kz', role: 'operator', status: 'active' });
    expect(user).not.toHaveProperty('passwordHash');
    const created = await access.createApiKey(railAdmin, { organisationId: 'kz-rail', name: 'gate reader', scopes: ['capture'] });
    expect(created.secret).toMatch(/^krv_/);
    expect(created.key).not.toHaveProperty('secretHash');
    expect((await rejection(access.createUser(railAdmin, { organisationId: 'kz-coordinator', email: 'x@kz.kz', name: 'X', role: 'viewer', password: PASSWORD }))).status).toBe(404);
    // A coordinator manages the users of its country's organisations.
    const kz = (await keyOf('kz-coordinator', ['read', 'capture', 'admin'])).principal;
    await access.createUser(kz, { organisationId: 'kz-rail', email: 'boss@rail.kz', name: 'Boss', role: 'admin', password: PASSWORD });
    const uz = (await keyOf('uz-coordinator', ['read', 'capture', 'admin'])).principal;
    expect((await rejection(access.createUser(uz, { organisationId: 'kz-rail', email: 'y@rail.kz', name: 'Y', role: 'viewer', password: PASSWORD }))).status).toBe(404);
  });

  it('refuses keys without the admin scope and rights the actor does not hold', async () => {
    const reader = (await keyOf('kz-rail', ['read'])).principal;
    expect((await rejection(access.createApiKey(reader, { organisationId: 'kz-rail', name: 'more', scopes: ['read'] }))).status).toBe(403);
    const adminOnly = (await keyOf('kz-rail', ['admin'])).principal;
    expect((await rejection(access.createApiKey(adminOnly, { organisationId: 'kz-rail', name: 'more', scopes: ['capture'] }))).status).toBe(403);
    expect((await rejection(access.createUser(adminOnly, { organisationId: 'kz-rail', email: 'op@rail.kz', name: 'Op', role: 'operator', password: PASSWORD }))).status).toBe(403);
  });

  it('asks for 12 characters of password at least, and never echoes it', async () => {
    const error = await rejection(access.createUser(operator, { organisationId: 'kz-rail', email: 'not-an-email', name: '', role: 'boss' as never, password: 'short-pw' }));
    expect(error.issues.map((i) => i.pointer).sort()).toEqual(['/email', '/name', '/password', '/role']);
    expect(JSON.stringify(error.issues) + error.message).not.toContain('short-pw');
  });

  it('stops a revoked key, and updates its last use at most once a minute', async () => {
    const { secret, id } = await keyOf('kz-rail', ['read']);
    const firstUse = (await store.access.apiKeys.get(id))?.lastUsedAt;
    expect(firstUse).toBe(clock.toISOString());
    clock = new Date(clock.getTime() + 30_000);
    await access.authenticateBearer(secret);
    expect((await store.access.apiKeys.get(id))?.lastUsedAt).toBe(firstUse);
    clock = minutes(1);
    await access.authenticateBearer(secret);
    expect((await store.access.apiKeys.get(id))?.lastUsedAt).toBe(clock.toISOString());

    await access.revokeApiKey(operator, id);
    const error = await rejection(access.authenticateBearer(secret));
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/revoked/);
    // A guessed secret for a real key id learns nothing about revocation.
    const guessed = secret.slice(0, -3) + (secret.endsWith('AAA') ? 'BBB' : 'AAA');
    expect((await rejection(access.authenticateBearer(guessed))).message).not.toMatch(/revoked/);
  });
});

describe('sign-in', () => {
  beforeEach(async () => {
    await access.createUser('cli', { organisationId: 'kz-rail', email: 'aigerim@rail.kz', name: 'Aigerim', role: 'operator', password: PASSWORD });
  });

  it('opens a session that authenticates, slides, and ends at sign-out', async () => {
    const { sessionCookieValue, principal, expiresAt } = await access.signIn('Aigerim@Rail.KZ', PASSWORD, '10.0.0.1');
    expect(principal).toMatchObject({ via: 'session', organisation: { id: 'kz-rail' }, role: 'operator', scopes: ['read', 'capture'] });
    expect(expiresAt).toBe(new Date(clock.getTime() + 2 * 3_600_000).toISOString());
    clock = minutes(90);
    expect((await access.authenticateSession(sessionCookieValue)).userId).toBe(principal.userId);
    clock = minutes(90); // 3 hours after sign-in, 90 minutes after the last use: still open
    expect((await access.authenticateSession(sessionCookieValue)).userId).toBe(principal.userId);
    await access.signOut(sessionCookieValue);
    expect((await rejection(access.authenticateSession(sessionCookieValue))).status).toBe(401);
  });

  it('ends a session left alone longer than sessionHours', async () => {
    const { sessionCookieValue } = await access.signIn('aigerim@rail.kz', PASSWORD);
    clock = minutes(121);
    expect((await rejection(access.authenticateSession(sessionCookieValue))).status).toBe(401);
  });

  it('locks the account after N failures in a row; the right password fails during the lock', async () => {
    for (let i = 0; i < 3; i++) expect((await rejection(access.signIn('aigerim@rail.kz', 'wrong password!!'))).message).toBe(SIGN_IN_FAILED);
    const locked = await rejection(access.signIn('aigerim@rail.kz', PASSWORD));
    expect(locked.status).toBe(401);
    expect(locked.message).toBe(SIGN_IN_FAILED);
    clock = minutes(16);
    expect((await access.signIn('aigerim@rail.kz', PASSWORD)).principal.userId).toBeDefined();
    expect((await store.access.users.byEmail('aigerim@rail.kz'))?.failedSignIns).toBe(0);
  });

  it('answers an unknown email exactly as a wrong password, and audits both', async () => {
    const unknown = await rejection(access.signIn('nobody@rail.kz', PASSWORD, '10.0.0.2'));
    const wrong = await rejection(access.signIn('aigerim@rail.kz', 'wrong password!!', '10.0.0.2'));
    expect(unknown.status).toBe(401);
    expect(unknown.message).toBe(wrong.message);
    const signIns = audit.drafts.filter((d) => d.action === 'auth.sign-in');
    expect(signIns.map((d) => [d.outcome, d.details.reason])).toEqual([['failure', 'unknown-email'], ['failure', 'wrong-password']]);
    expect(signIns[0]!.actor.address).toBe('10.0.0.2');
    expect(JSON.stringify(audit.drafts)).not.toContain(PASSWORD);
    expect(JSON.stringify(audit.drafts)).not.toContain('wrong password!!');
  });

  it('blocks an address that fails on many accounts', async () => {
    for (let i = 0; i < 12; i++) await rejection(access.signIn(`user${i}@rail.kz`, 'guess guess guess', '10.9.9.9'));
    const blocked = await rejection(access.signIn('aigerim@rail.kz', PASSWORD, '10.9.9.9'));
    expect(blocked.message).toMatch(/address/);
    expect((await access.signIn('aigerim@rail.kz', PASSWORD, '10.1.1.1')).principal).toBeDefined();
  });

  it('takes parallel guesses on one account one at a time, so they cannot slip past the lock', async () => {
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => access.signIn('aigerim@rail.kz', 'wrong password!!')));
    expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
    const reasons = audit.drafts.filter((d) => d.action === 'auth.sign-in').map((d) => d.details.reason);
    expect(reasons).toEqual(['wrong-password', 'wrong-password', 'wrong-password-account-locked', 'account-locked', 'account-locked', 'account-locked']);
  });

  it('refuses disabled users and members of suspended organisations, and stops their sessions', async () => {
    const { sessionCookieValue, principal } = await access.signIn('aigerim@rail.kz', PASSWORD);
    const { secret } = await keyOf('kz-rail', ['read']);
    await access.suspendOrganisation(operator, 'kz-rail');
    expect((await rejection(access.authenticateSession(sessionCookieValue))).message).toMatch(/suspended/);
    expect((await rejection(access.authenticateBearer(secret))).message).toMatch(/suspended/);
    const suspended = await rejection(access.signIn('aigerim@rail.kz', PASSWORD));
    expect(suspended.status).toBe(401);
    expect(suspended.message).toMatch(/suspended/);
    await access.reactivateOrganisation(operator, 'kz-rail');
    expect((await access.authenticateSession(sessionCookieValue)).userId).toBe(principal.userId);

    await access.disableUser(operator, principal.userId!);
    expect((await rejection(access.authenticateSession(sessionCookieValue))).status).toBe(401);
    const disabled = await rejection(access.signIn('aigerim@rail.kz', PASSWORD));
    expect(disabled.status).toBe(401);
    expect(disabled.message).toMatch(/disabled/);
  });

  it('acts for an organisation from the command line, audited as the command line', async () => {
    const principal = await access.principalForOrganisation('kz-coordinator');
    await access.createOrganisation(principal, { id: 'kz-port', name: 'Aktau port', kind: 'port', country: 'KZ' });
    const entry = audit.drafts.find((d) => d.action === 'organisation.create' && d.target === 'kz-port');
    expect(entry?.actor).toEqual({ via: 'cli', organisationId: 'kz-coordinator' });
    await access.suspendOrganisation('cli', 'kz-port');
    expect((await rejection(access.principalForOrganisation('kz-port'))).status).toBe(403);
    expect((await rejection(access.principalForOrganisation('nowhere'))).status).toBe(404);
  });
});
