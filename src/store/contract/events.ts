/** The store's contract, in part (store.ts gathers the parts into the Store): Events: what capture writes and followers read; the event log's contract. */
import type { EpcisEvent } from '../../epcis/model.js';
import type { EventQuery } from '../../epcis/query/event-query.js';
import type { ReadScope, Recorder } from '../../model/visibility-scope.js';
import type { AuditAppend, AuditTip } from '../../model/governance.js';

/** An event ready to be written: its eventID and recordTime are already set. */
export interface NewEvent {
  event: EpcisEvent;
  /** The CBV 2.0 event hash ID ("ni:///sha-256;...?ver=CBV2.0"). Unique in the store. */
  hashID: string;
  /** The capture job that brought it, if any. */
  captureJobID?: string;
  /** The organisation that captured it (absent for local imports and the demo's own traffic). */
  capturedBy?: string;
  /** Who recorded it, as the visibility policy weighs it; absent for local captures (trusted). */
  recorder?: Recorder;
}

export interface StoredEvent {
  event: EpcisEvent;
  hashID: string;
  /** Store-assigned, strictly increasing: the natural order of capture. */
  sequence: number;
  /** The organisation that captured it, when known. */
  capturedBy?: string;
  /** Who recorded it, as the visibility policy weighs it: on rows read by get(), after() and bySequence(). */
  recorder?: Recorder;
}

export interface InsertOutcome {
  /** Hash IDs that were new and are now stored, in input order. */
  inserted: string[];
  /** The indexes (in the list given) of those events: an event and its declaration share a hash ID. */
  insertedAt: number[];
  /** Hash IDs (or eventIDs) that were already stored and therefore skipped (content duplicates included). */
  duplicates: string[];
  /**
   * Content duplicates: events whose content (hash ID) is stored already under another eventID. The
   * eventID sent is kept as an alias of the stored event, so get() and EQ_eventID find it by either.
   */
  aliased: EventAlias[];
  /** Events refused because their eventID names a stored event of other content (nothing of them stored). */
  conflicts: EventIDConflict[];
  /** With an audit builder, when an entry was written: its number. */
  auditSeq?: number;
  /**
   * With an audit builder: duplicates stored earlier by the same capture job that no entry logged
   * (a crash of an earlier version between the events and their entry), now logged by this entry.
   */
  recovered?: string[];
}

/** A sender's eventID kept as another name of the stored event with the same content. */
export interface EventAlias {
  /** The event's index in the list given to insert(). */
  index: number;
  /** The eventID the sender gave. */
  eventID: string;
  /** The hash ID of the sender's event, which is the stored event's. */
  hashID: string;
}

/** An event whose eventID names a stored event of other content (and which is no error declaration). */
export interface EventIDConflict {
  /** The event's index in the list given to insert(). */
  index: number;
  eventID: string;
  /** The hash ID of the event refused. */
  hashID: string;
  /** The event the eventID names: its hash ID and who captured it (for the visibility of a message). */
  stored: { hashID: string; capturedBy?: string };
}

/**
 * Thrown by insert() with `{ conflicts: 'abort' }` when an eventID names another stored event: the
 * transaction is rolled back and nothing of the batch is stored.
 */
export class EventIDTaken extends Error {
  override readonly name = 'EventIDTaken';
  constructor(readonly conflicts: readonly EventIDConflict[]) {
    super(`${conflicts.length} eventID(s) name other events already stored, first '${conflicts[0]?.eventID ?? ''}'`);
  }
}

/** How insert() treats an event whose eventID names another stored event. */
export interface InsertOptions {
  /** 'skip' (default): store the others and report it in `conflicts`; 'abort': store nothing, throw EventIDTaken. */
  conflicts?: 'skip' | 'abort';
}

/**
 * Builds a capture's audit entry inside the transaction that stores its events (see insert):
 * `logged` are the hash IDs the entry must list, `tip` what the audit log's append builds on.
 */
export type CaptureAuditBuilder = (logged: { hashIDs: readonly string[]; recovered: number }, tip: AuditTip) => AuditAppend;

/** A stored event with the audit entry that logs it (for verification). */
export interface LoggedEvent extends StoredEvent {
  /** The number of the audit entry that lists its hash ID; absent when none does. */
  auditSeq?: number;
}

export interface EventPage {
  events: StoredEvent[];
  /** Opaque token for the next page, absent on the last page. */
  nextPageToken?: string;
}

