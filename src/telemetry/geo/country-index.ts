// Which of the reference countries a point lies in, from Natural Earth's 1:50m borders (world-atlas),
// good to a few km. Loaded once, on first use. A grid of 0.1° cells, filled as readings arrive,
// remembers each cell that lies wholly inside one country (or wholly outside all of them), so most
// lookups are one array read; only cells a border runs through get the exact point-in-polygon test,
// on the few polygons whose boxes hold the point.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import pointInPolygon from 'point-in-polygon';
import RBush from 'rbush';
import { feature } from 'topojson-client';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { referenceData } from '../../reference/index.js';

type Ring = readonly (readonly [number, number])[];

interface CountryPolygon {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  /** Index into `Borders.codes`. */
  readonly country: number;
  readonly outer: Ring;
  readonly holes: readonly Ring[];
}

interface Borders {
  readonly codes: readonly string[];
  readonly polygons: RBush<CountryPolygon>;
  /** Every border and coast segment: a cell none of them touches lies wholly in one country or none. */
  readonly segments: RBush<Segment>;
}

interface Segment {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** Cell size in degrees: about 11 km × 8 km here, wide enough to keep the grid small, narrow enough that most cells hold no border. */
const CELL_DEG = 0.1;
/** A cell a border runs through is split into 16 × 16 finer cells (about 700 m × 500 m), filled as lazily. */
const FINE_PER_SIDE = 16;
const FINE_DEG = CELL_DEG / FINE_PER_SIDE;
const COLUMNS = Math.round(360 / CELL_DEG);
const ROWS = Math.round(180 / CELL_DEG);
// What a grid cell holds: not looked at yet, crossed by a border, outside every country, or country index + FIRST_COUNTRY.
const UNKNOWN = 0;
const MIXED = 1;
const NOWHERE = 2;
const FIRST_COUNTRY = 3;

let borders: Borders | undefined;
let grid: Uint8Array | undefined;
/** The finer cells of each cell a border runs through, by the cell's index in `grid`. */
const fineGrids = new Map<number, Uint8Array>();

function ringBox(ring: Ring) {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x, y] of ring) {
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return { minX, minY, maxX, maxY };
}

function loadBorders(): Borders {
  const require = createRequire(import.meta.url);
  const topology = JSON.parse(fs.readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8')) as Topology<{ countries: GeometryCollection }>;
  const countries = [...referenceData().countries.values()];
  const codes = countries.map((c) => c.alpha2);
  const byNumeric = new Map(countries.map((c, index) => [c.numeric, index]));
  const polygons: CountryPolygon[] = [];
  const segments: Segment[] = [];
  for (const geometry of topology.objects.countries.geometries) {
    const country = byNumeric.get(String(geometry.id));
    if (country === undefined) continue;
    // Country geometries are polygons or multipolygons, never collections.
    const shape = (feature(topology, geometry) as Feature<Polygon | MultiPolygon>).geometry;
    const parts = shape.type === 'Polygon' ? [shape.coordinates] : shape.coordinates;
    for (const [outer, ...holes] of parts as [number, number][][][]) {
      if (!outer) continue;
      polygons.push({ ...ringBox(outer), country, outer, holes });
      for (const ring of [outer, ...holes]) {
        for (let i = 1; i < ring.length; i++) {
          const [[x0, y0], [x1, y1]] = [ring[i - 1]!, ring[i]!];
          segments.push({ ...ringBox([ring[i - 1]!, ring[i]!]), x0, y0, x1, y1 });
        }
      }
    }
  }
  return { codes, polygons: new RBush<CountryPolygon>().load(polygons), segments: new RBush<Segment>().load(segments) };
}

/** The exact test: the index of the country whose polygon holds the point, or -1. */
function exactCountry(b: Borders, lon: number, lat: number): number {
  const point = [lon, lat];
  for (const polygon of b.polygons.search({ minX: lon, minY: lat, maxX: lon, maxY: lat })) {
    if (pointInPolygon(point, polygon.outer) && !polygon.holes.some((hole) => pointInPolygon(point, hole))) return polygon.country;
  }
  return -1;
}

/** Whether the segment crosses or touches the box (Liang–Barsky clipping of the segment to the box). */
function segmentTouchesBox(s: Segment, west: number, south: number, east: number, north: number): boolean {
  const dx = s.x1 - s.x0, dy = s.y1 - s.y0;
  let t0 = 0, t1 = 1;
  for (const [p, q] of [[-dx, s.x0 - west], [dx, east - s.x0], [-dy, s.y0 - south], [dy, north - s.y0]] as const) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      if (t0 > t1) return false;
    }
  }
  return true;
}

/** What a box holds: MIXED when a border segment touches it, else the one country (or none) of all its points. */
function classifyBox(b: Borders, west: number, south: number, size: number): number {
  const east = west + size, north = south + size;
  const near = b.segments.search({ minX: west, minY: south, maxX: east, maxY: north });
  if (near.some((segment) => segmentTouchesBox(segment, west, south, east, north))) return MIXED;
  // No border runs through the box, so any point of it tells the whole box's country.
  const country = exactCountry(b, west + size / 2, south + size / 2);
  return country < 0 ? NOWHERE : country + FIRST_COUNTRY;
}

function codeOf(b: Borders, held: number): string | undefined {
  return held === NOWHERE ? undefined : b.codes[held - FIRST_COUNTRY];
}

/** ISO alpha-2 code of the reference country the point lies in; undefined at sea, outside them, or for bad coordinates. */
export function countryAt(lon: number, lat: number): string | undefined {
  if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) return undefined;
  borders ??= loadBorders();
  grid ??= new Uint8Array(COLUMNS * ROWS);
  const column = Math.min(COLUMNS - 1, Math.floor((lon + 180) / CELL_DEG));
  const row = Math.min(ROWS - 1, Math.floor((lat + 90) / CELL_DEG));
  const cell = row * COLUMNS + column;
  const west = column * CELL_DEG - 180, south = row * CELL_DEG - 90;
  if (grid[cell] === UNKNOWN) grid[cell] = classifyBox(borders, west, south, CELL_DEG);
  if (grid[cell] !== MIXED) return codeOf(borders, grid[cell]!);
  // A border runs through the cell: look at its finer cells, and only in those a border runs
  // through too at the polygons themselves.
  let fine = fineGrids.get(cell);
  if (!fine) fineGrids.set(cell, (fine = new Uint8Array(FINE_PER_SIDE * FINE_PER_SIDE)));
  const fineColumn = Math.max(0, Math.min(FINE_PER_SIDE - 1, Math.floor((lon - west) / FINE_DEG)));
  const fineRow = Math.max(0, Math.min(FINE_PER_SIDE - 1, Math.floor((lat - south) / FINE_DEG)));
  const fineCell = fineRow * FINE_PER_SIDE + fineColumn;
  if (fine[fineCell] === UNKNOWN) fine[fineCell] = classifyBox(borders, west + fineColumn * FINE_DEG, south + fineRow * FINE_DEG, FINE_DEG);
  if (fine[fineCell] !== MIXED) return codeOf(borders, fine[fineCell]!);
  const country = exactCountry(borders, lon, lat);
  return country < 0 ? undefined : borders.codes[country];
}
