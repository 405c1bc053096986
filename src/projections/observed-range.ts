// When observed leg or dwell times are trusted over planned or reference figures. Shared by the
// corridor ETA and the ETA from a registered plan, so both switch to observations at the same point.
import type { CorridorStatistics } from './corridor-statistics.js';
import type { HourRange } from './reference-timing.js';

/** Fewer observations than this and the reference figures (or the plan) are used instead. */
export const MIN_OBSERVATIONS = 3;

/** p10/p50/p90 of a leg or dwell key as earliest/likely/latest, when there are enough observations. */
export function observedRange(stats: CorridorStatistics | undefined, key: string): { readonly range: HourRange; readonly observed: number } | undefined {
  const q = stats?.get(key);
  if (!q || q.n < MIN_OBSERVATIONS) return undefined;
  return { range: { earliest: q.p10, likely: q.p50, latest: q.p90 }, observed: q.n };
}
