// One logger for the process: the runtime makes it, the HTTP layer and background work log through it,
// and no credential reaches it.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/runtime/logger.js';
import { departing, jsonDocument } from '../helpers/corridor-events.js';
import { startTestApp, TEST_BOOTSTRAP_TOKEN, type TestApp } from '../helpers/test-app.js';

describe('the runtime logger', () => {
  let t: TestApp;
  const lines: string[] = [];
  const log = () => lines.join('');
  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    t = await startTestApp({}, {}, { caller: 'anonymous', logger: createLogger({ level: 'trace', stream }) });
  });
  afterAll(async () => t?.close());

  it('is the one the HTTP layer logs requests through', async () => {
    expect(t.app.log).toBeDefined();
    await t.app.inject({ method: 'GET', url: '/health' });
    expect(log()).toContain('"url":"/health"');
    expect(log()).toContain('"statusCode":200');
  });

  it('never writes a credential from a header, a cookie or a tracking link path', async () => {
    const secrets = {
      bearer: 'krv_0000000000000001_bearer-secret-in-a-header',
      cookie: 'cookie-secret-in-a-session-cookie',
      track: 'track-token-secret-in-the-path-0123456789abc',
    };
    await t.app.inject({ method: 'GET', url: '/api/shipments', headers: { authorization: `Bearer ${secrets.bearer}` } });
    await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `theme=dark; karvon_session=${secrets.cookie}` } });
    await t.app.inject({ method: 'GET', url: `/api/public/track/${secrets.track}?lang=en` });
    // Even a route that logs the whole header set, or a password in an object, is censored.
    t.runtime.logger.info({ headers: { authorization: `Bearer ${secrets.bearer}`, cookie: `karvon_session=${secrets.cookie}` } }, 'headers as a route might log them');
    t.runtime.logger.info({ user: { email: 'a@rail.kz', password: 'password-secret' } }, 'an object with a password');

    const written = log();
    expect(written).toContain('/api/public/track/[redacted]?lang=en');
    expect(written).toContain('headers as a route might log them');
    expect(written).toContain('a@rail.kz');
    for (const secret of [...Object.values(secrets), 'password-secret']) expect(written).not.toContain(secret);
  });

  it('logs a failure in background work with its context', async () => {
    // A subscriber of finished capture jobs that fails: the capture goes on, the failure is logged.
    const unsubscribe = t.runtime.bus.subscribe('capture.job-finished', () => {
      throw new Error('the follower of finished jobs broke');
    });
    try {
      const capture = await t.app.inject({
        method: 'POST',
        url: '/epcis/capture',
        headers: { authorization: `Bearer ${TEST_BOOTSTRAP_TOKEN}`, 'content-type': 'application/ld+json' },
        payload: jsonDocument([departing(4401)]),
      });
      expect(capture.statusCode, capture.body).toBe(202);
      await t.runtime.capture.idle();
    } finally {
      unsubscribe();
    }
    const failure = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((entry) => entry.context === 'subscriber of capture.job-finished');
    expect(failure).toBeDefined();
    expect(failure).toMatchObject({ level: 50, msg: 'subscriber of capture.job-finished failed' });
    expect((failure!.err as { message: string; stack: string }).message).toBe('the follower of finished jobs broke');
    expect((failure!.err as { stack: string }).stack).toMatch(/logging\.test\.ts/);
  });
});
