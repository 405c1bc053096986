/**
 * The unit chosen on the map or in the list: which unit, its shipment (a link to its page), the
 * shipment's status, its speed and when its device last fixed its position, and its seal's alarm
 * in words when the seal reports one. It follows the unit as new positions arrive.
 */
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../i18n/format';
import { hasSealAlarm } from '../../map/live-units';
import type { LiveUnit } from './liveTypes';
import { shipmentNumber, shipmentPath, StatusBadge } from '../shipments/shipmentText';
import type { ShipmentStatus } from '../shipments/shipmentTypes';
import { STATUSES } from '../shipments/shipmentTypes';
import { speedText, unitName } from './unitText';

/** `takeFocus`: the unit was chosen in the list below the map; the panel takes the focus (and so comes into view). */
export function UnitPanel({ unit, takeFocus, onClose }: { unit: LiveUnit; takeFocus: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation(['live', 'shipments', 'timeline']);
  // The status badge reads its words from the Shipments list's namespace.
  const { t: shipmentsT } = useTranslation('shipments');
  const language = i18n.language;
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (takeFocus) heading.current?.focus();
  }, [unit.deviceId, takeFocus]);
  const status = (STATUSES as readonly string[]).includes(unit.status ?? '') ? (unit.status as ShipmentStatus) : undefined;
  return (
    <section className="card live-unit-panel" aria-labelledby={titleId}>
      <h2 id={titleId} ref={heading} tabIndex={-1}>{unitName(t, unit)}</h2>
      <dl>
        <dt>{t('panel.shipment')}</dt>
        <dd>
          {unit.shipmentId ? (
            <Link to={shipmentPath(unit.shipmentId)} dir="ltr">
              {shipmentNumber(unit.shipmentId)}
            </Link>
          ) : (
            <span className="muted">{t('panel.noShipment')}</span>
          )}
        </dd>
        <dt>{t('panel.status')}</dt>
        <dd>{status ? <StatusBadge status={status} t={shipmentsT} /> : <span className="muted">{unit.status ?? t('panel.noStatus')}</span>}</dd>
        <dt>{t('panel.speed')}</dt>
        <dd>{unit.speedKmh === undefined ? <span className="muted">{t('panel.noSpeed')}</span> : speedText(unit.speedKmh, language)}</dd>
        <dt>{t('panel.lastFix')}</dt>
        <dd>{formatDateTime(unit.fixTime, language)}</dd>
        <dt>{t('panel.device')}</dt>
        <dd>
          <bdi dir="ltr">{unit.deviceId}</bdi> <span className="muted">({t(`deviceKind.${unit.deviceKind}`, { defaultValue: unit.deviceKind })})</span>
        </dd>
      </dl>
      {hasSealAlarm(unit) && (
        <div className="live-seal-alarm">
          <p>
            <strong>{t('panel.sealAlarm')}</strong>
          </p>
          <ul>
            {unit.sealCodes!.map((code) => (
              // The seal's codes in the timeline's words for them.
              <li key={code}>{t(`timeline:sealCode.${code}`, { defaultValue: t('sealUnknown', { code }) })}</li>
            ))}
          </ul>
        </div>
      )}
      <button type="button" className="secondary" onClick={onClose}>
        {t('panel.close')}
      </button>
    </section>
  );
}
