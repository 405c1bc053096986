/**
 * A list of shipments read page by page with the API's cursor: the first page when the request
 * changes, the next one appended on "load more", the first again on refresh. A newer request wins
 * over an older one still on its way (it is aborted), so quick filter changes never show stale rows.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { problemText } from '../../api/client';
import type { ShipmentListItem, ShipmentListPage } from './shipmentTypes';

/** Fetches one page: the first without a cursor. Throws with the problem's words when the API refuses. */
export type PageFetcher = (cursor: string | undefined, signal: AbortSignal) => Promise<ShipmentListPage>;

export interface PagedShipments {
  readonly state: 'loading' | 'ready' | 'failed';
  readonly items: readonly ShipmentListItem[];
  readonly total: number;
  readonly totalIsLowerBound: boolean;
  readonly hasMore: boolean;
  readonly loadingMore: boolean;
  readonly error?: string;
  /** When the first page was last read. */
  readonly updatedAt?: Date;
  loadMore(): void;
  /** The next page when there is one, none is on its way and the last try did not fail: for scrolling near the end (after a failure only the button tries again). */
  loadMoreQuietly(): void;
  refresh(): void;
}

/** An openapi-fetch answer as a page, or an error with the problem's words. */
export function pageOrThrow(answer: { data?: ShipmentListPage; error?: unknown }): ShipmentListPage {
  if (answer.data) return answer.data;
  throw new Error(problemText(answer.error) ?? 'request failed');
}

interface Loaded {
  readonly items: readonly ShipmentListItem[];
  readonly total: number;
  readonly totalIsLowerBound: boolean;
  readonly nextCursor?: string;
  readonly updatedAt: Date;
}

/**
 * `key` names the request: when it changes, the list starts again from the first page. Without a
 * key there is nothing to ask for (a board before a place is chosen): an empty list.
 */
export function useShipmentPages(fetchPage: PageFetcher, key: string | undefined): PagedShipments {
  const fetcher = useRef(fetchPage);
  fetcher.current = fetchPage;
  const [loaded, setLoaded] = useState<Loaded>();
  const [state, setState] = useState<PagedShipments['state']>('loading');
  const [error, setError] = useState<string>();
  const [loadingMore, setLoadingMore] = useState(false);
  const inFlight = useRef<AbortController | undefined>(undefined);
  const [refreshes, setRefreshes] = useState(0);
  const shownKey = useRef<string | undefined>(undefined);

  const start = () => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    return controller;
  };

  useEffect(() => {
    const controller = start();
    // A refresh keeps the rows on screen until the new ones come; a new request forgets the old rows at once.
    if (shownKey.current !== key) {
      shownKey.current = key;
      setLoaded(undefined);
      setState('loading');
    }
    setLoadingMore(false);
    if (key === undefined) {
      setState('ready');
      return () => controller.abort();
    }
    fetcher
      .current(undefined, controller.signal)
      .then((page) => {
        if (controller.signal.aborted) return;
        setLoaded({ items: page.shipments, total: page.total, totalIsLowerBound: page.totalIsLowerBound, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}), updatedAt: new Date() });
        setError(undefined);
        setState('ready');
      })
      .catch((reason: unknown) => {
        if (controller.signal.aborted) return;
        setError(reason instanceof Error ? reason.message : String(reason));
        setState('failed');
      });
    return () => controller.abort();
  }, [key, refreshes]);

  const loadMore = useCallback(() => {
    const cursor = loaded?.nextCursor;
    if (!cursor || loadingMore) return;
    const controller = start();
    setLoadingMore(true);
    fetcher
      .current(cursor, controller.signal)
      .then((page) => {
        if (controller.signal.aborted) return;
        setError(undefined);
        setLoaded((previous) => ({
          items: [...(previous?.items ?? []), ...page.shipments],
          total: page.total,
          totalIsLowerBound: page.totalIsLowerBound,
          ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
          updatedAt: previous?.updatedAt ?? new Date(),
        }));
      })
      .catch((reason: unknown) => {
        if (!controller.signal.aborted) setError(reason instanceof Error ? reason.message : String(reason));
      })
      .finally(() => {
        if (inFlight.current === controller) setLoadingMore(false);
      });
  }, [loaded?.nextCursor, loadingMore]);

  const refresh = useCallback(() => setRefreshes((n) => n + 1), []);
  const loadMoreQuietly = useCallback(() => {
    if (error === undefined) loadMore();
  }, [error, loadMore]);

  return {
    state,
    items: loaded?.items ?? [],
    total: loaded?.total ?? 0,
    totalIsLowerBound: loaded?.totalIsLowerBound ?? false,
    hasMore: loaded?.nextCursor !== undefined,
    loadingMore,
    ...(error !== undefined ? { error } : {}),
    ...(loaded ? { updatedAt: loaded.updatedAt } : {}),
    loadMore,
    loadMoreQuietly,
    refresh,
  };
}
