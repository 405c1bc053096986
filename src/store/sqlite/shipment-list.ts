/**
 * Listing shipments in list order (last_time DESC, id ASC, shipments without a time last) with
 * keyset paging. The list is read as two segments, the timed shipments then the untimed ones, so
 * each segment is one ordered range of an index (shipment_by_activity, or the status / corridor
 * index when that filter is given) and a page stops reading at its end, however many shipments
 * there are. Filters without an index of their own are checked on the rows read in order.
 */
import type Database from 'better-sqlite3';
import { parameterList, shipmentScopeTerm } from './visibility-sql.js';
import type { ShipmentListFilter } from '../store.js';

export interface ShipmentViewRow {
  key: string;
  id: string;
  state: string;
  /** The audience keys as a JSON array (AUDIENCE_COLUMN). */
  audience: string;
}

/** The audience of shipment `s` as a JSON array, read through shipment_audience_by_key. */
export const AUDIENCE_COLUMN = `(SELECT json_group_array(a.member) FROM shipment_audience a WHERE a.key = s.key) AS audience`;

/** list() over one database; statements are cached per shape of the filter. */
export function shipmentList(db: Database.Database): (filter: ShipmentListFilter) => ShipmentViewRow[] {
  const statements = new Map<string, Database.Statement<unknown[], ShipmentViewRow>>();
  const statement = (sql: string): Database.Statement<unknown[], ShipmentViewRow> => {
    let cached = statements.get(sql);
    if (!cached) {
      if (statements.size >= 200) statements.clear();
      cached = db.prepare<unknown[], ShipmentViewRow>(sql);
      statements.set(sql, cached);
    }
    return cached;
  };

  const run = (where: string[], params: unknown[], order: string, limit: number): ShipmentViewRow[] =>
    statement(`SELECT s.key, s.id, s.state, ${AUDIENCE_COLUMN} FROM shipment s WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ?`).all(
      ...params,
      limit,
    );

  const list = (filter: ShipmentListFilter): ShipmentViewRow[] => {
    const limit = filter.limit;
    if (!Number.isSafeInteger(limit) || limit < 1) return [];
    const where: string[] = [];
    const params: unknown[] = [];
    const visible = shipmentScopeTerm(filter.scope);
    if (visible === 'nothing') return [];
    if (visible !== 'everything') {
      where.push(visible.sql);
      params.push(...visible.params);
    }
    // An empty status list is read as "no status filter", like an absent one.
    if (filter.statuses && filter.statuses.length > 0) {
      where.push(`s.status IN (${parameterList(filter.statuses.length)})`);
      params.push(...filter.statuses);
    }
    if (filter.corridor !== undefined) {
      where.push('s.corridor = ?');
      params.push(filter.corridor);
    }
    if (filter.mode !== undefined) {
      where.push('s.mode = ?');
      params.push(filter.mode);
    }
    if (filter.country !== undefined) {
      where.push('EXISTS (SELECT 1 FROM shipment_country c WHERE c.country = ? AND c.key = s.key)');
      params.push(filter.country);
    }
    if (filter.upcomingStop !== undefined) {
      where.push('EXISTS (SELECT 1 FROM shipment_stop p WHERE p.location = ? AND p.key = s.key)');
      params.push(filter.upcomingStop);
    }
    if (filter.activeTo !== undefined) {
      where.push('s.first_time <= ?');
      params.push(filter.activeTo);
    }

    const rows: ShipmentViewRow[] = [];
    const after = filter.after;
    const afterTime = after?.lastEventTime ?? null;
    // Timed segment: skipped when the page resumes inside the untimed one.
    if (!(after && afterTime === null)) {
      const timed = [...where];
      const timedParams = [...params];
      if (filter.activeFrom !== undefined) {
        timed.push('s.last_time >= ?');
        timedParams.push(filter.activeFrom);
      }
      if (after) {
        timed.push('s.last_time <= ? AND (s.last_time < ? OR s.id > ?)');
        timedParams.push(afterTime, afterTime, after.id);
      } else {
        timed.push('s.last_time IS NOT NULL');
      }
      rows.push(...run(timed, timedParams, 's.last_time DESC, s.id', limit));
    }
    // Untimed segment: a shipment without a last time is never active from any time.
    if (rows.length < limit && filter.activeFrom === undefined) {
      const untimed = [...where, 's.last_time IS NULL'];
      const untimedParams = [...params];
      if (after && afterTime === null) {
        untimed.push('s.id > ?');
        untimedParams.push(after.id);
      }
      rows.push(...run(untimed, untimedParams, 's.id', limit - rows.length));
    }
    return rows;
  };

  // Both segments must see the same database state when another connection writes in between.
  const consistent = db.transaction(list);
  return (filter) => consistent(filter);
}
