// Where a simulated shipment is at any instant: the movement timeline ConvoyJourney records as it
// walks (travel along each leg's route line, dwell at each point), and the position, speed and
// heading it implies. The telemetry the simulator produces (sim-telemetry.ts) is sampled from it.
import { distanceKm, type LonLat, type Mode } from '../reference/index.js';

/** Moving along leg `legIndex` from `start` to `end` (epoch ms), with the delay's pause, if any, on the way. */
export interface TravelMovement {
  readonly kind: 'travel';
  readonly legIndex: number;
  readonly mode: Mode;
  readonly start: number;
  readonly end: number;
  /** The leg's route line: it starts and ends at the positions of the points it joins. */
  readonly route: readonly LonLat[];
  /** Standing still `afterMs` of moving time into the leg for `durationMs` (breakdown, weather, queue). */
  readonly pause?: { readonly afterMs: number; readonly durationMs: number };
}

/** Standing at route point `pointIndex` (border dwell, customs, ferry waiting, loading) from arrival to departure. */
export interface DwellMovement {
  readonly kind: 'dwell';
  readonly pointIndex: number;
  readonly locationId: string;
  readonly position: LonLat;
  readonly arrival: number;
  readonly departure: number;
}

export type Movement = TravelMovement | DwellMovement;

/**
 * A seal found broken on the way, at the incident event's time. Its place is where the timeline puts
 * the unit then: the event's own `geo:` point ignores a delay earlier on the leg (it takes the time
 * as a share of the moving time), and is left so to keep the events as they were.
 */
export interface SealBreak {
  readonly at: number;
}

/** One shipment's journey in time order: movements that follow each other without a hole. */
export interface ShipmentTimeline {
  readonly movements: Movement[];
  readonly sealBreaks: SealBreak[];
}

export function movementStart(m: Movement): number {
  return m.kind === 'travel' ? m.start : m.arrival;
}

export function movementEnd(m: Movement): number {
  return m.kind === 'travel' ? m.end : m.departure;
}

/** A route line with its cumulative lengths, measured once: sampling it is then cheap. */
interface MeasuredLine {
  readonly points: readonly LonLat[];
  /** cumulativeKm[i]: length from the first point to point i. */
  readonly cumulativeKm: readonly number[];
  readonly totalKm: number;
}

// Route lines are frozen reference data shared by every convoy on the corridor: measure each once.
const measured = new WeakMap<readonly LonLat[], MeasuredLine>();

function measure(line: readonly LonLat[]): MeasuredLine {
  let m = measured.get(line);
  if (!m) {
    const cumulativeKm = [0];
    for (let i = 1; i < line.length; i++) cumulativeKm.push(cumulativeKm[i - 1]! + distanceKm(line[i - 1]!, line[i]!));
    m = { points: line, cumulativeKm, totalKm: cumulativeKm[cumulativeKm.length - 1]! };
    measured.set(line, m);
  }
  return m;
}

export function lineLengthKmOf(line: readonly LonLat[]): number {
  return measure(line).totalKm;
}

const RAD = Math.PI / 180;

/** Initial great-circle bearing from a to b, degrees clockwise from north in [0, 360). */
export function bearingDeg(a: LonLat, b: LonLat): number {
  const [lon1, lat1] = [a[0] * RAD, a[1] * RAD];
  const [lon2, lat2] = [b[0] * RAD, b[1] * RAD];
  const y = Math.sin(lon2 - lon1) * Math.cos(lat2);
  const x = Math.cos(lat1) * Math.sin(lat2) - Math.sin(lat1) * Math.cos(lat2) * Math.cos(lon2 - lon1);
  return (Math.atan2(y, x) / RAD + 360) % 360;
}

/** The point a fraction (0..1) of the way along a line by distance, and the heading of the line there. */
export function locateAlong(line: readonly LonLat[], fraction: number): { point: LonLat; headingDeg: number } {
  const m = measure(line);
  if (line.length === 1) return { point: line[0]!, headingDeg: 0 };
  const target = Math.min(Math.max(fraction, 0), 1) * m.totalKm;
  let i = 1;
  while (i < line.length - 1 && m.cumulativeKm[i]! < target) i++;
  const a = line[i - 1]!;
  const b = line[i]!;
  const length = m.cumulativeKm[i]! - m.cumulativeKm[i - 1]!;
  const f = length === 0 ? 0 : Math.min(Math.max((target - m.cumulativeKm[i - 1]!) / length, 0), 1);
  return { point: [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f], headingDeg: bearingDeg(a, b) };
}

/** Where the shipment is at one instant, and how it moves. */
export interface Whereabouts {
  readonly point: LonLat;
  /** 0 when standing (dwell, a delay's pause, before departure, after delivery). */
  readonly speedKmh: number;
  /** Absent when standing. */
  readonly headingDeg?: number;
  /** The movement under way, absent before the first and after the last. */
  readonly movement?: Movement;
}

/** The index of the movement under way at `t` (the last one starting at or before it), -1 before the first. */
export function movementIndexAt(movements: readonly Movement[], t: number): number {
  let lo = 0;
  let hi = movements.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (movementStart(movements[mid]!) <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function travelWhereabouts(m: TravelMovement, t: number): Whereabouts {
  const pauseMs = m.pause?.durationMs ?? 0;
  const movingMs = Math.max(m.end - m.start - pauseMs, 1);
  let elapsed = t - m.start;
  if (m.pause && elapsed > m.pause.afterMs) {
    if (elapsed < m.pause.afterMs + pauseMs) return { point: locateAlong(m.route, m.pause.afterMs / movingMs).point, speedKmh: 0, movement: m };
    elapsed -= pauseMs;
  }
  const { point, headingDeg } = locateAlong(m.route, elapsed / movingMs);
  return { point, speedKmh: lineLengthKmOf(m.route) / (movingMs / 3_600_000), headingDeg, movement: m };
}

/** Where a timeline puts the shipment at `t`: at its first place before it starts, at its last after it ends. */
export function whereabouts(movements: readonly Movement[], t: number): Whereabouts {
  const i = movementIndexAt(movements, t);
  if (i < 0) {
    const first = movements[0]!;
    return { point: first.kind === 'dwell' ? first.position : first.route[0]!, speedKmh: 0 };
  }
  const m = movements[i]!;
  if (t > movementEnd(m) && i === movements.length - 1) {
    return { point: m.kind === 'dwell' ? m.position : m.route[m.route.length - 1]!, speedKmh: 0 };
  }
  if (m.kind === 'dwell') return { point: m.position, speedKmh: 0, movement: m };
  return travelWhereabouts(m, Math.min(t, m.end));
}
