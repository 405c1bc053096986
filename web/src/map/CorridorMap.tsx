/**
 * The corridor map (issue 12): MapLibre GL over an offline base map built from world-atlas, with the
 * corridor's route line, its stops by state, the other crossings and ports, where the goods are and
 * the track their devices reported.
 * Beside it a legend in words and the list of stops with their states, the map's text alternative.
 *
 * Pages load this module lazily (React.lazy(() => import('../../map/CorridorMap'))), and this module
 * loads MapLibre itself (engine.ts, with its CSS) and the base map, two chunks fetched side by side,
 * only once it has a container to draw in, so the legend shows while the map is still on its way.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildOverlay, type LonLat, type StopState } from './overlay';
import { useMapView } from './useMapView';
import { loadCorridor, loadLocations, type ReferenceCorridor, type ReferenceLocation } from '../reference/reference-data';
import './map.css';

export interface MapStop {
  /** A location id of /api/reference/locations. */
  readonly locationId: string;
  /** passed: the goods have been there; current: they are there now; next: still to come. */
  readonly state: 'passed' | 'current' | 'next';
  /** The name to show, when the page names the place itself (one side of a border crossing); else the reference name. */
  readonly name?: string;
}

export interface CorridorMapProps {
  /** The accessible name of the map (what it shows, in words). */
  readonly label: string;
  /** Corridor whose route is drawn and fitted into view. */
  readonly corridorId?: string;
  /** Stops to mark, in order. */
  readonly stops?: readonly MapStop[];
  /** The last known position, when the goods are between places. */
  readonly position?: { readonly lat: number; readonly lon: number };
  /** The travelled track, one line of [lon, lat] per device (the same array until it changes: the map redraws when it is another). */
  readonly track?: readonly (readonly LonLat[])[];
  /** A small map (the public tracking page) rather than a page-wide one. */
  readonly compact?: boolean;
  /** Leave out the list of stops under the map, when the page lists them itself nearby. */
  readonly hideStopList?: boolean;
}

interface Reference {
  readonly locations: readonly ReferenceLocation[];
  readonly corridor?: ReferenceCorridor;
}

const NO_STOPS: readonly MapStop[] = [];
const NO_TRACK: readonly (readonly LonLat[])[] = [];
const STATES: readonly StopState[] = ['passed', 'current', 'next'];

function useReference(corridorId: string | undefined): Reference | 'failed' | undefined {
  const [reference, setReference] = useState<Reference | 'failed'>();
  useEffect(() => {
    let current = true;
    setReference(undefined);
    Promise.all([loadLocations(), corridorId ? loadCorridor(corridorId) : undefined]).then(
      ([locations, corridor]) => current && setReference({ locations, ...(corridor ? { corridor } : {}) }),
      () => current && setReference('failed'),
    );
    return () => {
      current = false;
    };
  }, [corridorId]);
  return reference;
}

export default function CorridorMap({ label, corridorId, stops = NO_STOPS, position, track = NO_TRACK, compact = false, hideStopList = false }: CorridorMapProps) {
  const { t, i18n } = useTranslation('map');
  const language = i18n.language;
  const dir = i18n.dir(language) === 'rtl' ? 'rtl' : 'ltr';
  const container = useRef<HTMLDivElement>(null);
  const reference = useReference(corridorId);

  // Callers pass new arrays on every render: the map redraws when what they say changes.
  const stopsKey = JSON.stringify(stops);
  const positionKey = position ? `${position.lon},${position.lat}` : '';
  const overlay = useMemo(
    () => (reference && reference !== 'failed' ? buildOverlay({ ...reference, stops, ...(position ? { position } : {}), track, language }) : undefined),
    [reference, stopsKey, positionKey, track, language],
  );
  const overlayRef = useRef(overlay);
  overlayRef.current = overlay;
  const ready = overlay !== undefined;

  // The map itself: made once the reference data is here, made again for another language.
  const { view, state } = useMapView(
    container,
    ready,
    () => import('./engine'),
    ({ createMapView }, element, baseMap, events) =>
      createMapView(element, { baseMap, label, dir, compact, strings: { zoomIn: t('zoomIn'), zoomOut: t('zoomOut') }, overlay: overlayRef.current!, ...events }),
    [label, dir, compact, t],
  );

  // New stops or position on a map already there: redraw, and fit the view to them.
  useEffect(() => {
    if (overlay) view.current?.show(overlay, true);
  }, [overlay]);

  const listed = overlay?.stops ?? [];
  // The legend explains what the map shows: the states of its stops (all three before they are known).
  const shownStates = new Set<StopState>(overlay ? [...listed.map((stop) => stop.state), ...(overlay.position ? ['current' as const] : [])] : STATES);
  return (
    <div className={`corridor-map${compact ? ' corridor-map--compact' : ''}`}>
      <div ref={container} className="corridor-map-canvas" data-map-state={reference === 'failed' ? 'failed' : state} />
      {(state === 'failed' || reference === 'failed') && (
        <p role="status" className="corridor-map-failed">
          {reference === 'failed' ? t('referenceFailed') : t('noWebGl')}
        </p>
      )}
      <div className="corridor-map-caption">
        <ul className="corridor-map-legend" aria-label={t('legend.label')}>
          {STATES.filter((key) => shownStates.has(key)).map((key) => (
            <li key={key}>
              <span className={`corridor-map-symbol corridor-map-symbol--${key}`} aria-hidden="true" />
              {t(`legend.${key}`)}
            </li>
          ))}
          {corridorId && (
            <li>
              <span className="corridor-map-symbol corridor-map-symbol--route" aria-hidden="true" />
              {t('legend.route')}
            </li>
          )}
          {track.length > 0 && (
            <li>
              <span className="corridor-map-symbol corridor-map-symbol--track" aria-hidden="true" />
              {t('legend.track')}
            </li>
          )}
          <li>
            <span className="corridor-map-symbol corridor-map-symbol--landmark" aria-hidden="true" />
            {t('legend.landmark')}
          </li>
        </ul>
        {!hideStopList && listed.length > 0 && (
          <ol className="corridor-map-stops" aria-label={t('stops.label')}>
            {listed.map((stop) => (
              <li key={stop.locationId} className={`corridor-map-stop corridor-map-stop--${stop.state}`}>
                <span className={`corridor-map-symbol corridor-map-symbol--${stop.state}`} aria-hidden="true" />
                <span className="corridor-map-stop-name">{stop.name}</span> <span className="corridor-map-stop-state">{t(`state.${stop.state}`)}</span>
              </li>
            ))}
          </ol>
        )}
        <p className="corridor-map-source muted">{t('source')}</p>
      </div>
    </div>
  );
}
