/**
 * A small seeded PRNG (sfc32, 128-bit state) for the benchmark's generator: the same seed gives the
 * same events on every machine and Node version, which Math.random cannot promise. Each shipment
 * draws from its own stream; a 32-bit generator is not enough for that, because tens of thousands of
 * streams on a 2^32 cycle overlap (shipments would share "random" UUIDs).
 */

/** Mixes two integers into a well-spread 32-bit seed (so shipment k of seed s has its own stream). */
export function mixSeed(a: number, b: number): number {
  let h = (Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x6a09e667, 0xc2b2ae35)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;

  /** A stream of `seed`; different `stream` numbers give independent streams. */
  constructor(seed: number, stream = 0) {
    this.a = mixSeed(seed, stream);
    this.b = mixSeed(this.a, stream ^ 0x1234567);
    this.c = mixSeed(this.b, seed ^ 0x7654321);
    for (let i = 0; i < 12; i++) this.word();
  }

  /** The next 32-bit output (sfc32). */
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

  /** Uniform integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** Exponentially distributed with the given mean (Poisson arrivals). */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** A value around `mean`, spread ±`spread` as a fraction (triangular, so extremes are rare). */
  around(mean: number, spread: number): number {
    return mean * (1 + spread * (this.next() + this.next() - 1));
  }

  /** n random decimal digits. */
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(10));
    return s;
  }

  /** A version-4 UUID URN built from this stream. */
  uuidUrn(): string {
    const hex = (n: number) => {
      let s = '';
      for (let i = 0; i < n; i++) s += '0123456789abcdef'[this.int(16)];
      return s;
    };
    return `urn:uuid:${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[this.int(4)]}${hex(3)}-${hex(12)}`;
  }
}
