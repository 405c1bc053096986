/**
 * The persisted shipment read model in SQLite (tables in schema.ts, migration 2): writing in
 * shipment-view-writer.ts, listing in shipment-list.ts, the other reads here.
 */
import type Database from 'better-sqlite3';
import type { ShipmentLinkEntry, ShipmentView, ShipmentViewRepository } from '../store.js';
import { AUDIENCE_COLUMN, shipmentList, type ShipmentViewRow } from './shipment-list.js';
import { shipmentScopeTerm } from './visibility-sql.js';
import { shipmentViewWriter } from './shipment-view-writer.js';

type ShipmentScope = Parameters<ShipmentViewRepository['search']>[2];
type SearchAfter = NonNullable<Parameters<ShipmentViewRepository['search']>[3]>;

/** Below every epoch ms a shipment can have: untimed shipments sort after every timed one. */
const UNTIMED = Number.MIN_SAFE_INTEGER;

interface LinkRow {
  value: string;
  kind: string | null;
  private: number;
}

const toView = (row: ShipmentViewRow): ShipmentView => ({
  key: row.key,
  id: row.id,
  state: JSON.parse(row.state) as Record<string, unknown>,
  audience: (JSON.parse(row.audience) as string[]).sort(),
  ...(typeof row.sort_key === 'number' ? { sortKey: row.sort_key } : {}),
});

/** An FTS5 phrase: the text between double quotes (doubled inside), so '-', ':' or '*' are plain characters. */
const phrase = (text: string): string => `"${text.replace(/"/g, '""')}"`;

/** A LIKE pattern matching `text` anywhere, its wildcards escaped with '\'. */
const containing = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The rows of `statement` for these event sequences (given as one JSON array), their values grouped by sequence. */
function groupedBySequence<R extends { seq: number }>(statement: Database.Statement<[string], R>, sequences: readonly number[], valueOf: (row: R) => string): Map<number, string[]> {
  const wanted = [...new Set(sequences.filter((s) => Number.isSafeInteger(s)))];
  const grouped = new Map<number, string[]>();
  if (wanted.length === 0) return grouped;
  for (const row of statement.all(JSON.stringify(wanted))) {
    const values = grouped.get(row.seq);
    if (values) values.push(valueOf(row));
    else grouped.set(row.seq, [valueOf(row)]);
  }
  return grouped;
}

