/**
 * GS1 character rules shared by the EPC URN and Digital Link checkers: the 82-character set of GS1
 * Application Identifier values (GS1 General Specifications, figure 7.11-1) and the mod-10 check digit.
 */

// 1 = in the GS1 AI encodable character set 82.
const AI_CHAR = new Uint8Array(128);
for (const c of `!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz`) {
  AI_CHAR[c.charCodeAt(0)] = 1;
}

// 1 = may appear unescaped in an EPC URN component (TDS: letters, digits and - . _ ! ' ( ) * + , : ; =).
const URN_CHAR = new Uint8Array(128);
for (const c of `ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._!'()*+,:;=`) {
  URN_CHAR[c.charCodeAt(0)] = 1;
}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/**
 * The number of characters a percent-escaped component stands for, or -1 when it holds a character
 * outside the GS1 AI set (or a broken escape). `unescapedOk` says which characters may appear as is.
 */
function escapedLength(value: string, unescapedOk: Uint8Array): number {
  let length = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 37) {
      const hi = hexValue(value.charCodeAt(i + 1));
      const lo = hexValue(value.charCodeAt(i + 2));
      if (hi < 0 || lo < 0 || AI_CHAR[hi * 16 + lo] !== 1) return -1;
      i += 2;
    } else if (c >= 128 || unescapedOk[c] !== 1) {
      return -1;
    }
    length++;
  }
  return length;
}

/** Length of an EPC URN component in GS1 AI characters (escapes count once), -1 when not allowed. */
export function urnComponentLength(value: string): number {
  return escapedLength(value, URN_CHAR);
}

/** Length of a Digital Link path segment in GS1 AI characters, -1 when it holds other characters. */
export function aiValueLength(value: string): number {
  return escapedLength(value, AI_CHAR);
}

/** Whether every character is an ASCII digit (and there is at least one). */
export function isDigits(value: string): boolean {
  if (value.length === 0) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Whether the last digit is the GS1 mod-10 check digit of the ones before it. */
export function hasValidCheckDigit(digits: string): boolean {
  let sum = 0;
  const last = digits.length - 1;
  for (let i = 0; i < last; i++) {
    const d = digits.charCodeAt(i) - 48;
    // Weights 3,1,3,1... counted from the digit next to the check digit.
    sum += (last - i) % 2 === 1 ? d * 3 : d;
  }
  return (10 - (sum % 10)) % 10 === digits.charCodeAt(last) - 48;
}
