/**
 * Timestamp canonicalisation of the CBV 2.0 hash: ISO 8601 date-time to UTC with exactly three
 * fractional digits; fractions are cut to microseconds and then rounded half to even to milliseconds
 * (Python's round(µs, -3)), as the reference implementation does.
 */

function num(s: string, from: number, len: number): number {
  let v = 0;
  for (let i = from; i < from + len; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** UTC millisecond timestamp text of an ISO 8601 date-time, or null when the text is not one. */
export function canonicalTimestamp(text: string): string | null {
  const s = text;
  // Already canonical (what Karvon itself writes): nothing to do.
  if (s.length === 24 && s[23] === 'Z' && s[19] === '.' && s[16] === ':' && s[10] === 'T' && num(s, 20, 3) >= 0 && num(s, 17, 2) >= 0) {
    if (num(s, 0, 4) >= 100 && num(s, 5, 2) >= 1 && num(s, 8, 2) >= 1 && num(s, 11, 2) <= 23 && num(s, 14, 2) <= 59 && num(s, 17, 2) <= 59) {
      const t = Date.parse(s);
      if (!Number.isNaN(t)) return s;
    }
  }
  if (s.length < 16 || s[4] !== '-' || s[7] !== '-' || (s[10] !== 'T' && s[10] !== 't' && s[10] !== ' ') || s[13] !== ':') {
    return null;
  }
  const year = num(s, 0, 4);
  const month = num(s, 5, 2);
  const day = num(s, 8, 2);
  const hour = num(s, 11, 2);
  const minute = num(s, 14, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
    return null;
  }
  let i = 16;
  let second = 0;
  let micros = 0;
  if (s[i] === ':') {
    second = num(s, i + 1, 2);
    if (second < 0 || second > 59) return null;
    i += 3;
    if (s[i] === '.' || s[i] === ',') {
      i++;
      const start = i;
      while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
      if (i === start) return null;
      // Digits past the sixth are cut, as dateutil does, before rounding.
      micros = num((s.slice(start, Math.min(i, start + 6)) + '00000').slice(0, 6), 0, 6);
    }
  }
  let offsetMinutes = 0;
  if (i < s.length) {
    const z = s[i];
    if ((z === 'Z' || z === 'z') && i + 1 === s.length) {
      // UTC
    } else if (z === '+' || z === '-') {
      const oh = num(s, i + 1, 2);
      let om = 0;
      const rest = s.length - i - 3;
      if (rest === 3 && s[i + 3] === ':') om = num(s, i + 4, 2);
      else if (rest === 2) om = num(s, i + 3, 2);
      else if (rest !== 0) return null;
      if (oh < 0 || oh > 23 || om < 0 || om > 59) return null;
      offsetMinutes = (z === '+' ? 1 : -1) * (oh * 60 + om);
    } else {
      return null;
    }
  }
  // Python round() on an integer: half to even.
  let millis = Math.floor(micros / 1000);
  const rem = micros % 1000;
  if (rem > 500 || (rem === 500 && millis % 2 === 1)) millis++;
  // Date.UTC maps years 0-99 to 1900-1999; no EPCIS timestamp is that old, so such input is rejected.
  if (year < 100) return null;
  const t = Date.UTC(year, month - 1, day, hour, minute - offsetMinutes, second, millis);
  if (!(t >= -62135596800000 && t <= 253402300799999)) return null;
  return formatUtc(t);
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** YYYY-MM-DDTHH:MM:SS.mmmZ of an epoch millisecond value (years 1-9999), without a Date object. */
function formatUtc(t: number): string {
  const days = Math.floor(t / 86400000);
  let rest = t - days * 86400000;
  const ms = rest % 1000;
  rest = (rest - ms) / 1000;
  const sec = rest % 60;
  rest = (rest - sec) / 60;
  const min = rest % 60;
  const hour = (rest - min) / 60;
  // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const y = String(year);
  const ms3 = ms < 10 ? '00' + ms : ms < 100 ? '0' + ms : String(ms);
  return `${'0000'.slice(y.length)}${y}-${pad2(month)}-${pad2(day)}T${pad2(hour)}:${pad2(min)}:${pad2(sec)}.${ms3}Z`;
}
