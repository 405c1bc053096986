/**
 * The benchmark generator's seeded PRNG: the simulator's sfc32 (src/sim/prng.ts) with the
 * benchmark's own salts, so the published figures stay reproducible, plus the two draws only the
 * benchmark uses. Each shipment draws from its own stream; a 32-bit generator would not do, because
 * tens of thousands of streams on a 2^32 cycle overlap (shipments would share "random" UUIDs).
 */
import { SimRandom } from '../src/sim/prng.js';

export { mixSeed } from '../src/sim/prng.js';

export class Prng extends SimRandom {
  /** A stream of `seed`; different `stream` numbers give independent streams. */
  constructor(seed: number, stream = 0) {
    super(seed, stream, [0x1234567, 0x7654321]);
  }

  /** Uniform integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
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
