import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseApiKey } from '../../src/access/tokens.js';
import { startTestApp, TEST_BOOTSTRAP_TOKEN, type TestApp } from '../helpers/test-app.js';

const PASSWORD = 'steppe-wind-and-rails';
const bootstrap = { authorization: `Bearer ${TEST_BOOTSTRAP_TOKEN}` };
const json = { 'content-type': 'application/json' };

let t: TestApp;
let readKey: string;

function sessionOf(setCookie: string | string[] | undefined): string {
  const header = Array.isArray(setCookie) ? setCookie[0]! : setCookie ?? '';
  const match = /^karvon_session=([^;]*)/.exec(header);
  if (!match) throw new Error(`no session cookie in ${header}`);
  return match[1]!;
}

beforeAll(async () => {
  t = await startTestApp({}, {}, { caller: 'anonymous' });
  const created = await t.app.inject({
    method: 'POST', url: '/api/organisations', headers: { ...bootstrap, ...json },
    payload: { id: 'kz-rail', name: 'KZ railway', kind: 'railway', country: 'KZ', locations: ['dostyk'] },
  });
  expect(created.statusCode, created.body).toBe(201);
  const user = await t.app.inject({
    method: 'POST', url: '/api/organisations/kz-rail/users', headers: { ...bootstrap, ...json },
    payload: { email: 'aigerim@rail.kz', name: 'Aigerim', role: 'operator', password: PASSWORD },
  });
  expect(user.statusCode, user.body).toBe(201);
  const key = await t.app.inject({ method: 'POST', url: '/api/keys', headers: { ...bootstrap, ...json }, payload: { organisationId: 'kz-rail', name: 'reader', scopes: ['read'] } });
  expect(key.statusCode, key.body).toBe(201);
  readKey = key.json().secret;
});
afterAll(async () => {
  await t.close();
});

describe('sign-in with a session cookie', () => {
  it('sets an HttpOnly, SameSite cookie that /me accepts, until sign-out ends it', async () => {
    const signIn = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: json, payload: { email: 'aigerim@rail.kz', password: PASSWORD } });
    expect(signIn.statusCode, signIn.body).toBe(200);
    const setCookie = String(signIn.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toMatch(/Secure/);
    expect(signIn.json()).toMatchObject({ via: 'session', organisation: { id: 'kz-rail' }, user: { email: 'aigerim@rail.kz' }, role: 'operator' });
    expect(signIn.body).not.toContain(PASSWORD);
    const cookie = `karvon_session=${sessionOf(signIn.headers['set-cookie'])}`;

    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `theme=dark; ${cookie}` } });
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json()).toMatchObject({ organisation: { id: 'kz-rail' }, role: 'operator', scopes: ['read', 'capture'] });
    expect(me.json().user).not.toHaveProperty('passwordHash');

    const out = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { ...json, cookie }, payload: '{}' });
    expect(out.statusCode, out.body).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/Max-Age=0/);
    const after = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
  });

  // Secure over TLS: test/api/hardening-proxy.test.ts (it needs an app that trusts its proxy).
  it('does not believe X-Forwarded-Proto unless told to trust the proxy', async () => {
    const signIn = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: { ...json, 'x-forwarded-proto': 'https' }, payload: { email: 'aigerim@rail.kz', password: PASSWORD } });
    expect(signIn.statusCode, signIn.body).toBe(200);
    expect(String(signIn.headers['set-cookie'])).not.toMatch(/Secure/);
  });

  it('refuses a sign-in that is not JSON (a cross-site form cannot send JSON)', async () => {
    const form = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `email=aigerim%40rail.kz&password=${PASSWORD}` });
    expect(form.statusCode).toBe(415);
    expect(form.headers['set-cookie']).toBeUndefined();
  });

  it('gives the same 401 for a wrong password and an unknown email', async () => {
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: json, payload: { email: 'aigerim@rail.kz', password: 'not the password' } });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: json, payload: { email: 'nobody@rail.kz', password: 'not the password' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().detail).toBe(unknown.json().detail);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('lets a browser with a stale cookie sign in again', async () => {
    const signIn = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: { ...json, cookie: 'karvon_session=stale-value' }, payload: { email: 'aigerim@rail.kz', password: PASSWORD } });
    expect(signIn.statusCode, signIn.body).toBe(200);
  });
});

