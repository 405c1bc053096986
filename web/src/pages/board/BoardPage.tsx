/**
 * The border crossing board (/crossings?location=<id>): for one border crossing or port, what stands
 * there now, longest waiting first (GET /api/shipments?at=), and what is coming, soonest first, each
 * with its arrival range (?crossing=). Refreshed every minute, except while the reader's focus is in
 * the lists; the time of the last refresh is shown, and a button refreshes at once.
 */
import { useId, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useMe } from '../../session';
import { formatTime } from '../../i18n/format';
import { countryName } from '../../reference/names';
import { useReference } from '../../reference/reference-data';
import { PAGE_SIZE_BOARD } from '../shipments/shipmentTypes';
import { pageOrThrow, useShipmentPages, type PageFetcher } from '../shipments/useShipmentPages';
import { comingColumns, thereNowColumns } from './boardColumns';
import { BoardSection } from './BoardSection';
import { crossingChoices } from './crossingChoices';
import { useAutoRefresh } from './useAutoRefresh';
import { useBoardAlerts } from './useBoardAlerts';
import '../alerts/alerts.css';
import '../shipments/shipments.css';
import './board.css';

const REFRESH_EVERY_MS = 60_000;

export default function BoardPage() {
  const { t, i18n } = useTranslation('board');
  const { t: ts } = useTranslation('shipments');
  const { t: ta } = useTranslation('alerts');
  const alerts = useBoardAlerts();
  const language = i18n.language;
  const me = useMe();
  const places = useReference();
  const [params, setParams] = useSearchParams();
  const locationId = params.get('location') ?? '';
  const selectId = useId();
  const lists = useRef<HTMLDivElement>(null);

  const ownCountry = me.organisation.country;
  const choices = useMemo(() => crossingChoices(places, ownCountry, language), [places, ownCountry, language]);
  const chosen = [...choices.own, ...choices.others].find((c) => c.id === locationId);

  const fetcher = (filter: 'at' | 'crossing'): PageFetcher => async (cursor, signal) =>
    pageOrThrow(await api.GET('/api/shipments/', { params: { query: { [filter]: locationId, limit: PAGE_SIZE_BOARD, ...(cursor ? { cursor } : {}) } }, signal }));
  // No location chosen: nothing to ask for.
  const thereNow = useShipmentPages(fetcher('at'), locationId ? `at=${locationId}` : undefined);
  const coming = useShipmentPages(fetcher('crossing'), locationId ? `crossing=${locationId}` : undefined);

  const refresh = () => {
    thereNow.refresh();
    coming.refresh();
    alerts.reload();
  };
  useAutoRefresh(refresh, REFRESH_EVERY_MS, lists);

  const { byShipment } = alerts;
  const words = useMemo(() => ({ t, ts, ta, language, places, alertsOf: (id: string) => byShipment.get(id) ?? [] }), [t, ts, ta, language, places, byShipment]);
  const thereNowTable = useMemo(() => thereNowColumns(words), [words]);
  const comingTable = useMemo(() => comingColumns(words), [words]);
  const updatedAt = thereNow.updatedAt && coming.updatedAt ? new Date(Math.min(thereNow.updatedAt.getTime(), coming.updatedAt.getTime())) : undefined;

  return (
    <section aria-labelledby="board-title" className="card board-page">
      <h1 id="board-title">{chosen ? t('titleFor', { place: chosen.name }) : t('title')}</h1>
      <div className="board-controls">
        <div className="field">
          <label htmlFor={selectId}>{t('pick')}</label>
          <select id={selectId} value={locationId} onChange={(event) => setParams(event.target.value ? { location: event.target.value } : {})}>
            <option value="">{t('pickNone')}</option>
            {choices.own.length > 0 && ownCountry && (
              <optgroup label={t('ownCountry', { country: countryName(ownCountry, language, places?.countries) })}>
                {choices.own.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </optgroup>
            )}
            <optgroup label={choices.own.length > 0 ? t('otherCountries') : t('allPlaces')}>
              {choices.others.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
        {locationId && (
          <div className="board-refresh">
            <span role="status">{updatedAt ? t('updatedAt', { time: formatTime(updatedAt, language) }) : t('loading')}</span>
            <button type="button" className="secondary" onClick={refresh}>
              {t('refresh')}
            </button>
            <span className="muted">{t('autoRefresh')}</span>
          </div>
        )}
      </div>
      {!locationId ? (
        <p>{t('pickFirst')}</p>
      ) : (
        <div ref={lists} className="board-lists">
          <BoardSection title={t('thereNow')} empty={t('thereNowEmpty')} list={thereNow} columns={thereNowTable} />
          <BoardSection title={t('coming')} empty={t('comingEmpty')} list={coming} columns={comingTable} />
        </div>
      )}
    </section>
  );
}
