// Hardening as a client sees it through the app behind a TLS-terminating proxy (KARVON_TRUST_PROXY),
// and the body limits with bodies that are streamed without a Content-Length.
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NON_CAPTURE_BODY_LIMIT } from '../../src/api/plugins/body-limits.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const PER_ADDRESS = 4;
const PASSWORD = 'steppe-wind-and-rails';
const json = { 'content-type': 'application/json' };

/** A body without Content-Length (chunked): `head`, then spaces up to `bytes`. */
function streamOf(bytes: number, head = ''): Readable {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= bytes) return this.push(null);
      const piece = sent === 0 && head ? Buffer.concat([Buffer.from(head), chunk]).subarray(0, chunk.length) : chunk;
      sent += piece.length;
      this.push(piece);
    },
  });
}

describe('hardening behind a proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, { rateLimitPerAddress: PER_ADDRESS, trustProxy: true }, { caller: 'anonymous' });
    const access = t.runtime.access;
    await access.createOrganisation('cli', { id: 'kz-rail', name: 'KZ railway', kind: 'railway', country: 'KZ', partyIds: [], locations: [] });
    await access.createUser('cli', { organisationId: 'kz-rail', email: 'tls@rail.kz', name: 'TLS', role: 'viewer', password: PASSWORD });
  });
  afterAll(async () => t?.close());

  it('sends Strict-Transport-Security only when the request came over TLS, on the API and /docs alike', async () => {
    const overTls = await t.app.inject({ method: 'GET', url: '/health', headers: { 'x-forwarded-proto': 'https' }, remoteAddress: '10.1.0.1' });
    expect(overTls.headers['strict-transport-security']).toMatch(/max-age=31536000; includeSubDomains/);
    expect(overTls.headers['content-security-policy']).toContain("default-src 'none'");
    const plain = await t.app.inject({ method: 'GET', url: '/health', headers: { 'x-forwarded-proto': 'http' }, remoteAddress: '10.1.0.1' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    // Over TLS the docs keep the policy Swagger UI needs.
    const docs = await t.app.inject({ method: 'GET', url: '/docs/', headers: { 'x-forwarded-proto': 'https' }, remoteAddress: '10.1.0.2' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['strict-transport-security']).toMatch(/max-age=/);
    expect(docs.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('marks the session cookie Secure over TLS, when it is set and when it is cleared', async () => {
    const headers = { ...json, 'x-forwarded-proto': 'https' };
    const signIn = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', headers, payload: { email: 'tls@rail.kz', password: PASSWORD }, remoteAddress: '10.1.0.3' });
    expect(signIn.statusCode, signIn.body).toBe(200);
    const setCookie = String(signIn.headers['set-cookie']);
    expect(setCookie).toMatch(/^karvon_session=[^;]+;/);
    for (const attribute of [/HttpOnly/, /SameSite=Lax/, /Path=\//, /Secure/]) expect(setCookie).toMatch(attribute);
    expect(setCookie).not.toMatch(/Max-Age|Expires/);
    const cookie = setCookie.split(';')[0]!;
    const signOut = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { ...headers, cookie }, payload: '{}', remoteAddress: '10.1.0.3' });
    expect(signOut.statusCode).toBe(204);
    expect(String(signOut.headers['set-cookie'])).toMatch(/^karvon_session=;.*Max-Age=0.*Secure/);
  });

  it('counts the client address the proxy reports, not a forged one further left', async () => {
    const from = (forwardedFor: string) =>
      t.app.inject({ method: 'GET', url: '/api/reference/countries', headers: { 'x-forwarded-for': forwardedFor }, remoteAddress: '10.9.9.9' });
    // The same client forging a different leftmost address each time is still one address.
    const statuses: number[] = [];
    for (let i = 0; i <= PER_ADDRESS; i++) statuses.push((await from(`203.0.113.${i}, 198.51.100.7`)).statusCode);
    expect(statuses).toEqual([...Array(PER_ADDRESS).fill(200), 429]);
    expect((await from('198.51.100.8')).statusCode).toBe(200);
  });
});

describe('body limits, streamed', () => {
  let t: TestApp;
  let address = 0;
  const nextAddress = () => `10.2.0.${++address}`;
  beforeAll(async () => {
    t = await startTestApp({}, { captureFileSizeLimit: 8 * 1024 * 1024 });
  });
  afterAll(async () => t?.close());

  it('refuses a streamed non-capture body once it passes 1 MiB', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: streamOf(2 * NON_CAPTURE_BODY_LIMIT), headers: json, remoteAddress: nextAddress() });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 'KRV_BODY_TOO_LARGE', status: 413 });
  });

  it('reads a streamed non-capture body under 1 MiB whole', async () => {
    // Valid JSON only once the whole body has arrived: the sign-in then fails on the credentials.
    const body = streamOf(512 * 1024, '{"email": "nobody@rail.kz", "password": "wrong"}');
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: body, headers: json, remoteAddress: nextAddress() });
    expect(response.statusCode, response.body).toBe(401);
  });

  it('keeps 1 MiB for the EPCIS routes that take no documents', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/epcis/queries', payload: streamOf(2 * NON_CAPTURE_BODY_LIMIT), headers: json, remoteAddress: nextAddress() });
    expect(response.statusCode).toBe(413);
  });

  it('keeps the capture limit for capture, announced or streamed', async () => {
    const size = 3 * NON_CAPTURE_BODY_LIMIT;
    for (const url of ['/epcis/capture', '/epcis/events']) {
      const announced = await t.app.inject({ method: 'POST', url, payload: Buffer.alloc(size, 0x20), headers: json, remoteAddress: nextAddress() });
      expect(announced.statusCode, announced.body).not.toBe(413);
      expect(announced.statusCode).toBeLessThan(500);
      const streamed = await t.app.inject({ method: 'POST', url, payload: streamOf(size), headers: json, remoteAddress: nextAddress() });
      expect(streamed.statusCode, streamed.body).not.toBe(413);
      expect(streamed.statusCode).toBeLessThan(500);
    }
    const over = await t.app.inject({ method: 'POST', url: '/epcis/capture', payload: streamOf(9 * 1024 * 1024), headers: json, remoteAddress: nextAddress() });
    expect(over.statusCode).toBe(413);
  });
});
