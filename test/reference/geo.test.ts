import { describe, it, expect } from 'vitest';
import { distanceKm, distanceToLineKm, geofenceContains, lineLengthKm, locationById } from '../../src/reference/index.js';
import type { Geofence, LonLat } from '../../src/reference/index.js';

// One degree of a great circle on a sphere of the mean Earth radius (6371.0088 km).
const DEGREE_KM = (2 * Math.PI * 6371.0088) / 360;

describe('distanceKm', () => {
  it('measures a degree along a meridian and along the equator', () => {
    expect(distanceKm([0, 0], [0, 1])).toBeCloseTo(DEGREE_KM, 6);
    expect(distanceKm([10, 0], [11, 0])).toBeCloseTo(DEGREE_KM, 6);
    expect(distanceKm([70, 60], [71, 60])).toBeCloseTo(DEGREE_KM * 0.5, 0);
  });

  it('is zero for the same point, symmetric, and accepts locations', () => {
    expect(distanceKm([69.2, 41.3], [69.2, 41.3])).toBe(0);
    const almaty = locationById('almaty')!;
    const tashkent = locationById('tashkent')!;
    expect(distanceKm(almaty, tashkent)).toBeCloseTo(distanceKm(tashkent, almaty), 9);
    // Almaty–Tashkent great-circle distance is about 680 km.
    expect(distanceKm(almaty, tashkent)).toBeGreaterThan(650);
    expect(distanceKm(almaty, tashkent)).toBeLessThan(700);
  });

  it('handles antipodes without NaN', () => {
    expect(distanceKm([0, 0], [180, 0])).toBeCloseTo(DEGREE_KM * 180, 3);
  });
});

describe('lineLengthKm / distanceToLineKm', () => {
  const line: LonLat[] = [[0, 0], [1, 0], [2, 0]];

  it('adds up segment lengths', () => {
    expect(lineLengthKm(line)).toBeCloseTo(2 * DEGREE_KM, 6);
    expect(lineLengthKm([[5, 5]])).toBe(0);
  });

  it('measures the perpendicular distance to the nearest segment, and the distance to an end beyond it', () => {
    expect(distanceToLineKm(line, 1.5, 0)).toBeCloseTo(0, 6);
    expect(distanceToLineKm(line, 1.5, 0.5)).toBeCloseTo(DEGREE_KM / 2, 0);
    expect(distanceToLineKm(line, 3, 0)).toBeCloseTo(DEGREE_KM, 0);
    expect(distanceToLineKm([], 0, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(distanceToLineKm([[0, 0]], 0, 1)).toBeCloseTo(DEGREE_KM, 6);
  });
});

describe('geofenceContains', () => {
  it('tests a circle by great-circle distance from its centre', () => {
    const fence: Geofence = { kind: 'circle', center: [69.17, 41.45], radiusM: 10_000 };
    expect(geofenceContains(fence, 69.17, 41.45)).toBe(true);
    expect(geofenceContains(fence, 69.17, 41.45 + 9 / DEGREE_KM)).toBe(true);
    expect(geofenceContains(fence, 69.17, 41.45 + 11 / DEGREE_KM)).toBe(false);
  });

  it('tests a polygon, including a concave one', () => {
    // An L-shaped yard: the notch at the top right is outside.
    const fence: Geofence = { kind: 'polygon', ring: [[0, 0], [2, 0], [2, 1], [1, 1], [1, 2], [0, 2]] };
    expect(geofenceContains(fence, 0.5, 0.5)).toBe(true);
    expect(geofenceContains(fence, 0.5, 1.5)).toBe(true);
    expect(geofenceContains(fence, 1.5, 0.5)).toBe(true);
    expect(geofenceContains(fence, 1.5, 1.5)).toBe(false);
    expect(geofenceContains(fence, -0.1, 0.5)).toBe(false);
  });

  it('accepts a location and rejects non-finite coordinates', () => {
    const khorgos = locationById('khorgos')!;
    expect(geofenceContains(khorgos, khorgos.position[0], khorgos.position[1])).toBe(true);
    expect(geofenceContains(khorgos, 76.93, 43.26)).toBe(false);
    expect(geofenceContains(khorgos, Number.NaN, 44.2)).toBe(false);
  });
});
