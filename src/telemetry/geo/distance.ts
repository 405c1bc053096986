// Distances in metres for the telemetry pipeline, run for every reading. The haversine is the
// reference data's (same sphere, src/reference/geo.ts) written for bare points, without the
// reference's point-or-location check, since this one runs per reading. Distance to a line uses a
// local equirectangular plane per segment, good to well under 1% at 100 km at these latitudes,
// with no trigonometry per segment.
import type { LonLat } from '../../reference/index.js';

/** Mean Earth radius (IUGG), metres: the sphere src/reference/geo.ts measures on. */
export const EARTH_RADIUS_M = 6_371_008.8;
export const RAD = Math.PI / 180;

/** Great-circle (haversine) distance in metres. */
export function haversineM(a: LonLat, b: LonLat): number {
  const sinHalfDLat = Math.sin((b[1] - a[1]) * RAD * 0.5);
  const sinHalfDLon = Math.sin((b[0] - a[0]) * RAD * 0.5);
  const h = sinHalfDLat * sinHalfDLat + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * sinHalfDLon * sinHalfDLon;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * A polyline prepared for repeated distance queries: its vertices as one flat array
 * [lon0, lat0, lon1, lat1, ...] and each segment's bounding box in degrees, so a query skips the
 * segments that cannot be nearer than the best one found so far.
 */
export interface PreparedPolyline {
  readonly coords: Float64Array;
  /** minLon, minLat, maxLon, maxLat per segment. */
  readonly boxes: Float64Array;
}

export function preparePolyline(line: readonly LonLat[]): PreparedPolyline {
  const coords = new Float64Array(line.length * 2);
  line.forEach(([lon, lat], i) => {
    coords[2 * i] = lon;
    coords[2 * i + 1] = lat;
  });
  const segments = Math.max(0, line.length - 1);
  const boxes = new Float64Array(segments * 4);
  for (let s = 0; s < segments; s++) {
    const [lon0, lat0, lon1, lat1] = [coords[2 * s]!, coords[2 * s + 1]!, coords[2 * s + 2]!, coords[2 * s + 3]!];
    boxes.set([Math.min(lon0, lon1), Math.min(lat0, lat1), Math.max(lon0, lon1), Math.max(lat0, lat1)], 4 * s);
  }
  return { coords, boxes };
}

/** Squared distance from a point to segment `s`'s box, on the plane with longitudes scaled by √k2. */
function boxDistance2(boxes: Float64Array, s: number, lon: number, lat: number, k2: number): number {
  const bx = lon < boxes[4 * s]! ? boxes[4 * s]! - lon : lon > boxes[4 * s + 2]! ? lon - boxes[4 * s + 2]! : 0;
  const by = lat < boxes[4 * s + 1]! ? boxes[4 * s + 1]! - lat : lat > boxes[4 * s + 3]! ? lat - boxes[4 * s + 3]! : 0;
  return bx * bx * k2 + by * by;
}

/**
 * Shortest distance in metres from a point to a prepared polyline (Infinity for an empty one).
 * The nearest point is found on a plane scaled by the cosine of the point's latitude; the distance
 * to it is then measured by haversine, so the error is only in which foot is chosen (second order).
 */
export function distanceToPreparedM(line: PreparedPolyline, lon: number, lat: number): number {
  const { coords, boxes } = line;
  if (coords.length === 0) return Number.POSITIVE_INFINITY;
  if (coords.length === 2) return haversineM([coords[0]!, coords[1]!], [lon, lat]);
  const k = Math.cos(lat * RAD);
  const k2 = k * k;
  const segments = boxes.length / 4;
  // A box's distance is a lower bound of its segment's. Measuring the segment with the nearest box
  // first gives a bound that lets the loop below skip most of the others.
  let nearestBox = 0;
  let nearestBoxD2 = Number.POSITIVE_INFINITY;
  for (let s = 0; s < segments; s++) {
    const d2 = boxDistance2(boxes, s, lon, lat, k2);
    if (d2 < nearestBoxD2) {
      nearestBox = s;
      nearestBoxD2 = d2;
    }
  }
  let best = Number.POSITIVE_INFINITY; // squared, in degrees of latitude on the scaled plane
  let footLon = coords[0]!;
  let footLat = coords[1]!;
  for (let i = 0; i <= segments; i++) {
    const s = i === 0 ? nearestBox : i - 1;
    if ((i > 0 && s === nearestBox) || boxDistance2(boxes, s, lon, lat, k2) >= best) continue;
    const ax = coords[2 * s]!, ay = coords[2 * s + 1]!;
    const dx = (coords[2 * s + 2]! - ax) * k, dy = coords[2 * s + 3]! - ay;
    const px = (lon - ax) * k, py = lat - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, (px * dx + py * dy) / len2));
    const ex = px - t * dx, ey = py - t * dy;
    const d2 = ex * ex + ey * ey;
    if (d2 < best) {
      best = d2;
      footLon = ax + (coords[2 * s + 2]! - ax) * t;
      footLat = ay + dy * t;
    }
  }
  return haversineM([footLon, footLat], [lon, lat]);
}

/** Shortest distance in metres from a point to a polyline (e.g. a leg's route); Infinity for an empty line. */
export function distanceToPolylineM(point: LonLat, line: readonly LonLat[]): number {
  return distanceToPreparedM(preparePolyline(line), point[0], point[1]);
}
