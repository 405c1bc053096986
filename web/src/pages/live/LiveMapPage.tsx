/**
 * The live map (/live): the units the caller may see, where their trackers and e-seals last reported
 * them, kept current from the live stream; filters by status, corridor, mode and country in the
 * address; a unit's panel with a link to its shipment; the units as a table beneath, the map's text
 * alternative. The map itself (MapLibre) is loaded only by this page, as on the shipment page.
 */
import { lazy, Suspense, useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { formatNumber } from '../../i18n/format';
import { useReference } from '../../reference/reference-data';
import { LiveFilterForm } from './LiveFilterForm';
import { liveFiltersOf, liveQueryOf, withLiveFilter, type LiveFilterKey } from './liveFilters';
import { UnitList } from './UnitList';
import { UnitPanel } from './UnitPanel';
import { useLiveUnits } from './useLiveUnits';
import '../shipments/shipments.css';
import './live.css';

const LiveMap = lazy(() => import('../../map/LiveMap'));

interface Selection {
  readonly deviceId: string;
  /** Chosen in the list, not on the map: the map brings it into view. */
  readonly bringIntoView: boolean;
}

export default function LiveMapPage() {
  const { t, i18n } = useTranslation(['live', 'shipments']);
  const [params, setParams] = useSearchParams();
  const filters = liveFiltersOf(params);
  const live = useLiveUnits(liveQueryOf(filters));
  const places = useReference();
  const [selection, setSelection] = useState<Selection>();
  const titleId = useId();
  const listTitleId = useId();

  const selectOnMap = useCallback((deviceId: string) => setSelection({ deviceId, bringIntoView: false }), []);
  const selectInList = useCallback((deviceId: string) => setSelection({ deviceId, bringIntoView: true }), []);
  const setFilter = (key: LiveFilterKey, value: string) => setParams(withLiveFilter(params, key, value));
  const selected = selection ? live.units.find((unit) => unit.deviceId === selection.deviceId) : undefined;
  const count = live.units.length;

  return (
    <section aria-labelledby={titleId} className="card live-page">
      <h1 id={titleId}>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <LiveFilterForm filters={filters} places={places} onChange={setFilter} onClear={() => setParams(new URLSearchParams())} />
      <p role="status" className="live-count" data-units-shown={live.state === 'ready' ? count : undefined}>
        {live.state === 'loading' ? t('loading') : live.state === 'ready' ? t('count', { count, formatted: formatNumber(count, i18n.language) }) : null}
        {live.state === 'ready' && <span className="muted"> · {live.live ? t('live') : t('reconnecting')}</span>}
      </p>
      {live.state === 'failed' && (
        <p role="alert" className="error">
          {t('failed', { reason: live.error ?? '' })}
        </p>
      )}
      <div className={`live-layout${selected ? ' live-layout--panel' : ''}`}>
        <Suspense fallback={<p role="status">{t('mapLoading')}</p>}>
          <LiveMap label={t('mapLabel')} units={live.units} {...(selection ? { selected: selection } : {})} onSelect={selectOnMap} />
        </Suspense>
        {selected && <UnitPanel unit={selected} takeFocus={selection!.bringIntoView} onClose={() => setSelection(undefined)} />}
      </div>
      {live.state === 'ready' && count > 0 && (
        <section aria-labelledby={listTitleId} className="live-units">
          <h2 id={listTitleId}>{t('list.title')}</h2>
          <UnitList units={live.units} labelledBy={listTitleId} onSelect={selectInList} />
        </section>
      )}
    </section>
  );
}
