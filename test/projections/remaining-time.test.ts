import { describe, expect, it } from 'vitest';
import { CorridorStatistics } from '../../src/projections/corridor-statistics.js';
import { estimateArrival } from '../../src/projections/estimate-arrival.js';
import { distinctTimes, nextTripRange } from '../../src/projections/observed-range.js';
import { milestonesOf, MIN_REMAINING_SAMPLES, remainingKey, remainingRange, remainingSamples } from '../../src/projections/remaining-time.js';
import type { ShipmentState, Visit } from '../../src/projections/shipment-state.js';
import { corridorById, referenceData } from '../../src/reference/index.js';

const reference = referenceData();
// Kashgar -> Torugart (border) -> Bishkek: two legs, one border.
const corridor = corridorById('cku-road-torugart')!;
const H = 3_600_000;
const T0 = Date.parse('2026-02-01T00:00:00Z');
const iso = (h: number) => new Date(T0 + h * H).toISOString();

/** A trip read leaving Kashgar at 0 h, at Torugart from `borderAt` to `leftAt`, at Bishkek at `arrivedAt`. */
function trip(borderAt: number, leftAt: number, arrivedAt: number): ShipmentState {
  const visits: Visit[] = [
    { locationId: 'kashgar', firstAt: iso(0), lastAt: iso(0), leftAt: iso(0) },
    { locationId: 'torugart', firstAt: iso(borderAt), lastAt: iso(leftAt), leftAt: iso(leftAt) },
    { locationId: 'bishkek', firstAt: iso(arrivedAt), lastAt: iso(arrivedAt) },
  ];
  return {
    id: `trip-${borderAt}-${leftAt}-${arrivedAt}`, references: {}, documents: [], transportUnits: [], carriers: [], corridor: corridor.id,
    status: 'delivered', countries: [], transit: {}, holds: [], timeline: [], visits, departedAt: iso(0), arrivedAt: iso(arrivedAt),
    deliveredAt: iso(arrivedAt + 2), lastEventTime: iso(arrivedAt + 2), parties: [], events: [],
  };
}

describe('whole remaining times', () => {
  it('reads milestones from movement visits, in route order, and times every later stop from each', () => {
    const t = trip(4, 14, 25);
    expect(milestonesOf(t, corridor)).toEqual([
      { stop: 0, left: true, at: T0 },
      { stop: 1, left: false, at: T0 + 4 * H },
      { stop: 1, left: true, at: T0 + 14 * H },
      { stop: 2, left: false, at: T0 + 25 * H },
    ]);
    const samples = remainingSamples(t, corridor);
    expect(samples.get(remainingKey(corridor, { stop: 0, left: true }, 2))).toBe(25);
    expect(samples.get(remainingKey(corridor, { stop: 1, left: false }, 2))).toBe(21);
    expect(samples.get(remainingKey(corridor, { stop: 1, left: true }, 2))).toBe(11);
    expect(samples.get(remainingKey(corridor, { stop: 0, left: true }, 1))).toBe(4);
  });

  it('keeps only the times still possible after the time already spent, and needs enough distinct trips', () => {
    const times = [10, 12, 14, 16, 18, 20, 22, 24, 26, 28];
    expect(remainingRange(times, 0)).toMatchObject({ earliest: 10, latest: 28, n: 10 });
    // 15 h since the milestone: only the trips of 16 h and more are left, and there are too few.
    expect(remainingRange(times, 15)).toBeUndefined();
    const many = Array.from({ length: 30 }, (_, i) => 10 + i);
    const left = remainingRange(many, 15)!;
    expect(left.n).toBe(24);
    expect(left.earliest).toBeGreaterThan(0);
    expect(left.likely).toBeCloseTo(12, 6);
    // The containers of one train are one trip, not nine.
    expect(remainingRange(Array(MIN_REMAINING_SAMPLES).fill(20), 0)).toBeUndefined();
  });

  it('draws an 80 % range for the next trip from order statistics, wider than sample p10-p90 for few trips', () => {
    expect(nextTripRange([1, 2, 3, 4, 5])).toEqual({ earliest: 1, likely: 3, latest: 5 });
    const twenty = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(nextTripRange(twenty)).toMatchObject({ earliest: 2, latest: 19 });
    expect(distinctTimes([1, 1, 2, 2, 2, 3])).toEqual([1, 2, 3]);
  });

  it('estimates from the whole remaining times once enough trips are known, and falls back to the parts', () => {
    const stats = new CorridorStatistics(reference);
    for (let k = 0; k < 12; k++) stats.record(`t${k}`, trip(4, 8 + k, 20 + k));
    // Left Kashgar at 0 h, arrived at Torugart at 4 h, still there.
    const { deliveredAt: _d, arrivedAt: _a, ...rest } = trip(4, 4, 4);
    const atBorder: ShipmentState = {
      ...rest, status: 'at-border', lastEventTime: iso(4), position: { kind: 'at-stop', stop: 1, since: iso(4) },
      visits: [{ locationId: 'kashgar', firstAt: iso(0), lastAt: iso(0), leftAt: iso(0) }, { locationId: 'torugart', firstAt: iso(4), lastAt: iso(4) }],
    };
    const eta = estimateArrival(atBorder, stats, reference, { now: new Date(T0 + 6 * H) })!;
    const hours = (t: string) => (Date.parse(t) - T0) / H;
    expect(eta.arrival!.basis).toBe('observed, n=12');
    // From the border the trips took 16 to 27 h; 2 h have passed, so 14 to 25 h are left, 19 h the median.
    expect([hours(eta.arrival!.earliest), hours(eta.arrival!.likely), hours(eta.arrival!.latest)]).toEqual([6 + 14, 6 + 19, 6 + 25]);
    // Standing there 40 h: slower than every trip known, so the parts answer.
    const late = estimateArrival(atBorder, stats, reference, { now: new Date(T0 + 44 * H) })!;
    expect(late.arrival!.basis).not.toMatch(/^observed, n=12$/);
    expect(hours(late.arrival!.likely)).toBeGreaterThan(44);
  });
});

