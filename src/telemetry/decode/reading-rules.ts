// The ranges a reading's values must lie in, written once: validateReading applies them to a whole
// position, and the decoders to each field as they read it, so a problem names the field's place in
// the body.
import { durationOf, isoOf } from './reading-time.js';

/** Fixes before this are a device with a reset clock (or epoch seconds sent as milliseconds), not history. */
export const EARLIEST_FIX_TIME = Date.UTC(2000, 0, 1);

export type RangedField = 'lat' | 'lon' | 'speedKmh' | 'headingDeg' | 'altitudeM' | 'accuracyM' | 'batteryPct';

const RANGES: Record<RangedField, { readonly min?: number; readonly max?: number; readonly unit: string }> = {
  lat: { min: -90, max: 90, unit: '' },
  lon: { min: -180, max: 180, unit: '' },
  // Faster than any train or truck; a reading above it is a GPS jump, not a vehicle.
  speedKmh: { min: 0, max: 1000, unit: ' km/h' },
  headingDeg: { min: 0, max: 360, unit: ' degrees' },
  altitudeM: { unit: ' m' },
  accuracyM: { min: 0, unit: ' m' },
  batteryPct: { min: 0, max: 100, unit: '%' },
};

/**
 * Why `value` cannot be `field`'s value, or undefined when it can. `label` and `written` say it the
 * way the sender wrote it (`speed`, `600 knots (1111.2 km/h)`) when that differs from Karvon's field.
 */
export function rangeProblem(field: RangedField, value: number, label: string = field, written: string = String(value)): string | undefined {
  if (!Number.isFinite(value)) return `${label} must be a finite number, not ${String(value)}`;
  const { min, max, unit } = RANGES[field];
  if (min !== undefined && max !== undefined && (value < min || value > max)) return `${label} ${written} is outside ${min}..${max}${unit}`;
  if (min !== undefined && value < min) return `${label} ${written} is below ${min}${unit}`;
  return undefined;
}

/** Why (lat, lon) is not a fix: exactly (0, 0) is what trackers report before they have one. */
export function noFixProblem(lat: number, lon: number): string | undefined {
  return lat === 0 && lon === 0
    ? 'lat 0, lon 0 is what trackers report when they have no GPS fix yet; send the reading once the device has a fix'
    : undefined;
}

/** Why `time` (epoch ms, named `label`) is too early to be a real fix time. */
export function earliestTimeProblem(time: number, label = 'fixTime'): string | undefined {
  if (!Number.isFinite(time)) return `${label} must be a finite number, not ${String(time)}`;
  if (time >= EARLIEST_FIX_TIME) return undefined;
  const asSeconds = time * 1000;
  const hint =
    asSeconds >= EARLIEST_FIX_TIME && asSeconds < Date.UTC(2100, 0, 1)
      ? `: it looks like epoch seconds, and times here are epoch milliseconds (${asSeconds} is ${isoOf(asSeconds)})`
      : ': check the device clock';
  return `${label} ${isoOf(time)} is before 2000-01-01${hint}`;
}

/** Why `time` is further ahead of the server's clock `now` than `maxFutureMs` allows. */
export function futureTimeProblem(time: number, now: number, maxFutureMs: number, label = 'fixTime'): string | undefined {
  if (time - now <= maxFutureMs) return undefined;
  return (
    `${label} ${isoOf(time)} is ${durationOf(time - now)} ahead of the server's clock (${isoOf(now)}); ` +
    `at most ${durationOf(maxFutureMs)} ahead is accepted: check the device's clock and time zone (times are UTC)`
  );
}
