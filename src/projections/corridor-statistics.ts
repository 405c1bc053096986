// Observed leg times, dwell times and whole remaining times (remaining-time.ts) from completed
// shipments, for ETAs that learn from the corridor instead of the reference averages. Samples are kept per shipment, so that refolding a shipment
// (a late event, a merge) replaces its samples rather than counting it twice.
//
// The window is per corridor: the `recent` most recently completed shipments of each corridor count,
// out of the `loaded` most recently completed shipments overall (what ShipmentQueries reads from the
// store's recentlyCompleted). Why: one window of 200 across the network held about 8 shipments of a
// corridor with 4 % of the traffic and one or two trains of a rail corridor, too few for the whole
// remaining times (MIN_REMAINING_SAMPLES distinct ones), so those corridors fell back to the reference
// parts: on seed 1 of bench/eta.bench.ts Trans-Afghan never had whole times before its last leg (64 %
// coverage, 26 % error at the destination) and the Middle Corridor's middle stops missed by the parts
// 18 % of the time. A busy corridor still learns from its latest 200, so it follows change as quickly.
import type { Corridor, ReferenceData } from '../reference/index.js';
import { stopLocation } from './corridor-position.js';
import { REMAINING_KEY_PREFIX, remainingSamples } from './remaining-time.js';
import type { ShipmentState } from './shipment-state.js';

export interface Quantiles {
  readonly n: number;
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
}

/** Leg key: direction is in the order of the ends, the mode is the leg's. */
export function legKey(from: string, to: string, mode: string): string {
  return `leg:${from}>${to}:${mode}`;
}

/** Dwell key at a stop: per location, direction (country before > country after) and mode of the next leg. */
export function dwellKey(corridor: Corridor, stop: number, reference: ReferenceData): string {
  const before = corridor.legs[stop - 1];
  const after = corridor.legs[stop];
  const countryOf = (id: string | undefined) => (id ? (reference.locations.get(id)?.countries[0] ?? '?') : '-');
  return `dwell:${stopLocation(corridor, stop)}:${countryOf(before?.from)}>${countryOf(after?.to)}:${after?.mode ?? before?.mode ?? '?'}`;
}

/** What an observation key measures, read back from the key (legKey, dwellKey, remainingKey). */
export type ObservationSubject =
  | { kind: 'leg'; from: string; to: string; mode: string }
  | { kind: 'dwell'; location: string; countryBefore: string; countryAfter: string; mode: string }
  | { kind: 'remaining'; corridor: string; fromStop: number; afterLeaving: boolean; toStop: number };

/** The subject of an observation key; undefined for a key of no known form. */
export function observationSubject(key: string): ObservationSubject | undefined {
  const leg = /^leg:([^>]+)>([^:]+):(.+)$/.exec(key);
  if (leg) return { kind: 'leg', from: leg[1]!, to: leg[2]!, mode: leg[3]! };
  const dwell = /^dwell:([^:]+):([^>]+)>([^:]+):(.+)$/.exec(key);
  if (dwell) return { kind: 'dwell', location: dwell[1]!, countryBefore: dwell[2]!, countryAfter: dwell[3]!, mode: dwell[4]! };
  const remaining = new RegExp(`^${REMAINING_KEY_PREFIX}([^:]+):(left|at)(\\d+)>(\\d+)$`).exec(key);
  if (remaining) return { kind: 'remaining', corridor: remaining[1]!, afterLeaving: remaining[2] === 'left', fromStop: Number(remaining[3]), toStop: Number(remaining[4]) };
  return undefined;
}

interface ShipmentSamples {
  readonly completedAt: number;
  /** The corridor whose window the shipment counts in ('' when none is known). */
  readonly corridor: string;
  readonly samples: ReadonlyMap<string, number>;
}

/** How many more shipments than one corridor's window are read overall, by default (see `loaded`). */
export const LOADED_PER_WINDOW = 10;

/**
 * The corridor of stored samples: the one their whole remaining times name (remaining-time.ts keys
 * start with `remaining:<corridor>:`); '' when they have none. The store keeps samples, not the
 * corridor, and a completed shipment on a known corridor has at least one remaining time.
 */
export function corridorOfSamples(samples: Iterable<string>): string {
  for (const key of samples) {
    if (!key.startsWith(REMAINING_KEY_PREFIX)) continue;
    const end = key.indexOf(':', REMAINING_KEY_PREFIX.length);
    if (end > 0) return key.slice(REMAINING_KEY_PREFIX.length, end);
  }
  return '';
}

/** The q-quantile of a sorted, non-empty list by nearest rank. */
export function quantile(sorted: readonly number[], q: number): number {
  // Nearest rank: honest for small n, no invented values between observations.
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1]!;
}

