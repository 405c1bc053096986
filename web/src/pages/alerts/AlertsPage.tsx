/**
 * The alerts inbox: the alerts the reader may see, most recently updated first, filtered by status
 * (open and acknowledged by default) and kind, the filters kept in the address so a view can be
 * shared or bookmarked. Each alert can be acknowledged, resolved and commented on in place.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, problemText } from '../../api/client';
import { formatNumber } from '../../i18n/format';
import { shipmentNumber } from '../shipments/shipmentText';
import { AlertCard } from './AlertCard';
import { ALERT_KINDS, SHOW_CHOICES, type Alert, type AlertKind, type ShowChoice } from './alertTypes';
import '../../components/forms.css';
import './alerts.css';

const PAGE = 50;

function showOf(value: string | null): ShowChoice {
  return value !== null && value in SHOW_CHOICES ? (value as ShowChoice) : 'unresolved';
}

function kindOf(value: string | null): AlertKind | undefined {
  return (ALERT_KINDS as readonly string[]).includes(value ?? '') ? (value as AlertKind) : undefined;
}

export default function AlertsPage() {
  const { t, i18n } = useTranslation('alerts');
  const [params, setParams] = useSearchParams();
  const show = showOf(params.get('show'));
  const kind = kindOf(params.get('kind'));
  // Set by the shipment page's link to all of its alerts.
  const shipment = params.get('shipment') ?? undefined;
  const [alerts, setAlerts] = useState<Alert[]>();
  const [cursor, setCursor] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const [loading, setLoading] = useState(false);
  const showId = useId();
  const kindId = useId();

  const load = useCallback(
    async (after?: string) => {
      setLoading(true);
      try {
        const statuses = SHOW_CHOICES[show];
        const { data, error } = await api.GET('/api/alerts', {
          params: { query: { limit: PAGE, ...(statuses ? { status: statuses } : {}), ...(kind ? { kind } : {}), ...(shipment ? { shipment } : {}), ...(after ? { cursor: after } : {}) } },
        });
        if (data) {
          setAlerts((list) => (after && list ? [...list, ...data.alerts] : data.alerts));
          setCursor(data.nextCursor);
          setFailure(undefined);
        } else setFailure(t('failed', { reason: problemText(error) ?? '' }));
      } catch {
        setFailure(t('failed', { reason: t('common:error.unreachable') }));
      } finally {
        setLoading(false);
      }
    },
    [show, kind, shipment, t],
  );

  useEffect(() => {
    setAlerts(undefined);
    void load();
  }, [load]);

  const choose = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    const chosenShow = String(form.get('show') ?? 'unresolved');
    const chosenKind = String(form.get('kind') ?? '');
    if (chosenShow !== 'unresolved') next.set('show', chosenShow);
    if (chosenKind !== '') next.set('kind', chosenKind);
    if (shipment) next.set('shipment', shipment);
    setParams(next);
  };
  const replace = (changed: Alert) => setAlerts((list) => list?.map((alert) => (alert.id === changed.id ? changed : alert)));

  return (
    <div className="page-stack">
      <section className="card" aria-labelledby="alerts-title">
        <h1 id="alerts-title">{t('title')}</h1>
        <p>{t('intro')}</p>
        {shipment && (
          <p>
            <span>{t('ofShipment', { id: shipmentNumber(shipment) })}</span> <Link to="/alerts">{t('allShipments')}</Link>
          </p>
        )}
        <form className="alert-filters" onSubmit={choose} aria-label={t('filters')} key={`${show}-${kind ?? ''}`}>
          <label htmlFor={showId}>{t('statusFilter')}</label>
          <select id={showId} name="show" defaultValue={show}>
            {(Object.keys(SHOW_CHOICES) as ShowChoice[]).map((choice) => (
              <option key={choice} value={choice}>
                {t(`show.${choice}`)}
              </option>
            ))}
          </select>
          <label htmlFor={kindId}>{t('kindFilter')}</label>
          <select id={kindId} name="kind" defaultValue={kind ?? ''}>
            <option value="">{t('anyKind')}</option>
            {ALERT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
          <button type="submit">{t('apply')}</button>
        </form>
        <p role="status" className={failure ? 'error' : undefined}>
          {failure ?? (alerts ? (alerts.length === 0 ? t('none') : t('count', { count: alerts.length, formatted: formatNumber(alerts.length, i18n.language) })) : t('loading'))}
        </p>
      </section>
      {alerts?.map((alert) => (
        <AlertCard key={alert.id} alert={alert} onChanged={replace} />
      ))}
      {cursor && (
        <button type="button" className="secondary-button" disabled={loading} onClick={() => void load(cursor)}>
          {t('more')}
        </button>
      )}
    </div>
  );
}
