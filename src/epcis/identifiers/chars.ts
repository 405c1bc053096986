// Character classes of the EPC Tag Data Standard (URI form) and of GS1 Digital Link path values.

/** Length of one character of an EPC URI component at position i (3 for a %-escape, 1 otherwise), or 0 when not allowed. */
function epcCharLength(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 37 /* % */) {
    // Only escapes of GS1 AI encodable set 82 characters that the URI form must escape.
    if (i + 2 >= s.length) return 0;
    const h = s.charCodeAt(i + 1);
    const l = String.fromCharCode(s.charCodeAt(i + 2)).toUpperCase();
    switch (h) {
      case 50: return '125679ABCDEF'.includes(l) ? 3 : 0; // %2x
      case 51: return '0123456789ABCDEF'.includes(l) ? 3 : 0; // %3x
      case 52: return '123456789ABCDEF'.includes(l) ? 3 : 0; // %4x
      case 53: return '0123456789AF'.includes(l) ? 3 : 0; // %5x
      case 54: return '123456789ABCDEF'.includes(l) ? 3 : 0; // %6x
      case 55: return '0123456789A'.includes(l) ? 3 : 0; // %7x
      default: return 0;
    }
  }
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return 1;
  // ! ' ( ) * + , - . : ; = _
  return c === 33 || (c >= 39 && c <= 46) || c === 58 || c === 59 || c === 61 || c === 95 ? 1 : 0;
}

/** Whether s (from index `from`) is 1..max characters of the EPC URI character set (escapes count as one). */
export function isEpcChars(s: string, max: number, from = 0): boolean {
  let count = 0;
  let i = from;
  while (i < s.length) {
    const len = epcCharLength(s, i);
    if (len === 0) return false;
    i += len;
    count++;
  }
  return count >= 1 && count <= max;
}

/** Whether s is 1..max characters of the CPI component set: 0-9 A-Z - and the escapes %23 %2D %2F %30-%39 %41-%5A. */
export function isCpiChars(s: string, max: number, from = 0): boolean {
  let count = 0;
  let i = from;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === 37) {
      const esc = s.slice(i + 1, i + 3).toUpperCase();
      const ok = esc === '23' || esc === '2D' || esc === '2F' || (esc >= '30' && esc <= '39' && esc.length === 2) || (esc >= '41' && esc <= '5A' && esc.length === 2);
      if (!ok) return false;
      i += 3;
    } else if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c === 45) {
      i++;
    } else {
      return false;
    }
    count++;
  }
  return count >= 1 && count <= max;
}

/** Percent-encodes the characters GS1 Digital Link requires escaped but the EPC URI form may carry raw. */
export function dlEscape(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    switch (ch) {
      case '!': out += '%21'; break;
      case '(': out += '%28'; break;
      case ')': out += '%29'; break;
      case '*': out += '%2A'; break;
      case '+': out += '%2B'; break;
      case ',': out += '%2C'; break;
      case ':': out += '%3A'; break;
      default: out += ch;
    }
  }
  return out;
}

const DL_UNESCAPE: Record<string, string> = { '21': '!', '28': '(', '29': ')', '2A': '*', '2B': '+', '2C': ',', '3A': ':' };

/** Reverses dlEscape: the escapes EPC URIs may carry raw become characters again; other escapes stay. */
export function dlUnescape(value: string): string {
  if (!value.includes('%')) return value;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '%' && i + 2 < value.length) {
      const raw = DL_UNESCAPE[value.slice(i + 1, i + 3).toUpperCase()];
      if (raw) {
        out += raw;
        i += 2;
        continue;
      }
    }
    out += value[i];
  }
  return out;
}

/**
 * Whether s[from..] is between min and max characters of the set the canonical GS1 Digital Link form
 * allows in a value: " ' - . 0-9 ; < = > ? A-Z _ a-z (no escapes, no slash).
 */
export function isDlChars(s: string, min: number, max: number, from = 0, to = s.length): boolean {
  const n = to - from;
  if (n < min || n > max) return false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    const ok =
      c === 34 || c === 39 || c === 45 || c === 46 || (c >= 48 && c <= 57) || (c >= 59 && c <= 63) ||
      (c >= 65 && c <= 90) || c === 95 || (c >= 97 && c <= 122);
    if (!ok) return false;
  }
  return true;
}
