// How far a unit is from its corridor's route line, for the pipeline's route check. A corridor's
// legs' routes are joined into one polyline, prepared once per corridor on first use.
import { corridorById, type LonLat } from '../../reference/index.js';
import { distanceToPreparedM, preparePolyline, type PreparedPolyline } from './distance.js';

const prepared = new Map<string, PreparedPolyline>();

function corridorLine(corridorId: string): PreparedPolyline | undefined {
  const cached = prepared.get(corridorId);
  if (cached) return cached;
  const corridor = corridorById(corridorId);
  if (!corridor) return undefined;
  // Consecutive legs share their end points; repeating one only adds a zero-length segment.
  const line: LonLat[] = corridor.legs.flatMap((leg) => leg.route);
  const polyline = preparePolyline(line);
  prepared.set(corridorId, polyline);
  return polyline;
}

/** Metres from a point to the corridor's route line; undefined for an unknown corridor. */
export function distanceFromCorridorM(corridorId: string, lon: number, lat: number): number | undefined {
  const line = corridorLine(corridorId);
  return line && distanceToPreparedM(line, lon, lat);
}
