/**
 * The map's style, built in code: the offline base map (water as the background, land, country
 * borders, coastlines) and the overlay (route, the travelled track, faint landmarks, stops by
 * state). No glyphs and no sprite: labels are HTML (the browser shapes Arabic), symbols are
 * circles, so nothing is fetched.
 *
 * Stops differ by shape, not colour alone: a passed stop is a small filled dot, the current place a
 * large dot inside a ring, a stop still to come a hollow circle (the legend beside the map says so
 * in words).
 */
import type { FeatureCollection, Geometry } from 'geojson';
import type { StyleSpecification } from 'maplibre-gl';
import type baseMap from 'virtual:karvon-base-map';
import type { MapOverlay } from './overlay';

/** The colours of the map; the legend's CSS (map.css) uses the same. */
export const MAP_COLOURS = {
  water: '#cfe2ee',
  land: '#f5f2ea',
  border: '#8c7f6e',
  coast: '#6d8ea3',
  route: '#0b5cad',
  routeCasing: '#ffffff',
  track: '#6d28d9',
  landmark: '#6b7280',
  passed: '#0b5cad',
  current: '#c2410c',
  next: '#0b5cad',
} as const;

/** Roles of the overlay's features; each has its layer. */
type OverlayRole = 'route' | 'track' | 'landmark' | 'passed' | 'current' | 'next' | 'position';

export function overlayData(overlay: MapOverlay): FeatureCollection<Geometry, { role: OverlayRole }> {
  const point = (role: OverlayRole, at: readonly [number, number]) => ({ type: 'Feature' as const, properties: { role }, geometry: { type: 'Point' as const, coordinates: [...at] } });
  return {
    type: 'FeatureCollection',
    features: [
      ...(overlay.route.length > 0
        ? [{ type: 'Feature' as const, properties: { role: 'route' as const }, geometry: { type: 'MultiLineString' as const, coordinates: overlay.route.map((line) => line.map((p) => [...p])) } }]
        : []),
      ...(overlay.track.length > 0
        ? [{ type: 'Feature' as const, properties: { role: 'track' as const }, geometry: { type: 'MultiLineString' as const, coordinates: overlay.track.map((line) => line.map((p) => [...p])) } }]
        : []),
      ...overlay.landmarks.map((at) => point('landmark', at)),
      ...overlay.stops.map((stop) => point(stop.state, stop.at)),
      ...(overlay.position ? [point('position', overlay.position)] : []),
    ],
  };
}

const has = (role: OverlayRole) => ['==', ['get', 'role'], role] as ['==', ['get', string], string];
const kind = (name: 'land' | 'border' | 'coast') => ['==', ['get', 'kind'], name] as ['==', ['get', string], string];

/** The base map's layers (water, land, coastlines, borders), under every map's own. */
export function baseLayers(): StyleSpecification['layers'] {
  const c = MAP_COLOURS;
  return [
    { id: 'water', type: 'background', paint: { 'background-color': c.water } },
    { id: 'land', type: 'fill', source: 'base', filter: kind('land'), paint: { 'fill-color': c.land } },
    { id: 'coast', type: 'line', source: 'base', filter: kind('coast'), paint: { 'line-color': c.coast, 'line-width': 1 } },
    { id: 'border', type: 'line', source: 'base', filter: kind('border'), paint: { 'line-color': c.border, 'line-width': 1, 'line-dasharray': [3, 2] } },
  ];
}

export function mapStyle(base: typeof baseMap, overlay: MapOverlay): StyleSpecification {
  const c = MAP_COLOURS;
  return {
    version: 8,
    sources: {
      base: { type: 'geojson', data: base },
      overlay: { type: 'geojson', data: overlayData(overlay) },
    },
    layers: [
      ...baseLayers(),
      { id: 'route-casing', type: 'line', source: 'overlay', filter: has('route'), layout: { 'line-join': 'round', 'line-cap': 'round' }, paint: { 'line-color': c.routeCasing, 'line-width': 6 } },
      { id: 'route', type: 'line', source: 'overlay', filter: has('route'), layout: { 'line-join': 'round', 'line-cap': 'round' }, paint: { 'line-color': c.route, 'line-width': 3 } },
      // The travelled track over the planned route, dashed so that both read where they run together.
      { id: 'track', type: 'line', source: 'overlay', filter: has('track'), layout: { 'line-join': 'round', 'line-cap': 'round' }, paint: { 'line-color': c.track, 'line-width': 3, 'line-dasharray': [2, 1.5] } },
      { id: 'landmarks', type: 'circle', source: 'overlay', filter: has('landmark'), paint: { 'circle-radius': 3, 'circle-color': c.landmark, 'circle-opacity': 0.45 } },
      { id: 'passed', type: 'circle', source: 'overlay', filter: has('passed'), paint: { 'circle-radius': 5, 'circle-color': c.passed, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5 } },
      { id: 'next', type: 'circle', source: 'overlay', filter: has('next'), paint: { 'circle-radius': 6, 'circle-color': '#ffffff', 'circle-stroke-color': c.next, 'circle-stroke-width': 2.5 } },
      // The current place (or position between places): a large dot inside a ring.
      { id: 'current-ring', type: 'circle', source: 'overlay', filter: ['any', has('current'), has('position')], paint: { 'circle-radius': 13, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': c.current, 'circle-stroke-width': 2.5 } },
      { id: 'current', type: 'circle', source: 'overlay', filter: ['any', has('current'), has('position')], paint: { 'circle-radius': 7, 'circle-color': c.current, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 } },
    ],
  };
}
