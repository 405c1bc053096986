/** The Shipments page's rows: numbers (linking to the shipment), status, corridor, last place, ETA. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatShortDateTime } from '../../i18n/format';
import { nameIn, type ReferencePlaces } from './referencePlaces';
import { arrivalText, kindLabel, lastPlaceOf, locationName, numbersOf, shipmentNumber, shipmentPath, StatusBadge } from './shipmentText';
import type { ShipmentListItem } from './shipmentTypes';
import { VirtualTable, type Column } from './VirtualTable';

/** How many further numbers a row shows under the main one; the shipment page has them all. */
const MORE_NUMBERS = 3;

interface Props {
  readonly rows: readonly ShipmentListItem[];
  readonly rowCount: number | undefined;
  readonly labelledBy: string;
  readonly places: ReferencePlaces | undefined;
  readonly onNearEnd?: () => void;
}

export function ShipmentTable({ rows, rowCount, labelledBy, places, onNearEnd }: Props) {
  const { t, i18n } = useTranslation('shipments');
  const language = i18n.language;
  const columns = useMemo<Column<ShipmentListItem>[]>(
    () => [
      {
        id: 'shipment',
        header: t('column.shipment'),
        width: 'minmax(14rem, 2fr)',
        render: (row) => {
          const numbers = numbersOf(row).filter((n) => n.value !== shipmentNumber(row.id));
          return (
            <>
              <Link to={shipmentPath(row.id)} className="shipment-link" dir="ltr">
                {shipmentNumber(row.id)}
              </Link>
              <ul className="numbers">
                {numbers.slice(0, MORE_NUMBERS).map((n) => (
                  <li key={`${n.kind}:${n.value}`}>
                    <span className="muted">{kindLabel(t, n.kind, n.unit)}</span> <bdi dir="ltr">{n.value}</bdi>
                  </li>
                ))}
                {numbers.length > MORE_NUMBERS && <li className="muted">{t('moreNumbers', { count: numbers.length - MORE_NUMBERS })}</li>}
              </ul>
            </>
          );
        },
      },
      { id: 'status', header: t('column.status'), width: 'minmax(8rem, 1fr)', render: (row) => <StatusBadge status={row.status} t={t} /> },
      {
        id: 'corridor',
        header: t('column.corridor'),
        width: 'minmax(10rem, 1.5fr)',
        render: (row) => {
          const corridor = row.corridor ? places?.corridors.get(row.corridor) : undefined;
          return (
            <>
              {corridor ? nameIn(corridor.names, language) : (row.corridor ?? <span className="muted">{t('noCorridor')}</span>)}
              {row.mode && <div className="muted">{t(`mode.${row.mode}`)}</div>}
            </>
          );
        },
      },
      {
        id: 'place',
        header: t('column.lastPlace'),
        width: 'minmax(10rem, 1.5fr)',
        render: (row) => {
          const place = lastPlaceOf(row, places, language, t);
          return place ? (
            <>
              {place}
              {row.lastLocationTime && <div className="muted">{formatShortDateTime(row.lastLocationTime, language)}</div>}
            </>
          ) : (
            <span className="muted">{t('place.unknown')}</span>
          );
        },
      },
      { id: 'eta', header: t('column.eta'), width: 'minmax(11rem, 1.5fr)', render: (row) => <Eta row={row} places={places} /> },
    ],
    [t, language, places],
  );
  return <VirtualTable columns={columns} rows={rows} rowKey={(row) => row.id} labelledBy={labelledBy} rowCount={rowCount} onNearEnd={onNearEnd} estimateRowHeight={84} />;
}

/** When the goods are expected at their destination, or when they got there. */
function Eta({ row, places }: { row: ShipmentListItem; places: ReferencePlaces | undefined }) {
  const { t, i18n } = useTranslation('shipments');
  const language = i18n.language;
  const done = row.deliveredAt ?? row.arrivedAt;
  if ((row.status === 'delivered' || row.status === 'arrived') && done) {
    return <>{t(row.status === 'delivered' ? 'eta.delivered' : 'eta.arrived', { time: formatShortDateTime(done, language) })}</>;
  }
  if (!row.arrival) return <span className="muted">{t('eta.none')}</span>;
  const text = arrivalText(row.arrival, language, t);
  return (
    <>
      <div>{t('eta.likelyAt', { time: text.likely, place: locationName(row.arrival.locationId, places, language, row.arrival.name) })}</div>
      <div className="muted">{t('eta.range', { range: text.range })}</div>
      <div className="muted">{text.basis}</div>
    </>
  );
}
