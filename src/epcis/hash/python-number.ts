/**
 * Number canonicalisation as the CBV 2.0 hash reference does it in Python: any value that float()
 * accepts is rewritten, integral values as exact integers (`26.0`→`26`, `007`→`7`, `1e3`→`1000`),
 * others as Python's repr of the double (`0.00001`→`1e-05`).
 */

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * The text of a decimal literal Python's float() would accept (sign, digits with single underscores
 * between digits, optional fraction and exponent), with underscores removed; null when not one.
 */
function decimalLiteral(s: string): string | null {
  let i = 0;
  const n = s.length;
  let out = '';
  const c0 = s.charCodeAt(0);
  if (c0 === 43 || c0 === 45) {
    out += s[0];
    i++;
  }
  // Digits with optional single underscores between them; returns count of digits read.
  const digits = (): number => {
    let count = 0;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (isDigit(c)) {
        out += s[i];
        count++;
        i++;
      } else if (c === 95 && count > 0 && i + 1 < n && isDigit(s.charCodeAt(i + 1))) {
        i++;
      } else break;
    }
    return count;
  };
  const intDigits = digits();
  let fracDigits = 0;
  if (i < n && s.charCodeAt(i) === 46) {
    out += '.';
    i++;
    fracDigits = digits();
  }
  if (intDigits + fracDigits === 0) return null;
  if (i < n && (s.charCodeAt(i) === 101 || s.charCodeAt(i) === 69)) {
    out += 'e';
    i++;
    const c = s.charCodeAt(i);
    if (c === 43 || c === 45) {
      out += s[i];
      i++;
    }
    if (digits() === 0) return null;
  }
  return i === n ? out : null;
}

/** Python repr() of a finite, non-integral double. */
function pythonFloatRepr(x: number): string {
  const abs = Math.abs(x);
  // Python switches to exponent notation below 1e-4 (and at 1e16, where every double is integral).
  if (abs >= 1e-4) return String(x);
  const [mantissa, exp] = x.toExponential().split('e');
  const sign = exp[0] === '-' ? '-' : '+';
  const digits = exp.slice(1);
  return `${mantissa}e${sign}${digits.length < 2 ? '0' + digits : digits}`;
}

/** The canonical text of a numeric value, or null when the text is not a number to Python's float(). */
export function canonicalNumber(text: string): string | null {
  const c = text.charCodeAt(0);
  // Fast reject: every number starts with a digit, a sign or a dot.
  if (!(isDigit(c) || c === 43 || c === 45 || c === 46)) return null;
  const literal = decimalLiteral(text);
  if (literal === null) return null;
  const x = Number(literal);
  // float('1e999') is inf, whose int() the reference cannot take: keep such values as written.
  if (!Number.isFinite(x)) return null;
  if (Number.isInteger(x)) return BigInt(x).toString();
  return pythonFloatRepr(x);
}
