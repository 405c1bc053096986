/**
 * MapLibre GL behind the corridor map: loaded only when a page shows a map (CorridorMap imports this
 * module lazily, and the offline base map beside it), together with MapLibre's CSS. Its worker is MapLibre's own
 * worker module, emitted by Vite as a file of the app (same origin), so the app's Content-Security-
 * Policy needs no blob: or remote source.
 */
import { LngLatBounds, Map as MapLibreMap, Marker, NavigationControl, setWorkerUrl, type GeoJSONSource, type StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type BaseMap from 'virtual:karvon-base-map';
import { overlayBounds, type MapOverlay } from './overlay';
import { mapStyle, overlayData } from './style';

setWorkerUrl(workerUrl);

export interface MapViewOptions {
  /** Land, borders and coastlines (virtual:karvon-base-map, its own chunk). */
  readonly baseMap: typeof BaseMap;
  /** The accessible name of the map's canvas. */
  readonly label: string;
  readonly dir: 'ltr' | 'rtl';
  /** MapLibre's own words (its controls' labels) in the page's language. */
  readonly strings: { readonly zoomIn: string; readonly zoomOut: string };
  readonly compact: boolean;
  readonly overlay: MapOverlay;
  /** Called when the map has drawn everything it was given (MapLibre's idle). */
  readonly onIdle: () => void;
  readonly onError: (error: unknown) => void;
}

export interface MapView {
  /** Draws another overlay; fits the view to it when asked (a new corridor or stops, not a refresh). */
  show(overlay: MapOverlay, fit: boolean): void;
  remove(): void;
}

/** The region of the member states, shown when there is nothing to fit. */
const REGION: [[number, number], [number, number]] = [
  [44, 34],
  [88, 52],
];

/**
 * Hides the names that would cover one placed before them: the current place first, then the ends
 * of the route, then the stops in order. The list beside the map still names every stop.
 */
function declutter(markers: readonly Marker[], overlay: MapOverlay | undefined): void {
  const labels = markers.map((marker) => marker.getElement());
  if (overlay) labels.forEach((label, i) => (label.dataset.rank = String(rankOf(overlay, i))));
  const placed: DOMRect[] = [];
  for (const label of [...labels].sort((a, b) => Number(a.dataset.rank) - Number(b.dataset.rank))) {
    label.style.visibility = 'visible';
    const box = label.getBoundingClientRect();
    const covers = placed.some((other) => box.left < other.right && other.left < box.right && box.top < other.bottom && other.top < box.bottom);
    if (covers) label.style.visibility = 'hidden';
    else placed.push(box);
  }
}

function rankOf(overlay: MapOverlay, index: number): number {
  const last = overlay.stops.length - 1;
  if (overlay.stops[index]!.state === 'current') return -3;
  if (index === 0) return -2;
  if (index === last) return -1;
  return index;
}

/** What every map of the app shares: the base map, its bounds, its gestures, its controls and their words. */
export interface BaseMapOptions {
  readonly baseMap: typeof BaseMap;
  readonly label: string;
  readonly dir: 'ltr' | 'rtl';
  readonly strings: { readonly zoomIn: string; readonly zoomOut: string };
  /** A small map in a page scrolls with the page: no zoom by the wheel. */
  readonly compact: boolean;
  readonly style: StyleSpecification;
  readonly onError: (error: unknown) => void;
}

/** A MapLibre map of the region over the offline base map, with the app's controls in the page's language. */
export function createBaseMap(container: HTMLElement, options: BaseMapOptions): MapLibreMap {
  const [west, south, east, north] = options.baseMap.bbox;
  const map = new MapLibreMap({
    container,
    style: options.style,
    bounds: REGION,
    maxBounds: [
      [west, south],
      [east, north],
    ],
    renderWorldCopies: false,
    attributionControl: false,
    maplibreLogo: false,
    // A flat map of the region: rotating or tilting it helps nobody here.
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    // A small map in a page scrolls with the page; it zooms with its buttons, the keyboard or a pinch.
    scrollZoom: !options.compact,
    cooperativeGestures: false,
    locale: { 'Map.Title': options.label, 'NavigationControl.ZoomIn': options.strings.zoomIn, 'NavigationControl.ZoomOut': options.strings.zoomOut },
  });
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  // The controls sit at the end of the line: top right in a left-to-right language, top left in Arabic.
  map.addControl(new NavigationControl({ showCompass: false }), options.dir === 'rtl' ? 'top-left' : 'top-right');
  map.on('error', (event) => options.onError(event.error));
  return map;
}

export function createMapView(container: HTMLElement, options: MapViewOptions): MapView {
  const map = createBaseMap(container, { ...options, style: mapStyle(options.baseMap, options.overlay) });

  let markers: Marker[] = [];
  let loaded = false;
  let pending: { overlay: MapOverlay; fit: boolean } | undefined = { overlay: options.overlay, fit: true };

  const draw = (overlay: MapOverlay, fit: boolean) => {
    (map.getSource('overlay') as GeoJSONSource | undefined)?.setData(overlayData(overlay));
    for (const marker of markers) marker.remove();
    markers = overlay.stops.map((stop) => {
      // The name beside the symbol, on the side the language reads towards.
      const label = document.createElement('span');
      label.className = `corridor-map-label corridor-map-label--${stop.state}`;
      label.textContent = stop.name;
      // The list beside the map says the same in words: the labels are for the eye.
      label.setAttribute('aria-hidden', 'true');
      const rtl = options.dir === 'rtl';
      return new Marker({ element: label, anchor: rtl ? 'right' : 'left', offset: [rtl ? -16 : 16, 0] }).setLngLat([...stop.at]).addTo(map);
    });
    const bounds = overlayBounds(overlay);
    if (fit && bounds) {
      // Room for the names, which run from the symbols towards the end of the line.
      const room = options.compact ? 40 : 60;
      const names = options.compact ? 120 : 180;
      const padding = { top: room, bottom: room, left: options.dir === 'rtl' ? names : room, right: options.dir === 'rtl' ? room : names };
      map.fitBounds(new LngLatBounds([...bounds[0]], [...bounds[1]]), { padding, maxZoom: options.compact ? 4.5 : 6, duration: 0 });
    }
    declutter(markers, overlay);
  };
  map.on('moveend', () => declutter(markers, undefined));

  map.once('load', () => {
    loaded = true;
    if (pending) draw(pending.overlay, pending.fit);
    pending = undefined;
    map.once('idle', options.onIdle);
  });

  return {
    show(overlay, fit) {
      if (!loaded) {
        pending = { overlay, fit: fit || (pending?.fit ?? false) };
        return;
      }
      draw(overlay, fit);
    },
    remove() {
      for (const marker of markers) marker.remove();
      map.remove();
    },
  };
}