/** The shipment view repository over an open database. */
export function sqliteShipmentViews(db: Database.Database): ShipmentViewRepository {
  const writer = shipmentViewWriter(db);
  const lists = shipmentList(db);

  const selectCheckpoint = db.prepare<[], { position: number; key_counter: number }>(
    `SELECT coalesce((SELECT position FROM followers WHERE name = 'shipments'), 0) AS position,
            (SELECT counter FROM shipment_key_counter WHERE one = 1) AS key_counter`,
  );
  const keysByDocument = db.prepare<[string], { key: string }>(
    'SELECT DISTINCT key FROM shipment_link WHERE value = ? AND kind IS NOT NULL',
  );
  const keysByUnit = db.prepare<[string], { key: string }>('SELECT DISTINCT key FROM shipment_link WHERE value = ? AND kind IS NULL');
  const linksOf = db.prepare<[string], LinkRow>('SELECT value, kind, private FROM shipment_link WHERE key = ? ORDER BY pos');
  const audienceOf = db.prepare<[string], { member: string }>('SELECT member FROM shipment_audience WHERE key = ? ORDER BY member');
  const linkTimes = db.prepare<[string], { link_first: number | null; link_delivered: number | null }>(
    'SELECT link_first, link_delivered FROM shipment WHERE key = ?',
  );
  const sequencesOf = db.prepare<[string], { seq: number }>('SELECT seq FROM shipment_event WHERE key = ? ORDER BY seq');
  // From the event (shipment_event_by_seq) to its shipments' audiences (shipment_audience_by_key); the sequences as one JSON array.
  const shipmentsOfEvents = db.prepare<[string], { seq: number; key: string }>(
    'SELECT seq, key FROM shipment_event WHERE seq IN (SELECT value FROM json_each(?)) ORDER BY seq, key',
  );
  const audiencesOfEvents = db.prepare<[string], { seq: number; member: string }>(
    `SELECT DISTINCT se.seq, a.member FROM shipment_event se JOIN shipment_audience a ON a.key = se.key
      WHERE se.seq IN (SELECT value FROM json_each(?)) ORDER BY se.seq, a.member`,
  );
  const selectByKey = db.prepare<[string], ShipmentViewRow>(`SELECT s.key, s.id, s.state, ${AUDIENCE_COLUMN} FROM shipment s WHERE s.key = ?`);
  // Lookups are filtered by the caller's scope in SQL, so a shipment another organisation holds
  // under the same number never hides the caller's own. Statements per scope shape.
  const lookupStatements = new Map<string, Database.Statement<unknown[], ShipmentViewRow & { last_time: number | null; learnt: number }>>();
  const lookupRows = (byAlias: boolean, ref: string, scope: ShipmentScope): (ShipmentViewRow & { last_time: number | null; learnt: number }) | undefined => {
    const visible = shipmentScopeTerm(scope);
    if (visible === 'nothing') return undefined;
    const from = byAlias ? 'shipment_alias l JOIN shipment s ON s.key = l.key WHERE l.alias = ?' : 'shipment_lookup l JOIN shipment s ON s.key = l.key WHERE l.term = ?';
    // Of several shipments answering to a reference, one that holds it as its own first (see
    // learntLookupTerms), then the latest active.
    const sql = `SELECT s.key, s.id, s.state, s.last_time, l.private AS learnt, ${AUDIENCE_COLUMN} FROM ${from}${visible === 'everything' ? '' : ` AND ${visible.sql}`} ORDER BY l.private, s.last_time DESC, s.id LIMIT 1`;
    let statement = lookupStatements.get(sql);
    if (!statement) {
      statement = db.prepare<unknown[], ShipmentViewRow & { last_time: number | null; learnt: number }>(sql);
      lookupStatements.set(sql, statement);
    }
    return statement.get(ref, ...(visible === 'everything' ? [] : visible.params));
  };
  // Searches are filtered by the caller's scope in SQL, so LIMIT counts visible shipments only.
  const searchStatements = new Map<string, Database.Statement<unknown[], ShipmentViewRow & { n: number }>>();
  const searchRows = (
    indexed: boolean,
    text: string,
    scope: ShipmentScope,
    page: { limit: number; after?: SearchAfter } | { countUpTo: number },
  ): (ShipmentViewRow & { n: number })[] => {
    const visible = shipmentScopeTerm(scope);
    if (visible === 'nothing') return [];
    // Fewer than 3 characters make no trigram: such a text is looked for by scanning the terms.
    const match = indexed ? 'shipment_search MATCH ?' : `f.terms LIKE ? ESCAPE '\\'`;
    const where = [match, ...(visible === 'everything' ? [] : [visible.sql])];
    const params: unknown[] = [indexed ? phrase(text) : containing(text), ...(visible === 'everything' ? [] : visible.params)];
    // The matches come from the full-text index in no useful order and are sorted anyway, so the
    // keyset compares one expression: untimed shipments (last) as the lowest time there is.
    const time = `coalesce(s.last_time, ${UNTIMED})`;
    const after = 'after' in page ? page.after : undefined;
    if (after) {
      where.push(`(${time} < ? OR (${time} = ? AND s.id > ?))`);
      const afterTime = after.lastEventTime ?? UNTIMED;
      params.push(afterTime, afterTime, after.id);
    }
    const from = 'shipment_search f JOIN shipment s ON s.n = f.rowid';
    const sql =
      'countUpTo' in page
        ? `SELECT count(*) AS n, '' AS key, '' AS id, '' AS state, '[]' AS audience FROM (SELECT 1 FROM ${from} WHERE ${where.join(' AND ')} LIMIT ?)`
        : `SELECT s.key, s.id, s.state, 0 AS n, ${AUDIENCE_COLUMN} FROM ${from} WHERE ${where.join(' AND ')} ORDER BY ${time} DESC, s.id LIMIT ?`;
    let statement = searchStatements.get(sql);
    if (!statement) {
      statement = db.prepare<unknown[], ShipmentViewRow & { n: number }>(sql);
      searchStatements.set(sql, statement);
    }
    return statement.all(...params, 'countUpTo' in page ? page.countUpTo : page.limit);
  };
  const selectCompleted = db.prepare<[number], { key: string; completed_at: number; samples: string | null }>(
    'SELECT key, completed_at, samples FROM shipment WHERE completed_at IS NOT NULL ORDER BY completed_at DESC, key LIMIT ?',
  );
  const selectTotals = db.prepare<
    [],
    { status: string; corridor: string | null; shipments: number; events: number; open_holds: number; completed: number }
  >(
    `SELECT status, corridor, count(*) AS shipments, total(event_count) AS events, total(open_holds) AS open_holds,
            count(completed_at) AS completed
       FROM shipment GROUP BY status, corridor`,
  );

  const linkEntry = (key: string): ShipmentLinkEntry | undefined => {
    const times = linkTimes.get(key);
    if (!times) return undefined;
    const entry: ShipmentLinkEntry = { key, documents: [], units: [], first: times.link_first, audience: audienceOf.all(key).map((r) => r.member) };
    const privateDocuments: [string, string][] = [];
    const privateUnits: string[] = [];
    for (const link of linksOf.all(key)) {
      if (link.kind === null) (link.private ? privateUnits : entry.units).push(link.value);
      else (link.private ? privateDocuments : entry.documents).push([link.value, link.kind]);
    }
    if (privateDocuments.length > 0) entry.privateDocuments = privateDocuments;
    if (privateUnits.length > 0) entry.privateUnits = privateUnits;
    if (times.link_delivered !== null) entry.delivered = times.link_delivered;
    return entry;
  };

  const find = (refs: readonly string[], scope: ShipmentScope): ShipmentView | undefined => {
    for (const ref of refs) {
      const row = lookupRows(true, ref, scope);
      if (row) return toView(row);
    }
    // Of several shipments sharing a term (a reused container), one holding it as its own, then the latest active.
    let best: (ShipmentViewRow & { last_time: number | null; learnt: number }) | undefined;
    for (const ref of refs) {
      const row = lookupRows(false, ref, scope);
      if (!row) continue;
      const better =
        best === undefined || row.learnt < best.learnt || (row.learnt === best.learnt && (row.last_time ?? -Infinity) > (best.last_time ?? -Infinity));
      if (better) best = row;
    }
    return best ? toView(best) : undefined;
  };
  const consistentFind = db.transaction(find);
  const consistentCandidates = db.transaction((documents: readonly string[], units: readonly string[]): ShipmentLinkEntry[] => {
    const keys = new Set<string>();
    for (const value of new Set(documents)) for (const row of keysByDocument.all(value)) keys.add(row.key);
    for (const value of new Set(units)) for (const row of keysByUnit.all(value)) keys.add(row.key);
    return [...keys].flatMap((key) => linkEntry(key) ?? []);
  });
  const consistentSequences = db.transaction((keys: readonly string[]): Map<string, number[]> => {
    const out = new Map<string, number[]>();
    for (const key of keys) out.set(key, sequencesOf.all(key).map((r) => r.seq));
    return out;
  });

  return {
    async checkpoint() {
      const row = selectCheckpoint.get();
      return { position: row?.position ?? 0, keyCounter: row?.key_counter ?? 0 };
    },
    async linkCandidates(documents, units) {
      return consistentCandidates(documents, units);
    },
    async eventSequences(keys) {
      return consistentSequences(keys);
    },
    async eventAudiences(sequences) {
      return groupedBySequence(audiencesOfEvents, sequences, (row) => row.member);
    },
    async eventShipments(sequences) {
      return groupedBySequence(shipmentsOfEvents, sequences, (row) => row.key);
    },
    async commit(change) {
      writer.commit(change);
    },
    async clear() {
      writer.clear();
    },
    async byKey(key) {
      const row = selectByKey.get(key);
      return row ? toView(row) : undefined;
    },
    async find(refs, scope) {
      return consistentFind(refs, scope);
    },
    async list(filter) {
      return lists.list(filter).map(toView);
    },
    async count(filter, cap) {
      return lists.count(filter, cap);
    },
    async search(text, limit, scope, after) {
      if (text.length === 0 || !Number.isSafeInteger(limit) || limit < 1) return [];
      return searchRows([...text].length >= 3, text, scope, { limit, ...(after ? { after } : {}) }).map(toView);
    },
    async searchCount(text, cap, scope) {
      const limit = Math.max(0, Math.trunc(cap));
      if (text.length === 0) return { total: 0, lowerBound: false };
      // One more than the cap tells "exactly cap" from "more than cap".
      const n = searchRows([...text].length >= 3, text, scope, { countUpTo: limit + 1 })[0]?.n ?? 0;
      return n > limit ? { total: limit, lowerBound: true } : { total: n, lowerBound: false };
    },
    async recentlyCompleted(limit) {
      if (!Number.isSafeInteger(limit) || limit < 1) return [];
      return selectCompleted.all(limit).map((row) => ({
        key: row.key,
        completedAt: row.completed_at,
        samples: row.samples === null ? {} : (JSON.parse(row.samples) as Record<string, number>),
      }));
    },
    async totals() {
      const totals = { shipments: 0, events: 0, openHolds: 0, completed: 0, byStatus: {} as Record<string, number>, byCorridor: {} as Record<string, number> };
      for (const row of selectTotals.all()) {
        totals.shipments += row.shipments;
        totals.events += row.events;
        totals.openHolds += row.open_holds;
        totals.completed += row.completed;
        totals.byStatus[row.status] = (totals.byStatus[row.status] ?? 0) + row.shipments;
        if (row.corridor !== null) totals.byCorridor[row.corridor] = (totals.byCorridor[row.corridor] ?? 0) + row.shipments;
      }
      return totals;
    },
  };
}
