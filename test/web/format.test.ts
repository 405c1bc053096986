// Dates in the app's languages: worded where browsers have the month names, with numbers in the
// region's order where they do not (Chromium writes "2026 M12 7" in Kazakh, English in Kyrgyz).
import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDay, formatHours, formatShortDateTime, formatTime } from '../../web/src/i18n/format.js';

// Built from local parts, so the expectations hold in any time zone.
const when = new Date(2026, 11, 7, 14, 5, 9);

describe('dates in the app', () => {
  it.each(['uz', 'kk', 'ky', 'tg', 'tk', 'az'])('are written with numbers in %s: day.month.year, 24-hour clock', (language) => {
    expect(formatDateTime(when, language)).toBe('07.12.2026, 14:05');
    expect(formatShortDateTime(when, language)).toBe('07.12, 14:05');
    expect(formatDay(when, language)).toBe('07.12.2026');
    expect(formatTime(when, language)).toBe('14:05:09');
  });

  it('are worded in English, Russian and Arabic', () => {
    expect(formatDateTime(when, 'en')).toMatch(/December 7, 2026|7 December 2026/);
    expect(formatDateTime(when, 'ru')).toContain('декабря 2026');
    expect(formatDay(when, 'ar')).toContain('ديسمبر');
  });

  it('say spans of hours in hours, and from two days in days and hours', () => {
    expect(formatHours(3.46, 'en')).toBe('3.5 hours');
    expect(formatHours(50, 'en')).toBe('2 days 2 hours');
  });
});
