import { describe, expect, it } from 'vitest';
import {
  medianOf,
  medianRunBy,
  nextSimulationPass,
  parseRebuildLine,
  parseSimulateSummary,
  summariseLatencies,
} from '../../bench/projection-figures.js';

describe('reading the CLI output (projection benchmark)', () => {
  it('finds the rebuild line among other lines, before or after it', () => {
    const output = [
      'opening store',
      'rebuilt 51234 shipments from 1000017 events in 42.7 s',
      'by status: planned 0, departed 3',
      'state digest: abc',
    ].join('\n');
    expect(parseRebuildLine(output)).toEqual({ shipments: 51234, events: 1000017, seconds: 42.7 });
    expect(parseRebuildLine('rebuilt 3 shipments from 60 events in 0 s\n')).toEqual({ shipments: 3, events: 60, seconds: 0 });
  });

  it('refuses output without the rebuild line and says what it got', () => {
    expect(() => parseRebuildLine('Error: database is locked')).toThrow(/database is locked/);
    // A line that only starts alike is not the line.
    expect(() => parseRebuildLine('rebuilt 3 shipments from many events in 1 s')).toThrow(/no "rebuilt/);
  });

  it('reads the simulate summary line before the per-corridor lines', () => {
    const output = 'shipments: 1000, events: 19415, captured: 19400, duplicates: 15, rejected: 0\nby corridor:\n  trans-afghan  95 shipments  1342 events\n';
    expect(parseSimulateSummary(output)).toEqual({ shipments: 1000, events: 19415, captured: 19400, duplicates: 15, rejected: 0 });
    expect(() => parseSimulateSummary('by corridor:\n')).toThrow(/shipments: X/);
  });
});

describe('planning the simulated traffic', () => {
  it('asks for a little more than the missing events at the measured events per shipment', () => {
    const pass = nextSimulationPass(1_000_000, 0)!;
    expect(pass.shipments * 20).toBeGreaterThanOrEqual(1_000_000);
    expect(pass.shipments * 20).toBeLessThan(1_050_000);
    const topUp = nextSimulationPass(20_000, 16_590, 16.3)!;
    expect(topUp.shipments * 16.3).toBeGreaterThanOrEqual(20_000 - 16_590);
    expect(topUp.shipments).toBeLessThan(250);
  });

  it('spreads departures over at least 30 days, more as a country would for many shipments', () => {
    expect(nextSimulationPass(20_000, 0)!.days).toBe(30);
    const big = nextSimulationPass(2_000_000, 0)!;
    expect(big.days).toBe(Math.ceil(big.shipments / 1500));
    expect(big.days).toBeGreaterThan(30);
  });

  it('plans nothing once the store holds enough', () => {
    expect(nextSimulationPass(20_000, 20_000)).toBeUndefined();
    expect(nextSimulationPass(20_000, 25_000)).toBeUndefined();
  });
});

describe('summarising runs', () => {
  it('gives nearest-rank percentiles, max and mean of the response times', () => {
    const times = Array.from({ length: 1000 }, (_, i) => (1000 - i) / 10); // 100.0 down to 0.1, unsorted
    const s = summariseLatencies(times);
    expect(s).toMatchObject({ samples: 1000, p50: 50, p97_5: 97.5, p99: 99, max: 100 });
    expect(s.mean).toBeCloseTo(50.05, 10);
    expect(() => summariseLatencies([])).toThrow(/no successful responses/);
  });

  it('takes the median of each field on its own', () => {
    const runs = [
      { rate: 990, p99: 12 },
      { rate: 1000, p99: 30 },
      { rate: 995, p99: 8 },
    ];
    expect(medianOf(runs, ['rate', 'p99'])).toEqual({ rate: 995, p99: 12 });
  });

  it('picks the median run whole, so its other figures belong to it', () => {
    const runs = [
      { rate: 5000, seconds: 4.2 },
      { rate: 4000, seconds: 5.3 },
      { rate: 4500, seconds: 4.7 },
    ];
    expect(medianRunBy(runs, (r) => r.rate)).toBe(runs[2]);
    // Two runs: the lower middle one, as bench-stats' median does.
    expect(medianRunBy(runs.slice(0, 2), (r) => r.rate)).toBe(runs[1]);
  });
});
