/**
 * Token buckets for rate limits: each caller key has a bucket of `capacity` tokens that refills at
 * `capacity` per window; a request takes one token or is refused with the time until the next one.
 *
 * Memory is bounded two ways: a bucket left idle for a whole window is full again, so it is
 * indistinguishable from a new one and is dropped; and past `maxBuckets` the least recently used
 * buckets are dropped (at worst that forgives a caller part of its count, never blocks one wrongly).
 */

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export interface TokenBucketOptions {
  /** Requests allowed per window (also the largest burst). */
  capacity: number;
  windowMs: number;
  maxBuckets?: number;
  now?: () => number;
}

export type TakeResult = { allowed: true } | { allowed: false; retryAfterMs: number };

export class TokenBuckets {
  // A Map iterates in insertion order; a bucket is re-inserted on every use, so the first entries
  // are always the least recently used ones.
  private readonly buckets = new Map<string, Bucket>();
  private readonly refillPerMs: number;
  private readonly maxBuckets: number;
  private readonly now: () => number;

  constructor(private readonly options: TokenBucketOptions) {
    this.refillPerMs = options.capacity / options.windowMs;
    this.maxBuckets = options.maxBuckets ?? 100_000;
    this.now = options.now ?? Date.now;
  }

  /** Takes one token from the bucket of `key`. */
  take(key: string): TakeResult {
    const now = this.now();
    this.evictIdle(now);
    const found = this.buckets.get(key);
    const tokens = found
      ? Math.min(this.options.capacity, found.tokens + (now - found.updatedAt) * this.refillPerMs)
      : this.options.capacity;
    this.buckets.delete(key);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, updatedAt: now });
      return { allowed: false, retryAfterMs: Math.ceil((1 - tokens) / this.refillPerMs) };
    }
    this.buckets.set(key, { tokens: tokens - 1, updatedAt: now });
    while (this.buckets.size > this.maxBuckets) this.buckets.delete(this.buckets.keys().next().value!);
    return { allowed: true };
  }

  /** How many buckets are held (for tests and diagnostics). */
  get size(): number {
    return this.buckets.size;
  }

  private evictIdle(now: number): void {
    for (const [key, bucket] of this.buckets) {
      // Least recently used first: the first bucket still in use ends the sweep.
      if (now - bucket.updatedAt < this.options.windowMs) break;
      this.buckets.delete(key);
    }
  }
}
