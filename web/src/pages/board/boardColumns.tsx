/**
 * The columns of the board's two tables: what stands at the crossing now (how long it has waited,
 * since when) and what is coming (when, as a range, and what the range rests on). Both name the
 * shipment (a link to it), its units and its status in words.
 */
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { formatDateTimeRange, formatHours, formatShortDateTime } from '../../i18n/format';
import type { Reference } from '../../reference/reference-data';
import { basisText, lastPlaceOf, shipmentNumber, shipmentPath, StatusBadge, unitOf } from '../shipments/shipmentText';
import type { ShipmentListItem } from '../shipments/shipmentTypes';
import type { Column } from '../shipments/VirtualTable';
import type { Alert } from '../alerts/alertTypes';

/** How many unit numbers a row lists; the count says how many there are in all. */
const UNITS_SHOWN = 3;

interface Words {
  /** The board namespace. */
  readonly t: TFunction;
  /** The alerts namespace (kinds, severities). */
  readonly ta: TFunction;
  /** The reader's unresolved alerts of a shipment that matter at a crossing (useBoardAlerts). */
  readonly alertsOf: (shipmentId: string) => readonly Alert[];
  /** The shipments namespace (statuses, basis, places). */
  readonly ts: TFunction;
  readonly language: string;
  readonly places: Reference | undefined;
}

function shipmentColumn({ t }: Words): Column<ShipmentListItem> {
  return {
    id: 'shipment',
    header: t('column.shipment'),
    width: 'minmax(12rem, 1.5fr)',
    render: (row) => (
      <Link to={shipmentPath(row.id)} className="shipment-link" dir="ltr">
        {shipmentNumber(row.id)}
      </Link>
    ),
  };
}

function unitsColumn({ t }: Words): Column<ShipmentListItem> {
  return {
    id: 'units',
    header: t('column.units'),
    width: 'minmax(11rem, 1.5fr)',
    render: (row) => (
      <>
        <div>{t('units', { count: row.transportUnits.length })}</div>
        <ul className="numbers">
          {row.transportUnits.slice(0, UNITS_SHOWN).map((iri) => (
            <li key={iri}>
              <bdi dir="ltr">{unitOf(iri).number}</bdi>
            </li>
          ))}
        </ul>
      </>
    ),
  };
}

/** The shipment's status, and below it its alerts (a seal breached first), each a link to the inbox. */
function statusColumn({ t, ts, ta, alertsOf }: Words): Column<ShipmentListItem> {
  return {
    id: 'status',
    header: t('column.status'),
    width: 'minmax(8rem, 1fr)',
    render: (row) => {
      const alerts = [...alertsOf(row.id)].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
      return (
        <>
          <StatusBadge status={row.status} t={ts} />
          {alerts.length > 0 && (
            <ul className="board-alerts">
              {alerts.map((alert) => (
                <li key={alert.id}>
                  <Link to={`/alerts?show=unresolved&shipment=${encodeURIComponent(row.id)}`} className={`alert-badge severity-${alert.severity}`}>
                    <span aria-hidden="true">⚠ </span>
                    {ta(`kind.${alert.kind}`)}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </>
      );
    },
  };
}

const SEVERITY_ORDER = ['critical', 'warning', 'info'];

/** There now: longest waiting first (the API's order). */
export function thereNowColumns(words: Words): Column<ShipmentListItem>[] {
  const { t, language } = words;
  return [
    shipmentColumn(words),
    {
      id: 'waiting',
      header: t('column.waiting'),
      width: 'minmax(8rem, 1fr)',
      render: (row) => (row.waitingHours !== undefined ? <strong>{formatHours(row.waitingHours, language)}</strong> : <span className="muted">{t('unknown')}</span>),
    },
    {
      id: 'since',
      header: t('column.since'),
      width: 'minmax(8rem, 1fr)',
      render: (row) => (row.since ? formatShortDateTime(row.since, language) : <span className="muted">{t('unknown')}</span>),
    },
    unitsColumn(words),
    statusColumn(words),
  ];
}

/** Coming: soonest expected first (the API's order), each with its range and basis. */
export function comingColumns(words: Words): Column<ShipmentListItem>[] {
  const { t, ts, language, places } = words;
  return [
    shipmentColumn(words),
    {
      id: 'expected',
      header: t('column.expected'),
      width: 'minmax(12rem, 1.5fr)',
      render: (row) =>
        row.expectedArrival ? (
          <>
            <div>{formatDateTimeRange(row.expectedArrival.earliest, row.expectedArrival.latest, language)}</div>
            <div className="muted">{t('likely', { time: formatShortDateTime(row.expectedArrival.likely, language) })}</div>
          </>
        ) : (
          <span className="muted">{t('noEstimate')}</span>
        ),
    },
    {
      id: 'basis',
      header: t('column.basis'),
      width: 'minmax(9rem, 1fr)',
      render: (row) => (row.expectedArrival ? basisText(row.expectedArrival.basis, ts) : ''),
    },
    {
      id: 'now',
      header: t('column.now'),
      width: 'minmax(10rem, 1.2fr)',
      render: (row) => lastPlaceOf(row, places, language, ts) ?? <span className="muted">{ts('place.unknown')}</span>,
    },
    unitsColumn(words),
    statusColumn(words),
  ];
}
