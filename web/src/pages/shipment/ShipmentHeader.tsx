/** The shipment at a glance: its numbers, status (sign and words), corridor, mode, delay. */
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatHours } from '../../i18n/format';
import { nameIn } from '../../reference/names';
import type { Reference } from '../../reference/reference-data';
import { whereaboutsText } from './reference-names';
import { STATUS_ICONS } from './status';
import type { ShipmentDetail, Whereabouts } from './types';

/** The detail's lastLocation is typed loosely by the list's schema; it has the timeline's place shape. */
export function lastWhereabouts(shipment: ShipmentDetail): Whereabouts | undefined {
  const last = shipment.lastLocation as Partial<Whereabouts> | undefined;
  return last && (last.kind === 'location' || last.kind === 'geo' || last.kind === 'other') ? (last as Whereabouts) : undefined;
}

export function unitNumber(iri: string): string {
  const tail = iri.split('/').pop() ?? iri;
  try {
    return decodeURIComponent(tail.replace(/^urn:epc:id:/, ''));
  } catch {
    return tail;
  }
}

export function ShipmentHeader({ shipment, reference }: { shipment: ShipmentDetail; reference: Reference }) {
  const { t, i18n } = useTranslation('shipment');
  const language = i18n.resolvedLanguage ?? 'en';
  const corridor = shipment.corridor ? reference.corridors.get(shipment.corridor) : undefined;
  const last = lastWhereabouts(shipment);
  const containers = shipment.transportUnits.filter((unit) => unit.includes('/container/')).map(unitNumber);
  const references = Object.entries(shipment.references).filter(([, numbers]) => numbers.length > 0);
  return (
    <header className="card shipment-header">
      <h1 id="shipment-title">
        {t('title')} <span dir="ltr">{containers[0] ?? shipment.id}</span>
      </h1>
      <p className={`status status-${shipment.status}`}>
        <span aria-hidden="true" className="status-icon">
          {STATUS_ICONS[shipment.status]}
        </span>{' '}
        <span className="muted">{t('header.status')}: </span>
        <strong>{t(`status.${shipment.status}`)}</strong>
      </p>
      <dl className="facts">
        {containers.length > 0 && (
          <div>
            <dt>{t('header.containers')}</dt>
            <dd dir="ltr">{containers.join(', ')}</dd>
          </div>
        )}
        {references.map(([kind, numbers]) => (
          <div key={kind}>
            <dt>{t(`referenceKind.${kind}`, { defaultValue: kind })}</dt>
            <dd dir="ltr">{numbers.join(', ')}</dd>
          </div>
        ))}
        <div>
          <dt>{t('header.corridor')}</dt>
          <dd>{corridor ? nameIn(corridor.names, language) : (shipment.corridor ?? t('header.noCorridor'))}</dd>
        </div>
        {shipment.mode && (
          <div>
            <dt>{t('header.mode')}</dt>
            <dd>{t(`mode.${shipment.mode}`)}</dd>
          </div>
        )}
        {last && (
          <div>
            <dt>{t('header.lastSeen')}</dt>
            <dd>
              {whereaboutsText(reference, last, language)}
              {shipment.lastLocationTime && <span className="muted"> · {formatDateTime(shipment.lastLocationTime, language)}</span>}
            </dd>
          </div>
        )}
        {shipment.delay && Math.abs(shipment.delay.hours) >= 0.5 && (
          <div>
            <dt>{t('header.delay')}</dt>
            <dd>
              {t(shipment.delay.hours > 0 ? 'header.behind' : 'header.ahead', { hours: formatHours(Math.abs(shipment.delay.hours), language) })}
              <span className="muted"> · {t(shipment.delay.basis === 'registered itinerary' ? 'header.delayAgainstPlan' : 'header.delayAgainstReference')}</span>
            </dd>
          </div>
        )}
      </dl>
    </header>
  );
}
