import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { ringContains } from '../../../src/reference/geo.js';
import { countryAt } from '../../../src/telemetry/geo/country-index.js';

/** City centres (GeoNames), well inside their countries at 1:50m. */
const CITIES = [
  ['Almaty', 76.929, 43.257, 'KZ'],
  ['Astana', 71.446, 51.181, 'KZ'],
  ['Bishkek', 74.59, 42.87, 'KG'],
  ['Dushanbe', 68.78, 38.56, 'TJ'],
  ['Ashgabat', 58.383, 37.95, 'TM'],
  ['Tashkent', 69.216, 41.265, 'UZ'],
  ['Baku', 49.867, 40.409, 'AZ'],
  ['Ürümqi', 87.6, 43.8, 'CN'],
  ['Kashgar', 75.99, 39.47, 'CN'],
  ['Kabul', 69.17, 34.53, 'AF'],
  ['Tbilisi', 44.79, 41.72, 'GE'],
  ['Ankara', 32.85, 39.93, 'TR'],
  ['Tehran', 51.39, 35.69, 'IR'],
  ['Moscow', 37.62, 55.75, 'RU'],
  ['Islamabad', 73.05, 33.69, 'PK'],
] as const;

describe('countryAt', () => {
  it('finds the member states, China and the corridor neighbours at their capitals and cities', () => {
    for (const [name, lon, lat, country] of CITIES) expect(countryAt(lon, lat), name).toBe(country);
  });

  it('answers the same on a second look, from the grid cache', () => {
    for (const [name, lon, lat, country] of CITIES) expect(countryAt(lon + 0.001, lat + 0.001), name).toBe(country);
  });

  it('is undefined at sea, outside the reference countries, and for impossible coordinates', () => {
    expect(countryAt(50.5, 41.5)).toBeUndefined(); // the middle of the Caspian
    expect(countryAt(51.0, 40.0)).toBeUndefined(); // the Caspian east of Baku
    expect(countryAt(2.35, 48.86)).toBeUndefined(); // Paris
    expect(countryAt(103.8, 47.9)).toBeUndefined(); // Mongolia
    expect(countryAt(Number.NaN, 40)).toBeUndefined();
    expect(countryAt(70, 91)).toBeUndefined();
    expect(countryAt(181, 40)).toBeUndefined();
  });

  it('tells both sides of a border apart a few km from it, in cells the border runs through', () => {
    // Khorgos: the KZ–CN border runs north–south along the Khorgos river at about 80.25–80.3°E.
    expect(countryAt(80.15, 44.2)).toBe('KZ');
    expect(countryAt(80.45, 44.15)).toBe('CN');
    // Both sides of the Syr Darya valley border near Tashkent (UZ) and Saryagash (KZ).
    expect(countryAt(69.1, 41.3)).toBe('UZ');
    expect(countryAt(69.15, 41.55)).toBe('KZ');
    // Across the UZ–TJ border at Oybek, west of Khujand.
    expect(countryAt(69.05, 40.62)).toBe('UZ');
    expect(countryAt(69.35, 40.28)).toBe('TJ');
  });

  it('agrees with a plain point-in-polygon test over the whole Fergana valley, first from the borders, then from the grid', () => {
    const require = createRequire(import.meta.url);
    const topology = JSON.parse(fs.readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8')) as Topology<{ countries: GeometryCollection }>;
    const numeric: Record<string, string> = { '417': 'KG', '762': 'TJ', '860': 'UZ', '398': 'KZ' };
    const shapes = topology.objects.countries.geometries.filter((g) => numeric[String(g.id)]).map((g) => {
      const shape = (feature(topology, g) as Feature<Polygon | MultiPolygon>).geometry;
      return { country: numeric[String(g.id)]!, polygons: (shape.type === 'Polygon' ? [shape.coordinates] : shape.coordinates) as [number, number][][][] };
    });
    const expected = (lon: number, lat: number) => shapes.find((s) => s.polygons.some(([outer, ...holes]) => ringContains(outer!, lon, lat) && !holes.some((h) => ringContains(h, lon, lat))))?.country;
    // A step that is not a divisor of the 0.1° cell, so points fall all over the cells.
    const points: [number, number][] = [];
    for (let lon = 69.5; lon < 73.5; lon += 0.0173) for (let lat = 39.3; lat < 41.7; lat += 0.0173) points.push([lon, lat]);
    const truth = points.map(([lon, lat]) => expected(lon, lat));
    expect(new Set(truth)).toEqual(new Set(['KG', 'TJ', 'UZ', 'KZ']));
    for (const pass of ['first', 'second']) {
      const wrong = points.filter(([lon, lat], i) => countryAt(lon, lat) !== truth[i]);
      expect(wrong, `${pass} pass`).toEqual([]);
    }
  });

  it('knows the enclaves: the Fergana valley\'s Uzbek Sokh inside Kyrgyzstan', () => {
    expect(countryAt(71.11, 39.96)).toBe('UZ'); // Sokh
    expect(countryAt(71.3, 39.8)).toBe('KG'); // south of it, in Batken region
  });
});
