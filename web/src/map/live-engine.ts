/**
 * MapLibre behind the live map (loaded lazily by LiveMap.tsx, like engine.ts for the corridor map):
 * the units clustered when zoomed out, a click on a unit selects it, a click on a cluster zooms into
 * it. Cluster counts are HTML labels over the clusters in view, since the style has no glyphs.
 */
import { Marker, type GeoJSONSource, type MapGeoJSONFeature } from 'maplibre-gl';
import type { FeatureCollection, Point } from 'geojson';
import { createBaseMap, type BaseMapOptions } from './engine';
import { CLUSTER_MAX_ZOOM, liveMapStyle } from './live-style';
import type { UnitProperties } from './live-units';

export interface LiveMapViewOptions extends Omit<BaseMapOptions, 'style' | 'compact'> {
  readonly units: FeatureCollection<Point, UnitProperties>;
  /** A unit was clicked. */
  readonly onSelect: (deviceId: string) => void;
  /** Called after the map drew what it was last given (MapLibre's idle). */
  readonly onIdle: () => void;
  /** The count of a cluster in the page's language. */
  readonly formatCount: (count: number) => string;
}

export interface LiveMapView {
  /** Draws the units anew (their positions, statuses and alarms). */
  show(units: FeatureCollection<Point, UnitProperties>): void;
  /** Rings the unit (undefined: none) and, when asked, brings it into view close enough to stand alone. */
  select(deviceId: string | undefined, at?: readonly [number, number]): void;
  remove(): void;
}

export function createLiveMapView(container: HTMLElement, options: LiveMapViewOptions): LiveMapView {
  const map = createBaseMap(container, { ...options, compact: false, style: liveMapStyle(options.baseMap, options.units) });
  let loaded = false;
  let pending: FeatureCollection<Point, UnitProperties> | undefined;
  let selected: string | undefined;
  const labels = new Map<number, Marker>();

  /** One count label per cluster in view, kept while the cluster stays, removed when it goes. */
  const labelClusters = () => {
    const seen = new Set<number>();
    for (const feature of map.querySourceFeatures('units') as MapGeoJSONFeature[]) {
      const properties = feature.properties as { cluster?: boolean; cluster_id?: number; point_count?: number };
      if (!properties.cluster || properties.cluster_id === undefined || seen.has(properties.cluster_id)) continue;
      seen.add(properties.cluster_id);
      const [lon, lat] = (feature.geometry as Point).coordinates as [number, number];
      const text = options.formatCount(properties.point_count ?? 0);
      const existing = labels.get(properties.cluster_id);
      if (existing) {
        existing.setLngLat([lon, lat]);
        if (existing.getElement().textContent !== text) existing.getElement().textContent = text;
        continue;
      }
      const label = document.createElement('span');
      label.className = 'live-map-cluster-count';
      label.textContent = text;
      // The page says how many units there are and lists them; this is for the eye.
      label.setAttribute('aria-hidden', 'true');
      labels.set(properties.cluster_id, new Marker({ element: label }).setLngLat([lon, lat]).addTo(map));
    }
    for (const [id, marker] of labels) {
      if (seen.has(id)) continue;
      marker.remove();
      labels.delete(id);
    }
  };
  // Once the map has settled (after a move, a zoom or new data): clusters change only then.
  map.on('idle', () => loaded && labelClusters());

  map.on('click', 'units', (event) => {
    const deviceId = event.features?.[0]?.properties?.['deviceId'];
    if (typeof deviceId === 'string') options.onSelect(deviceId);
  });
  map.on('click', 'clusters', async (event) => {
    const feature = event.features?.[0];
    const clusterId = feature?.properties?.['cluster_id'];
    if (!feature || typeof clusterId !== 'number') return;
    const zoom = await (map.getSource('units') as GeoJSONSource).getClusterExpansionZoom(clusterId);
    map.easeTo({ center: (feature.geometry as Point).coordinates as [number, number], zoom });
  });
  for (const layer of ['units', 'clusters']) {
    map.on('mouseenter', layer, () => (map.getCanvas().style.cursor = 'pointer'));
    map.on('mouseleave', layer, () => (map.getCanvas().style.cursor = ''));
  }

  const ring = () => map.setFilter('selected', ['all', ['!', ['has', 'point_count']], ['==', ['get', 'deviceId'], selected ?? '']]);

  map.once('load', () => {
    loaded = true;
    if (pending) (map.getSource('units') as GeoJSONSource).setData(pending);
    pending = undefined;
    ring();
  });
  // Every time the map has drawn all it was given: the page tells tests (and waits) by it.
  map.on('idle', options.onIdle);

  return {
    show(units) {
      if (!loaded) {
        pending = units;
        return;
      }
      (map.getSource('units') as GeoJSONSource).setData(units);
    },
    select(deviceId, at) {
      selected = deviceId;
      if (loaded) ring();
      if (at) map.easeTo({ center: [...at], zoom: Math.max(map.getZoom(), CLUSTER_MAX_ZOOM + 1) });
    },
    remove() {
      for (const marker of labels.values()) marker.remove();
      map.remove();
    },
  };
}
