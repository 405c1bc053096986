// The app reads every form of an estimate's basis that the server writes (src/projections/
// estimate-arrival.ts, estimate-from-plan.ts), and shows an unknown one as written.
import { describe, expect, it } from 'vitest';
import { parseBasis } from '../../web/src/api/estimate-basis.js';

describe("an estimate's basis", () => {
  it.each([
    ['observed, n=37', { kind: 'observed', trips: 37 }],
    ['observed (n=5) and reference figures', { kind: 'observed-and-reference', trips: 5 }],
    ['observed (n=12) and registered plan', { kind: 'observed-and-plan', trips: 12 }],
    ['reference figures', { kind: 'reference' }],
    ['registered plan', { kind: 'plan' }],
    ['a hunch', { kind: 'unknown', text: 'a hunch' }],
  ])('%s', (basis, expected) => {
    expect(parseBasis(basis)).toEqual(expected);
  });
});