/** Hours spent on each leg and at each stop of a completed shipment on a known corridor. */
export function samplesOf(shipment: ShipmentState, reference: ReferenceData): Map<string, number> {
  const samples = new Map<string, number>();
  const corridor = shipment.corridor ? reference.corridors.get(shipment.corridor) : undefined;
  if (!corridor) return samples;
  const visits = new Map(shipment.visits.map((v) => [v.locationId, v]));
  const h = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 3_600_000;
  corridor.legs.forEach((leg, i) => {
    const start = visits.get(leg.from)?.lastAt ?? (i === 0 ? shipment.departedAt : undefined);
    const end = visits.get(leg.to)?.firstAt ?? (i === corridor.legs.length - 1 ? shipment.arrivedAt : undefined);
    if (start && end && h(start, end) >= 0) samples.set(legKey(leg.from, leg.to, leg.mode), h(start, end));
  });
  for (let stop = 1; stop < corridor.legs.length; stop++) {
    const visit = visits.get(stopLocation(corridor, stop));
    if (visit) samples.set(dwellKey(corridor, stop, reference), h(visit.firstAt, visit.lastAt));
  }
  for (const [key, hours] of remainingSamples(shipment, corridor)) samples.set(key, hours);
  return samples;
}

export class CorridorStatistics {
  private readonly byShipment = new Map<string, ShipmentSamples>();
  private cache: Map<string, Quantiles> | undefined;
  private sortedCache: Map<string, readonly number[]> | undefined;

  /**
   * @param recent how many of the most recently completed shipments of each corridor count.
   * @param loaded how many of the most recently completed shipments overall are read to find them
   *   (a corridor with fewer than `recent` among them counts those it has).
   */
  constructor(
    private readonly reference: ReferenceData,
    private readonly recent = 200,
    private readonly loaded = recent * LOADED_PER_WINDOW,
  ) {}

  /** Feeds a folded shipment; only arrived or delivered ones count. Replaces earlier samples of the same key. */
  record(key: string, shipment: ShipmentState): void {
    const completed = shipment.deliveredAt ?? shipment.arrivedAt;
    if (!completed || (shipment.status !== 'delivered' && shipment.status !== 'arrived')) {
      this.forget(key);
      return;
    }
    const samples = samplesOf(shipment, this.reference);
    // The corridor as load() finds it in stored samples, so the live and the loaded windows agree.
    this.byShipment.set(key, { completedAt: Date.parse(completed), corridor: corridorOfSamples(samples.keys()), samples });
    this.cache = undefined;
  }

  /** Replaces everything with these completed shipments' samples (as the read model keeps them). */
  load(completed: readonly { key: string; completedAt: number; samples: Readonly<Record<string, number>> }[]): void {
    this.byShipment.clear();
    for (const c of completed) this.byShipment.set(c.key, { completedAt: c.completedAt, corridor: corridorOfSamples(Object.keys(c.samples)), samples: new Map(Object.entries(c.samples)) });
    this.cache = undefined;
  }

  /** How many of the most recently completed shipments overall to read (the store's recentlyCompleted limit). */
  get window(): number {
    return this.loaded;
  }

  /** How many of the most recently completed shipments of each corridor count. */
  get perCorridor(): number {
    return this.recent;
  }

  forget(key: string): void {
    if (this.byShipment.delete(key)) this.cache = undefined;
  }

  /** Quantiles of one leg or dwell key over the recent completed shipments, undefined without samples. */
  get(key: string): Quantiles | undefined {
    return this.table().get(key);
  }

  /** The samples of one key over the recent completed shipments, ascending; empty without any. */
  values(key: string): readonly number[] {
    this.table();
    return this.sortedCache!.get(key) ?? [];
  }

  /**
   * Every leg and dwell key with its quantiles, as the network statistics publish them. Whole
   * remaining times serve the ETA only: they say nothing a leg and dwell table does not, and the
   * aggregates shown to the secretariat stay the ones docs/security.md lists.
   */
  entries(): [string, Quantiles][] {
    return [...this.table().entries()].filter(([key]) => !key.startsWith(REMAINING_KEY_PREFIX)).sort(([a], [b]) => (a < b ? -1 : 1));
  }

  get shipments(): number {
    return this.byShipment.size;
  }

  private table(): Map<string, Quantiles> {
    if (this.cache) return this.cache;
    const taken = new Map<string, number>();
    const recent = [...this.byShipment.values()]
      .sort((a, b) => b.completedAt - a.completedAt)
      .slice(0, this.loaded)
      .filter((s) => {
        const n = taken.get(s.corridor) ?? 0;
        taken.set(s.corridor, n + 1);
        return n < this.recent;
      });
    const values = new Map<string, number[]>();
    for (const s of recent) for (const [k, v] of s.samples) (values.get(k) ?? values.set(k, []).get(k)!).push(v);
    this.sortedCache = values;
    this.cache = new Map(
      [...values].map(([k, list]) => {
        const sorted = list.sort((a, b) => a - b);
        return [k, { n: sorted.length, p10: quantile(sorted, 0.1), p50: quantile(sorted, 0.5), p90: quantile(sorted, 0.9) }];
      }),
    );
    return this.cache;
  }
}
