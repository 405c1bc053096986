/**
 * The live map's filters as they stand in the address (/live?corridor=...&status=at-border), so a
 * view can be shared, reloaded and gone back to. The same filters go to the first picture
 * (GET /api/live/units) and to the live stream (GET /api/live), which filter on the server.
 */
export const LIVE_FILTER_KEYS = ['status', 'corridor', 'mode', 'country'] as const;
export type LiveFilterKey = (typeof LIVE_FILTER_KEYS)[number];
export type LiveFilters = Partial<Record<LiveFilterKey, string>>;
/** The query of GET /api/live/units and GET /api/live (the typed client checks it against the API's). */
export interface LiveQuery {
  readonly status?: string;
  readonly corridor?: string;
  readonly mode?: 'road' | 'rail' | 'sea';
  readonly country?: string;
}

export function liveFiltersOf(params: URLSearchParams): LiveFilters {
  const filters: LiveFilters = {};
  for (const key of LIVE_FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  return filters;
}

/** The address's parameters with one filter set, or removed when empty. */
export function withLiveFilter(params: URLSearchParams, key: LiveFilterKey, value: string): URLSearchParams {
  const next = new URLSearchParams(params);
  if (value) next.set(key, value);
  else next.delete(key);
  return next;
}

/**
 * The query the API takes: a mode it does not know, or a country that is not two letters, is left
 * out rather than refused (a hand-edited link still shows a map).
 */
export function liveQueryOf(filters: LiveFilters): LiveQuery {
  const { mode, country, ...rest } = filters;
  const upper = country?.toUpperCase();
  return {
    ...rest,
    ...(mode === 'road' || mode === 'rail' || mode === 'sea' ? { mode } : {}),
    ...(upper && /^[A-Z]{2}$/.test(upper) ? { country: upper } : {}),
  };
}

/** The query as a string, for the live stream's address and as a key of the request. */
export function queryString(query: LiveQuery): string {
  const params = new URLSearchParams();
  for (const key of LIVE_FILTER_KEYS) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  return params.toString();
}
