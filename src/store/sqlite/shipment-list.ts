/**
 * Listing and counting shipments with keyset paging, each order one ordered index range:
 * - by activity (last_time DESC, id ASC, shipments without a time last): read as two segments, the
 *   timed shipments then the untimed ones, so each segment is one range of an index
 *   (shipment_by_activity, or the status / corridor / in_country index when that filter is given);
 * - waiting at a location (at_since, id): a range of shipment_at;
 * - coming to a location (expected, id): a range of shipment_stop_by_expected, joined to the rows.
 * A page stops reading at its end, however many shipments there are. Filters without an index of
 * their own are checked on the rows read in order. Counts stop at a cap (a LIMIT'd subquery), so a
 * total costs at most cap rows of the same range.
 */
import type Database from 'better-sqlite3';
import type { ShipmentCount, ShipmentListFilter } from '../store.js';
import { filterTerms, fromClause, listSource, type ListFilterTerms } from './shipment-list-terms.js';

export interface ShipmentViewRow {
  key: string;
  id: string;
  state: string;
  /** The audience keys as a JSON array (AUDIENCE_COLUMN). */
  audience: string;
  /** The row's key in a keyed order (expected arrival, waiting since). */
  sort_key?: number;
}

/** The audience of shipment `s` as a JSON array, read through shipment_audience_by_key. */
export const AUDIENCE_COLUMN = `(SELECT json_group_array(a.member) FROM shipment_audience a WHERE a.key = s.key) AS audience`;

/** The sort key column of the keyed orders. */
const SORT_KEY = { waiting: 's.at_since', expected: 'p.expected' } as const;
const TIE_BREAK = { waiting: 's.id', expected: 'p.id' } as const;

/** A statement cache per SQL text (one per shape of filter). */
function statementCache<Row>(db: Database.Database): (sql: string) => Database.Statement<unknown[], Row> {
  const statements = new Map<string, Database.Statement<unknown[], Row>>();
  return (sql) => {
    let cached = statements.get(sql);
    if (!cached) {
      if (statements.size >= 200) statements.clear();
      cached = db.prepare<unknown[], Row>(sql);
      statements.set(sql, cached);
    }
    return cached;
  };
}

/** list() and count() over one database. */
export function shipmentList(db: Database.Database): {
  list: (filter: ShipmentListFilter) => ShipmentViewRow[];
  count: (filter: ListFilterTerms, cap: number) => ShipmentCount;
} {
  const rowsOf = statementCache<ShipmentViewRow>(db);
  const countOf = statementCache<{ n: number }>(db);

  const run = (from: string, where: string[], params: unknown[], order: string, limit: number, sortKey?: string): ShipmentViewRow[] =>
    rowsOf(`SELECT s.key, s.id, s.state, ${sortKey ? `${sortKey} AS sort_key, ` : ''}${AUDIENCE_COLUMN} FROM ${from} WHERE ${where.length > 0 ? where.join(' AND ') : '1'} ORDER BY ${order} LIMIT ?`).all(
      ...params,
      limit,
    );

  const byActivity = (filter: ShipmentListFilter, where: string[], params: unknown[]): ShipmentViewRow[] => {
    const limit = filter.limit;
    const rows: ShipmentViewRow[] = [];
    const after = filter.after;
    const afterTime = after?.lastEventTime ?? null;
    // Timed segment: skipped when the page resumes inside the untimed one.
    if (!(after && afterTime === null)) {
      const timed = [...where];
      const timedParams = [...params];
      if (after) {
        timed.push('s.last_time <= ? AND (s.last_time < ? OR s.id > ?)');
        timedParams.push(afterTime, afterTime, after.id);
      } else {
        timed.push('s.last_time IS NOT NULL');
      }
      rows.push(...run('shipment s', timed, timedParams, 's.last_time DESC, s.id', limit));
    }
    // Untimed segment: a shipment without a last time is never active from any time.
    if (rows.length < limit && filter.activeFrom === undefined) {
      const untimed = [...where, 's.last_time IS NULL'];
      const untimedParams = [...params];
      if (after && afterTime === null) {
        untimed.push('s.id > ?');
        untimedParams.push(after.id);
      }
      rows.push(...run('shipment s', untimed, untimedParams, 's.id', limit - rows.length));
    }
    return rows;
  };

  const list = (filter: ShipmentListFilter): ShipmentViewRow[] => {
    if (!Number.isSafeInteger(filter.limit) || filter.limit < 1) return [];
    const terms = filterTerms(filter);
    if (terms === 'nothing') return [];
    const source = listSource(filter);
    if (source === 'activity') return byActivity(filter, terms.where, terms.params);
    const where = [...terms.where];
    const params = [...terms.params];
    const key = SORT_KEY[source];
    const tie = TIE_BREAK[source];
    if (filter.afterKey) {
      where.push(`${key} >= ? AND (${key} > ? OR ${tie} > ?)`);
      params.push(filter.afterKey.sortKey, filter.afterKey.sortKey, filter.afterKey.id);
    }
    return run(fromClause(source), where, params, `${key}, ${tie}`, filter.limit, key);
  };

  const count = (filter: ListFilterTerms, cap: number): ShipmentCount => {
    const limit = Math.max(0, Math.trunc(cap));
    const terms = filterTerms(filter);
    if (terms === 'nothing') return { total: 0, lowerBound: false };
    const where = terms.where.length > 0 ? terms.where.join(' AND ') : '1';
    // One more than the cap tells "exactly cap" from "more than cap".
    const n = countOf(`SELECT count(*) AS n FROM (SELECT 1 FROM ${fromClause(listSource(filter))} WHERE ${where} LIMIT ?)`).get(...terms.params, limit + 1)!.n;
    return n > limit ? { total: limit, lowerBound: true } : { total: n, lowerBound: false };
  };

  // Both segments of a page must see the same database state when another connection writes in between.
  const consistentList = db.transaction(list);
  return { list: (filter) => consistentList(filter), count };
}
