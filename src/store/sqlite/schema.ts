/**
 * Schema of the embedded SQLite store, as an ordered list of migrations (never edit a shipped one;
 * append). Sized for one country's share of the corridors: ~1M shipments a year, ~20 events each,
 * i.e. tens of millions of events, where the hot read is "all events of one shipment" and capture
 * must stay close to the speed of a raw insert.
 *
 * Design decisions:
 * - `event.seq` is the INTEGER PRIMARY KEY (the rowid): capture order, strictly increasing, so new
 *   rows append to the right edge of the table B-tree and every secondary index carries it for free.
 *   It is the default order of query results and the tie-breaker of every other order.
 * - Hash IDs in the canonical CBV 2.0 form ("ni:///sha-256;<64 hex>?ver=CBV2.0") are stored as the
 *   32-byte digest (BLOB) and eventIDs of the form "urn:uuid:<uuid>" as 16 bytes, instead of 80- and
 *   45-character strings: both columns carry a UNIQUE index that every capture probes, and halving
 *   their keys keeps more of those indexes in cache. Other spellings are stored as TEXT (the columns
 *   have no type affinity, and a TEXT never equals a BLOB, so the two forms cannot collide).
 * - An error declaration (EPCIS 2.0 §7.4.1.2) repeats the erroneous event with the same eventID and,
 *   since the hash leaves errorDeclaration out, the same hash ID. `declared` (0 or 1) tells the two
 *   apart: eventID and hash ID are unique per value of `declared`, so an event and its declaration
 *   are both kept, and each of them is stored once.
 * - Times are integer epoch milliseconds (UTC instants), comparable and compact.
 * - Long repeated strings are interned into small integers:
 *   `vocab` holds low-cardinality values (event types, bizSteps, dispositions, readPoints,
 *   bizLocations, bizTransaction and source/destination types; thousands of rows at most). Its
 *   `kinds` bit set records in which fields a value has been used, which answers the REST
 *   "distinct values" resources (GET /bizSteps ...) without an index on the event columns.
 *   `ident` holds high-cardinality identifiers (EPCs, EPC classes, bizTransaction, source and
 *   destination ids). A container's EPC appears in ~20 events: interning stores its ~40-byte text
 *   once and lets the side tables hold three integers per row. The GS1 Digital Link resolver prefix
 *   is stored as one control character (see interner.ts).
 *   Both are cached in the process, so a capture touches them only for values it has not seen.
 * - Many-valued fields live in WITHOUT ROWID side tables whose primary key is the whole row, led by
 *   the value, so "events with this EPC" is one range scan returning sequences in order:
 *   event_epc (EPCs by role), event_class (EPC classes by quantity list), event_biz_tx,
 *   event_source_dest. Roles are small integers (see index-codes.ts).
 * - Secondary indexes on `event`, each because a query needs it: event_time and record_time (time
 *   windows, orderBy and subscriptions' "since"), read_point and biz_location (the REST resources
 *   /readPoints/{id}/events and /bizLocations/{id}/events are selective). No index on event_type,
 *   biz_step, disposition or action: each value matches a large share of all events, so a scan in
 *   sequence order finds a page of matches quickly, and the index would only cost capture time.
 * - The event body is compact JSON, returned as captured; everything indexed is derived from it
 *   by indexValues() (src/store/index-values.ts), so indexes can be rebuilt.
 * - Capture documents are kept in their own table, so listing jobs never reads large BLOBs.
 *
 *
 * Migration 2 (`shipment-read-model`), the persisted shipment read model (written only by the
 * shipment projection, see ShipmentViewRepository in store.ts):
 * - `shipment` holds one row per live shipment: the columns lists filter and order on, the folded
 *   state as JSON (opaque to the store, returned as written), the samples of a completed shipment
 *   and the linker's first/delivered times. `n` is the rowid, so the full-text row of a shipment can
 *   share its rowid; `key` (the linker's `s<n>`) is UNIQUE and is what every other table refers to.
 *   Upserts use ON CONFLICT DO UPDATE so `n` stays put. `id` is deliberately not UNIQUE: the
 *   projection keeps ids unique among live shipments only loosely, and a constraint that could make
 *   a commit throw would stop the projection; `shipment_alias` says which key an id leads to.
 * - The list order is last_time DESC then id ASC. SQLite sorts NULL lowest, so DESC already puts
 *   shipments without a time last. The directions are mixed, so the indexes are declared in them:
 *   `shipment_by_activity` (last_time DESC, id) serves the unfiltered list in order and stops at the
 *   page's end; the common filters, status and corridor, lead their own (filter, last_time DESC, id)
 *   indexes, which keep the order too. Other filters (mode, time window) are checked on rows read
 *   in list order; country and upcoming stop go through their side tables.
 * - `shipment_totals` covers status, corridor, event_count, open_holds and completed_at, so the
 *   totals are one GROUP BY over a compact index instead of a scan of rows carrying their state.
 * - `shipment_alias` maps every id a shipment has had, and every key merged into it, to the key it
 *   leads to now: a merge re-points the aliases of the merged key, so earlier ids resolve forever.
 * - `shipment_link` is the linker's entry (documents with their kind, units with kind NULL) in the
 *   entry's order (`pos`), found by value for linkCandidates(); `shipment_lookup` (exact terms),
 *   `shipment_country` and `shipment_stop` are (value, key) WITHOUT ROWID tables led by the value,
 *   each with a (key) index so a shipment's rows can be replaced.
 * - `shipment_event` (key, seq) WITHOUT ROWID: a shipment's event sequences as one range scan.
 * - `shipment_search` is an FTS5 table with the trigram tokenizer over the search terms joined by
 *   spaces (squashed terms hold none, so a squashed text never matches across two terms), rowid =
 *   shipment.n: substring search through an index rather than a LIKE scan.
 * - `shipment_checkpoint` is one row: the last event sequence folded and the key counter, written in
 *   the same transaction as the rows they account for.
 *
 * Durability: WAL with synchronous=NORMAL (set in open-sqlite-store.ts). A committed transaction
 * is in the WAL file before commit returns, so it survives a crash of the process; after a power
 * loss or OS crash the last few commits may be lost. `synchronous: 'FULL'` (an option) fsyncs the
 * WAL on every commit and makes commits survive power loss too, at a cost in capture throughput.
 */
