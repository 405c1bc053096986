/**
 * Answering EventQueries: SQL narrows to candidates through the indexes (event-query-sql.ts), the
 * matcher decides the residual conditions on each candidate. Candidates are read through a cursor
 * and parsed one at a time, so a selective residual condition never loads every candidate at once.
 * Pages are keyset pages: the token holds the last sort key and sequence, so a page costs the same
 * however deep it is, and events captured meanwhile neither shift nor repeat earlier pages.
 */
import type Database from 'better-sqlite3';
import type { EpcisEvent } from '../../epcis/model.js';
import type { EventQuery } from '../../epcis/query/event-query.js';
import { EpcisException } from '../../epcis/exceptions.js';
import type { EventPage, StoredEvent } from '../store.js';
import { decodeHashID } from './compact-ids.js';
import type { ReadScope } from '../../model/visibility-scope.js';
import { compileConditions, type CompileContext } from './event-query-sql.js';
import { eventScopeTerm } from './visibility-sql.js';
import { checkPerPage, encodePageToken } from './page-token.js';
import { compareKeys, residualMatcher, sortKeyOf } from './residual-match.js';

interface Row {
  seq: number;
  hash_id: Buffer | string;
  captured_by: string | null;
  body: string;
  k: number | null;
}

interface Position {
  /** Sequence of the last event returned. */
  s: number;
  /** Sort key of the last event returned (column orders). */
  k?: number;
  /** Offset (orders computed in memory). */
  o?: number;
  /** Events returned so far (for eventCountLimit). */
  n: number;
}

function storedOf(row: Pick<Row, 'seq' | 'hash_id' | 'captured_by'>, event: EpcisEvent): StoredEvent {
  return { event, hashID: decodeHashID(row.hash_id), sequence: row.seq, ...(row.captured_by !== null ? { capturedBy: row.captured_by } : {}) };
}

const SORT_COLUMNS: Record<string, string> = { eventTime: 'event_time', recordTime: 'record_time' };

function invalidToken(): EpcisException {
  return new EpcisException('QueryParameterException', 'nextPageToken is not valid');
}

function decodePosition(token: string, mode: 'seq' | 'column' | 'memory'): Position {
  if (!/^[A-Za-z0-9_-]{1,2000}$/.test(token)) throw invalidToken();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalidToken();
  }
  const p = parsed as Partial<Position> | null;
  const int = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) >= 0;
  if (typeof p !== 'object' || p === null || !int(p.s) || !int(p.n)) throw invalidToken();
  if (mode === 'column' && !Number.isSafeInteger(p.k)) throw invalidToken();
  if (mode === 'memory' && !int(p.o)) throw invalidToken();
  return p as Position;
}

/** Runs queries and counts against one database. */
export class EventSearch {
  // Query shapes repeat (the same REST resource, other values): reuse their compiled statements.
  private readonly statements = new Map<string, Database.Statement<unknown[], Row>>();

