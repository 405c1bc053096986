// When observed leg or dwell times are trusted over planned or reference figures. Shared by the
// corridor ETA and the ETA from a registered plan, so both switch to observations at the same point.
//
// Shipments that moved together (the containers of one block train, a convoy) have the same times
// to the second: they are one observation of the corridor, not thirty. Counted per shipment, one
// train would pass the threshold alone and give a range of zero width, which the calibration
// benchmark (bench/eta.bench.ts) caught missing most arrivals on the rail corridors. So the
// threshold and the range count distinct times; the likely time stays the median of the shipments
// (likelyOfShipments), since a train of thirty is what thirty shipments met.
import { quantile, type CorridorStatistics } from './corridor-statistics.js';
import type { HourRange } from './reference-timing.js';

/** Fewer distinct observations than this and the reference figures (or the plan) are used instead. */
export const MIN_OBSERVATIONS = 3;

/** The distinct values of an ascending list: one per trip that was timed, however many shipments it carried. */
export function distinctTimes(sorted: readonly number[]): number[] {
  return sorted.filter((v, i) => i === 0 || v !== sorted[i - 1]);
}

/**
 * An 80 % range for the next trip from n past ones (ascending, n >= 1): the k-th smallest to the k-th
 * largest, with k = floor((n + 1) / 10), at least 1, and their median as likely. A new trip falls
 * between the k-th smallest and k-th largest of n with chance (n + 1 − 2k) / (n + 1) whatever the
 * distribution, so this is 80 % from n = 9 on and as near as n allows below. Sample p10 and p90
 * (nearest rank) are narrower than that for small n: with 5 trips they are the 1st and the 5th, which
 * hold a 6th only 4 times in 6.
 */
export function nextTripRange(sorted: readonly number[]): HourRange {
  const n = sorted.length;
  const k = Math.max(1, Math.floor((n + 1) / 10));
  return { earliest: sorted[k - 1]!, likely: quantile(sorted, 0.5), latest: sorted[n - k]! };
}

/**
 * The range with the shipments' own median as likely: the time the next shipment most likely meets,
 * whereas the range comes from distinct trips (kept inside it).
 */
export function likelyOfShipments(range: HourRange, shipments: readonly number[]): HourRange {
  return { ...range, likely: Math.min(range.latest, Math.max(range.earliest, quantile(shipments, 0.5))) };
}

/** An 80 % range of a leg or dwell key from its distinct times, when there are enough of them. */
export function observedRange(stats: CorridorStatistics | undefined, key: string): { readonly range: HourRange; readonly observed: number } | undefined {
  const shipments = stats?.values(key) ?? [];
  const times = distinctTimes(shipments);
  if (times.length < MIN_OBSERVATIONS) return undefined;
  return { range: likelyOfShipments(nextTripRange(times), shipments), observed: times.length };
}
