/**
 * The Store: everything Karvon keeps durably, behind one interface with one implementation per
 * database (sqlite/ embedded, postgres/ later). Nothing above store/ writes SQL. All methods are
 * async so that a networked database fits the same shape as the embedded one.
 */
import type { EpcisEvent, Vocabulary } from '../epcis/model.js';
import type { EventQuery } from '../epcis/query/event-query.js';
import type { ValidationIssue } from '../epcis/exceptions.js';
import type { Organisation, PublicLink, Session, StoredApiKey, StoredUser } from '../model/access.js';
import type { ReadScope, Recorder } from '../model/visibility-scope.js';
import type { AuditAppend, AuditEntry, AuditTip, AuditTreeNode, ChairTerm, MemberState, Proposal, StoredTreeHead, Vote } from '../model/governance.js';

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

export type CaptureJobStatus = 'queued' | 'running' | 'success' | 'failed';
export type CaptureErrorBehaviour = 'rollback' | 'proceed';

export interface CaptureJob {
  id: string;
  status: CaptureJobStatus;
  errorBehaviour: CaptureErrorBehaviour;
  contentType: string;
  createdAt: string;
  finishedAt?: string;
  /** Numbers of events captured, skipped as duplicates and rejected. */
  captured: number;
  duplicates: number;
  rejected: number;
  errors: ValidationIssue[];
  /** Content duplicates: eventIDs sent for content stored already, now aliases of the event with that hash ID. */
  contentDuplicates?: { eventID: string; hashID: string }[];
  /** Data-quality findings on the captured events (GS1 keys, CBV terms): reported, not refused. */
  warnings?: ValidationIssue[];
  /** The organisation it captures for (absent for local captures): a resumed job is authorised as it. */
  capturedBy?: string;
}

/** Whose capture jobs a listing shows: one organisation's, or every job. */
export type CaptureJobOwner = { readonly capturedBy: string } | 'all';

export interface CaptureJobRepository {
  /** Stores the submitted document with a new job, durably, before the job is acknowledged. */
  create(job: Pick<CaptureJob, 'id' | 'errorBehaviour' | 'contentType' | 'createdAt' | 'capturedBy'>, document: Buffer): Promise<void>;
  get(id: string): Promise<CaptureJob | undefined>;
  /**
   * A page of jobs in submission order: those captured for one organisation, or all of them (the
   * network operator's view, local captures included). Paged after filtering, so a page holds
   * perPage jobs of the owner whenever it has that many more.
   */
  list(whose: CaptureJobOwner, page: { perPage: number; pageToken?: string }): Promise<{ jobs: CaptureJob[]; nextPageToken?: string }>;
  /** Jobs not finished (queued or running): to resume after a restart. */
  unfinished(): Promise<CaptureJob[]>;
  document(id: string): Promise<Buffer | undefined>;
  update(id: string, changes: Partial<Omit<CaptureJob, 'id' | 'createdAt'>>): Promise<void>;
}

export interface NamedQuery {
  /**
   * The organisation that created it; its names are its own (two organisations may each have a
   * query of the same name). null for queries stored before queries had owners.
   */
  owner: string | null;
  name: string;
  /** The query parameters as submitted (REST query-schema shape). */
  query: Record<string, unknown>;
  createdAt: string;
}

export interface NamedQueryRepository {
  /** Creates a named query; returns false when its owner has a query of that name already. */
  create(query: NamedQuery): Promise<boolean>;
  /** The query of this name among `owner`'s (null: among those without an owner). */
  get(owner: string | null, name: string): Promise<NamedQuery | undefined>;
  /** A page of queries in (name, owner) order: `owner`'s only when given (null: those without one), else all. */
  list(page: { perPage: number; pageToken?: string; owner?: string | null }): Promise<{ queries: NamedQuery[]; nextPageToken?: string }>;
  delete(owner: string | null, name: string): Promise<boolean>;
}

export interface MasterDataRepository {
  /** Merges vocabularies from an EPCIS header (attributes and children replace earlier ones per element). */
  upsert(vocabularies: Vocabulary[]): Promise<void>;
  /** The id and all its descendants (transitively through `children`), for WD_ queries. */
  descendants(id: string): Promise<string[]>;
}