describe('API keys and closed routes', () => {
  it('accepts a Bearer key and refuses what its scope does not allow', async () => {
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${readKey}` } });
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json()).toMatchObject({ via: 'api-key', organisation: { id: 'kz-rail' }, scopes: ['read'] });
    const admin = await t.app.inject({ method: 'POST', url: '/api/keys', headers: { authorization: `Bearer ${readKey}`, ...json }, payload: { name: 'more', scopes: ['read'] } });
    expect(admin.statusCode, admin.body).toBe(403);
  });

  it('stops a revoked key at once', async () => {
    const created = (await t.app.inject({ method: 'POST', url: '/api/keys', headers: { ...bootstrap, ...json }, payload: { organisationId: 'kz-rail', name: 'short-lived', scopes: ['read'] } })).json();
    expect(created.secret).toMatch(/^krv_/);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${created.secret}` } })).statusCode).toBe(200);
    const listed = await t.app.inject({ method: 'GET', url: '/api/keys?organisation=kz-rail', headers: bootstrap });
    expect(listed.body).not.toContain(created.secret);
    expect(listed.body).not.toContain('secretHash');
    expect((await t.app.inject({ method: 'DELETE', url: `/api/keys/${created.key.id}`, headers: bootstrap })).statusCode).toBe(200);
    const after = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${created.secret}` } });
    expect(after.statusCode).toBe(401);
    expect(after.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('answers 401 without credentials on closed routes', async () => {
    for (const url of ['/epcis/events', '/api/shipments', '/api/auth/me', '/api/organisations']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(401);
      expect(response.json().code).toBe('KRV_UNAUTHORIZED');
    }
    expect((await t.app.inject({ method: 'POST', url: '/epcis/capture', headers: { 'content-type': 'application/ld+json' }, payload: '{}' })).statusCode).toBe(401);
  });

  it('keeps public routes open without credentials, and 404 for unknown paths', async () => {
    for (const url of ['/health', '/ready', '/api/reference/countries', '/api/reference/locations/dostyk', '/openapi.json', '/docs', '/docs/static/index.html']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBeLessThan(400);
    }
    expect((await t.app.inject({ method: 'OPTIONS', url: '/epcis/events' })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/no/such/thing' })).statusCode).toBe(404);
  });

  it('refuses wrong credentials even on public routes', async () => {
    for (const headers of [{ authorization: 'Bearer krv_0000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }, { authorization: 'Basic dXNlcjpwYXNz' }, { cookie: 'karvon_session=forged' }]) {
      const response = await t.app.inject({ method: 'GET', url: '/health', headers });
      expect(response.statusCode, JSON.stringify(headers)).toBe(401);
    }
    const stale = await t.app.inject({ method: 'GET', url: '/health', headers: { cookie: 'karvon_session=forged' } });
    expect(String(stale.headers['set-cookie'])).toMatch(/Max-Age=0/);
  });
});

describe('administration over HTTP', () => {
  it('keeps a coordinator to its own country', async () => {
    await t.runtime.access.createOrganisation('cli', { id: 'kz-coordinator', name: 'KZ coordinator', kind: 'national-coordinator', country: 'KZ' });
    const key = (await t.runtime.access.createApiKey('cli', { organisationId: 'kz-coordinator', name: 'admin', scopes: ['read', 'capture', 'admin'] })).secret;
    const headers = { authorization: `Bearer ${key}`, ...json };
    const own = await t.app.inject({ method: 'POST', url: '/api/organisations', headers, payload: { id: 'kz-port', name: 'Aktau', kind: 'port', country: 'KZ' } });
    expect(own.statusCode, own.body).toBe(201);
    const abroad = await t.app.inject({ method: 'POST', url: '/api/organisations', headers, payload: { id: 'uz-port', name: 'Termez', kind: 'port', country: 'UZ' } });
    expect(abroad.statusCode).toBe(403);
    const suspend = await t.app.inject({ method: 'POST', url: '/api/organisations/kz-port/suspend', headers: { authorization: `Bearer ${key}` } });
    expect(suspend.statusCode, suspend.body).toBe(200);
    expect(suspend.json().status).toBe('suspended');
    const bad = await t.app.inject({ method: 'POST', url: '/api/organisations', headers, payload: { id: 'X', kind: 'port' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues.map((i: { pointer: string }) => i.pointer).sort()).toEqual(['/country', '/id', '/name']);
  });

  it('keeps secrets out of the audit log', async () => {
    const created = (await t.app.inject({ method: 'POST', url: '/api/keys', headers: { ...bootstrap, ...json }, payload: { organisationId: 'kz-rail', name: 'audited', scopes: ['read'] } })).json();
    await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: json, payload: { email: 'aigerim@rail.kz', password: PASSWORD } });
    const entries = await t.runtime.store.audit.list({ limit: 10_000 });
    const text = JSON.stringify(entries);
    expect(entries.some((e) => e.action === 'key.create')).toBe(true);
    expect(entries.some((e) => e.action === 'auth.sign-in' && e.outcome === 'success')).toBe(true);
    expect(entries.some((e) => e.action === 'auth.sign-in' && e.outcome === 'failure')).toBe(true);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(created.secret);
    expect(text).not.toContain(parseApiKey(created.secret)!.secret);
    expect(text).not.toContain(parseApiKey(readKey)!.secret);
    expect(text).not.toContain(TEST_BOOTSTRAP_TOKEN);
  });
});
