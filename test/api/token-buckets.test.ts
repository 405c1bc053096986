import { describe, expect, it } from 'vitest';
import { TokenBuckets } from '../../src/api/plugins/token-buckets.js';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('TokenBuckets', () => {
  it('allows capacity requests in a burst, then refuses with the time until the next token', () => {
    const time = clock();
    const buckets = new TokenBuckets({ capacity: 3, windowMs: 60_000, now: time.now });
    expect([1, 2, 3].map(() => buckets.take('a').allowed)).toEqual([true, true, true]);
    const refused = buckets.take('a');
    expect(refused.allowed).toBe(false);
    // One token every 20 s at 3 per minute.
    expect(refused.allowed ? 0 : refused.retryAfterMs).toBe(20_000);
  });

  it('refills with time', () => {
    const time = clock();
    const buckets = new TokenBuckets({ capacity: 2, windowMs: 60_000, now: time.now });
    buckets.take('a');
    buckets.take('a');
    expect(buckets.take('a').allowed).toBe(false);
    time.advance(29_000);
    expect(buckets.take('a').allowed).toBe(false);
    time.advance(2_000);
    expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('a').allowed).toBe(false);
  });

  it('keeps one bucket per key', () => {
    const buckets = new TokenBuckets({ capacity: 1, windowMs: 60_000, now: clock().now });
    expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('a').allowed).toBe(false);
    expect(buckets.take('b').allowed).toBe(true);
  });

  it('drops buckets idle for a whole window', () => {
    const time = clock();
    const buckets = new TokenBuckets({ capacity: 5, windowMs: 60_000, now: time.now });
    for (let i = 0; i < 1000; i++) buckets.take(`caller-${i}`);
    expect(buckets.size).toBe(1000);
    time.advance(30_000);
    buckets.take('recent');
    expect(buckets.size).toBe(1001);
    time.advance(30_000);
    buckets.take('another');
    // The thousand idle ones are gone; the one used 30 s ago stays.
    expect(buckets.size).toBe(2);
  });

  it('never holds more than maxBuckets, dropping the least recently used', () => {
    const time = clock();
    const buckets = new TokenBuckets({ capacity: 1, windowMs: 60_000, maxBuckets: 100, now: time.now });
    buckets.take('old');
    for (let i = 0; i < 500; i++) {
      time.advance(1);
      buckets.take(`caller-${i}`);
    }
    expect(buckets.size).toBe(100);
    // 'old' was evicted, so it starts with a full bucket again; a recent caller is still counted.
    expect(buckets.take('old').allowed).toBe(true);
    expect(buckets.take('caller-499').allowed).toBe(false);
  });
});
