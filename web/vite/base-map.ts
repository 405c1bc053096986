/**
 * The offline base map of the corridor map, built when Vite builds the app: land, country borders
 * and coastlines of Natural Earth (world-atlas, 1:50m) clipped to the corridors' region and turned
 * from TopoJSON into one GeoJSON collection. The app imports it as the virtual module
 * `virtual:karvon-base-map` (its own lazily loaded chunk, fetched with the map), so a laptop at a
 * border post draws the map without any tile server or internet.
 *
 * The Caspian Sea, the Black Sea and the Gulf are holes in Natural Earth's land: the map's water
 * colour (its background) shows through them.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { feature, mesh } from 'topojson-client';
import type { Plugin } from 'vite';
import type { GeometryCollection, Topology } from 'topojson-specification';

/** The region drawn: Turkey's east to China's east coast, the Gulf to Siberia's south. */
export interface Bounds {
  readonly west: number;
  readonly south: number;
  readonly east: number;
  readonly north: number;
}
export const BASE_MAP_BOUNDS: Bounds = { west: 25, south: 15, east: 125, north: 60 };

type Position = [number, number];
type Ring = Position[];

/** What a feature of the base map is; the map draws one layer per kind. */
export type BaseMapKind = 'land' | 'border' | 'coast';

export interface BaseMapFeature {
  type: 'Feature';
  properties: { kind: BaseMapKind };
  geometry: { type: 'MultiPolygon'; coordinates: Ring[][] } | { type: 'MultiLineString'; coordinates: Position[][] };
}

export interface BaseMap {
  type: 'FeatureCollection';
  bbox: [number, number, number, number];
  features: BaseMapFeature[];
}

/** Two decimals of a degree (about a kilometre): finer than 1:50m data, and half the bytes of full precision. */
const round = (value: number) => Math.round(value * 100) / 100;

function roundLine(line: readonly Position[]): Position[] {
  const out: Position[] = [];
  for (const [lon, lat] of line) {
    const point: Position = [round(lon), round(lat)];
    const last = out[out.length - 1];
    if (!last || last[0] !== point[0] || last[1] !== point[1]) out.push(point);
  }
  return out;
}

/**
 * One ring clipped to the bounds (Sutherland–Hodgman, one edge of the rectangle after the other).
 * Parts outside become runs along the rectangle's edge, which a fill does not show.
 */
export function clipRing(ring: readonly Position[], bounds: Bounds): Ring {
  const edges: Array<{ inside: (p: Position) => boolean; cut: (a: Position, b: Position) => Position }> = [
    { inside: (p) => p[0] >= bounds.west, cut: (a, b) => atLon(a, b, bounds.west) },
    { inside: (p) => p[0] <= bounds.east, cut: (a, b) => atLon(a, b, bounds.east) },
    { inside: (p) => p[1] >= bounds.south, cut: (a, b) => atLat(a, b, bounds.south) },
    { inside: (p) => p[1] <= bounds.north, cut: (a, b) => atLat(a, b, bounds.north) },
  ];
  let points: Position[] = ring.slice(0, ring.length > 1 && samePoint(ring[0]!, ring[ring.length - 1]!) ? -1 : undefined);
  for (const edge of edges) {
    const input = points;
    points = [];
    for (let i = 0; i < input.length; i++) {
      const current = input[i]!;
      const previous = input[(i + input.length - 1) % input.length]!;
      if (edge.inside(current)) {
        if (!edge.inside(previous)) points.push(edge.cut(previous, current));
        points.push(current);
      } else if (edge.inside(previous)) {
        points.push(edge.cut(previous, current));
      }
    }
    if (points.length === 0) return [];
  }
  const rounded = roundLine(points);
  if (rounded.length < 3) return [];
  return [...rounded, rounded[0]!];
}

/** A line clipped to the bounds: the pieces inside, split where it leaves and comes back (Liang–Barsky per segment). */
export function clipLine(line: readonly Position[], bounds: Bounds): Position[][] {
  const pieces: Position[][] = [];
  let piece: Position[] = [];
  const finish = () => {
    const rounded = roundLine(piece);
    if (rounded.length >= 2) pieces.push(rounded);
    piece = [];
  };
  for (let i = 1; i < line.length; i++) {
    const segment = clipSegment(line[i - 1]!, line[i]!, bounds);
    if (!segment) {
      finish();
      continue;
    }
    const [start, end] = segment;
    const last = piece[piece.length - 1];
    if (!last || !samePoint(last, start)) {
      finish();
      piece.push(start);
    }
    piece.push(end);
    // Cut short at its end: the line leaves the bounds here.
    if (!samePoint(end, line[i]!)) finish();
  }
  finish();
  return pieces;
}