import { ACCESS_SCHEMA } from './access-schema.js';
import { AUDIT_SCHEMA } from './audit-schema.js';
import { AUDIT_TREE_SCHEMA } from './audit-tree-schema.js';
import { GOVERNANCE_SCHEMA } from './governance-schema.js';
import { NAMED_QUERY_OWNER_SCHEMA } from './named-query-schema.js';
import { claimPartyIds } from './organisation-party-schema.js';
import { VISIBILITY_SCHEMA } from './visibility-schema.js';
import { STANDING_SCHEMA } from './standing-schema.js';
import type { SqliteMigration } from './sqlite-migrations.js';
import { FOLLOWERS_SCHEMA } from './followers-schema.js';
import { EVENT_ALIAS_SCHEMA } from './event-alias-schema.js';
import { SHIPMENT_WHEREABOUTS_SCHEMA } from './shipment-whereabouts-schema.js';
import { SHIPMENT_TIMELINE_WHAT_SCHEMA } from './shipment-refold.js';
import { ALERTS_SCHEMA } from './alert-schema.js';
import { TELEMETRY_SCHEMA } from './telemetry-schema.js';

/**
 * The migrations in the order they are applied, each under the name the database records
 * (`schema_migration`, see sqlite-migrations.ts). Names are stable forever; append new ones.
 */