/**
 * What the shipment linker knows of one shipment: the documents and units that link events to it,
 * when it started and when it was delivered (epoch ms). See src/projections/shipment-linker.ts.
 */
export interface ShipmentLinkEntry {
  key: string;
  /** [document value (bizTransaction as written), document kind] pairs. */
  documents: [string, string][];
  units: string[];
  /**
   * Documents and units learnt from an organisation's event while another shipment held them:
   * they lead only events of organisations in this shipment's audience here.
   */
  privateDocuments?: [string, string][];
  privateUnits?: string[];
  /** Earliest event time; null when no event time was readable. */
  first: number | null;
  delivered?: number;
  /** Who may see the shipment: audience keys (src/access/audience.ts), grown event by event. */
  audience: string[];
}

/** One shipment of the persisted read model, as the shipment projection writes it. */
export interface ShipmentRecord {
  /** The linker's internal key (stable: survives id changes; merged keys redirect to it). */
  key: string;
  /** The public id; it can change when an earlier event arrives, earlier ids keep resolving. */
  id: string;
  /** The id comes from a number held only privately: a lookup by it prefers a shipment holding the number as its own. */
  idLearnt?: boolean;
  status: string;
  corridor?: string;
  mode?: string;
  /** Epoch ms of the first and last event. */
  firstEventTime?: number;
  lastEventTime?: number;
  /** Countries the shipment has been in (ISO 3166-1 alpha-2). */
  countries: string[];
  /** Location ids still ahead (the current stop included): the customs officer's filter. */
  upcomingStops: string[];
  /** Exact lookup terms for get(): document numbers and values, unit ids, squashed forms (see projection). */
  lookupTerms: string[];
  /** Lookup terms of numbers held only privately: a lookup finds them only after every own holder. */
  learntLookupTerms?: string[];
  /** Substring search terms (document numbers, units, carriers, the id), already squashed. */
  searchTerms: string[];
  /** Who may see it: audience keys of src/access/visibility.ts (`org:`, `party:`, `customs:`). */
  audience: string[];
  openHolds: number;
  eventCount: number;
  /** Epoch ms when it arrived or was delivered; absent while under way. */
  completedAt?: number;
  /** Observed hours per leg/dwell key of a completed shipment (ETA statistics). */
  samples?: Record<string, number>;
  /** The folded state as a JSON object; opaque to the store. */
  state: Record<string, unknown>;
  link: ShipmentLinkEntry;
}

/** One shipment as read back: its key, id and the folded state. */
export interface ShipmentView {
  key: string;
  id: string;
  state: Record<string, unknown>;
  audience: string[];
}

export interface ShipmentViewChange {
  /** New and changed shipments (replacing the stored row, its link entry and its terms). */
  upserts: ShipmentRecord[];
  /** Event sequences newly attached to a shipment. */
  events: { key: string; sequences: number[] }[];
  /** Shipments merged into another: their rows go, their ids, links and events now lead to `into`. */
  merged: { key: string; into: string }[];
  /** Where the projection is in the event store, and its key counter. */
  checkpoint: ShipmentCheckpoint;
  /**
   * The checkpoint position this change was folded from. When given, the commit is refused with
   * CheckpointConflict if the stored position is another (a second process folded or rebuilt in
   * the meantime): whoever folds re-reads and carries on, and nothing is folded twice.
   */
  from?: number;
}

/**
 * A follower's commit that was folded from a checkpoint someone else has moved since (another
 * process folded those rows, or a rebuild reset it): nothing of the commit was written; whoever
 * folds re-reads the checkpoint and carries on, and nothing is folded twice.
 */
export class CheckpointConflict extends Error {
  override readonly name = 'CheckpointConflict';
  constructor(
    readonly follower: string,
    readonly expected: number,
    readonly found: number,
  ) {
    super(`follower '${follower}' moved from position ${expected} to ${found} while this batch was folded`);
  }
}