function clipSegment(a: Position, b: Position, bounds: Bounds): [Position, Position] | undefined {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  let t0 = 0;
  let t1 = 1;
  const limits: Array<[number, number]> = [
    [-dx, a[0] - bounds.west],
    [dx, bounds.east - a[0]],
    [-dy, a[1] - bounds.south],
    [dy, bounds.north - a[1]],
  ];
  for (const [p, q] of limits) {
    if (p === 0) {
      if (q < 0) return undefined;
      continue;
    }
    const t = q / p;
    if (p < 0) {
      if (t > t1) return undefined;
      t0 = Math.max(t0, t);
    } else {
      if (t < t0) return undefined;
      t1 = Math.min(t1, t);
    }
  }
  const at = (t: number): Position => (t === 0 ? a : t === 1 ? b : [a[0] + t * dx, a[1] + t * dy]);
  return [at(t0), at(t1)];
}

const samePoint = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];
const atLon = (a: Position, b: Position, lon: number): Position => [lon, a[1] + ((b[1] - a[1]) * (lon - a[0])) / (b[0] - a[0])];
const atLat = (a: Position, b: Position, lat: number): Position => [a[0] + ((b[0] - a[0]) * (lat - a[1])) / (b[1] - a[1]), lat];

function clipPolygons(polygons: readonly (readonly Position[][])[], bounds: Bounds): Ring[][] {
  const out: Ring[][] = [];
  for (const [outer, ...holes] of polygons) {
    const clipped = clipRing(outer!, bounds);
    if (clipped.length === 0) continue;
    out.push([clipped, ...holes.map((hole) => clipRing(hole, bounds)).filter((hole) => hole.length > 0)]);
  }
  return out;
}

const clipLines = (lines: readonly Position[][], bounds: Bounds) => lines.flatMap((line) => clipLine(line, bounds));

/**
 * The base map from world-atlas's countries topology: the land as one fill, the borders between
 * countries (arcs two countries share) and the coastlines (arcs of one country only, the sea's edge).
 */
export function buildBaseMap(topology: Topology, bounds: Bounds = BASE_MAP_BOUNDS): BaseMap {
  const countries = topology.objects.countries as GeometryCollection;
  const landGeometry = feature(topology, topology.objects.land as GeometryCollection).features.map((f) => f.geometry);
  const polygons = landGeometry.flatMap((g) => (g.type === 'Polygon' ? [g.coordinates as Position[][]] : g.type === 'MultiPolygon' ? (g.coordinates as Position[][][]) : []));
  const borders = mesh(topology, countries, (a, b) => a !== b).coordinates as Position[][];
  const coasts = mesh(topology, countries, (a, b) => a === b).coordinates as Position[][];
  return {
    type: 'FeatureCollection',
    bbox: [bounds.west, bounds.south, bounds.east, bounds.north],
    features: [
      { type: 'Feature', properties: { kind: 'land' }, geometry: { type: 'MultiPolygon', coordinates: clipPolygons(polygons, bounds) } },
      { type: 'Feature', properties: { kind: 'border' }, geometry: { type: 'MultiLineString', coordinates: clipLines(borders, bounds) } },
      { type: 'Feature', properties: { kind: 'coast' }, geometry: { type: 'MultiLineString', coordinates: clipLines(coasts, bounds) } },
    ],
  };
}

const MODULE_ID = 'virtual:karvon-base-map';
const RESOLVED_ID = `\0${MODULE_ID}`;

/** world-atlas's 1:50m countries, read from the installed package. */
export function readCountriesTopology(): Topology {
  const file = createRequire(import.meta.url).resolve('world-atlas/countries-50m.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Topology;
}

/**
 * The Vite plugin: `import('virtual:karvon-base-map')` gives the base map as its default export,
 * written as JSON.parse of one string literal (parsed faster than the same object as a JS literal).
 */
export function baseMapPlugin(): Plugin {
  let built: string | undefined;
  return {
    name: 'karvon-base-map',
    resolveId: (id) => (id === MODULE_ID ? RESOLVED_ID : undefined),
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      built ??= `export default JSON.parse(${JSON.stringify(JSON.stringify(buildBaseMap(readCountriesTopology())))});\n`;
      return built;
    },
  };
}
