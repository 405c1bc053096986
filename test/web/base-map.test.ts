// The corridor map's offline base map, built from world-atlas when Vite builds the app
// (web/vite/base-map.ts): clipped to the region, small, and with the seas as water (the Caspian is a
// hole in Natural Earth's land, so the map's water shows through).
import { describe, expect, it } from 'vitest';
import { ringContains } from '../../src/reference/geo.js';
import { BASE_MAP_BOUNDS, buildBaseMap, clipLine, clipRing, readCountriesTopology } from '../../web/vite/base-map.js';

type Position = [number, number];

describe('the base map', () => {
  const map = buildBaseMap(readCountriesTopology());
  const land = map.features.find((f) => f.properties.kind === 'land')!.geometry.coordinates as Position[][][];
  const onLand = ([lon, lat]: Position) => land.some(([outer, ...holes]) => ringContains(outer!, lon, lat) && !holes.some((hole) => ringContains(hole, lon, lat)));

  it('has land, borders and coastlines, all inside the region', () => {
    expect(map.features.map((f) => f.properties.kind)).toEqual(['land', 'border', 'coast']);
    for (const feature of map.features) {
      const points = (feature.geometry.type === 'MultiPolygon' ? feature.geometry.coordinates.flat(2) : feature.geometry.coordinates.flat(1)) as Position[];
      expect(points.length, feature.properties.kind).toBeGreaterThan(1_000);
      for (const [lon, lat] of points) {
        expect(lon).toBeGreaterThanOrEqual(BASE_MAP_BOUNDS.west);
        expect(lon).toBeLessThanOrEqual(BASE_MAP_BOUNDS.east);
        expect(lat).toBeGreaterThanOrEqual(BASE_MAP_BOUNDS.south);
        expect(lat).toBeLessThanOrEqual(BASE_MAP_BOUNDS.north);
      }
    }
    expect(map.bbox).toEqual([25, 15, 125, 60]);
  });

  it('leaves the Caspian, the Black Sea and the Gulf as water, and the corridor cities on land', () => {
    for (const sea of [[51, 42], [50, 45.5], [52, 39], [34, 43], [51, 27]] as Position[]) expect(onLand(sea), String(sea)).toBe(false);
    for (const city of [[76.9, 43.25], [69.24, 41.3], [49.87, 40.41], [58.38, 37.95], [87.6, 43.8]] as Position[]) expect(onLand(city), String(city)).toBe(true);
  });

  it('stays small enough to load with the map', () => {
    expect(JSON.stringify(map).length).toBeLessThan(300_000);
  });
});

describe('clipping to the region', () => {
  const box = { west: 0, south: 0, east: 10, north: 10 } as const;

  it('cuts a ring at the edges, closed, and drops one wholly outside', () => {
    const ring = clipRing([[-5, 5], [5, -5], [15, 5], [5, 15], [-5, 5]], box);
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    for (const [x, y] of ring) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(10);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(10);
    }
    expect(ring).toContainEqual([0, 0]);
    expect(ring).toContainEqual([10, 10]);
    expect(clipRing([[20, 20], [30, 20], [30, 30], [20, 20]], box)).toEqual([]);
  });

  it('splits a line where it leaves the region and comes back', () => {
    expect(clipLine([[2, 2], [2, 20], [8, 20], [8, 2]], box)).toEqual([
      [[2, 2], [2, 10]],
      [[8, 10], [8, 2]],
    ]);
    expect(clipLine([[-5, 5], [15, 5]], box)).toEqual([[[0, 5], [10, 5]]]);
    expect(clipLine([[20, 20], [30, 30]], box)).toEqual([]);
  });
});
