/**
 * The units on the map as a table: the map's text alternative, and the way to a unit by keyboard.
 * Each unit's button opens its panel and brings it into view on the map. Virtualised (thousands of
 * units), in a stable order (by unit number) so rows do not jump as positions arrive.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatShortDateTime } from '../../i18n/format';
import { hasSealAlarm } from '../../map/live-units';
import type { LiveUnit } from './liveTypes';
import { shipmentNumber, shipmentPath, StatusBadge } from '../shipments/shipmentText';
import { STATUSES, type ShipmentStatus } from '../shipments/shipmentTypes';
import { VirtualTable, type Column } from '../shipments/VirtualTable';
import { speedText, unitName } from './unitText';

interface Props {
  readonly units: readonly LiveUnit[];
  readonly labelledBy: string;
  readonly onSelect: (deviceId: string) => void;
}

const isStatus = (status: string | undefined): status is ShipmentStatus => (STATUSES as readonly string[]).includes(status ?? '');

export function UnitList({ units, labelledBy, onSelect }: Props) {
  const { t, i18n } = useTranslation(['live', 'shipments']);
  // The status badge reads its words from the Shipments list's namespace.
  const { t: shipmentsT } = useTranslation('shipments');
  const language = i18n.language;
  const rows = useMemo(() => [...units].sort((a, b) => a.unitId.localeCompare(b.unitId) || a.deviceId.localeCompare(b.deviceId)), [units]);
  const columns = useMemo<Column<LiveUnit>[]>(
    () => [
      {
        id: 'unit',
        header: t('list.unit'),
        width: 'minmax(12rem, 1.5fr)',
        render: (unit) => (
          <button type="button" className="link-button" onClick={() => onSelect(unit.deviceId)}>
            {unitName(t, unit)}
          </button>
        ),
      },
      {
        id: 'shipment',
        header: t('list.shipment'),
        width: 'minmax(10rem, 1.5fr)',
        render: (unit) =>
          unit.shipmentId ? (
            <Link to={shipmentPath(unit.shipmentId)} dir="ltr">
              {shipmentNumber(unit.shipmentId)}
            </Link>
          ) : (
            <span className="muted">{t('panel.noShipment')}</span>
          ),
      },
      {
        id: 'status',
        header: t('list.status'),
        width: 'minmax(9rem, 1fr)',
        render: (unit) => (
          <>
            {isStatus(unit.status) ? <StatusBadge status={unit.status} t={shipmentsT} /> : <span className="muted">{unit.status ?? t('panel.noStatus')}</span>}
            {hasSealAlarm(unit) && <div className="live-seal-alarm-note">{t('list.sealAlarm')}</div>}
          </>
        ),
      },
      { id: 'speed', header: t('list.speed'), width: 'minmax(6rem, 0.7fr)', render: (unit) => (unit.speedKmh === undefined ? '' : speedText(unit.speedKmh, language)) },
      { id: 'fix', header: t('list.lastFix'), width: 'minmax(9rem, 1fr)', render: (unit) => formatShortDateTime(unit.fixTime, language) },
    ],
    [t, shipmentsT, language, onSelect],
  );
  return <VirtualTable columns={columns} rows={rows} rowKey={(unit) => unit.deviceId} labelledBy={labelledBy} rowCount={rows.length} estimateRowHeight={48} className="live-unit-list" />;
}
