// Times as devices write them, read into epoch milliseconds without the leniency of Date.parse
// (which turns 30 February into 2 March and a missing offset into local time).

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})([Tt ])(\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:?\d{2})?$/;

/**
 * An ISO 8601 / RFC 3339 date and time (`2026-12-07T10:00:00Z`, `2026-12-07T15:00:00.250+05:00`) in
 * epoch ms, or undefined when it is not one or names a day or hour that does not exist. With
 * `offsetRequired` (Karvon's own formats) a time without `Z` or an offset is refused, because it
 * could be any of 25 instants; the OsmAnd protocol's `yyyy-MM-dd HH:mm:ss` has none and is read as UTC.
 */
export function parseDateTime(text: string, options: { offsetRequired: boolean }): number | undefined {
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const offset = match[9];
  if (offset === undefined && options.offsetRequired) return undefined;
  // Every reading has one or two of these: plain Number() per part, no arrays or Dates on the way.
  const y = Number(match[1]);
  const mo = Number(match[2]);
  const d = Number(match[3]);
  const h = Number(match[5]);
  const mi = Number(match[6]);
  const s = Number(match[7]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return undefined;
  const fraction = match[8];
  const ms = fraction ? Math.floor(Number(`0${fraction}`) * 1000) : 0;
  let offsetMinutes = 0;
  if (offset !== undefined && offset !== 'Z' && offset !== 'z') {
    const digits = offset.replace(':', '');
    const offsetHours = Number(digits.slice(1, 3));
    const offsetMins = Number(digits.slice(3, 5));
    if (offsetHours > 23 || offsetMins > 59) return undefined;
    offsetMinutes = (offset.startsWith('-') ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  return Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMinutes * 60_000;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1]!;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/** Epoch seconds below this are read as seconds, from it on as milliseconds (Traccar's rule: 2^31 - 1 s is in 2038). */
const LARGEST_EPOCH_SECONDS = 2_147_483_647;

/**
 * The OsmAnd `timestamp` parameter: epoch seconds or milliseconds (told apart by size), ISO 8601,
 * or `yyyy-MM-dd HH:mm:ss` (UTC). Undefined when it is none of them.
 */
export function parseOsmandTimestamp(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    const value = Number(trimmed);
    return Math.round(value < LARGEST_EPOCH_SECONDS ? value * 1000 : value);
  }
  return parseDateTime(trimmed, { offsetRequired: false });
}

/** An instant for a message: ISO 8601 in UTC, or the raw number when no date can show it. */
export function isoOf(epochMs: number): string {
  const date = new Date(epochMs);
  return Number.isNaN(date.getTime()) ? `${epochMs} ms` : date.toISOString();
}

/** A duration for a message, to the two largest units: `45 s`, `5 min 3 s`, `2 h 5 min`, `3 d 4 h`. */
export function durationOf(ms: number): string {
  const units: [string, number][] = [['d', 86_400_000], ['h', 3_600_000], ['min', 60_000], ['s', 1000]];
  const parts: string[] = [];
  let rest = Math.abs(ms);
  for (const [name, size] of units) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0 || parts.length > 0) parts.push(`${count} ${name}`);
    if (parts.length === 2) break;
  }
  const nonZero = parts.filter((part) => !part.startsWith('0 '));
  return nonZero.length > 0 ? nonZero.join(' ') : `${Math.abs(ms)} ms`;
}
