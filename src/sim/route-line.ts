import { distanceKm, type LonLat } from '../reference/index.js';

/** The point a fraction (0..1) of the way along a route line, by distance; positions are rounded later. */
export function pointAlong(line: readonly LonLat[], fraction: number): LonLat {
  if (line.length === 1) return line[0]!;
  const lengths: number[] = [];
  let total = 0;
  for (let i = 1; i < line.length; i++) {
    const d = distanceKm(line[i - 1]!, line[i]!);
    lengths.push(d);
    total += d;
  }
  let left = Math.min(Math.max(fraction, 0), 1) * total;
  for (let i = 1; i < line.length; i++) {
    const d = lengths[i - 1]!;
    if (left <= d || i === line.length - 1) {
      const f = d === 0 ? 0 : Math.min(left / d, 1);
      const [lon1, lat1] = line[i - 1]!;
      const [lon2, lat2] = line[i]!;
      return [lon1 + (lon2 - lon1) * f, lat1 + (lat2 - lat1) * f];
    }
    left -= d;
  }
  return line[line.length - 1]!;
}
