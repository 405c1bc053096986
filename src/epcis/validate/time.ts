/**
 * Date-time and time zone offset formats of EPCIS 2.0: an RFC 3339 date-time that carries a zone
 * (Z or ±hh:mm), and an event time zone offset ±hh:mm between -14:00 and +14:00.
 */

const TIME_ZONE_OFFSET = /^[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00)$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const EXPECTED = 'expected a date-time with a time zone, like 2024-05-01T10:15:00.000Z or 2024-05-01T13:15:00+03:00';

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

/**
 * Why a value is not a date-time with a time zone, or null when it is one. Parsed by hand rather than
 * with a capturing regex: it runs twice or more for every captured event.
 */
export function dateTimeProblem(value: string): string | null {
  // YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)
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
    return EXPECTED;
  }
  let i = 19;
  if (value.charCodeAt(i) === 46) {
    i++;
    const first = i;
    while (i < value.length && value.charCodeAt(i) >= 48 && value.charCodeAt(i) <= 57) i++;
    if (i === first) return EXPECTED;
  }
  const zone = value.charCodeAt(i);
  let zoneHour = 0;
  let zoneMinute = 0;
  if (zone === 90 || zone === 122) {
    if (i + 1 !== value.length) return EXPECTED;
  } else if (zone === 43 || zone === 45) {
    zoneHour = digitsAt(value, i + 1, 2);
    zoneMinute = digitsAt(value, i + 4, 2);
    if (zoneHour < 0 || zoneMinute < 0 || value.charCodeAt(i + 3) !== 58 || i + 6 !== value.length) return EXPECTED;
  } else {
    return EXPECTED;
  }
  if (month < 1 || month > 12) return `month ${value.slice(5, 7)} is out of range`;
  const maxDay = month === 2 && !isLeapYear(year) ? 28 : DAYS_IN_MONTH[month - 1]!;
  if (day < 1 || day > maxDay) return `day ${value.slice(8, 10)} is out of range for that month`;
  // Second 60 is a leap second, which RFC 3339 allows.
  if (hour > 23 || minute > 59 || second > 60) return 'the time of day is out of range';
  if (zoneHour > 23 || zoneMinute > 59) return 'the time zone is out of range';
  return null;
}

/** Whether a value is a valid eventTimeZoneOffset (±hh:mm, -14:00 to +14:00). */
export function isTimeZoneOffset(value: string): boolean {
  return TIME_ZONE_OFFSET.test(value);
}
