// The pipeline's check of a decoded reading against the world: a place on Earth with a fix, a time
// neither before GPS trackers nor ahead of the server's clock, plausible speed, heading, battery and
// accuracy. The first problem is returned as a sentence for the sender.
import type { Position } from '../../model/telemetry.js';
import type { Decoded } from './decoded.js';
import { earliestTimeProblem, futureTimeProblem, noFixProblem, rangeProblem, type RangedField } from './reading-rules.js';

export interface ReadingLimits {
  /** How far a fix time may be ahead of the server's clock (device clocks drift; hours ahead is a wrong clock). */
  readonly maxFutureMs: number;
}

const OPTIONAL_RANGED: readonly RangedField[] = ['speedKmh', 'headingDeg', 'altitudeM', 'accuracyM', 'batteryPct'];

/** Why `reading` cannot be used at server time `now`, or undefined when it can. */
export function validateReading(reading: Position, now: number, limits: ReadingLimits): string | undefined {
  const place = rangeProblem('lat', reading.lat) ?? rangeProblem('lon', reading.lon) ?? noFixProblem(reading.lat, reading.lon);
  if (place) return place;
  const time = earliestTimeProblem(reading.fixTime) ?? futureTimeProblem(reading.fixTime, now, limits.maxFutureMs);
  if (time) return time;
  if (!Number.isFinite(reading.deviceTime)) return `deviceTime must be a finite number, not ${String(reading.deviceTime)}`;
  for (const field of OPTIONAL_RANGED) {
    const value = reading[field];
    const problem = value === undefined ? undefined : rangeProblem(field, value);
    if (problem) return problem;
  }
  return undefined;
}

/** `decoded` without the readings validateReading refuses, each refusal a problem at the reading's pointer. */
export function validateDecoded(decoded: Decoded, now: number, limits: ReadingLimits): Decoded {
  const valid: Decoded = { readings: [], problems: [...decoded.problems], pointers: [] };
  decoded.readings.forEach((reading, i) => {
    const pointer = decoded.pointers[i] ?? '';
    const reason = validateReading(reading, now, limits);
    if (reason === undefined) {
      valid.readings.push(reading);
      valid.pointers.push(pointer);
    } else {
      valid.problems.push({ pointer, deviceId: reading.deviceId, reason });
    }
  });
  return valid;
}
