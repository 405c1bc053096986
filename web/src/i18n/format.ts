/**
 * Dates, numbers, durations and ranges in the reader's language, by Intl (the Arabic locale writes
 * Arabic digits, Russian its own month names). Every page formats through these, never by hand.
 */
const toDate = (value: string | Date) => (typeof value === 'string' ? new Date(value) : value);

/**
 * The locale dates are written in: the browser's own regional form of the app's language when it
 * has one (an en-GB browser reads "7 Dec, 14:05", an en-US one "Dec 7, 2:05 PM"), else the language.
 */
export function dateLocale(language: string): string {
  const tags = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  return tags.find((tag) => tag.toLowerCase().split('-')[0] === language) ?? language;
}

export function formatDateTime(value: string | Date, language: string): string {
  return new Intl.DateTimeFormat(dateLocale(language), { dateStyle: 'long', timeStyle: 'short' }).format(toDate(value));
}

/** Short form for tables and boards: "7 Dec, 14:05". */
export function formatShortDateTime(value: string | Date, language: string): string {
  return new Intl.DateTimeFormat(dateLocale(language), { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(toDate(value));
}

export function formatDate(value: string | Date, language: string): string {
  return new Intl.DateTimeFormat(dateLocale(language), { dateStyle: 'full' }).format(toDate(value));
}

export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(language).format(value);
}

/**
 * A span of time given in hours, in the largest sensible units: "3.5 hours", "2 days 4 hours".
 * Under two days in hours (to one decimal under ten), from two days in days and hours.
 */
export function formatHours(hours: number, language: string): string {
  const unit = (value: number, name: 'hour' | 'day', digits = 0) =>
    new Intl.NumberFormat(language, { style: 'unit', unit: name, unitDisplay: 'long', maximumFractionDigits: digits }).format(value);
  if (hours < 48) return unit(hours, 'hour', hours < 10 ? 1 : 0);
  const days = Math.floor(hours / 24);
  const rest = Math.round(hours - days * 24);
  return rest === 0 ? unit(days, 'day') : `${unit(days, 'day')} ${unit(rest, 'hour')}`;
}

/** A range of two instants as one phrase ("7–9 Dec, 14:00–10:00"), the way the language writes ranges. */
export function formatDateTimeRange(from: string | Date, to: string | Date, language: string): string {
  const format = new Intl.DateTimeFormat(dateLocale(language), { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  const start = toDate(from);
  const end = toDate(to);
  return end.getTime() <= start.getTime() ? format.format(start) : format.formatRange(start, end);
}

/** A time of day with seconds: "14:05:31". */
export function formatTime(value: string | Date, language: string): string {
  return new Intl.DateTimeFormat(dateLocale(language), { timeStyle: 'medium' }).format(toDate(value));
}
