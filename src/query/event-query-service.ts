/**
 * Runs EPCIS event queries against the store with the standard's limits: perPage and nextPageToken
 * paging, eventCountLimit (a cap on the events returned, across pages) and maxEventCount (refuse a
 * query that would return more).
 */
import { EpcisException } from '../epcis/exceptions.js';
import type { EpcisEvent } from '../epcis/model.js';
import type { EventQuery } from '../epcis/query/event-query.js';
import type { ReadScope } from '../model/visibility-scope.js';
import type { Store } from '../store/store.js';
import { eventsForReader } from '../projections/registration-redaction.js';

export interface QueryLimits {
  maxPerPage: number;
  defaultPerPage: number;
}

export interface EventsPage {
  events: EpcisEvent[];
  nextPageToken?: string;
}

interface PageCursor {
  /** The store's own token. */
  s: string;
  /** Events already returned by earlier pages (for eventCountLimit). */
  n: number;
}

function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(token: string): PageCursor {
  try {
    const cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as PageCursor;
    if (typeof cursor.s === 'string' && Number.isInteger(cursor.n) && cursor.n >= 0) return cursor;
  } catch {
    // fall through to the error below
  }
  throw new EpcisException('QueryParameterException', 'nextPageToken is not valid: pass the token exactly as returned by the previous page');
}

/** Reads perPage from a query string value; absent means the default. */
export function parsePerPage(raw: unknown, limits: QueryLimits): number {
  if (raw === undefined) return limits.defaultPerPage;
  const text = Array.isArray(raw) ? String(raw[0]) : String(raw);
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > limits.maxPerPage) {
    throw new EpcisException('QueryParameterException', `perPage must be a whole number from 1 to ${limits.maxPerPage}, got '${text}'`);
  }
  return Number(text);
}

export class EventQueryService {
  constructor(
    private readonly store: Store,
    readonly limits: QueryLimits,
  ) {}

  /** One page of the events a query matches; with a `scope`, only events it may see (the visibility policy), each registration cut to its share. */
  async page(query: EventQuery, paging: { perPage: number; nextPageToken?: string }, scope?: ReadScope): Promise<EventsPage> {
    const cursor = paging.nextPageToken ? decodeCursor(paging.nextPageToken) : undefined;
    const served = cursor?.n ?? 0;
    if (query.maxEventCount !== undefined && !cursor) {
      const count = await this.store.events.count(query, query.maxEventCount + 1, scope);
      if (count > query.maxEventCount) {
        throw new EpcisException(
          'QueryTooLargeException',
          `The query matches more than maxEventCount=${query.maxEventCount} events; narrow it or raise maxEventCount`,
        );
      }
    }
    let perPage = paging.perPage;
    if (query.eventCountLimit !== undefined) perPage = Math.min(perPage, query.eventCountLimit - served);
    if (perPage <= 0) return { events: [] };
    const page = await this.store.events.query(query, { perPage, pageToken: cursor?.s }, scope);
    const total = served + page.events.length;
    const limitReached = query.eventCountLimit !== undefined && total >= query.eventCountLimit;
    return {
      // A registration event is cut to what the reader may see of it (projections/registration-redaction.ts).
      events: await eventsForReader(this.store, scope, page.events),
      nextPageToken: page.nextPageToken && !limitReached ? encodeCursor({ s: page.nextPageToken, n: total }) : undefined,
    };
  }
}
