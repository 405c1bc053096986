/**
 * Date-time and time zone offset formats of EPCIS 2.0: an RFC 3339 date-time that carries a zone
 * (Z or ±hh:mm) and names an instant a store can keep (no leap second), and an event time zone
 * offset ±hh:mm between -14:00 and +14:00.
 */
import { instantOf, readDateTime } from '../date-time.js';

const TIME_ZONE_OFFSET = /^[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00)$/;

/**
 * Why a value is not a date-time with a time zone that Karvon can keep, or null when it is one. The
 * reading is src/epcis/date-time.ts, the same one stores use, so what passes here can be stored.
 */
export function dateTimeProblem(value: string): string | null {
  return readDateTime(value).problem ?? null;
}

/** Whether a value is a valid eventTimeZoneOffset (±hh:mm, -14:00 to +14:00). */
export function isTimeZoneOffset(value: string): boolean {
  return TIME_ZONE_OFFSET.test(value);
}

/** The clock skew allowed between a sender's clock and the capturing server's, unless configured. */
export const DEFAULT_MAX_CLOCK_SKEW_MS = 15 * 60_000;

/**
 * Why an event's eventTime lies too far after the time it is recorded, or null when it does not (or
 * is not a readable date-time: that is reported elsewhere). An event cannot have happened after it was
 * captured; allowing `maxSkewMs` of clock difference, anything later is a wrong date (a year typed
 * ahead), which would otherwise move a shipment's ETA to that year.
 */
export function futureEventTimeProblem(eventTime: unknown, recordTime: Date, maxSkewMs: number): string | null {
  if (typeof eventTime !== 'string') return null;
  const at = instantOf(eventTime);
  if (at === undefined) return null;
  const ahead = at - recordTime.getTime();
  if (ahead <= maxSkewMs) return null;
  const minutes = Math.round(maxSkewMs / 60_000);
  return `eventTime ${eventTime} is ${describeSpan(ahead)} after the time it is recorded (${recordTime.toISOString()}); an event may lie at most ${minutes} minute(s) in the future (KARVON_CAPTURE_MAX_CLOCK_SKEW)`;
}

function describeSpan(ms: number): string {
  const minutes = ms / 60_000;
  if (minutes < 120) return `${Math.round(minutes)} minute(s)`;
  const hours = minutes / 60;
  if (hours < 48) return `${Math.round(hours)} hour(s)`;
  return `${Math.round(hours / 24)} day(s)`;
}
