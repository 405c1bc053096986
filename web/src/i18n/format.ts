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

/**
 * Languages whose month names browsers do not reliably have: Chromium's ICU writes "2026 M12 7" in
 * Kazakh, Uzbek and Azerbaijani and falls back to English for Kyrgyz, Tajik and Turkmen. In these,
 * dates are written with numbers in the region's usual order, "07.12.2026, 14:05".
 */
const NUMERIC_DATE_LANGUAGES = new Set(['uz', 'kk', 'ky', 'tg', 'tk', 'az']);

type DateParts = 'date-time' | 'short-date-time' | 'date' | 'day' | 'time';

const WORDED: Record<DateParts, Intl.DateTimeFormatOptions> = {
  'date-time': { dateStyle: 'long', timeStyle: 'short' },
  'short-date-time': { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' },
  date: { dateStyle: 'full' },
  day: { dateStyle: 'long' },
  time: { timeStyle: 'medium' },
};
const NUMERIC: Record<DateParts, Intl.DateTimeFormatOptions> = {
  'date-time': { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  'short-date-time': { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  date: { day: '2-digit', month: '2-digit', year: 'numeric' },
  day: { day: '2-digit', month: '2-digit', year: 'numeric' },
  time: { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
};

/** The formatter of some parts of a date in the language (numbers only where month names are missing). */
function dateFormat(parts: DateParts, language: string, extra: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
  if (NUMERIC_DATE_LANGUAGES.has(language)) return new Intl.DateTimeFormat('ru-RU', { ...NUMERIC[parts], ...extra });
  return new Intl.DateTimeFormat(dateLocale(language), { ...WORDED[parts], ...extra });
}

export function formatDateTime(value: string | Date, language: string): string {
  return dateFormat('date-time', language).format(toDate(value));
}

/** Short form for tables and boards: "7 Dec, 14:05". */
export function formatShortDateTime(value: string | Date, language: string): string {
  return dateFormat('short-date-time', language).format(toDate(value));
}

export function formatDate(value: string | Date, language: string): string {
  return dateFormat('date', language).format(toDate(value));
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
  const format = dateFormat('short-date-time', language);
  const start = toDate(from);
  const end = toDate(to);
  return end.getTime() <= start.getTime() ? format.format(start) : format.formatRange(start, end);
}

/** A time of day with seconds: "14:05:31". */
export function formatTime(value: string | Date, language: string): string {
  return dateFormat('time', language).format(toDate(value));
}

/** A calendar day: "7 December 2026". `timeZone: 'UTC'` for days given as dates without a time. */
export function formatDay(value: string | Date, language: string, timeZone?: string): string {
  return dateFormat('day', language, timeZone ? { timeZone } : {}).format(toDate(value));
}
