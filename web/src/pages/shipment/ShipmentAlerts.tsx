/**
 * The shipment's alerts not yet resolved (GET /api/alerts?shipment=), each acknowledged, resolved
 * or commented on in place as in the inbox, and a link to all of them there.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, problemText } from '../../api/client';
import { AlertCard } from '../alerts/AlertCard';
import type { Alert } from '../alerts/alertTypes';
import '../alerts/alerts.css';

export function ShipmentAlerts({ shipmentId }: { shipmentId: string }) {
  const { t } = useTranslation('alerts');
  const [alerts, setAlerts] = useState<Alert[]>();
  const [failure, setFailure] = useState<string>();
  useEffect(() => {
    let stopped = false;
    setAlerts(undefined);
    api
      .GET('/api/alerts', { params: { query: { shipment: shipmentId, status: 'open,acknowledged', limit: 50 } } })
      .then(({ data, error }) => {
        if (stopped) return;
        if (data) setAlerts(data.alerts);
        else setFailure(t('failed', { reason: problemText(error) ?? '' }));
      })
      .catch(() => !stopped && setFailure(t('failed', { reason: t('common:error.unreachable') })));
    return () => {
      stopped = true;
    };
  }, [shipmentId, t]);
  const replace = (changed: Alert) => setAlerts((list) => list?.map((alert) => (alert.id === changed.id ? changed : alert)));
  return (
    <section aria-labelledby="shipment-alerts-title" className="card shipment-section shipment-alerts">
      <h2 id="shipment-alerts-title">{t('onShipment.title')}</h2>
      <p role="status" className={failure ? 'error' : undefined}>
        {failure ?? (alerts === undefined ? t('loading') : alerts.length === 0 ? t('onShipment.none') : '')}
      </p>
      {alerts?.map((alert) => (
        <AlertCard key={alert.id} alert={alert} onChanged={replace} level={3} />
      ))}
      <p>
        <Link to={`/alerts?show=all&shipment=${encodeURIComponent(shipmentId)}`}>{t('onShipment.all')}</Link>
      </p>
    </section>
  );
}
