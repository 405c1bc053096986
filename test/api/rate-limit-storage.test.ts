// The rate limits count in a store that can be shared: two app instances (as two server processes
// would) given one store count one client's requests together.
import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const PER_ADDRESS = 3;

type Counted = { current: number; ttl: number };

/**
 * A store of @fastify/rate-limit's shape (what its Redis store offers) over one map that both apps
 * see; a fixed one-minute window that never ends within the test.
 */
class SharedCounts implements FastifyRateLimitStore {
  static readonly counts = new Map<string, number>();
  private readonly prefix: string;
  constructor(options: unknown) {
    this.prefix = typeof options === 'string' ? options : '';
  }
  incr(key: string, done: (error: Error | null, counted?: Counted) => void, timeWindow: number): void {
    const current = (SharedCounts.counts.get(this.prefix + key) ?? 0) + 1;
    SharedCounts.counts.set(this.prefix + key, current);
    done(null, { current, ttl: timeWindow });
  }
  private children = 0;
  /** Each limiter (per address, then per caller, in every app alike) counts apart, as the Redis store does. */
  child(): SharedCounts {
    return new SharedCounts(`${this.prefix}${this.children++}:`);
  }
}

describe('rate limit storage', () => {
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    const build = { rateLimitStorage: { store: SharedCounts } };
    first = await startTestApp({}, { rateLimitPerAddress: PER_ADDRESS }, { caller: 'anonymous', build });
    second = await startTestApp({}, { rateLimitPerAddress: PER_ADDRESS }, { caller: 'anonymous', build });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  it('counts one client across every server that shares the store', async () => {
    const ask = (t: TestApp) => t.app.inject({ method: 'GET', url: '/api/reference/countries', remoteAddress: '192.0.2.200' });
    const statuses = [(await ask(first)).statusCode, (await ask(second)).statusCode, (await ask(first)).statusCode, (await ask(second)).statusCode];
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect([...SharedCounts.counts.values()]).toContain(PER_ADDRESS + 1);
  });
});
