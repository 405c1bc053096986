// Values as the OsmAnd protocol writes them: everything is text, numbers in plain decimal (not
// `0x10`, `Infinity` or an empty string, which Number() would also read).
import { parseDecimal } from '../../epcis/query/normalise.js';

/**
 * What an unnamed parameter's text stands for, as Traccar reads it: a number when it is one (but an
 * integer too long for a double, like an ICCID, stays text), true or false, or the text itself.
 */
export function inferValue(text: string): number | boolean | string {
  const number = parseDecimal(text);
  if (number !== undefined && (!/^[+-]?\d+$/.test(text.trim()) || Number.isSafeInteger(number))) return number;
  if (text === 'true') return true;
  if (text === 'false') return false;
  return text;
}

/** Knots (what Traccar Client and OsmAnd send as `speed`) to km/h, rounded to the metre per hour. */
export function knotsToKmh(knots: number): number {
  return Math.round(knots * 1852) / 1000;
}

/** Metres per second (the JSON form's `coords.speed`) to km/h, rounded to the metre per hour. */
export function metresPerSecondToKmh(mps: number): number {
  return Math.round(mps * 3600) / 1000;
}
