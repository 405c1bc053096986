/**
 * The one reading of an EPCIS date-time (RFC 3339 with a zone: YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm))
 * into the instant it names. Validation accepts exactly what this reads, and stores keep exactly
 * the instant it returns, so an event that passed validation can always be stored: two readings
 * (a validator and Date.parse) had drifted apart — a leap second, or a lower-case "t", passed one
 * and failed the other, losing the event after it was accepted.
 */

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const EXPECTED = 'expected a date-time with a time zone, like 2024-05-01T10:15:00.000Z or 2024-05-01T13:15:00+03:00';
const DAY_MS = 86_400_000;

export type DateTimeReading = { readonly ms: number; readonly problem?: undefined } | { readonly ms?: undefined; readonly problem: string };

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The number made of `count` digits at `at`, or -1 when one of them is not a digit. */
function digitsAt(value: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const d = value.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** Days from 1970-01-01 to a civil date, for any year (H. Hinnant's algorithm; Date.UTC maps years 0-99 to 19xx). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * The instant (epoch milliseconds) of an EPCIS date-time, or why it is not one. Fractions beyond
 * milliseconds are cut, as stores always did. Parsed by hand rather than with a capturing regex: it
 * runs several times for every captured event.
 */
export function readDateTime(value: string): DateTimeReading {
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  const hour = digitsAt(value, 11, 2);
  const minute = digitsAt(value, 14, 2);
  const second = digitsAt(value, 17, 2);
  const t = value.charCodeAt(10);
  if (
    year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 ||
    value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45 || (t !== 84 && t !== 116) ||
    value.charCodeAt(13) !== 58 || value.charCodeAt(16) !== 58
  ) {
    return { problem: EXPECTED };
  }
  let i = 19;
  let millis = 0;
  if (value.charCodeAt(i) === 46) {
    i++;
    const first = i;
    while (i < value.length && value.charCodeAt(i) >= 48 && value.charCodeAt(i) <= 57) i++;
    if (i === first) return { problem: EXPECTED };
    millis = digitsAt(`${value.slice(first, Math.min(i, first + 3))}00`, 0, 3);
  }
  const zone = value.charCodeAt(i);
  let zoneHour = 0;
  let zoneMinute = 0;
  if (zone === 90 || zone === 122) {
    if (i + 1 !== value.length) return { problem: EXPECTED };
  } else if (zone === 43 || zone === 45) {
    zoneHour = digitsAt(value, i + 1, 2);
    zoneMinute = digitsAt(value, i + 4, 2);
    if (zoneHour < 0 || zoneMinute < 0 || value.charCodeAt(i + 3) !== 58 || i + 6 !== value.length) return { problem: EXPECTED };
  } else {
    return { problem: EXPECTED };
  }
  if (month < 1 || month > 12) return { problem: `month ${value.slice(5, 7)} is out of range` };
  const maxDay = month === 2 && !isLeapYear(year) ? 28 : DAYS_IN_MONTH[month - 1]!;
  if (day < 1 || day > maxDay) return { problem: `day ${value.slice(8, 10)} is out of range for that month` };
  if (second === 60 && hour <= 23 && minute <= 59) {
    // RFC 3339 allows a leap second, but no store can keep one: instants are UTC milliseconds
    // without leap seconds (as in POSIX time and JavaScript).
    return { problem: 'second 60 (a leap second) cannot be stored, as times are kept in UTC without leap seconds; write :59.999 of that minute, or the next second' };
  }
  if (hour > 23 || minute > 59 || second > 59) return { problem: 'the time of day is out of range (hours 00-23, minutes and seconds 00-59)' };
  if (zoneHour > 23 || zoneMinute > 59) return { problem: 'the time zone is out of range' };
  const offsetMinutes = (zone === 45 ? -1 : 1) * (zoneHour * 60 + zoneMinute);
  const ms = daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + millis;
  return { ms };
}

/** Epoch milliseconds of an EPCIS date-time, or undefined when it is not one. */
export function instantOf(value: string): number | undefined {
  return readDateTime(value).ms;
}
