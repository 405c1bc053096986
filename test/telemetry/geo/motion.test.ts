import { describe, expect, it } from 'vitest';
import { nextMotion, type MotionState, type MotionReading } from '../../../src/telemetry/geo/motion.js';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 2, 1, 8, 0, 0);
/** Metres per degree of latitude on the mean sphere. */
const M_PER_DEG = 111_195.08;

/** A reading `minutes` after T0, `northM` metres north of a spot near Khorgos. */
function at(minutes: number, northM: number, speedKmh?: number): MotionReading {
  return { fixTime: T0 + minutes * MINUTE, lon: 80.3, lat: 44.2 + northM / M_PER_DEG, ...(speedKmh === undefined ? {} : { speedKmh }) };
}

/** Feeds readings in order; returns the last state and every change with the minute it happened at. */
function run(readings: MotionReading[], start?: MotionState) {
  let state = start;
  const changes: [string, number][] = [];
  for (const reading of readings) {
    const step = nextMotion(state, reading);
    state = step.state;
    if (step.change) changes.push([step.change, (reading.fixTime - T0) / MINUTE]);
  }
  return { state: state!, changes };
}

/** Driving north at 60 km/h (a km a minute), one reading a minute, from minute `from` to `to`. */
function drive(from: number, to: number, startM = 0, speed = true): MotionReading[] {
  const out: MotionReading[] = [];
  for (let m = from; m <= to; m++) out.push(at(m, startM + (m - from) * 1000, speed ? 60 : undefined));
  return out;
}

describe('nextMotion', () => {
  it('starts a unit as moving, with no change reported for its first reading', () => {
    const step = nextMotion(undefined, at(0, 0, 0));
    expect(step.change).toBeUndefined();
    expect(step.state).toMatchObject({ moving: true, since: T0 });
  });

  it('reports a stop once a unit without speed has stayed within 200 m for ten minutes, dated when it arrived', () => {
    const arrival = drive(0, 5, 0, false); // arrives at 5000 m at minute 5
    const dwell = [6, 8, 10, 12, 14].map((m, i) => at(m, 5000 + [60, -40, 120, 30, -80][i]!));
    expect(run([...arrival, ...dwell]).changes).toEqual([]); // nine minutes
    const { state, changes } = run([...arrival, ...dwell, at(15, 5050)]);
    expect(changes).toEqual([['stopped', 15]]);
    expect(state).toMatchObject({ moving: false, since: T0 + 5 * MINUTE });
  });

  it('does not stop a unit that drifts slowly away from where it paused, without speed', () => {
    // 150 m a minute: each pause spot is left before ten minutes pass.
    const readings = Array.from({ length: 30 }, (_, m) => at(m, m * 150));
    expect(run(readings).changes).toEqual([]);
  });

  it('reports a stop after ten minutes of reported speeds below 3 km/h, even when creeping farther than 200 m (a queue)', () => {
    const creep = Array.from({ length: 11 }, (_, i) => at(10 + i, 5000 + i * 40, 2)); // 400 m in ten minutes
    const { state, changes } = run([...drive(0, 5), ...creep]);
    expect(changes).toEqual([['stopped', 20]]);
    expect(state.since).toBe(T0 + 10 * MINUTE);
    // A reading at walking pace or faster restarts the count.
    const broken = [...creep.slice(0, 6), at(16, 5300, 15), ...Array.from({ length: 9 }, (_, i) => at(17 + i, 5300 + i * 40, 1))];
    expect(run([...drive(0, 5), ...broken]).changes).toEqual([]);
  });

  it('reports a start when a stopped unit moves beyond 500 m, not for GPS drift within it', () => {
    const stopped = run([...drive(0, 5, 0, false), ...Array.from({ length: 11 }, (_, i) => at(6 + i, 5000 + (i % 2) * 50))]);
    expect(stopped.changes).toEqual([['stopped', 15]]);
    const drift = run([at(20, 5300), at(21, 4700), at(22, 5450)], stopped.state);
    expect(drift.changes).toEqual([]);
    const left = run([at(23, 5600), at(24, 6600)], drift.state);
    expect(left.changes).toEqual([['started', 23]]);
    expect(left.state).toMatchObject({ moving: true, since: T0 + 23 * MINUTE });
  });

  it('reports a start after two readings faster than 10 km/h in a row, not after one', () => {
    const stopped = run(Array.from({ length: 12 }, (_, i) => at(i, 0, 0))).state;
    expect(stopped.moving).toBe(false);
    expect(run([at(20, 50, 40), at(21, 60, 0), at(22, 80, 40), at(23, 80, 5)], stopped).changes).toEqual([]);
    expect(run([at(20, 50, 40), at(21, 150, 40)], stopped).changes).toEqual([['started', 21]]);
  });

  it('keeps a unit that says it is standing stopped while it creeps forward in a queue, however far in total', () => {
    const stopped = run(Array.from({ length: 12 }, (_, i) => at(i, 0, 1))).state;
    const queue = Array.from({ length: 40 }, (_, i) => at(12 + i, (i + 1) * 100, 2)); // 4 km in 100 m steps
    expect(run(queue, stopped).changes).toEqual([]);
    // A jump beyond 500 m (say after a gap in the signal) is a start, whatever the speed says.
    expect(run([at(12, 900, 0)], stopped).changes).toEqual([['started', 12]]);
  });

  it('ignores a reading older than the last one it used', () => {
    const { state } = run([...drive(0, 5), at(6, 5000), at(17, 5000)]);
    expect(state.moving).toBe(false);
    const late = nextMotion(state, at(3, 20_000, 60));
    expect(late).toEqual({ state });
  });

  it('keeps its state as plain JSON, so the pipeline can store it between readings', () => {
    const readings = [...drive(0, 5, 0, false), ...Array.from({ length: 12 }, (_, i) => at(6 + i, 5000, 1)), at(30, 9000, 50), at(31, 10_000, 50)];
    let state: MotionState | undefined;
    const changes: string[] = [];
    for (const reading of readings) {
      const step = nextMotion(state && (JSON.parse(JSON.stringify(state)) as MotionState), reading);
      state = step.state;
      if (step.change) changes.push(step.change);
    }
    expect(changes).toEqual(['stopped', 'started']);
  });
});
