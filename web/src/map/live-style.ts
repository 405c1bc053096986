/**
 * The live map's style: the offline base map and the units, clustered by MapLibre's own GeoJSON
 * clustering when zoomed out. A unit is a dot in its status group's colour, ringed in red when its
 * seal reports a problem; a cluster is a larger dark dot, its size growing with its count (the count
 * itself is an HTML label, live-engine.ts: the style has no glyphs). The legend beside the map says
 * all of this in words, and the panel of a unit names its status.
 */
import type { FeatureCollection, Point } from 'geojson';
import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl';
import type baseMap from 'virtual:karvon-base-map';
import type { StatusGroup, UnitProperties } from './live-units';
import { baseLayers } from './style';

/** The groups' colours: the hues of the status badges (shipments.css), strong enough for a dot on land; map.css repeats them for the legend. */
export const STATUS_GROUP_COLOURS: Readonly<Record<StatusGroup, string>> = {
  moving: '#0b5cad',
  waiting: '#b45309',
  stopped: '#b91c1c',
  arrived: '#15803d',
  idle: '#6b7280',
};

export const LIVE_COLOURS = { cluster: '#1f3d5c', alarm: '#dc2626', selected: '#111827', halo: '#ffffff' } as const;

/** Beyond this zoom every unit stands on its own. */
export const CLUSTER_MAX_ZOOM = 7;

const groupColour: ExpressionSpecification = ['match', ['get', 'group'], ...Object.entries(STATUS_GROUP_COLOURS).flat(), STATUS_GROUP_COLOURS.idle] as unknown as ExpressionSpecification;
const isCluster: ExpressionSpecification = ['has', 'point_count'];
const isUnit: ExpressionSpecification = ['!', ['has', 'point_count']];

export function liveMapStyle(base: typeof baseMap, units: FeatureCollection<Point, UnitProperties>): StyleSpecification {
  return {
    version: 8,
    sources: {
      base: { type: 'geojson', data: base },
      units: {
        type: 'geojson',
        data: units,
        cluster: true,
        clusterRadius: 40,
        clusterMaxZoom: CLUSTER_MAX_ZOOM,
        // How many units of a cluster report a seal alarm: its ring turns red.
        clusterProperties: { alarms: ['+', ['get', 'alarm']] },
      },
    },
    layers: [
      ...baseLayers(),
      {
        id: 'clusters',
        type: 'circle',
        source: 'units',
        filter: isCluster,
        paint: {
          'circle-color': LIVE_COLOURS.cluster,
          'circle-radius': ['step', ['get', 'point_count'], 13, 10, 16, 100, 21, 1000, 26],
          'circle-stroke-color': ['case', ['>', ['get', 'alarms'], 0], LIVE_COLOURS.alarm, LIVE_COLOURS.halo],
          'circle-stroke-width': ['case', ['>', ['get', 'alarms'], 0], 3, 2],
        },
      },
      {
        id: 'units',
        type: 'circle',
        source: 'units',
        filter: isUnit,
        paint: {
          'circle-color': groupColour,
          'circle-radius': 6,
          'circle-stroke-color': ['case', ['==', ['get', 'alarm'], 1], LIVE_COLOURS.alarm, LIVE_COLOURS.halo],
          'circle-stroke-width': ['case', ['==', ['get', 'alarm'], 1], 3, 1.5],
        },
      },
      // The unit whose panel is open: a dark ring around it (its filter is set when one is selected).
      {
        id: 'selected',
        type: 'circle',
        source: 'units',
        filter: ['==', ['get', 'deviceId'], ''],
        paint: { 'circle-radius': 11, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': LIVE_COLOURS.selected, 'circle-stroke-width': 2.5 },
      },
    ],
  };
}