export interface EventRepository {
  /**
   * Writes the events in one transaction. An eventID names one event:
   * - the same eventID with the same content (hash ID) is stored already: a duplicate, skipped;
   * - the same content under another eventID: a content duplicate, skipped, and the eventID sent is
   *   kept as an alias of the stored event (`aliased`) unless it is the hash ID itself;
   * - an eventID (or alias) that names a stored event of other content: a conflict, not stored
   *   (see InsertOptions).
   * The checks are index probes per event, inside the transaction, so concurrent captures cannot
   * slip past them. An error declaration (an event with errorDeclaration) is stored beside the event
   * it declares erroneous, although both share eventID and hash ID; it is skipped only when a
   * declaration with that eventID or hash ID is stored already, and is never a conflict. A
   * declaration sent under an alias is stored under the stored event's own eventID (and the row
   * given to insert() is updated to say so).
   *
   * With `audit`, the same transaction appends one audit entry for the batch, built by `audit` from
   * the hash IDs it stored (and those of `recovered` events: duplicates this capture job stored
   * earlier without an entry), and each of those rows records that entry's number. No entry is
   * written when nothing was stored or recovered. Either the events and their entry are stored, or
   * neither is.
   */
  insert(events: NewEvent[], audit?: CaptureAuditBuilder, options?: InsertOptions): Promise<InsertOutcome>;
  /**
   * Finds one event by its eventID, an alias (an eventID a content duplicate was sent under) or its
   * hash ID; when it was declared erroneous, the declaration. The event comes back as stored (its
   * own eventID, not the alias).
   */
  get(eventID: string): Promise<StoredEvent | undefined>;
  /**
   * Answers a query, one page at a time. With a `scope`, only events the scope may see are matched
   * (src/access/visibility.ts: captured by its organisation, or attached to a shipment whose
   * audience shares a key with it); `{ kind: 'aggregates' }` matches nothing.
   */
  query(query: EventQuery, page: { perPage: number; pageToken?: string }, scope?: ReadScope): Promise<EventPage>;
  /** Counts the events a query matches, up to `limit` (to enforce eventCountLimit / maxEventCount). */
  count(query: EventQuery, limit: number, scope?: ReadScope): Promise<number>;
  /** Distinct values of one indexed field, for the top-level REST resources. */
  distinct(
    field: 'eventType' | 'epc' | 'bizStep' | 'bizLocation' | 'readPoint' | 'disposition',
    page: { perPage: number; pageToken?: string },
    /** Only values used by events the scope may see (absent: all). */
    scope?: ReadScope,
  ): Promise<{ values: string[]; nextPageToken?: string }>;
  /** Total number of stored events. */
  total(): Promise<number>;
  /**
   * Up to `limit` stored rows with a sequence greater than `sequence`, in sequence order; error
   * declarations are rows of their own. This is how followers (src/followers/) follow the store and
   * catch up after a restart.
   *
   * The contract a follower relies on: after() returns only rows below a **committed, gap-free
   * high-water mark**. Every row it returns is committed, and no row with a smaller sequence can
   * commit later. So a follower that remembers the last sequence it folded and asks for what comes
   * after it never skips a row (none can appear behind its position) and never repeats one (nothing
   * it saw is returned again); rows of a rolled-back insert are never returned.
   *
   * SQLite satisfies it by construction: one writer at a time, and the sequence (rowid) is assigned
   * inside the writing transaction, so commit order is sequence order. A store with concurrent
   * writers (PostgreSQL) must earn it, because a transaction that took sequence 101 can commit after
   * the one that took 102, and a follower at 102 would never see 101. It must choose one of:
   * - serialise the sequence: take a transaction-scoped advisory lock around "next sequence +
   *   insert" so sequences are handed out in commit order (simple; writers queue on that lock for
   *   the length of the insert, which capture keeps short), or
   * - keep concurrent writers and cap after() at a high-water mark: the highest sequence below
   *   which every transaction has ended, derived from transaction ids (rows carry xmin/the writing
   *   xid; after() returns only rows whose transaction is older than pg_snapshot_xmin of the current
   *   snapshot), so a hole is waited out instead of skipped.
   * The shared store suite (test/store/store-suite.ts) checks the contract with inserts in flight,
   * some rolled back.
   */
  after(sequence: number, limit: number): Promise<StoredEvent[]>;
  /** The rows with these sequences, in sequence order (unknown sequences are left out). */
  bySequence(sequences: readonly number[]): Promise<StoredEvent[]>;
  /** The highest sequence stored, 0 when empty. */
  lastSequence(): Promise<number>;
  /** Like after(), with the audit entry that logs each row (audit verification). */
  logged(sequence: number, limit: number): Promise<LoggedEvent[]>;
}