export interface ShipmentCheckpoint {
  /** The last event sequence folded (0 before any). */
  position: number;
  /** The number behind the last shipment key handed out (keys are `s<n>`). */
  keyCounter: number;
}

export interface ShipmentListFilter {
  statuses?: readonly string[];
  corridor?: string;
  country?: string;
  mode?: string;
  /** A location id among the shipment's upcoming stops. */
  upcomingStop?: string;
  /** Active in a window: lastEventTime >= activeFrom, firstEventTime <= activeTo (epoch ms). */
  activeFrom?: number;
  activeTo?: number;
  limit: number;
  /** Resume after this position of the list order (lastEventTime desc, nulls last, then id asc). */
  after?: { lastEventTime: number | null; id: string };
  /** Only shipments this scope may see (absent: all). */
  scope?: ReadScope;
}

export interface ShipmentTotals {
  shipments: number;
  events: number;
  openHolds: number;
  completed: number;
  byStatus: Record<string, number>;
  byCorridor: Record<string, number>;
}

/**
 * The persisted, indexed shipment read model: written only by the shipment projection, read by the
 * tracking API. Keeping it in the store (not in memory) bounds the memory of a server to what is
 * being folded, makes a restart resume from the checkpoint instead of refolding every event, and
 * lets several processes share one read model.
 */
export interface ShipmentViewRepository {
  checkpoint(): Promise<ShipmentCheckpoint>;
  /** Link entries of every shipment that owns one of these document values or one of these units. */
  linkCandidates(documents: readonly string[], units: readonly string[]): Promise<ShipmentLinkEntry[]>;
  /** The event sequences attached to each of these shipment keys, ascending. */
  eventSequences(keys: readonly string[]): Promise<Map<string, number[]>>;
  /**
   * The shipments follower's checkpoint (its row of the followers table) with the key counter.
   * Applies one change in one transaction (rows, links, terms, events, redirects, checkpoint).
   */
  commit(change: ShipmentViewChange): Promise<void>;
  /** Forgets the whole read model and resets its checkpoint (the `shipments` follower) to 0, in one transaction (before a rebuild). */
  clear(): Promise<void>;
  /** A shipment by key. */
  byKey(key: string): Promise<ShipmentView | undefined>;
  /**
   * A shipment by any of `refs` that `scope` may see (absent: any): first as a current or earlier
   * id (or merged key), then as an exact lookup term; of several shipments sharing a lookup term (a
   * reused container, a booking number two organisations use) the latest active.
   */
  find(refs: readonly string[], scope?: ReadScope): Promise<ShipmentView | undefined>;
  /** Shipments in list order (lastEventTime desc, nulls last, then id asc), filtered; up to limit. */
  list(filter: ShipmentListFilter): Promise<ShipmentView[]>;
  /** Shipments with a search term containing `text` (already squashed, 3 characters or more), latest first; only those `scope` may see. */
  search(text: string, limit: number, scope?: ReadScope): Promise<ShipmentView[]>;
  /** The `limit` most recently completed shipments with their samples, latest first. */
  recentlyCompleted(limit: number): Promise<{ key: string; completedAt: number; samples: Record<string, number> }[]>;
  totals(): Promise<ShipmentTotals>;
}

// ---- access (src/access/) ------------------------------------------------------------------------

/**
 * A party id another organisation holds already: a party belongs to at most one organisation, its
 * ids compared after normalisation (partyKey: a PGLN URN and its Digital Link are the same party).
 */
export class PartyIdTaken extends Error {
  override readonly name = 'PartyIdTaken';
  constructor(
    /** The party id as the caller wrote it. */
    readonly partyId: string,
    /** The organisation that holds it: for the network operator's eyes only. */
    readonly holder: string,
  ) {
    super(`party id '${partyId}' is held by another organisation`);
  }
}

