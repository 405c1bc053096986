/**
 * The live map (issue 13): the units the caller may see, where their devices last reported them,
 * over the offline base map; clustered when zoomed out, coloured by their shipment's status, a seal
 * alarm ringed in red. Beside it a legend in words. Pages load this module lazily, and it loads
 * MapLibre (live-engine.ts) and the base map only once it has a container to draw in.
 *
 * Its container tells what the map was given, for tests and for the curious: data-map-state
 * (loading, idle, failed), data-units (units drawn) and data-moved (units drawn somewhere else than
 * where the map first drew them: the map follows the devices).
 */
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n/format';
import { STATUS_GROUPS, unitFeatures, type UnitOnMap } from './live-units';
import { useMapView } from './useMapView';
import './map.css';

export interface LiveMapProps {
  /** The accessible name of the map. */
  readonly label: string;
  readonly units: readonly UnitOnMap[];
  /** The unit whose panel is open; bringIntoView when it was chosen elsewhere than on the map. */
  readonly selected?: { readonly deviceId: string; readonly bringIntoView: boolean };
  readonly onSelect: (deviceId: string) => void;
}

/** Counts units drawn at another place than where they were first drawn. */
function useMoves(units: readonly UnitOnMap[]): number {
  const first = useRef(new Map<string, string>());
  return useMemo(() => {
    let moved = 0;
    for (const unit of units) {
      const at = `${unit.lon},${unit.lat}`;
      const before = first.current.get(unit.deviceId);
      if (before === undefined) first.current.set(unit.deviceId, at);
      else if (before !== at) moved++;
    }
    return moved;
  }, [units]);
}

export default function LiveMap({ label, units, selected, onSelect }: LiveMapProps) {
  const { t, i18n } = useTranslation('map');
  const language = i18n.language;
  const dir = i18n.dir(language) === 'rtl' ? 'rtl' : 'ltr';
  const container = useRef<HTMLDivElement>(null);
  const features = useMemo(() => unitFeatures(units), [units]);
  const moved = useMoves(units);
  // The map is made once per language; what it is given later goes through these.
  const latest = useRef({ features, onSelect, selected, units });
  latest.current = { features, onSelect, selected, units };

  const { view, state } = useMapView(
    container,
    true,
    () => import('./live-engine'),
    ({ createLiveMapView }, element, baseMap, events) => {
      const made = createLiveMapView(element, {
        baseMap,
        label,
        dir,
        strings: { zoomIn: t('zoomIn'), zoomOut: t('zoomOut') },
        units: latest.current.features,
        formatCount: (count) => formatNumber(count, language),
        onSelect: (deviceId) => latest.current.onSelect(deviceId),
        ...events,
      });
      made.select(latest.current.selected?.deviceId);
      return made;
    },
    [label, dir, language, t],
  );

  useEffect(() => {
    view.current?.show(features);
  }, [features]);

  useEffect(() => {
    const unit = selected?.bringIntoView ? latest.current.units.find((u) => u.deviceId === selected.deviceId) : undefined;
    view.current?.select(selected?.deviceId, unit ? [unit.lon, unit.lat] : undefined);
  }, [selected]);

  return (
    <div className="corridor-map live-map">
      <div ref={container} className="corridor-map-canvas live-map-canvas" data-map-state={state} data-units={units.length} data-moved={moved} />
      {state === 'failed' && (
        <p role="status" className="corridor-map-failed">
          {t('live.noWebGl')}
        </p>
      )}
      <div className="corridor-map-caption">
        <ul className="corridor-map-legend" aria-label={t('legend.label')}>
          {STATUS_GROUPS.map((group) => (
            <li key={group}>
              <span className={`corridor-map-symbol live-map-symbol live-map-symbol--${group}`} aria-hidden="true" />
              {t(`live.group.${group}`)}
            </li>
          ))}
          <li>
            <span className="corridor-map-symbol live-map-symbol live-map-symbol--alarm" aria-hidden="true" />
            {t('live.alarm')}
          </li>
          <li>
            <span className="corridor-map-symbol live-map-symbol live-map-symbol--cluster" aria-hidden="true" />
            {t('live.cluster')}
          </li>
        </ul>
        <p className="corridor-map-source muted">{t('source')}</p>
      </div>
    </div>
  );
}
