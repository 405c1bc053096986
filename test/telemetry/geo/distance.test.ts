import { describe, expect, it } from 'vitest';
import { distanceKm, distanceToLineKm, locationById, referenceData, type LonLat } from '../../../src/reference/index.js';
import { distanceToPolylineM, haversineM } from '../../../src/telemetry/geo/distance.js';
import { distanceFromCorridorM } from '../../../src/telemetry/geo/route-distance.js';

/** Metres per degree of latitude on the mean sphere (6371.0088 km). */
const M_PER_DEG = 111_195.08;

/** The point `metres` from `p` on a bearing (degrees from north), by the spherical direct formula. */
function destination([lon, lat]: LonLat, bearingDeg: number, metres: number): LonLat {
  const R = 6_371_008.8, rad = Math.PI / 180, d = metres / R, b = bearingDeg * rad, φ1 = lat * rad, λ1 = lon * rad;
  const φ2 = Math.asin(Math.sin(φ1) * Math.cos(d) + Math.cos(φ1) * Math.sin(d) * Math.cos(b));
  const λ2 = λ1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(φ1), Math.cos(d) - Math.sin(φ1) * Math.sin(φ2));
  return [λ2 / rad, φ2 / rad];
}

describe('haversineM', () => {
  it('measures known distances', () => {
    expect(haversineM([0, 0], [0, 1])).toBeCloseTo(M_PER_DEG, 0);
    expect(haversineM([76.9, 43], [76.9, 44])).toBeCloseTo(M_PER_DEG, 0);
    // Along a parallel a degree shrinks with the cosine of the latitude (small-arc check, to 0.01%).
    expect(haversineM([76, 60], [76.01, 60]) / (0.01 * M_PER_DEG * 0.5)).toBeCloseTo(1, 4);
    // Khorgos (80.3, 44.2) to Almaty (76.929, 43.257): about 290 km as the crow flies (the road is about 330 km).
    const km = haversineM(locationById('khorgos')!.position, locationById('almaty')!.position) / 1000;
    expect(km).toBeGreaterThan(285);
    expect(km).toBeLessThan(295);
    expect(haversineM([69.2, 41.3], [69.2, 41.3])).toBe(0);
  });

  it('measures on the same sphere as the reference data', () => {
    const points: LonLat[] = [[80.3, 44.2], [76.929, 43.257], [49.867, 40.409], [52.97, 40.02], [69.216, 41.265], [87.6, 43.8]];
    for (const a of points) for (const b of points) expect(haversineM(a, b)).toBeCloseTo(distanceKm(a, b) * 1000, 6);
  });

  it('matches the spherical direct formula it inverts', () => {
    const from: LonLat = [69.216, 41.265];
    for (const [bearing, metres] of [[0, 1000], [45, 50_000], [135, 330_000], [270, 1_200_000]] as const) {
      expect(haversineM(from, destination(from, bearing, metres))).toBeCloseTo(metres, 3);
    }
  });
});

describe('distanceToPolylineM', () => {
  const line: LonLat[] = [[70, 40], [71, 40], [71, 41]];

  it('is zero on the line and the distance to the nearest vertex beyond its ends', () => {
    expect(distanceToPolylineM([70.5, 40], line)).toBeLessThan(0.01);
    expect(distanceToPolylineM([71, 40.5], line)).toBeLessThan(0.01);
    expect(distanceToPolylineM([69, 40], line)).toBeCloseTo(haversineM([69, 40], [70, 40]), 0);
    expect(distanceToPolylineM([71, 42], line)).toBeCloseTo(M_PER_DEG, 0);
  });

  it('measures a perpendicular offset of up to 100 km to better than 1%', () => {
    const long: LonLat[] = [[70, 40], [73, 40], [73, 43]];
    for (const km of [1, 10, 50, 100]) {
      // South and north of the first (east-west) segment, east and west of the second (north-south) one.
      for (const [from, bearing] of [[[71, 40], 180], [[71, 40], 0], [[73, 41.5], 90], [[73, 41.5], 270]] as const) {
        const ratio = distanceToPolylineM(destination(from, bearing, km * 1000), long) / (km * 1000);
        expect(ratio, `${km} km on bearing ${bearing}`).toBeGreaterThan(0.99);
        expect(ratio, `${km} km on bearing ${bearing}`).toBeLessThan(1.01);
      }
    }
  });

  it('handles empty and one-point lines', () => {
    expect(distanceToPolylineM([70, 40], [])).toBe(Number.POSITIVE_INFINITY);
    expect(distanceToPolylineM([70, 41], [[70, 40]])).toBeCloseTo(M_PER_DEG, 0);
  });

  it('agrees with the reference data\'s own line distance on every corridor route, near and far', () => {
    for (const corridor of referenceData().corridors.values()) {
      const route = corridor.legs.flatMap((l) => l.route);
      for (const [lon, lat] of [[60, 40], [75, 42], [80, 44], [52, 40.5], route[3]!, [route[2]![0] + 0.2, route[2]![1] - 0.1]]) {
        const expected = distanceToLineKm(route, lon!, lat!) * 1000;
        expect(Math.abs(distanceToPolylineM([lon!, lat!], route) - expected), `${corridor.id} at ${lon},${lat}`).toBeLessThan(Math.max(1, expected * 0.005));
      }
    }
  });
});

describe('distanceFromCorridorM', () => {
  it('is about zero on the route and about d km at d km off it, perpendicular to the longest segment', () => {
    for (const corridor of referenceData().corridors.values()) {
      const route = corridor.legs.flatMap((l) => l.route);
      let a = route[0]!, b = route[1]!;
      for (let i = 1; i < route.length; i++) {
        if (haversineM(route[i - 1]!, route[i]!) > haversineM(a, b)) [a, b] = [route[i - 1]!, route[i]!];
      }
      const middle: LonLat = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
      expect(distanceFromCorridorM(corridor.id, ...middle)!, corridor.id).toBeLessThan(50);
      // The segment's bearing on the local plane; a small offset stays nearest to this segment.
      const k = Math.cos((middle[1] * Math.PI) / 180);
      const bearing = (Math.atan2((b[0] - a[0]) * k, b[1] - a[1]) * 180) / Math.PI;
      const offsetKm = 5;
      for (const side of [90, -90]) {
        const off = distanceFromCorridorM(corridor.id, ...destination(middle, bearing + side, offsetKm * 1000))! / 1000;
        expect(off, `${corridor.id} side ${side}`).toBeGreaterThan(offsetKm * 0.99);
        expect(off, `${corridor.id} side ${side}`).toBeLessThan(offsetKm * 1.01);
      }
    }
  });

  it('is far for a point far from the corridor, and undefined for an unknown corridor', () => {
    // Bishkek is hundreds of km from the trans-Caspian route through Turkmenbashi.
    expect(distanceFromCorridorM('trans-caspian-turkmenbashi', 74.59, 42.87)!).toBeGreaterThan(300_000);
    expect(distanceFromCorridorM('no-such-corridor', 74.59, 42.87)).toBeUndefined();
  });
});