describe('milestones at an origin that is a border', () => {
  // Saryagash -> Keles (border) -> Tashkent: goods arrive at Saryagash from the far side, wait, cross.
  const fromBorder = corridorById('kz-uz-saryagash-keles')!;
  const origin = fromBorder.legs[0]!.from;

  it('counts arriving at the origin as a milestone when the goods were read there before leaving', () => {
    const waited: Pick<ShipmentState, 'visits' | 'departedAt' | 'arrivedAt'> = { visits: [{ locationId: origin, firstAt: iso(0), lastAt: iso(9), leftAt: iso(9) }] };
    expect(milestonesOf(waited, fromBorder).slice(0, 2)).toEqual([
      { stop: 0, left: false, at: T0 },
      { stop: 0, left: true, at: T0 + 9 * H },
    ]);
    const standing: Pick<ShipmentState, 'visits' | 'departedAt' | 'arrivedAt'> = { visits: [{ locationId: origin, firstAt: iso(0), lastAt: iso(0) }] };
    expect(milestonesOf(standing, fromBorder)).toEqual([{ stop: 0, left: false, at: T0 }]);
  });

  it('does not when the departure is the only read there (the same instant as leaving)', () => {
    expect(milestonesOf(trip(4, 14, 25), corridor)[0]).toEqual({ stop: 0, left: true, at: T0 });
  });
});

describe('statistics window per corridor', () => {
  const other = corridorById('cku-road-irkeshtam')!;
  /** A completed trip on another corridor, completing at `h` hours. */
  function elsewhere(k: number, h: number): ShipmentState {
    const t = trip(4, 8, 20);
    const visits: Visit[] = other.legs.map((l, i) => ({ locationId: l.from, firstAt: iso(h - 30 + i), lastAt: iso(h - 30 + i), leftAt: iso(h - 30 + i) }));
    visits.push({ locationId: other.legs.at(-1)!.to, firstAt: iso(h - 2), lastAt: iso(h - 2) });
    return { ...t, id: `other-${k}`, corridor: other.id, visits, departedAt: iso(h - 30), arrivedAt: iso(h - 2), deliveredAt: iso(h), lastEventTime: iso(h) };
  }

  it('keeps the latest shipments of each corridor, however busy the others are', () => {
    // 2 per corridor out of the 20 latest overall: 12 Torugart trips, then 15 on Irkeshtam completing later.
    const stats = new CorridorStatistics(reference, 2, 20);
    for (let k = 0; k < 12; k++) stats.record(`t${k}`, trip(4, 8 + k, 20 + k));
    for (let k = 0; k < 15; k++) stats.record(`o${k}`, elsewhere(k, 100 + k));
    // Torugart's two latest (k = 10, 11: 30 and 31 h from the start) count although 15 later shipments are of Irkeshtam.
    expect(stats.values(remainingKey(corridor, { stop: 0, left: true }, 2))).toEqual([30, 31]);
    expect(stats.values(remainingKey(other, { stop: 0, left: true }, other.legs.length))).toHaveLength(2);
    expect(stats.window).toBe(20);
    expect(stats.perCorridor).toBe(2);
  });

  it('finds the corridor of stored samples by their remaining times, as the store loads them', () => {
    const stats = new CorridorStatistics(reference, 1, 10);
    stats.load([
      { key: 'a', completedAt: 3, samples: Object.fromEntries(remainingSamples(trip(4, 8, 20), corridor)) },
      { key: 'b', completedAt: 2, samples: Object.fromEntries(remainingSamples(trip(4, 8, 30), corridor)) },
      { key: 'c', completedAt: 1, samples: Object.fromEntries(remainingSamples(elsewhere(0, 100), other)) },
    ]);
    expect(stats.values(remainingKey(corridor, { stop: 0, left: true }, 2))).toEqual([20]);
    expect(stats.values(remainingKey(other, { stop: 0, left: true }, other.legs.length))).toHaveLength(1);
  });
});
