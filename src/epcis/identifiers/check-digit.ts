/** GS1 mod-10 check digit (GTIN, GLN, SSCC, GSIN, GSRN, GDTI, GRAI, ...) of a string of digits without its check digit. */
export function gs1CheckDigit(digits: string): number {
  let sum = 0;
  // Weights alternate 3,1,3,... starting from the rightmost digit.
  let weight = 3;
  for (let i = digits.length - 1; i >= 0; i--) {
    const d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) throw new RangeError(`gs1CheckDigit: '${digits}' is not a string of digits`);
    sum += d * weight;
    weight = 4 - weight;
  }
  return (10 - (sum % 10)) % 10;
}

/** Whether a string is non-empty and made of ASCII digits only. */
export function isDigits(value: string, from = 0, to = value.length): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
