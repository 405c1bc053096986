/**
 * The two figures an ETA is judged by, over any set of observations (bench/eta-calibration.ts):
 * - coverage: the share of real arrivals inside the stated earliest–latest (p10–p90) range. An
 *   honest 80 % range holds about 80 % of them; far more means the range is too wide to plan with,
 *   far fewer that it promises what it cannot keep.
 * - median relative error: the median of |likely − actual| / (actual − asked at), the error of the
 *   p50 as a share of the time that was really left.
 */
import type { Observation, Stage } from './eta-calibration.js';

export interface Calibration {
  readonly n: number;
  readonly coverage: number;
  /** Share that arrived before the earliest time. */
  readonly early: number;
  /** Share that arrived after the latest time. */
  readonly late: number;
  readonly medianRelativeError: number;
}

/** Targets of issue 11. */
export const COVERAGE_TARGET = { min: 0.75, max: 0.85 } as const;
export const RELATIVE_ERROR_TARGET = 0.15;

function median(sorted: readonly number[]): number {
  const mid = sorted.length / 2;
  return Number.isInteger(mid) ? (sorted[mid - 1]! + sorted[mid]!) / 2 : sorted[Math.floor(mid)]!;
}

/** Coverage and median relative error; undefined for no observations. */
export function calibrationOf(observations: readonly Observation[]): Calibration | undefined {
  if (observations.length === 0) return undefined;
  let inside = 0;
  let early = 0;
  let late = 0;
  const errors: number[] = [];
  for (const o of observations) {
    if (o.actual < o.earliest) early++;
    else if (o.actual > o.latest) late++;
    else inside++;
    errors.push(Math.abs(o.likely - o.actual) / (o.actual - o.now));
  }
  const n = observations.length;
  return { n, coverage: inside / n, early: early / n, late: late / n, medianRelativeError: median(errors.sort((a, b) => a - b)) };
}

/** Which stops a figure is about: the destination only, or every stop still ahead. */
export type Scope = 'destination' | 'all stops';

export function inScope(observations: readonly Observation[], scope: Scope): Observation[] {
  return scope === 'destination' ? observations.filter((o) => o.destination) : [...observations];
}

/** Observations grouped per corridor and stage; the key 'all' gathers everything of that row or column. */
export function calibrationTable(observations: readonly Observation[]): Map<string, Map<Stage | 'all', Calibration>> {
  const rows = new Map<string, Map<Stage | 'all', Observation[]>>();
  const put = (corridor: string, stage: Stage | 'all', o: Observation) => {
    const row = rows.get(corridor) ?? rows.set(corridor, new Map()).get(corridor)!;
    (row.get(stage) ?? row.set(stage, []).get(stage)!).push(o);
  };
  for (const o of observations) {
    for (const corridor of [o.corridor, 'all']) {
      put(corridor, o.stage, o);
      put(corridor, 'all', o);
    }
  }
  const out = new Map<string, Map<Stage | 'all', Calibration>>();
  for (const [corridor, row] of rows) out.set(corridor, new Map([...row].map(([stage, list]) => [stage, calibrationOf(list)!])));
  return out;
}
