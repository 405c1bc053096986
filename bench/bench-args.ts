/** Command-line options of the benchmarks: a bad value ends the run with a message naming it. */
export function wholeNumberOption(name: string, raw: string, min: number): number {
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(value) || value < min) {
    console.error(`--${name} must be a whole number of at least ${min}, got '${raw}'`);
    process.exit(2);
  }
  return value;
}
