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
 * Durability: WAL with synchronous=NORMAL (set in open-sqlite-store.ts). A committed transaction
 * is in the WAL file before commit returns, so it survives a crash of the process; after a power
 * loss or OS crash the last few commits may be lost. `synchronous: 'FULL'` (an option) fsyncs the
 * WAL on every commit and makes commits survive power loss too, at a cost in capture throughput.
 */
export const MIGRATIONS: readonly string[] = [
  `
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
];
