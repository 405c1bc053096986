/**
 * The SQLite event repository: writing (event-writer.ts), reading, querying (event-search.ts), distinct
 * values, and following the store in sequence order (for projections).
 */
import type Database from 'better-sqlite3';
import { EpcisException } from '../../epcis/exceptions.js';
import type { EpcisEvent } from '../../epcis/model.js';
import type { CompiledEpcPattern } from '../../epcis/query/epc-pattern.js';
import { normaliseIdentifier } from '../../epcis/query/normalise.js';
import type { EventRepository, StoredEvent } from '../store.js';
import { decodeHashID, encodeEventID, encodeHashID } from './compact-ids.js';
import type { ReadScope } from '../../model/visibility-scope.js';
import { eventScopeTerm } from './visibility-sql.js';
import { EventSearch } from './event-search.js';
import { auditWriter } from './audit-append.js';
import { eventWriter } from './event-writer.js';
import { eventIdentity } from './event-identity.js';
import { decodeRecorder } from './recorder-column.js';
import { loggedEventsReader } from './logged-events.js';
import { VOCAB_KIND } from './index-codes.js';
import { decodeInterned, IdentInterner, VocabInterner } from './interner.js';
import { checkPerPage, decodePageToken, encodePageToken } from './page-token.js';

interface EventRow {
  seq: number;
  hash_id: Buffer | string;
  captured_by: string | null;
  recorder_keys: string | null;
  body: string;
}

/** The `event` column of each interned field that distinct() lists (EPCs live in event_epc). */
const COLUMN_OF: Record<Exclude<Parameters<EventRepository['distinct']>[0], 'epc'>, string> = {
  eventType: 'event_type',
  bizStep: 'biz_step',
  bizLocation: 'biz_location',
  readPoint: 'read_point',
  disposition: 'disposition',
};

