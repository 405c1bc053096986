// Hardening of the whole app: rate limits, security headers, CORS and body limits, as a client sees them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { parseApiKey } from '../../src/access/tokens.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const ALLOWED_ORIGIN = 'https://tracking.karvon.example';
const PER_KEY = 3;
const PER_ADDRESS = 6;
const PASSWORD = 'steppe-wind-and-rails';

describe('hardening', () => {
  let server: TestApp;
  let addressCounter = 0;
  /** Each test speaks from its own client address so the address buckets do not interfere. */
  const newAddress = () => `192.0.2.${++addressCounter}`;
  const send = (options: InjectOptions & { remoteAddress: string }) => server.app.inject(options);

  let keyOne: string;
  let keyTwo: string;
  let keyThree: string;
  let keyFour: string;

  beforeAll(async () => {
    // Anonymous: requests go out as written (the default test caller would add a bearer token to all).
    server = await startTestApp({}, { rateLimitPerKey: PER_KEY, rateLimitPerAddress: PER_ADDRESS, corsOrigins: [ALLOWED_ORIGIN] }, { caller: 'anonymous' });
    // Made directly, not over HTTP: requests here would use up the limits the tests look at.
    const access = server.runtime.access;
    await access.createOrganisation('cli', { id: 'kz-rail', name: 'KZ railway', kind: 'railway', country: 'KZ', partyIds: [], locations: [] });
    await access.createUser('cli', { organisationId: 'kz-rail', email: 'rates@rail.kz', name: 'Rates', role: 'viewer', password: PASSWORD });
    const key = async (name: string) => (await access.createApiKey('cli', { organisationId: 'kz-rail', name, scopes: ['read'] })).secret;
    [keyOne, keyTwo, keyThree, keyFour] = [await key('one'), await key('two'), await key('three'), await key('four')];
  });
  afterAll(async () => server?.close());

  describe('rate limits', () => {
    function expectTooMany(response: LightMyRequestResponse) {
      expect(response.statusCode).toBe(429);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ status: 429, code: 'KRV_TOO_MANY_REQUESTS' });
      // The limit counts per minute: the answer says how long until this minute's count ends.
      const retryAfter = Number(response.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(response.json().detail).toMatch(new RegExp(`try again in ${retryAfter} s`));
    }

    it('answers 429 with Retry-After once an API key has used its requests, and counts each key apart', async () => {
      const remoteAddress = newAddress();
      const withKey = (key: string) => send({ method: 'GET', url: '/api/shipments', headers: { authorization: `Bearer ${key}` }, remoteAddress });
      const first: number[] = [];
      for (let i = 0; i < PER_KEY; i++) first.push((await withKey(keyOne)).statusCode);
      expect(first).toEqual(Array(PER_KEY).fill(200));
      expectTooMany(await withKey(keyOne));
      // Another key from the same address has its own bucket.
      expect((await withKey(keyTwo)).statusCode).toBe(200);
    });

    it('counts one API key in one bucket however its Authorization header is spelled', async () => {
      const remoteAddress = newAddress();
      // The authentication plugin accepts all of these as the same key.
      const spellings = [`Bearer ${keyThree}`, `bEaReR ${keyThree}`, `BEARER   ${keyThree}`, `Bearer ${keyThree}   `, `bearer  ${keyThree} `];
      const statuses: number[] = [];
      for (const authorization of spellings) statuses.push((await send({ method: 'GET', url: '/api/shipments', headers: { authorization }, remoteAddress })).statusCode);
      expect(statuses).toEqual([...Array(PER_KEY).fill(200), ...Array(spellings.length - PER_KEY).fill(429)]);
    });

    it('counts one person in one bucket, whichever of their sessions they use', async () => {
      const remoteAddress = newAddress();
      const signIn = async () => {
        const response = await send({ method: 'POST', url: '/api/auth/sign-in', headers: { 'content-type': 'application/json' }, payload: { email: 'rates@rail.kz', password: PASSWORD }, remoteAddress: newAddress() });
        expect(response.statusCode, response.body).toBe(200);
        return /^karvon_session=([^;]*)/.exec(String(response.headers['set-cookie']))![1]!;
      };
      const sessions = [await signIn(), await signIn()];
      const withCookie = (value: string) => send({ method: 'GET', url: '/api/shipments', headers: { cookie: `karvon_session=${value}` }, remoteAddress });
      const statuses: number[] = [];
      for (let i = 0; i < PER_KEY + 1; i++) statuses.push((await withCookie(sessions[i % 2]!)).statusCode);
      expect(statuses).toEqual([...Array(PER_KEY).fill(200), 429]);
    });

    it('limits wrong credentials by address only: a guessed key id cannot use up the real key\'s requests', async () => {
      const { keyId } = parseApiKey(keyFour)!;
      const forged = `krv_${keyId}_${'x'.repeat(43)}`;
      const attacker = newAddress();
      for (let i = 0; i < PER_KEY + 2; i++) {
        expect((await send({ method: 'GET', url: '/api/shipments', headers: { authorization: `Bearer ${forged}` }, remoteAddress: attacker })).statusCode).not.toBe(200);
      }
      expect((await send({ method: 'GET', url: '/api/shipments', headers: { authorization: `Bearer ${keyFour}` }, remoteAddress: newAddress() })).statusCode).toBe(200);
    });

    it('limits each client address, signed in or not, and leaves other addresses alone', async () => {
      const busy = newAddress();
      const statuses: number[] = [];
      for (let i = 0; i < PER_ADDRESS; i++) statuses.push((await send({ method: 'GET', url: '/api/reference/countries', remoteAddress: busy })).statusCode);
      expect(statuses.every((status) => status === 200)).toBe(true);
      expectTooMany(await send({ method: 'GET', url: '/api/reference/countries', remoteAddress: busy }));
      // A fresh key does not lift the address limit.
      expect((await send({ method: 'GET', url: '/api/reference/countries', headers: { authorization: 'Bearer krv_0000000000000003_cccc' }, remoteAddress: busy })).statusCode).toBe(429);
      expect((await send({ method: 'GET', url: '/api/reference/countries', remoteAddress: newAddress() })).statusCode).toBe(200);
    });

    it('never limits /health and /ready', async () => {
      const remoteAddress = newAddress();
      for (let i = 0; i < PER_ADDRESS; i++) await send({ method: 'GET', url: '/api/reference/countries', remoteAddress });
      expect((await send({ method: 'GET', url: '/api/reference/countries', remoteAddress })).statusCode).toBe(429);
      for (let i = 0; i < PER_ADDRESS * 2; i++) {
        expect((await send({ method: 'GET', url: '/health', remoteAddress })).statusCode).toBe(200);
        expect((await send({ method: 'GET', url: '/ready', remoteAddress })).statusCode).toBe(200);
      }
    });
  });

  describe('security headers', () => {
    const expectSecurityHeaders = (response: LightMyRequestResponse) => {
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['cross-origin-resource-policy']).toBe('same-origin');
      expect(response.headers['content-security-policy']).toContain("default-src 'none'");
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(response.headers['x-powered-by']).toBeUndefined();
      // Plain HTTP (no proxy reported TLS): no HSTS.
      expect(response.headers['strict-transport-security']).toBeUndefined();
    };

    it('are on successful answers, errors and refusals alike', async () => {
      const remoteAddress = newAddress();
      const ok = await send({ method: 'GET', url: '/health', remoteAddress });
      expect(ok.statusCode).toBe(200);
      expectSecurityHeaders(ok);
      const missing = await send({ method: 'GET', url: '/api/no-such-thing', remoteAddress });
      expect(missing.statusCode).toBe(404);
      expectSecurityHeaders(missing);
      const unauthenticated = await send({ method: 'GET', url: '/api/shipments', remoteAddress });
      expect(unauthenticated.statusCode).toBe(401);
      expectSecurityHeaders(unauthenticated);
    });

    it('let the /docs page load its own scripts and styles, and nothing from elsewhere', async () => {
      // A browser loads the page and its assets in one go: more than this test's address limit.
      const remoteAddress = newAddress();
      const page = await send({ method: 'GET', url: '/docs/', remoteAddress });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      const csp = String(page.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).not.toContain('unsafe-eval');
      // 'self' covers only relative or same-origin URLs, and no inline script is allowed.
      const scripts = [...page.body.matchAll(/<script([^>]*)>/g)].map((match) => /src="([^"]+)"/.exec(match[1]!)?.[1]);
      expect(scripts.length).toBeGreaterThan(0);
      const styles = [...page.body.matchAll(/<link rel="stylesheet"[^>]*href="([^"]+)"/g)].map((match) => match[1]);
      expect(styles.length).toBeGreaterThan(0);
      for (const source of [...scripts, ...styles]) {
        expect(source).toBeDefined();
        expect(source).not.toMatch(/^(https?:)?\/\//);
        const asset = await send({ method: 'GET', url: new URL(source!, 'http://karvon.local/docs/').pathname, remoteAddress: newAddress() });
        expect(asset.statusCode).toBe(200);
      }
      // The document Swagger UI loads over connect-src 'self'.
      expect((await send({ method: 'GET', url: '/docs/json', remoteAddress: newAddress() })).statusCode).toBe(200);
    });

    it('keep the strict policy on the API itself', async () => {
      const response = await send({ method: 'GET', url: '/api/reference/countries', remoteAddress: newAddress() });
      expect(response.headers['content-security-policy']).not.toContain("script-src 'self'");
    });
  });

  describe('CORS', () => {
    it('is closed by default: no Access-Control-Allow-Origin for an unlisted origin, preflight refused', async () => {
      const remoteAddress = newAddress();
      const simple = await send({ method: 'GET', url: '/api/reference/countries', headers: { origin: 'https://elsewhere.example' }, remoteAddress });
      expect(simple.statusCode).toBe(200);
      expect(simple.headers['access-control-allow-origin']).toBeUndefined();
      expect(simple.headers['access-control-allow-credentials']).toBeUndefined();
      const preflight = await send({
        method: 'OPTIONS',
        url: '/api/shipments',
        headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'GET' },
        remoteAddress,
      });
      expect(preflight.statusCode).toBe(403);
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('allows a listed origin, with credentials, on requests and preflights', async () => {
      const remoteAddress = newAddress();
      const simple = await send({ method: 'GET', url: '/api/reference/countries', headers: { origin: ALLOWED_ORIGIN }, remoteAddress });
      expect(simple.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
      expect(simple.headers['access-control-allow-credentials']).toBe('true');
      expect(String(simple.headers.vary)).toMatch(/Origin/i);
      const preflight = await send({
        method: 'OPTIONS',
        url: '/epcis/events',
        headers: { origin: ALLOWED_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'Authorization, Content-Type, GS1-EPCIS-Version, X-Evil' },
        remoteAddress,
      });
      expect(preflight.statusCode).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
      expect(preflight.headers['access-control-allow-credentials']).toBe('true');
      expect(preflight.headers['access-control-allow-methods']).toContain('POST');
      const allowedHeaders = String(preflight.headers['access-control-allow-headers']).split(', ');
      expect(allowedHeaders).toEqual(expect.arrayContaining(['authorization', 'content-type', 'gs1-epcis-version']));
      expect(allowedHeaders).not.toContain('x-evil');
      // Answered by the CORS hook, not by the EPCIS discovery route.
      expect(preflight.headers.allow).toBeUndefined();
    });

    it('keeps 404 for an OPTIONS request to a path that does not exist', async () => {
      const response = await send({ method: 'OPTIONS', url: '/api/no-such-thing', remoteAddress: newAddress() });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: 'KRV_NO_SUCH_RESOURCE' });
    });

    it('leaves the EPCIS OPTIONS discovery to its route', async () => {
      const remoteAddress = newAddress();
      for (const headers of [{}, { origin: ALLOWED_ORIGIN }]) {
        const discovery = await send({ method: 'OPTIONS', url: '/epcis/events', headers, remoteAddress });
        expect(discovery.statusCode).toBe(204);
        expect(discovery.headers.allow).toBe('OPTIONS, GET, POST');
        expect(discovery.headers['gs1-epcis-version']).toBe('2.0.0');
      }
    });
  });

  describe('body limits', () => {
    const twoMiB = JSON.stringify({ email: 'someone@example.org', password: 'x'.repeat(2 * 1024 * 1024) });

    it('refuses a 2 MiB JSON body outside capture with 413', async () => {
      const response = await send({ method: 'POST', url: '/api/auth/sign-in', payload: twoMiB, headers: { 'content-type': 'application/json' }, remoteAddress: newAddress() });
      expect(response.statusCode).toBe(413);
      expect(response.json()).toMatchObject({ code: 'KRV_BODY_TOO_LARGE', status: 413 });
    });

    it('leaves capture its own, larger limit', async () => {
      const response = await send({ method: 'POST', url: '/epcis/capture', payload: twoMiB, headers: { 'content-type': 'application/json' }, remoteAddress: newAddress() });
      expect(response.statusCode).not.toBe(413);
    });
  });
});
