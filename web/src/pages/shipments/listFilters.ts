/**
 * The Shipments page's filters as they stand in the address (?status=at-border&corridor=...), so a
 * link, a reload and the back button all keep them. `q` is a search by reference or unit number; the
 * API searches apart from the filters (GET /api/shipments/search), so a search shows no filters.
 */
import type { ShipmentListQuery } from './shipmentTypes';

/** The list filters the page offers, by their query parameter (the API's own names). */
export const FILTER_KEYS = ['status', 'corridor', 'country', 'in', 'mode', 'crossing', 'at'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type ListFilters = Partial<Record<FilterKey, string>>;

/** The shortest text the API searches for. */
export const MIN_SEARCH_LENGTH = 3;

export type ListRequest = { kind: 'search'; q: string } | { kind: 'list'; filters: ListFilters };

/** What the address asks the page to show: a search when q is long enough, else the filtered list. */
export function listRequestOf(params: URLSearchParams): ListRequest {
  const q = params.get('q')?.trim() ?? '';
  if (q.length >= MIN_SEARCH_LENGTH) return { kind: 'search', q };
  const filters: ListFilters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  return { kind: 'list', filters };
}

/** The address's parameters with one filter set (or removed when empty); a search is left behind. */
export function withFilter(params: URLSearchParams, key: FilterKey, value: string): URLSearchParams {
  const next = new URLSearchParams(params);
  next.delete('q');
  if (value) next.set(key, value);
  else next.delete(key);
  return next;
}

/** The list query for the API: the filters, with `mode` narrowed to what the API accepts. */
export function apiQueryOf(filters: ListFilters, limit: number, cursor?: string): ShipmentListQuery {
  const { mode, ...rest } = filters;
  return {
    ...rest,
    ...(mode === 'road' || mode === 'rail' || mode === 'sea' ? { mode } : {}),
    limit,
    ...(cursor ? { cursor } : {}),
  };
}

/** A stable key of a request, to tell when the page must start again from the first page. */
export function requestKey(request: ListRequest): string {
  return request.kind === 'search' ? `q=${request.q}` : FILTER_KEYS.map((key) => `${key}=${request.filters[key] ?? ''}`).join('&');
}
