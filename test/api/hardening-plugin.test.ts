// The hardening plugin on a bare Fastify instance: what needs a server option the app factory may
// not set (trustProxy), and body limits checked against routes that echo what they received.
import { Readable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerBodyParsers } from '../../src/api/plugins/body-parsers.js';
import { registerErrorHandler } from '../../src/api/plugins/error-handler.js';
import { LOG_REDACTION, NON_CAPTURE_BODY_LIMIT, registerHardening, trustProxyOption } from '../../src/api/plugins/hardening.js';
import { loadConfig } from '../../src/config/config.js';

const CAPTURE_LIMIT = 8 * 1024 * 1024;

async function bareApp(trustProxy: boolean): Promise<FastifyInstance> {
  const config = loadConfig({ KARVON_DATA_DIR: '/nonexistent' }, { rateLimitPerAddress: 4, rateLimitPerKey: 1000, captureFileSizeLimit: CAPTURE_LIMIT, trustProxy });
  const app = Fastify({ trustProxy: trustProxyOption(config), bodyLimit: CAPTURE_LIMIT });
  registerErrorHandler(app);
  registerHardening(app, { config });
  registerBodyParsers(app, CAPTURE_LIMIT);
  const echo = async (request: { body: unknown }) => ({ received: (request.body as Buffer).length });
  app.post('/api/things', echo);
  app.post('/epcis/capture', echo);
  app.get('/api/things', async () => ({ ok: true }));
  await app.ready();
  return app;
}

/** A body without Content-Length: the client streams it (chunked). */
function streamOf(bytes: number): Readable {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= bytes) return this.push(null);
      sent += chunk.length;
      this.push(chunk);
    },
  });
}

describe('hardening plugin behind a proxy', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await bareApp(true);
  });
  afterAll(async () => app.close());

  it('sends Strict-Transport-Security only when the request came over TLS', async () => {
    const overTls = await app.inject({ method: 'GET', url: '/api/things', headers: { 'x-forwarded-proto': 'https' }, remoteAddress: '10.1.0.1' });
    expect(overTls.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    const plain = await app.inject({ method: 'GET', url: '/api/things', headers: { 'x-forwarded-proto': 'http' }, remoteAddress: '10.1.0.1' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
  });

  it('counts the client address the proxy reports, not a forged one further left', async () => {
    const from = (forwardedFor: string) =>
      app.inject({ method: 'GET', url: '/api/things', headers: { 'x-forwarded-for': forwardedFor }, remoteAddress: '10.9.9.9' });
    // The same client forging a different leftmost address each time is still one address.
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await from(`203.0.113.${i}, 198.51.100.7`)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    expect((await from('198.51.100.8')).statusCode).toBe(200);
  });
});

describe('hardening plugin body limits', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await bareApp(false);
  });
  afterAll(async () => app.close());
  let address = 0;
  const nextAddress = () => `10.2.0.${++address}`;

  it('refuses a non-capture body over 1 MiB announced by Content-Length', async () => {
    const body = JSON.stringify({ padding: 'x'.repeat(NON_CAPTURE_BODY_LIMIT) });
    const response = await app.inject({ method: 'POST', url: '/api/things', payload: body, headers: { 'content-type': 'application/json' }, remoteAddress: nextAddress() });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 'KRV_BODY_TOO_LARGE', status: 413 });
  });

  it('refuses a streamed non-capture body once it passes 1 MiB', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/things', payload: streamOf(2 * NON_CAPTURE_BODY_LIMIT), headers: { 'content-type': 'application/json' }, remoteAddress: nextAddress() });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 'KRV_BODY_TOO_LARGE' });
  });

  it('lets a streamed non-capture body under 1 MiB through whole', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/things', payload: streamOf(512 * 1024), headers: { 'content-type': 'application/json' }, remoteAddress: nextAddress() });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ received: 512 * 1024 });
  });

  it('keeps the capture limit for capture, streamed or not', async () => {
    const size = 3 * NON_CAPTURE_BODY_LIMIT;
    const announced = await app.inject({ method: 'POST', url: '/epcis/capture', payload: Buffer.alloc(size, 0x20), headers: { 'content-type': 'application/json' }, remoteAddress: nextAddress() });
    expect(announced.json()).toEqual({ received: size });
    const streamed = await app.inject({ method: 'POST', url: '/epcis/capture', payload: streamOf(size), headers: { 'content-type': 'application/json' }, remoteAddress: nextAddress() });
    expect(streamed.json()).toEqual({ received: size });
  });
});

describe('log redaction', () => {
  it('keeps credentials out of log lines even when headers are logged', async () => {
    const lines: string[] = [];
    const app = Fastify({
      logger: {
        level: 'info',
        redact: LOG_REDACTION,
        stream: { write: (line: string) => void lines.push(line) },
        // A serializer that logs every header: the redaction must still hold.
        serializers: { req: (request: { headers: unknown }) => ({ headers: request.headers }) },
      },
    });
    app.get('/', async (request, reply) => {
      request.log.info({ headers: request.headers }, 'headers as seen by a route');
      return reply.header('set-cookie', 'karvon_session=cookie-secret-3; HttpOnly').send({ ok: true });
    });
    await app.inject({ method: 'GET', url: '/', headers: { authorization: 'Bearer key-secret-1', cookie: 'karvon_session=cookie-secret-2' } });
    await app.close();
    const log = lines.join('');
    expect(log).toContain('[redacted]');
    expect(log).toContain('headers as seen by a route');
    for (const secret of ['key-secret-1', 'cookie-secret-2']) expect(log).not.toContain(secret);
  });
});
