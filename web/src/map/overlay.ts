/**
 * What the map draws over the base map, from the reference data and the page's stops: the
 * corridor's route line, the track the goods travelled, its stops by state, the other crossings and
 * ports faintly, and where the goods are when they are between places. Plain data, so that the list beside the map and the map
 * itself show the same stops.
 */
import type { MapStop } from './CorridorMap';
import { nameIn } from '../reference/names';
import type { ReferenceCorridor, ReferenceLocation } from '../reference/reference-data';

export type LonLat = readonly [number, number];
export type StopState = MapStop['state'];

export interface OverlayStop {
  readonly locationId: string;
  readonly name: string;
  readonly state: StopState;
  readonly at: LonLat;
}

export interface MapOverlay {
  /** The corridor's route, one line per leg. */
  readonly route: readonly (readonly LonLat[])[];
  /** Where the goods have travelled, one line per device that reported; empty when none did. */
  readonly track: readonly (readonly LonLat[])[];
  /** The stops to mark, in order, with names in the page's language. */
  readonly stops: readonly OverlayStop[];
  /** The other border crossings and ports, drawn faintly for orientation. */
  readonly landmarks: readonly LonLat[];
  /** The goods' last known position between places. */
  readonly position?: LonLat;
}

/** Kinds of place drawn faintly when they are not stops of this map. */
const LANDMARK_KINDS: ReadonlySet<ReferenceLocation['kind']> = new Set(['border-crossing', 'port']);

export function buildOverlay(input: {
  locations: readonly ReferenceLocation[];
  corridor?: ReferenceCorridor;
  stops: readonly MapStop[];
  position?: { lat: number; lon: number };
  track?: readonly (readonly LonLat[])[];
  language: string;
}): MapOverlay {
  const byId = new Map(input.locations.map((location) => [location.id, location]));
  const stops: OverlayStop[] = [];
  for (const stop of input.stops) {
    const location = byId.get(stop.locationId);
    // A stop the reference data does not know cannot be placed; the page lists it by its own words.
    if (!location) continue;
    stops.push({ locationId: stop.locationId, name: stop.name ?? nameIn(location.names, input.language), state: stop.state, at: toLonLat(location.position) });
  }
  const marked = new Set(stops.map((stop) => stop.locationId));
  return {
    route: input.corridor?.legs.map((leg) => leg.route.map(toLonLat)) ?? [],
    track: input.track ?? [],
    stops,
    landmarks: input.locations.filter((l) => LANDMARK_KINDS.has(l.kind) && !marked.has(l.id)).map((l) => toLonLat(l.position)),
    ...(input.position ? { position: [input.position.lon, input.position.lat] as const } : {}),
  };
}

const toLonLat = (position: readonly number[]): LonLat => [position[0]!, position[1]!];

/** The box that holds the route, the track, the stops and the position; undefined when there is nothing to show. */
export function overlayBounds(overlay: MapOverlay): [LonLat, LonLat] | undefined {
  const points = [...overlay.route.flat(), ...overlay.track.flat(), ...overlay.stops.map((stop) => stop.at), ...(overlay.position ? [overlay.position] : [])];
  if (points.length === 0) return undefined;
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  return [
    [Math.min(...lons), Math.min(...lats)],
    [Math.max(...lons), Math.max(...lats)],
  ];
}
