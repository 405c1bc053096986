// Time still to go, learnt whole from completed shipments of the same corridor, instead of added up
// from leg and dwell parts. Pure.
//
// Why whole: quantiles do not add. The sum of every part's p90 is the time of a shipment that is
// slow everywhere at once, and the sum of p10s one that is quick everywhere; and what no event
// measures (a terminal where a train stops without being read, customs lag, a breakdown) is in no
// part at all. bench/eta.bench.ts measured both: from the reference parts alone the rail corridors'
// ranges held 97-100 % of real arrivals (too wide to plan with), while the estimate from observed
// parts held 57 % at the destination, 29 % arriving after its latest. A completed shipment's own time
// from a milestone (arrived at or left stop k) to arrival at stop j holds all of it, spread included.
//
// Why conditional: a shipment that has stood 20 h at a border is not like one that just arrived
// there. Of the recent shipments' times from the same milestone, only those longer than the time
// already spent since it are still possible; what is left of them, T − elapsed, is the distribution
// of the time to go. When too few are left (the shipment is slower than most), the estimate falls
// back to the parts (src/projections/estimate-arrival.ts).
//
// Why a milestone at the origin: a corridor that starts at a border (Saryagash, Osh...) is entered
// from the far side; the goods are read arriving there and wait the border dwell before they leave.
// Without a milestone for that arrival, a shipment waiting at its origin had none at all and took the
// parts, in which the origin has no dwell (on seed 1 of bench/eta.bench.ts, Kazakhstan–Uzbekistan
// first leg: 274 such questions, 47 % coverage, 53 % arriving after the latest). Arriving at the
// origin counts only when it was read before leaving: a departure read alone is the same instant.
import type { Corridor } from '../reference/index.js';
import { stopLocation } from './corridor-position.js';
import { distinctTimes, likelyOfShipments, nextTripRange } from './observed-range.js';
import type { ShipmentState } from './shipment-state.js';

const H = 3_600_000;

/**
 * Fewer distinct remaining times than this that are still possible, and the parts are used instead:
 * from 9 on, the range between the smallest and largest of them holds 80 % of next trips (nextTripRange).
 */
export const MIN_REMAINING_SAMPLES = 9;

/** A physical event along the corridor: the goods were read arriving at stop k, or leaving it. */
export interface Milestone {
  readonly stop: number;
  readonly left: boolean;
  /** Epoch ms. */
  readonly at: number;
}

type Progress = Pick<ShipmentState, 'visits' | 'departedAt' | 'arrivedAt'>;

export const REMAINING_KEY_PREFIX = 'remaining:';

/** Key of the hours from a milestone to the first arrival at stop `to` on a corridor. */
export function remainingKey(corridor: Corridor, milestone: Pick<Milestone, 'stop' | 'left'>, to: number): string {
  return `${REMAINING_KEY_PREFIX}${corridor.id}:${milestone.left ? 'left' : 'at'}${milestone.stop}>${to}`;
}

/**
 * The shipment's milestones in route order. Only movement events count (visits): customs papers
 * passed at a border say nothing about when the goods left it.
 */
export function milestonesOf(shipment: Progress, corridor: Corridor): Milestone[] {
  const visits = new Map(shipment.visits.map((v) => [v.locationId, v]));
  const last = corridor.legs.length;
  const out: Milestone[] = [];
  for (let stop = 0; stop <= last; stop++) {
    const visit = visits.get(stopLocation(corridor, stop));
    // At the origin only when the goods were read there before they left (a corridor that starts at
    // a border: arrived, then the border dwell); a departure read alone is the same instant as leaving.
    if (visit && (stop > 0 || (visit.leftAt !== undefined ? Date.parse(visit.firstAt) < Date.parse(visit.leftAt) : shipment.departedAt === undefined)))
      out.push({ stop, left: false, at: Date.parse(visit.firstAt) });
    const leftAt = stop === 0 ? (visit?.leftAt ?? shipment.departedAt) : stop < last ? visit?.leftAt : undefined;
    if (leftAt) out.push({ stop, left: true, at: Date.parse(leftAt) });
  }
  return out.filter((m) => !Number.isNaN(m.at));
}

/** First arrival at stop j (the destination: where it was read there, else its arrival). */
function arrivalAt(shipment: Progress, corridor: Corridor, stop: number): number | undefined {
  const visit = shipment.visits.find((v) => v.locationId === stopLocation(corridor, stop));
  const at = visit?.firstAt ?? (stop === corridor.legs.length ? shipment.arrivedAt : undefined);
  return at ? Date.parse(at) : undefined;
}

/** Hours from each milestone of a completed shipment to each later stop it was seen arriving at. */
export function remainingSamples(shipment: Progress, corridor: Corridor): Map<string, number> {
  const samples = new Map<string, number>();
  const arrivals = new Map<number, number>();
  for (let stop = 1; stop <= corridor.legs.length; stop++) {
    const at = arrivalAt(shipment, corridor, stop);
    if (at !== undefined && !Number.isNaN(at)) arrivals.set(stop, at);
  }
  for (const m of milestonesOf(shipment, corridor)) {
    // Rounded to a ten-thousandth of an hour (0.36 s): still finer than event times (whole seconds),
    // so trips a second apart stay distinct, and a sixth shorter in every completed shipment's record
    // (about 650 bytes of remaining times each, measured on the simulator's corridors).
    for (const [stop, at] of arrivals) if (stop > m.stop && at >= m.at) samples.set(remainingKey(corridor, m, stop), Math.round(((at - m.at) / H) * 1e4) / 1e4);
  }
  return samples;
}

/**
 * An 80 % range (nextTripRange) of the hours still to go: the recent remaining times (ascending)
 * longer than the hours already spent since the milestone, less those hours; undefined when fewer
 * than MIN_REMAINING_SAMPLES distinct ones are left. Distinct, because shipments that travelled
 * together count once (observed-range.ts); the likely time is still the shipments' median.
 */
export function remainingRange(sorted: readonly number[], elapsedH: number): { earliest: number; likely: number; latest: number; n: number } | undefined {
  const possible = sorted.filter((t) => t > elapsedH).map((t) => t - elapsedH);
  const trips = distinctTimes(possible);
  if (trips.length < MIN_REMAINING_SAMPLES) return undefined;
  return { ...likelyOfShipments(nextTripRange(trips), possible), n: trips.length };
}
