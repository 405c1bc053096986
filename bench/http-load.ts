/**
 * HTTP load on GET /api/shipments/{id} of a running server: a sample of shipment ids taken from
 * the list endpoint, then autocannon at a fixed request rate with the ids taken in turn.
 */
import autocannon from 'autocannon';
import { BENCH_AUTHORIZATION } from './karvon-process.js';
import { summariseLatencies, type LatencySummary } from './projection-figures.js';

/** Shipment ids from GET /api/shipments?limit=500, following nextCursor until `wanted` or the end. */
export async function collectShipmentIds(baseUrl: string, wanted: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const url = new URL('/api/shipments', baseUrl);
    url.searchParams.set('limit', String(Math.min(500, wanted - ids.length)));
    if (cursor) url.searchParams.set('cursor', cursor);
    const response = await fetch(url, { headers: { authorization: BENCH_AUTHORIZATION } });
    if (response.status !== 200) throw new Error(`GET ${url.pathname}${url.search} answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
    const page = (await response.json()) as { shipments: { id: string }[]; nextCursor?: string };
    ids.push(...page.shipments.map((s) => s.id));
    cursor = page.nextCursor;
  } while (cursor && ids.length < wanted);
  return ids;
}

/** The request path of one shipment; ids hold ':' and other reserved characters. */
export function shipmentPath(id: string): string {
  return `/api/shipments/${encodeURIComponent(id)}`;
}

export interface LoadOptions {
  baseUrl: string;
  paths: readonly string[];
  rate: number;
  connections: number;
  durationS: number;
}

export interface LoadRun {
  /** Successful and failed answers per second over the run. */
  achievedRate: number;
  responses: number;
  /** Latency of the 2xx answers, from each response's own sub-millisecond time. */
  latency: LatencySummary;
  non2xx: number;
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
  /** autocannon's own latency figures (whole ms, corrected for coordinated omission), for comparison. */
  autocannon: { p50: number; p97_5: number; p99: number; max: number };
}

/**
 * One autocannon run. The ids are taken in turn by all connections together, so every id of the
 * sample is asked for about as often. autocannon sends each connection's share of the rate at the
 * start of every second, one request after another on that connection.
 */
export async function runLoad(options: LoadOptions): Promise<LoadRun> {
  if (options.paths.length === 0) throw new Error('no request paths to load the server with');
  let next = 0;
  const instance = autocannon({
    url: options.baseUrl,
    connections: options.connections,
    overallRate: options.rate,
    duration: options.durationS,
    timeout: 10,
    headers: { authorization: BENCH_AUTHORIZATION },
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: options.paths[next++ % options.paths.length]! }) }],
  });
  const okTimes: number[] = [];
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTimeMs: number) => {
    if (statusCode >= 200 && statusCode < 300) okTimes.push(responseTimeMs);
  });
  const result = await instance;
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]));
  const responses = Object.values(statusCodes).reduce((a, b) => a + b, 0);
  if (okTimes.length === 0) {
    throw new Error(`no successful answer in ${result.duration} s: status codes ${JSON.stringify(statusCodes)}, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  return {
    achievedRate: responses / result.duration,
    responses,
    latency: summariseLatencies(okTimes),
    non2xx: result.non2xx,
    statusCodes,
    errors: result.errors,
    timeouts: result.timeouts,
    autocannon: { p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99, max: result.latency.max },
  };
}
