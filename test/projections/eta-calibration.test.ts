// Keeps the ETA honest on a small seeded simulation (bench/eta-calibration.ts): real arrivals fall
// inside the stated earliest–latest range about as often as an 80 % range promises, and the likely
// time is near the real one. bench/eta.bench.ts gives the full figures (docs/benchmarks.md).
//
// The coverage bands are wider than the targets (75–85 %) because small runs vary more
// than the benchmark's three of 4,000 shipments; the figures are exact for the seeds.
// Since the simulator registers shipments ahead and the fold follows Middle Corridor and Trans-Afghan
// goods to their real destination, the same seeds draw other trips: one seed of this size at a time,
// the destination error is 18.9 %, 18.9 %, 15.3 %, 14.0 %, 13.1 % and 15.2 % for seeds 1 to 6. So
// the test pools seeds 1 to 4 (about 10 s), where the seed-to-seed spread averages out: now 79.6 %
// covered at the destination with a 16.6 % error (every stop 81.9 %, 13.5 %). The error bounds
// (0.17, 0.15) sit between that and the estimators before: the first tuning of issue 11 (a window of
// 200 completed shipments for the whole network) measured 77.8 % and 17.5 % here (every stop 14.3 %),
// the estimator before issue 11 68.7 % and 20.3 % (every stop 65.5 %, 17.2 %). The 15 %
// target is judged by bench/eta.bench.ts on three runs of 4,000 shipments.
// The bands still catch what matters: the estimator before issue 11 (observed parts' p10s and p90s
// added up, one train counted as thirty observations) covered 54 % here with an 18.4 % error, a range
// shrunk to a point covers nothing, and one too wide to plan with covers nearly everything.
import { beforeAll, describe, expect, it } from 'vitest';
import { runCalibration, STAGES, type Observation } from '../../bench/eta-calibration.js';
import { calibrationOf, inScope } from '../../bench/eta-metrics.js';

let observations: Observation[] = [];

describe('ETA calibration on a seeded simulation', () => {
  beforeAll(() => {
    observations = [1, 2, 3, 4].flatMap((seed) => runCalibration({ seed, shipments: 1500, days: 60, warmupDays: 15 }).observations);
  }, 120_000);

  it('asks enough questions at every position along the route to judge', () => {
    for (const stage of STAGES) expect(observations.filter((o) => o.destination && o.stage === stage).length).toBeGreaterThan(500);
  });

  it('holds about 80 % of real arrivals at the destination inside the stated range', () => {
    const destination = calibrationOf(inScope(observations, 'destination'))!;
    expect(destination.coverage).toBeGreaterThanOrEqual(0.72);
    expect(destination.coverage).toBeLessThanOrEqual(0.9);
    // Misses on both sides: a range that is honest, not one shifted to be safe on one side only.
    expect(destination.early).toBeGreaterThan(0.02);
    expect(destination.late).toBeGreaterThan(0.02);
  });

  it('holds about 80 % of real arrivals at every stop ahead, and at every position along the route', () => {
    const all = calibrationOf(inScope(observations, 'all stops'))!;
    expect(all.coverage).toBeGreaterThanOrEqual(0.72);
    expect(all.coverage).toBeLessThanOrEqual(0.9);
    for (const stage of STAGES) {
      const cell = calibrationOf(observations.filter((o) => o.destination && o.stage === stage))!;
      expect(cell.coverage, stage).toBeGreaterThanOrEqual(0.65);
      expect(cell.coverage, stage).toBeLessThanOrEqual(0.95);
    }
  });

  it('puts the likely time near the real arrival', () => {
    expect(calibrationOf(inScope(observations, 'destination'))!.medianRelativeError).toBeLessThanOrEqual(0.17);
    expect(calibrationOf(inScope(observations, 'all stops'))!.medianRelativeError).toBeLessThanOrEqual(0.15);
  });
});