export interface OrganisationRepository {
  /**
   * Creates an organisation; false when the id is taken. Throws PartyIdTaken (and creates nothing)
   * when another organisation holds one of its party ids, atomically: of two creations claiming the
   * same party at once, one fails.
   */
  create(organisation: Organisation): Promise<boolean>;
  get(id: string): Promise<Organisation | undefined>;
  /** By country and/or kind, ordered by id. */
  list(filter?: { country?: string; kind?: Organisation['kind'] }): Promise<Organisation[]>;
  /** Changes an organisation; new party ids are claimed like create()'s (PartyIdTaken), removed ones released. */
  update(id: string, changes: Partial<Pick<Organisation, 'name' | 'status' | 'partyIds' | 'locations'>>): Promise<Organisation | undefined>;
}

export interface UserRepository {
  /** Creates a user; false when the email is taken. */
  create(user: StoredUser): Promise<boolean>;
  get(id: string): Promise<StoredUser | undefined>;
  /** By sign-in name (stored lower case; the argument is lower-cased). */
  byEmail(email: string): Promise<StoredUser | undefined>;
  list(organisationId: string): Promise<StoredUser[]>;
  update(id: string, changes: Partial<Pick<StoredUser, 'name' | 'role' | 'status' | 'passwordHash' | 'failedSignIns' | 'lockedUntil'>>): Promise<StoredUser | undefined>;
}

export interface ApiKeyRepository {
  create(key: StoredApiKey): Promise<void>;
  get(id: string): Promise<StoredApiKey | undefined>;
  list(organisationId: string): Promise<StoredApiKey[]>;
  update(id: string, changes: Partial<Pick<StoredApiKey, 'lastUsedAt' | 'revokedAt'>>): Promise<void>;
}

export interface SessionRepository {
  create(session: Session): Promise<void>;
  get(idHash: string): Promise<Session | undefined>;
  update(idHash: string, changes: Partial<Pick<Session, 'lastSeenAt' | 'expiresAt'>>): Promise<void>;
  delete(idHash: string): Promise<void>;
  /** Signs a user out everywhere (password change, account disabled). */
  deleteForUser(userId: string): Promise<void>;
  /** Forgets sessions that expired before `now`; returns how many. */
  deleteExpired(now: string): Promise<number>;
}

export interface PublicLinkRepository {
  create(link: PublicLink): Promise<void>;
  get(id: string): Promise<PublicLink | undefined>;
  byTokenHash(tokenHash: string): Promise<PublicLink | undefined>;
  /** The links an organisation created, newest first; of one shipment when given. */
  list(organisationId: string, shipmentId?: string): Promise<PublicLink[]>;
  revoke(id: string, at: string): Promise<void>;
}

export interface AccessRepository {
  readonly organisations: OrganisationRepository;
  readonly users: UserRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly sessions: SessionRepository;
  readonly publicLinks: PublicLinkRepository;
}

// ---- governance and audit (the governance feature) ---------------------------------------------------------

export interface AuditRepository {
  /**
   * Appends one entry in one transaction: `build` gets the tip (the last entry and the signed head,
   * read under the write lock) and returns the entry sealed onto it, the tree nodes it completes and
   * the new signed head, which are all stored together, so no two entries can follow the same one
   * and the head always covers exactly the entries stored. The entry must be numbered last + 1,
   * carry the last entry's hash, and the head cover it.
   */
  append(build: (tip: AuditTip) => AuditAppend): Promise<AuditEntry>;
  /** Entries in sequence order after `afterSeq` (0 for the first page). */
  list(page: { afterSeq?: number; limit: number }): Promise<AuditEntry[]>;
  last(): Promise<AuditEntry | undefined>;
  /** The signed head the last append wrote; undefined before the first. */
  head(): Promise<StoredTreeHead | undefined>;
  /** The stored tree nodes among `refs`, in any order (missing ones are left out). */
  nodes(refs: readonly { level: number; index: number }[]): Promise<AuditTreeNode[]>;
  /** Up to `limit` nodes of one level with an index above `afterIndex` (-1 for the first), by index. */
  levelPage(level: number, afterIndex: number, limit: number): Promise<AuditTreeNode[]>;
  /**
   * Stores tree nodes of entries appended before the tree existed (the first start after the
   * upgrade, see AuditLog.open); nodes stored already are kept as they are.
   */
  addNodes(nodes: readonly AuditTreeNode[]): Promise<void>;
}

