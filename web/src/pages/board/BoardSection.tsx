/** One half of the board: its heading with the count, the virtualised table, and more on demand. */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format';
import { ListFailed } from '../shipments/ListFailed';
import type { ShipmentListItem } from '../shipments/shipmentTypes';
import type { PagedShipments } from '../shipments/useShipmentPages';
import { VirtualTable, type Column } from '../shipments/VirtualTable';

interface Props {
  readonly title: string;
  /** Said when nothing is listed. */
  readonly empty: string;
  readonly list: PagedShipments;
  readonly columns: readonly Column<ShipmentListItem>[];
}

export function BoardSection({ title, empty, list, columns }: Props) {
  const { t, i18n } = useTranslation('board');
  const titleId = useId();
  const countId = useId();
  const formatted = formatNumber(list.total, i18n.language);
  return (
    <section aria-labelledby={titleId} className="board-section">
      <h2 id={titleId}>{title}</h2>
      <p id={countId} className="list-total">
        {list.state === 'loading' ? t('loading') : list.state === 'failed' ? '' : list.totalIsLowerBound ? t('countMoreThan', { count: list.total, formatted }) : t('count', { count: list.total, formatted })}
      </p>
      <ListFailed list={list} message={t('failed', { reason: list.error })} retry={t('retry')} />
      {list.state === 'ready' && list.items.length === 0 && <p className="muted">{empty}</p>}
      {list.state === 'ready' && list.items.length > 0 && (
        <VirtualTable
          columns={columns}
          rows={list.items}
          rowKey={(row) => row.id}
          labelledBy={`${titleId} ${countId}`}
          rowCount={list.totalIsLowerBound ? undefined : list.total}
          onNearEnd={list.loadMoreQuietly}
          estimateRowHeight={72}
          className="board-table"
        />
      )}
      {list.hasMore && (
        <p>
          <button type="button" onClick={list.loadMore} disabled={list.loadingMore}>
            {list.loadingMore ? t('loadingMore') : t('loadMore')}
          </button>
        </p>
      )}
    </section>
  );
}
