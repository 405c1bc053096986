/**
 * Counts the elements that linear array searches (includes, indexOf, some, find...) walk over while
 * a piece of code runs: a structural test of "no quadratic scans", with no clock involved. A search
 * is charged the whole length of the array it runs on (its worst case), so a loop that searches a
 * growing list once per item shows up as n²/2 however fast the machine is.
 */
const SEARCHES = ['includes', 'indexOf', 'lastIndexOf', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex'] as const;

export async function arrayElementsScanned(body: () => Promise<void> | void): Promise<number> {
  const proto = Array.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const originals = SEARCHES.map((name) => [name, proto[name]!] as const);
  let scanned = 0;
  for (const [name, original] of originals) {
    proto[name] = function (this: unknown[], ...args: unknown[]) {
      scanned += this.length;
      return original.apply(this, args);
    };
  }
  try {
    await body();
  } finally {
    for (const [name, original] of originals) proto[name] = original;
  }
  return scanned;
}
