/**
 * The Shipments page (/shipments): the caller's shipments with the filters the API offers, or the
 * results of a search by reference or unit number (?q=, from the header's search box), with the
 * total, and further pages with the API's cursor as the reader scrolls or asks for more. Filters and
 * search live in the address, so a link or a reload shows the same list.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { formatNumber } from '../../i18n/format';
import { apiQueryOf, listRequestOf, requestKey, withFilter, type FilterKey } from './listFilters';
import { ListFailed } from './ListFailed';
import { useReferencePlaces } from './referencePlaces';
import { ShipmentFilters } from './ShipmentFilters';
import { ShipmentTable } from './ShipmentTable';
import { PAGE_SIZE } from './shipmentTypes';
import { pageOrThrow, useShipmentPages, type PageFetcher, type PagedShipments } from './useShipmentPages';
import './shipments.css';

export default function ShipmentsPage() {
  const { t } = useTranslation('shipments');
  const [params, setParams] = useSearchParams();
  const request = listRequestOf(params);
  const places = useReferencePlaces();
  const titleId = useId();
  const totalId = useId();

  const fetchPage: PageFetcher = async (cursor, signal) => {
    const page = cursor ? { cursor } : {};
    if (request.kind === 'search') return pageOrThrow(await api.GET('/api/shipments/search', { params: { query: { q: request.q, limit: PAGE_SIZE, ...page } }, signal }));
    return pageOrThrow(await api.GET('/api/shipments/', { params: { query: apiQueryOf(request.filters, PAGE_SIZE, cursor) }, signal }));
  };
  const list = useShipmentPages(fetchPage, requestKey(request));

  const setFilter = (key: FilterKey, value: string) => setParams(withFilter(params, key, value));

  return (
    <section aria-labelledby={titleId} className="card shipments-page">
      <h1 id={titleId}>{request.kind === 'search' ? t('searchTitle', { q: request.q }) : t('title')}</h1>
      {request.kind === 'search' ? (
        <p>
          <Link to="/shipments">{t('clearSearch')}</Link>
        </p>
      ) : (
        <ShipmentFilters filters={request.filters} places={places} onChange={setFilter} onClear={() => setParams(new URLSearchParams())} />
      )}
      <p id={totalId} role="status" className="list-total">
        <TotalText list={list} />
      </p>
      <ListFailed list={list} message={t('failed', { reason: list.error })} retry={t('retry')} />
      {list.state === 'ready' && list.items.length > 0 && (
        <>
          <ShipmentTable rows={list.items} rowCount={list.totalIsLowerBound ? undefined : list.total} labelledBy={`${titleId} ${totalId}`} places={places} onNearEnd={list.loadMoreQuietly} />
          <ListFooter list={list} />
        </>
      )}
    </section>
  );
}

/** "1,234 shipments", "more than 1,000 shipments", or what the list is doing. */
export function TotalText({ list }: { list: PagedShipments }) {
  const { t, i18n } = useTranslation('shipments');
  if (list.state === 'loading') return <>{t('loading')}</>;
  if (list.state === 'failed') return null;
  const formatted = formatNumber(list.total, i18n.language);
  return <>{list.totalIsLowerBound ? t('totalMoreThan', { count: list.total, formatted }) : t('total', { count: list.total, formatted })}</>;
}

/** How many rows are loaded, and a button for the next page while there is one. */
function ListFooter({ list }: { list: PagedShipments }) {
  const { t, i18n } = useTranslation('shipments');
  return (
    <div className="list-footer">
      <span className="muted">{t('shown', { count: list.items.length, formatted: formatNumber(list.items.length, i18n.language) })}</span>
      {list.hasMore && (
        <button type="button" onClick={list.loadMore} disabled={list.loadingMore}>
          {list.loadingMore ? t('loadingMore') : t('loadMore')}
        </button>
      )}
    </div>
  );
}