/** The event repository over an open database. */
export function sqliteEvents(db: Database.Database): EventRepository {
  const vocab = new VocabInterner(db);
  const ident = new IdentInterner(db);
  const identity = eventIdentity(db);
  const write = eventWriter(db, vocab, ident, auditWriter(db), identity);
  const logged = loggedEventsReader(db);

  // Pattern tests of the query being compiled, called from SQL as karvon_match(slot, value).
  let patterns: CompiledEpcPattern[] = [];
  db.function('karvon_match', { deterministic: false }, (slot, value) =>
    typeof slot === 'number' && typeof value === 'string' && patterns[slot]?.test(decodeInterned(value)) ? 1 : 0,
  );
  const selectDescendants = db.prepare<[string], { id: string }>(
    `WITH RECURSIVE d(id) AS (SELECT ? UNION SELECT c.child FROM vocabulary_child c JOIN d ON c.parent = d.id) SELECT id FROM d`,
  );
  const selectAttributes = db.prepare<[string], { attributes: string }>('SELECT attributes FROM vocabulary_element WHERE id = ?');
  const attributes = (id: string): Record<string, unknown> | undefined => {
    const rows = selectAttributes.all(normaliseIdentifier(id));
    if (rows.length === 0) return undefined;
    const out: Record<string, unknown> = {};
    for (const row of rows) for (const a of JSON.parse(row.attributes) as { id: string; attribute: unknown }[]) out[a.id] = a.attribute;
    return out;
  };
  const search = new EventSearch(db, () => {
    patterns = [];
    return {
      vocab,
      ident,
      descendants: (value) => selectDescendants.all(normaliseIdentifier(value)).map((r) => r.id),
      attributes,
      registerPattern: (p) => patterns.push(p) - 1,
      aliasHashes: (eventIDs) => identity.aliasHashes(eventIDs),
    };
  });

  const byEventID = db.prepare<[Buffer | string], EventRow>('SELECT seq, hash_id, captured_by, recorder_keys, body FROM event WHERE event_id = ? ORDER BY declared DESC LIMIT 1');
  const byHashID = db.prepare<[Buffer | string], EventRow>('SELECT seq, hash_id, captured_by, recorder_keys, body FROM event WHERE hash_id = ? ORDER BY declared DESC LIMIT 1');
  const countAll = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM event');
  const rowsAfter = db.prepare<[number, number], EventRow>('SELECT seq, hash_id, captured_by, recorder_keys, body FROM event WHERE seq > ? ORDER BY seq LIMIT ?');
  // The sequences travel as one JSON array: one statement for any number of them, no parameter limit.
  const rowsBySequence = db.prepare<[string], EventRow>(
    'SELECT seq, hash_id, captured_by, recorder_keys, body FROM event WHERE seq IN (SELECT value FROM json_each(?)) ORDER BY seq',
  );
  const maxSequence = db.prepare<[], { n: number }>('SELECT coalesce(max(seq), 0) AS n FROM event');
  const vocabPage = db.prepare<[number, number, number], { id: number; value: string }>(
    'SELECT id, value FROM vocab WHERE kinds & ? AND id > ? ORDER BY id LIMIT ?',
  );
  const epcPage = db.prepare<[number, number], { id: number; value: string }>(
    `SELECT e.epc AS id, i.value AS value
       FROM (SELECT DISTINCT epc FROM event_epc WHERE epc > ? ORDER BY epc LIMIT ?) e
       JOIN ident i ON i.id = e.epc ORDER BY e.epc`,
  );

  const toStored = (row: EventRow): StoredEvent => ({
    event: JSON.parse(row.body) as EpcisEvent,
    hashID: decodeHashID(row.hash_id),
    sequence: row.seq,
    ...(row.captured_by !== null ? { capturedBy: row.captured_by } : {}),
    recorder: decodeRecorder(row.recorder_keys, row.captured_by),
  });

  // Distinct values for a scoped caller: only values some visible event uses. Statements per shape.
  const scopedStatements = new Map<string, Database.Statement<unknown[], { id: number; value: string }>>();
  const scopedDistinct = (
    field: Parameters<EventRepository['distinct']>[0],
    after: number,
    limit: number,
    scope: ReadScope,
  ): { id: number; value: string }[] => {
    const visible = eventScopeTerm(scope, 'e');
    if (visible === 'nothing') return [];
    if (visible === 'everything') return field === 'epc' ? epcPage.all(after, limit) : vocabPage.all(VOCAB_KIND[field], after, limit);
    const sql =
      field === 'epc'
        ? `SELECT i.id AS id, i.value AS value FROM ident i
            WHERE i.id IN (SELECT DISTINCT x.epc FROM event_epc x JOIN event e ON e.seq = x.seq WHERE x.epc > ? AND ${visible.sql})
            ORDER BY i.id LIMIT ?`
        : `SELECT v.id AS id, v.value AS value FROM vocab v
            WHERE v.kinds & ? AND v.id > ? AND EXISTS (SELECT 1 FROM event e WHERE e.${COLUMN_OF[field]} = v.id AND ${visible.sql})
            ORDER BY v.id LIMIT ?`;
    let statement = scopedStatements.get(sql);
    if (!statement) {
      if (scopedStatements.size >= 100) scopedStatements.clear();
      statement = db.prepare<unknown[], { id: number; value: string }>(sql);
      scopedStatements.set(sql, statement);
    }
    return field === 'epc' ? statement.all(after, ...visible.params, limit) : statement.all(VOCAB_KIND[field], after, ...visible.params, limit);
  };

  return {
    async insert(events, audit, options) {
      return write(events, audit, options);
    },
    async get(eventID) {
      // Its own eventID first, then an alias (the stored event under its own eventID), then a hash ID.
      const byAlias = () => {
        const hashID = identity.aliasOf(eventID);
        return hashID === undefined ? undefined : byHashID.get(encodeHashID(hashID));
      };
      const row = byEventID.get(encodeEventID(eventID)) ?? byAlias() ?? byHashID.get(encodeHashID(eventID));
      return row ? toStored(row) : undefined;
    },
    async query(query, page, scope) {
      return search.page(query, page, scope);
    },
    async count(query, limit, scope) {
      return search.count(query, limit, scope);
    },
    async distinct(field, page, scope) {
      const perPage = checkPerPage(page.perPage);
      const after = page.pageToken ? decodePageToken<{ d: number }>(page.pageToken, { d: 'number' }).d : 0;
      const rows =
        scope !== undefined
          ? scopedDistinct(field, after, perPage + 1, scope)
          : field === 'epc'
            ? epcPage.all(after, perPage + 1)
            : vocabPage.all(VOCAB_KIND[field], after, perPage + 1);
      const shown = rows.slice(0, perPage);
      return {
        values: shown.map((r) => decodeInterned(r.value)),
        ...(rows.length > perPage ? { nextPageToken: encodePageToken({ d: shown[shown.length - 1]!.id }) } : {}),
      };
    },
    async total() {
      return countAll.get()!.n;
    },
    async after(sequence, limit) {
      if (!Number.isSafeInteger(limit) || limit < 0) {
        throw new EpcisException('ImplementationException', `limit must be a non-negative integer, got ${String(limit)}`);
      }
      return rowsAfter.all(sequence, limit).map(toStored);
    },
    async bySequence(sequences) {
      const wanted = sequences.filter((s) => Number.isSafeInteger(s));
      return wanted.length === 0 ? [] : rowsBySequence.all(JSON.stringify(wanted)).map(toStored);
    },
    async lastSequence() {
      return maxSequence.get()!.n;
    },
    async logged(sequence, limit) {
      return logged(sequence, limit);
    },
  };
}