  private statement(sql: string): Database.Statement<unknown[], Row> {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= 200) this.statements.clear();
      statement = this.db.prepare<unknown[], Row>(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  constructor(
    private readonly db: Database.Database,
    private readonly context: () => CompileContext,
  ) {}

  /** One page of the events matching a query. */
  page(query: EventQuery, page: { perPage: number; pageToken?: string }, scope?: ReadScope): EventPage {
    const perPage = checkPerPage(page.perPage);
    const column = query.orderBy === undefined ? undefined : SORT_COLUMNS[query.orderBy];
    const mode = query.orderBy === undefined ? 'seq' : column ? 'column' : 'memory';
    const position = page.pageToken ? decodePosition(page.pageToken, mode) : undefined;
    const returned = position?.n ?? 0;
    const room = query.eventCountLimit === undefined ? perPage : Math.min(perPage, query.eventCountLimit - returned);
    if (room <= 0) return { events: [] };

    const visible = eventScopeTerm(scope);
    if (visible === 'nothing') return { events: [] };
    const ctx = this.context();
    const compiled = compileConditions(query.conditions, ctx);
    if (compiled.empty) return { events: [] };
    if (visible !== 'everything') {
      compiled.where.push(visible.sql);
      compiled.params.push(...visible.params);
    }
    const matches = residualMatcher(compiled.residual, query, ctx);
    const desc = query.orderDirection === 'DESC';
    const dir = desc ? 'DESC' : 'ASC';
    const where = [...compiled.where];
    const params = [...compiled.params];

    if (mode === 'memory') return this.memoryPage(query, where, params, matches, room, returned, position?.o ?? 0);

    if (position) {
      if (column) {
        where.push(`(${column}, seq) ${desc ? '<' : '>'} (?, ?)`);
        params.push(position.k, position.s);
      } else {
        where.push(`seq ${desc ? '<' : '>'} ?`);
        params.push(position.s);
      }
    }
    const order = column ? `${column} ${dir}, seq ${dir}` : `seq ${dir}`;
    // Without residual conditions SQL knows the answer exactly and may stop at the page's end.
    const limit = matches ? '' : ` LIMIT ${room + 1}`;
    const sql =
      `SELECT seq, hash_id, captured_by, body, ${column ?? 'NULL'} AS k FROM event` +
      (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
      ` ORDER BY ${order}${limit}`;

    const events: StoredEvent[] = [];
    let last: Row | undefined;
    let more = false;
    for (const row of this.statement(sql).iterate(...params)) {
      const event = JSON.parse(row.body) as EpcisEvent;
      if (matches && !matches(event)) continue;
      if (events.length === room) {
        more = true;
        break; // leaving the loop closes the cursor
      }
      events.push(storedOf(row, event));
      last = row;
    }
    const limitReached = query.eventCountLimit !== undefined && returned + events.length >= query.eventCountLimit;
    if (!more || !last || limitReached) return { events };
    const next: Position = { s: last.seq, n: returned + events.length };
    if (column) next.k = last.k!;
    return { events, nextPageToken: encodePageToken(next as unknown as Record<string, number>) };
  }

  /** Orders on fields without a column (extensions, other fields) are sorted in memory. */
  private memoryPage(
    query: EventQuery,
    where: string[],
    params: unknown[],
    matches: ((event: EpcisEvent) => boolean) | undefined,
    room: number,
    returned: number,
    offset: number,
  ): EventPage {
    const sql = `SELECT seq, hash_id, captured_by, body FROM event${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY seq`;
    const all: { stored: StoredEvent; key: number | string | undefined }[] = [];
    for (const row of this.statement(sql).iterate(...params)) {
      const event = JSON.parse(row.body) as EpcisEvent;
      if (matches && !matches(event)) continue;
      all.push({ stored: storedOf(row, event), key: sortKeyOf(event, query.orderBy!) });
    }
    const direction = query.orderDirection ?? 'ASC';
    all.sort((a, b) => {
      const order = compareKeys(a.key, b.key, direction);
      if (order !== 0) return order;
      return (a.stored.sequence - b.stored.sequence) * (direction === 'DESC' ? -1 : 1);
    });
    const events = all.slice(offset, offset + room).map((x) => x.stored);
    const end = offset + events.length;
    const limitReached = query.eventCountLimit !== undefined && returned + events.length >= query.eventCountLimit;
    if (end >= all.length || limitReached || events.length === 0) return { events };
    const next = { s: events[events.length - 1]!.sequence, o: end, n: returned + events.length };
    return { events, nextPageToken: encodePageToken(next) };
  }

  /** Number of matching events, counting stops at `limit`. */
  count(query: EventQuery, limit: number, scope?: ReadScope): number {
    if (!Number.isSafeInteger(limit) || limit < 0) {
      throw new EpcisException('QueryParameterException', `count limit must be a non-negative integer, got ${String(limit)}`);
    }
    const visible = eventScopeTerm(scope);
    if (visible === 'nothing') return 0;
    const ctx = this.context();
    const compiled = compileConditions(query.conditions, ctx);
    if (compiled.empty || limit === 0) return 0;
    if (visible !== 'everything') {
      compiled.where.push(visible.sql);
      compiled.params.push(...visible.params);
    }
    const matches = residualMatcher(compiled.residual, query, ctx);
    const where = compiled.where.length ? ` WHERE ${compiled.where.join(' AND ')}` : '';
    if (!matches) {
      const sql = `SELECT count(*) AS n FROM (SELECT 1 FROM event${where} LIMIT ?)`;
      return (this.statement(sql).get(...compiled.params, limit) as unknown as { n: number }).n;
    }
    let n = 0;
    for (const row of this.statement(`SELECT body FROM event${where}`).iterate(...compiled.params)) {
      if (matches(JSON.parse(row.body) as EpcisEvent) && ++n >= limit) break;
    }
    return n;
  }
}
