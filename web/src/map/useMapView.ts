/**
 * A map made in a container once the page has what it needs: MapLibre's module (engine.ts or
 * live-engine.ts, with its CSS) and the offline base map fetched side by side, each its own chunk,
 * only when there is a container to draw in. Made again when `deps` change (another language: the
 * controls' words and their side change with it), removed with the component.
 *
 * Its state, which the maps show on their container as data-map-state (tests wait for "idle"):
 * loading, idle (everything given was drawn) or failed (no WebGL, or MapLibre did not load: the
 * text beside the map still tells the story).
 */
import { useEffect, useRef, useState, type DependencyList, type RefObject } from 'react';
import type BaseMap from 'virtual:karvon-base-map';

export type MapState = 'loading' | 'idle' | 'failed';

/** What every map view tells its page. */
export interface MapEvents {
  readonly onIdle: () => void;
  readonly onError: (error: unknown) => void;
}

export function useMapView<Engine, View extends { remove(): void }>(
  container: RefObject<HTMLElement | null>,
  ready: boolean,
  loadEngine: () => Promise<Engine>,
  create: (engine: Engine, element: HTMLElement, baseMap: typeof BaseMap, events: MapEvents) => View,
  deps: DependencyList,
): { view: RefObject<View | undefined>; state: MapState } {
  const view = useRef<View>(undefined);
  const [state, setState] = useState<MapState>('loading');
  useEffect(() => {
    const element = container.current;
    if (!ready || !element) return;
    let cancelled = false;
    setState('loading');
    Promise.all([loadEngine(), import('virtual:karvon-base-map')])
      .then(([engine, { default: baseMap }]) => {
        if (cancelled) return;
        view.current = create(engine, element, baseMap, {
          onIdle: () => !cancelled && setState('idle'),
          onError: (error) => console.warn('The map reported an error', error),
        });
      })
      .catch((error: unknown) => {
        console.warn('The map could not be drawn', error);
        if (!cancelled) setState('failed');
      });
    return () => {
      cancelled = true;
      view.current?.remove();
      view.current = undefined;
    };
    // The caller names what remakes the map; loadEngine and create are read when it is made.
  }, [ready, ...deps]);
  return { view, state };
}