export const MIGRATIONS: readonly SqliteMigration[] = [
  {
    name: 'event-store',
    up: `
  CREATE TABLE vocab (
    id INTEGER PRIMARY KEY,
    value TEXT NOT NULL UNIQUE,
    kinds INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE ident (
    id INTEGER PRIMARY KEY,
    value TEXT NOT NULL UNIQUE
  );
  CREATE TABLE event (
    seq INTEGER PRIMARY KEY,
    event_id NOT NULL,
    hash_id NOT NULL,
    declared INTEGER NOT NULL,
    event_type INTEGER NOT NULL,
    event_time INTEGER NOT NULL,
    record_time INTEGER NOT NULL,
    action INTEGER,
    biz_step INTEGER,
    disposition INTEGER,
    read_point INTEGER,
    biz_location INTEGER,
    capture_job TEXT,
    body TEXT NOT NULL
  );
  CREATE UNIQUE INDEX event_by_event_id ON event (event_id, declared);
  CREATE UNIQUE INDEX event_by_hash_id ON event (hash_id, declared);
  CREATE INDEX event_by_event_time ON event (event_time);
  CREATE INDEX event_by_record_time ON event (record_time);
  CREATE INDEX event_by_read_point ON event (read_point) WHERE read_point IS NOT NULL;
  CREATE INDEX event_by_biz_location ON event (biz_location) WHERE biz_location IS NOT NULL;

  CREATE TABLE event_epc (
    epc INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    role INTEGER NOT NULL,
    PRIMARY KEY (epc, seq, role)
  ) WITHOUT ROWID;
  CREATE TABLE event_class (
    class INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    role INTEGER NOT NULL,
    PRIMARY KEY (class, seq, role)
  ) WITHOUT ROWID;
  CREATE TABLE event_biz_tx (
    tx INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    type INTEGER NOT NULL,
    PRIMARY KEY (tx, seq, type)
  ) WITHOUT ROWID;
  CREATE TABLE event_source_dest (
    party INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    side INTEGER NOT NULL,
    type INTEGER NOT NULL,
    PRIMARY KEY (party, seq, side, type)
  ) WITHOUT ROWID;

  CREATE TABLE capture_job (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL,
    error_behaviour TEXT NOT NULL,
    content_type TEXT NOT NULL,
    created_at TEXT NOT NULL,
    finished_at TEXT,
    captured INTEGER NOT NULL DEFAULT 0,
    duplicates INTEGER NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0,
    errors TEXT NOT NULL DEFAULT '[]'
  );
  CREATE INDEX capture_job_unfinished ON capture_job (n) WHERE status IN ('queued', 'running');
  CREATE TABLE capture_document (
    job_id TEXT PRIMARY KEY REFERENCES capture_job (id),
    document BLOB NOT NULL
  );

  CREATE TABLE named_query (
    name TEXT PRIMARY KEY,
    query TEXT NOT NULL,
    created_at TEXT NOT NULL
  );

  CREATE TABLE vocabulary_element (
    id TEXT NOT NULL,
    type TEXT NOT NULL,
    attributes TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (id, type)
  ) WITHOUT ROWID;
  CREATE TABLE vocabulary_child (
    parent TEXT NOT NULL,
    child TEXT NOT NULL,
    type TEXT NOT NULL,
    PRIMARY KEY (parent, child, type)
  ) WITHOUT ROWID;
  `,
  },
  {
    name: 'shipment-read-model',
    up: `
  CREATE TABLE shipment (
    n INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    id TEXT NOT NULL,
    status TEXT NOT NULL,
    corridor TEXT,
    mode TEXT,
    first_time INTEGER,
    last_time INTEGER,
    open_holds INTEGER NOT NULL,
    event_count INTEGER NOT NULL,
    completed_at INTEGER,
    link_first INTEGER,
    link_delivered INTEGER,
    samples TEXT,
    state TEXT NOT NULL,
    side_rows TEXT
  );
  CREATE INDEX shipment_by_activity ON shipment (last_time DESC, id);
  CREATE INDEX shipment_by_status ON shipment (status, last_time DESC, id);
  CREATE INDEX shipment_by_corridor ON shipment (corridor, last_time DESC, id) WHERE corridor IS NOT NULL;
  CREATE INDEX shipment_by_completion ON shipment (completed_at) WHERE completed_at IS NOT NULL;
  CREATE INDEX shipment_totals ON shipment (status, corridor, event_count, open_holds, completed_at);

  CREATE TABLE shipment_alias (
    alias TEXT PRIMARY KEY,
    key TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX shipment_alias_by_key ON shipment_alias (key);

  CREATE TABLE shipment_link (
    key TEXT NOT NULL,
    pos INTEGER NOT NULL,
    value TEXT NOT NULL,
    kind TEXT,
    PRIMARY KEY (key, pos)
  ) WITHOUT ROWID;
  CREATE INDEX shipment_link_by_value ON shipment_link (value);

  CREATE TABLE shipment_lookup (
    term TEXT NOT NULL,
    key TEXT NOT NULL,
    PRIMARY KEY (term, key)
  ) WITHOUT ROWID;
  CREATE INDEX shipment_lookup_by_key ON shipment_lookup (key);

  CREATE TABLE shipment_country (
    country TEXT NOT NULL,
    key TEXT NOT NULL,
    PRIMARY KEY (country, key)
  ) WITHOUT ROWID;
  CREATE INDEX shipment_country_by_key ON shipment_country (key);

  CREATE TABLE shipment_stop (
    location TEXT NOT NULL,
    key TEXT NOT NULL,
    PRIMARY KEY (location, key)
  ) WITHOUT ROWID;
  CREATE INDEX shipment_stop_by_key ON shipment_stop (key);

  CREATE TABLE shipment_event (
    key TEXT NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (key, seq)
  ) WITHOUT ROWID;

  CREATE VIRTUAL TABLE shipment_search USING fts5 (terms, tokenize = 'trigram');

  CREATE TABLE shipment_checkpoint (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    position INTEGER NOT NULL,
    key_counter INTEGER NOT NULL
  );
  INSERT INTO shipment_checkpoint (one, position, key_counter) VALUES (1, 0, 0);
  `,
  },
  { name: 'access', up: ACCESS_SCHEMA },
  { name: 'audit-log', up: AUDIT_SCHEMA },
  { name: 'governance', up: GOVERNANCE_SCHEMA },
  { name: 'visibility', up: VISIBILITY_SCHEMA },
  { name: 'named-query-owners', up: NAMED_QUERY_OWNER_SCHEMA },
  { name: 'organisation-party-claims', up: claimPartyIds },
  { name: 'recorder-standing', up: STANDING_SCHEMA },
  { name: 'audit-tree', up: AUDIT_TREE_SCHEMA },
  { name: 'followers', up: FOLLOWERS_SCHEMA },
  { name: 'event-aliases', up: EVENT_ALIAS_SCHEMA },
  { name: 'shipment-whereabouts', up: SHIPMENT_WHEREABOUTS_SCHEMA },
  { name: 'shipment-timeline-what', up: SHIPMENT_TIMELINE_WHAT_SCHEMA },
  { name: 'telemetry', up: TELEMETRY_SCHEMA },
  { name: 'alerts', up: ALERTS_SCHEMA },
];
