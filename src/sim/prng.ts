/**
 * The simulator's own seeded PRNG (sfc32): the same seed gives the same traffic on every machine and
 * Node version, which Math.random cannot promise. Trains and trucks draw from their own streams, so
 * adding a shipment does not reshuffle the random draws of all the others.
 */

/** Mixes two integers into a well-spread 32-bit seed. */
export function mixSeed(a: number, b: number): number {
  let h = (Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x6a09e667, 0xc2b2ae35)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

export class SimRandom {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;

  /**
   * Stream `stream` of `seed`; different stream numbers give independent streams. `salts` tell
   * families of generators apart (the benchmark's corridor generator uses its own).
   */
  constructor(seed: number, stream = 0, salts: readonly [number, number] = [0x2545f491, 0x5bd1e995]) {
    this.a = mixSeed(seed, stream);
    this.b = mixSeed(this.a, stream ^ salts[0]);
    this.c = mixSeed(this.b, seed ^ salts[1]);
    for (let i = 0; i < 12; i++) this.word();
  }

  private word(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.word() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform real in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** Picks by weight; weights need not sum to 1. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [item, w] of items) {
      x -= w;
      if (x < 0) return item;
    }
    return items[items.length - 1]![0];
  }

  /** Exponentially distributed with the given mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /**
   * Gamma-distributed with the given mean and integer shape k (sum of k exponentials): always
   * positive, right-skewed like real waiting times, coefficient of variation 1/sqrt(k).
   */
  gamma(mean: number, k: number): number {
    let sum = 0;
    for (let i = 0; i < k; i++) sum += this.exponential(mean / k);
    return sum;
  }

  /** A value around `mean`, spread ±`spread` as a fraction (triangular). */
  around(mean: number, spread: number): number {
    return mean * (1 + spread * (this.next() + this.next() - 1));
  }

  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(10));
    return s;
  }

  /** n characters from A-Z and 0-9. */
  alphanumerics(n: number): string {
    const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    let s = '';
    for (let i = 0; i < n; i++) s += chars[this.int(chars.length)];
    return s;
  }
}
