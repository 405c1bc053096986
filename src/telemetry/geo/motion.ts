// Whether a unit is moving or stopped, from its readings in fix-time order. Two kinds of evidence,
// because devices differ: every device reports a position, many also report speed. Stopping needs
// ten minutes of evidence, so a red light or a slow queue does not make a stop; starting needs a
// clear move (farther than GPS drift and a queue's creep) or two fast readings (one can be a glitch).

import type { LonLat } from '../../reference/index.js';
import { haversineM } from './distance.js';

/** Staying within this distance of one spot is standing still: several times a consumer GPS's drift. */
export const STOP_RADIUS_M = 200;
/** How long a unit must stay near one spot, or report a crawl, before it counts as stopped. */
export const STOP_AFTER_MS = 10 * 60_000;
/** Below this speed a unit is standing or creeping in a queue (walking pace is about 5 km/h). */
export const STOP_SPEED_KMH = 3;
/** A stopped unit farther than this from where it stopped has left (well beyond drift and the stop radius). */
export const START_RADIUS_M = 500;
/** A stopped unit reporting more than this speed, twice in a row, is under way again. */
export const START_SPEED_KMH = 10;
export const START_FAST_READINGS = 2;

export interface MotionState {
  readonly moving: boolean;
  /** Fix time (epoch ms) the current state began: when the unit stopped or started, not when that was noticed. */
  readonly since: number;
  /** Moving: where the unit has stayed near since `anchorSince`. Stopped: where it stopped. */
  readonly anchor?: LonLat;
  /** Fix time of the first reading near the anchor. */
  readonly anchorSince?: number;
  /** Fix time since which every reading reported a speed below STOP_SPEED_KMH. */
  readonly slowSince?: number;
  /** Readings in a row, while stopped, with a speed above START_SPEED_KMH. */
  readonly fastReadings?: number;
  /** Fix time of the last reading used: an older one changes nothing. */
  readonly lastFixTime?: number;
}

export interface MotionReading {
  readonly fixTime: number;
  readonly lat: number;
  readonly lon: number;
  readonly speedKmh?: number;
}

export interface MotionStep {
  readonly state: MotionState;
  readonly change?: 'stopped' | 'started';
}

function whileMoving(previous: MotionState, reading: MotionReading, here: LonLat): MotionStep {
  const nearAnchor = previous.anchor !== undefined && previous.anchorSince !== undefined && haversineM(previous.anchor, here) <= STOP_RADIUS_M;
  const anchor = nearAnchor ? previous.anchor! : here;
  const anchorSince = nearAnchor ? previous.anchorSince! : reading.fixTime;
  const slow = reading.speedKmh !== undefined && reading.speedKmh < STOP_SPEED_KMH;
  // A reading without speed neither proves nor disproves a crawl: the slow spell goes on.
  const slowSince = slow ? (previous.slowSince ?? reading.fixTime) : reading.speedKmh === undefined ? previous.slowSince : undefined;
  const stayedSince = reading.fixTime - anchorSince >= STOP_AFTER_MS ? anchorSince : undefined;
  const crawledSince = slowSince !== undefined && reading.fixTime - slowSince >= STOP_AFTER_MS ? slowSince : undefined;
  if (stayedSince !== undefined || crawledSince !== undefined) {
    const since = Math.min(stayedSince ?? Infinity, crawledSince ?? Infinity);
    return { state: { moving: false, since, anchor, lastFixTime: reading.fixTime }, change: 'stopped' };
  }
  return { state: { moving: true, since: previous.since, anchor, anchorSince, ...(slowSince !== undefined ? { slowSince } : {}), lastFixTime: reading.fixTime } };
}

function whileStopped(previous: MotionState, reading: MotionReading, here: LonLat): MotionStep {
  const fast = reading.speedKmh !== undefined && reading.speedKmh > START_SPEED_KMH;
  const fastReadings = fast ? (previous.fastReadings ?? 0) + 1 : 0;
  const reportsStanding = reading.speedKmh !== undefined && reading.speedKmh < STOP_SPEED_KMH;
  const anchor = previous.anchor ?? here;
  const left = haversineM(anchor, here) > START_RADIUS_M;
  if (left || fastReadings >= START_FAST_READINGS) {
    return { state: { moving: true, since: reading.fixTime, anchor: here, anchorSince: reading.fixTime, lastFixTime: reading.fixTime }, change: 'started' };
  }
  // A unit that says it is standing is stopped where it is now, so a queue's creep (many short
  // moves) does not add up to a start; one jump beyond START_RADIUS_M still does.
  return { state: { moving: false, since: previous.since, anchor: reportsStanding ? here : anchor, ...(fastReadings ? { fastReadings } : {}), lastFixTime: reading.fixTime } };
}

/**
 * The motion state after one more reading, and whether the unit just stopped or started. The first
 * reading of a unit counts as moving: a stop is only reported once ten minutes show it.
 */
export function nextMotion(previous: MotionState | undefined, reading: MotionReading): MotionStep {
  const here: LonLat = [reading.lon, reading.lat];
  if (!previous) return { state: { moving: true, since: reading.fixTime, anchor: here, anchorSince: reading.fixTime, lastFixTime: reading.fixTime } };
  if (previous.lastFixTime !== undefined && reading.fixTime < previous.lastFixTime) return { state: previous };
  return previous.moving ? whileMoving(previous, reading, here) : whileStopped(previous, reading, here);
}