export interface GovernanceRepository {
  listMembers(): Promise<MemberState[]>;
  getMember(country: string): Promise<MemberState | undefined>;
  /** Creates or replaces the member state of `member.country`. */
  putMember(member: MemberState): Promise<void>;

  createProposal(proposal: Proposal): Promise<void>;
  getProposal(id: string): Promise<Proposal | undefined>;
  /** Newest first; only open ones when asked. */
  listProposals(filter?: { status?: Proposal['status'] }): Promise<Proposal[]>;
  updateProposal(id: string, changes: Partial<Pick<Proposal, 'status' | 'closedAt'>>): Promise<void>;
  /** Records a vote; false when that country has voted on that proposal already. */
  addVote(vote: Vote): Promise<boolean>;
  listVotes(proposalId: string): Promise<Vote[]>;

  /** Chair terms in order of start. */
  listChairTerms(): Promise<ChairTerm[]>;
  addChairTerm(term: ChairTerm): Promise<void>;

  /** Network-wide settings managed by the chair (thresholds...), as JSON values. */
  getSetting(name: string): Promise<unknown>;
  listSettings(): Promise<Record<string, unknown>>;
  putSetting(name: string, value: unknown): Promise<void>;
}

// ---- followers (src/followers/) -------------------------------------------------------------------

/** The name of the shipment read model's follower (its checkpoint in the followers table). */
export const SHIPMENTS_FOLLOWER = 'shipments';

/** Where one follower of the event log is: its named checkpoint. */
export interface FollowerCheckpoint {
  name: string;
  /** The last event sequence it folded (0 before any). */
  position: number;
  /** When the position last moved (ISO instant). */
  updatedAt: string;
  /** The last error it recorded, and when; kept after later successes, as history. */
  lastError?: string;
  lastErrorAt?: string;
}

/**
 * Named checkpoints of the followers. A follower moves its checkpoint in the transaction that
 * commits what it folded (the shipment read model's commit, the daily counter's add): advance() is
 * for followers whose effects live elsewhere. Every move is optimistic: it names the position it
 * folded from and is refused with CheckpointConflict when the stored one is another.
 */
export interface FollowerRepository {
  /** The checkpoint of one follower; undefined when it never moved (it starts at 0). */
  get(name: string): Promise<FollowerCheckpoint | undefined>;
  /** Every follower that has a checkpoint, by name. */
  list(): Promise<FollowerCheckpoint[]>;
  /** Moves `name` from `from` to `to`; throws CheckpointConflict when it is not at `from`. */
  advance(name: string, from: number, to: number): Promise<void>;
  /** Sets `name` back to 0 (its read model must be emptied in the same breath: see the follower's reset). */
  reset(name: string): Promise<void>;
  /** Remembers the last error of `name` (status, `karvon followers`). */
  recordError(name: string, error: string, at: string): Promise<void>;
}

/** Stored events per UTC day of their eventTime (the daily counter follower, src/projections/events-per-day.ts). */
export interface DailyEventCountRepository {
  /**
   * Adds `counts` (day YYYY-MM-DD → events) and moves the follower `checkpoint.follower` from
   * `checkpoint.from` to `checkpoint.to`, in one transaction (CheckpointConflict when not at `from`).
   */
  add(counts: ReadonlyMap<string, number>, checkpoint: { follower: string; from: number; to: number }): Promise<void>;
  /** Days with their counts, in day order; within [from, to] (inclusive days) when given. */
  list(range?: { from?: string; to?: string }): Promise<{ day: string; count: number }[]>;
  /** Forgets every count and sets the follower back to 0, in one transaction. */
  clear(follower: string): Promise<void>;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  readonly events: EventRepository;
  readonly shipments: ShipmentViewRepository;
  readonly followers: FollowerRepository;
  readonly dailyEventCounts: DailyEventCountRepository;
  readonly access: AccessRepository;
  readonly audit: AuditRepository;
  readonly governance: GovernanceRepository;
  readonly captureJobs: CaptureJobRepository;
  readonly namedQueries: NamedQueryRepository;
  readonly masterData: MasterDataRepository;
  /** True when the store can serve reads and writes. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
