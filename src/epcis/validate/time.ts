/**
 * Date-time and time zone offset formats of EPCIS 2.0: an RFC 3339 date-time that carries a zone
 * (Z or ±hh:mm) and names an instant a store can keep (no leap second), and an event time zone
 * offset ±hh:mm between -14:00 and +14:00.
 */
import { readDateTime } from '../date-time.js';

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
