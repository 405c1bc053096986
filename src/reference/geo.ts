import type { Geofence, LonLat } from './types.js';

/** Mean Earth radius (IUGG), km. */
const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Something with a position: a bare [lon, lat] pair or a location or waypoint. */
export type Positioned = LonLat | { readonly position: LonLat };

function lonLatOf(p: Positioned): LonLat {
  return 'position' in p ? p.position : p;
}

/** Great-circle (haversine) distance in kilometres between two points. */
export function distanceKm(a: Positioned, b: Positioned): number {
  const [lon1, lat1] = lonLatOf(a);
  const [lon2, lat2] = lonLatOf(b);
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Length in kilometres of a line through the given points. */
export function lineLengthKm(points: readonly LonLat[]): number {
  let sum = 0;
  for (let i = 1; i < points.length; i++) sum += distanceKm(points[i - 1]!, points[i]!);
  return sum;
}

/** Whether a point lies inside a polygon ring (even-odd rule on lon/lat; fine for fences a few km wide). */
export function ringContains(ring: readonly LonLat[], lon: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether a point lies inside a geofence, or inside the geofence of a location. */
export function geofenceContains(fenced: Geofence | { readonly geofence: Geofence }, lon: number, lat: number): boolean {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return false;
  const fence = 'geofence' in fenced ? fenced.geofence : fenced;
  if (fence.kind === 'circle') return distanceKm(fence.center, [lon, lat]) * 1000 <= fence.radiusM;
  return ringContains(fence.ring, lon, lat);
}

/**
 * Shortest distance in kilometres from a point to a line (e.g. a leg's route), for route-deviation
 * checks. Each segment is projected onto a local equirectangular plane, accurate to well under 1%
 * for segments of a few hundred km at these latitudes.
 */
export function distanceToLineKm(line: readonly LonLat[], lon: number, lat: number): number {
  if (line.length === 0) return Number.POSITIVE_INFINITY;
  if (line.length === 1) return distanceKm(line[0]!, [lon, lat]);
  let best = Number.POSITIVE_INFINITY;
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1]!;
    const b = line[i]!;
    const k = Math.cos(((a[1] + b[1] + 2 * lat) / 4) * RAD);
    const bx = (b[0] - a[0]) * k, by = b[1] - a[1];
    const px = (lon - a[0]) * k, py = lat - a[1];
    const len2 = bx * bx + by * by;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, (px * bx + py * by) / len2));
    const foot: LonLat = [a[0] + (b[0] - a[0]) * t, a[1] + by * t];
    best = Math.min(best, distanceKm(foot, [lon, lat]));
  }
  return best;
}
