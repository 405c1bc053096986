/**
 * The Store: everything Karvon keeps durably, behind one interface with one implementation per
 * database (sqlite/ embedded, postgres/ later). Nothing above store/ writes SQL. All methods are
 * async so that a networked database fits the same shape as the embedded one.
 */
import type { EpcisEvent, Vocabulary } from '../epcis/model.js';
import type { EventQuery } from '../epcis/query/event-query.js';
import type { ValidationIssue } from '../epcis/exceptions.js';

/** An event ready to be written: its eventID and recordTime are already set. */
export interface NewEvent {
  event: EpcisEvent;
  /** The CBV 2.0 event hash ID ("ni:///sha-256;...?ver=CBV2.0"). Unique in the store. */
  hashID: string;
  /** The capture job that brought it, if any. */
  captureJobID?: string;
}

export interface StoredEvent {
  event: EpcisEvent;
  hashID: string;
  /** Store-assigned, strictly increasing: the natural order of capture. */
  sequence: number;
}

export interface InsertOutcome {
  /** Hash IDs that were new and are now stored, in input order. */
  inserted: string[];
  /** Hash IDs (or eventIDs) that were already stored and therefore skipped. */
  duplicates: string[];
}

export interface EventPage {
  events: StoredEvent[];
  /** Opaque token for the next page, absent on the last page. */
  nextPageToken?: string;
}

export interface EventRepository {
  /**
   * Writes the events in one transaction; an event whose hashID or eventID is stored already is
   * skipped. An error declaration (an event with errorDeclaration) is stored beside the event it
   * declares erroneous, although both share eventID and hash ID; it is skipped only when a
   * declaration with that eventID or hash ID is stored already.
   */
  insert(events: NewEvent[]): Promise<InsertOutcome>;
  /** Finds one event by its eventID (or hash ID); when it was declared erroneous, the declaration. */
  get(eventID: string): Promise<StoredEvent | undefined>;
  /** Answers a query, one page at a time. */
  query(query: EventQuery, page: { perPage: number; pageToken?: string }): Promise<EventPage>;
  /** Counts the events a query matches, up to `limit` (to enforce eventCountLimit / maxEventCount). */
  count(query: EventQuery, limit: number): Promise<number>;
  /** Distinct values of one indexed field, for the top-level REST resources. */
  distinct(
    field: 'eventType' | 'epc' | 'bizStep' | 'bizLocation' | 'readPoint' | 'disposition',
    page: { perPage: number; pageToken?: string },
  ): Promise<{ values: string[]; nextPageToken?: string }>;
  /** Total number of stored events. */
  total(): Promise<number>;
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
}

export interface CaptureJobRepository {
  /** Stores the submitted document with a new job, durably, before the job is acknowledged. */
  create(job: Pick<CaptureJob, 'id' | 'errorBehaviour' | 'contentType' | 'createdAt'>, document: Buffer): Promise<void>;
  get(id: string): Promise<CaptureJob | undefined>;
  list(page: { perPage: number; pageToken?: string }): Promise<{ jobs: CaptureJob[]; nextPageToken?: string }>;
  /** Jobs not finished (queued or running): to resume after a restart. */
  unfinished(): Promise<CaptureJob[]>;
  document(id: string): Promise<Buffer | undefined>;
  update(id: string, changes: Partial<Omit<CaptureJob, 'id' | 'createdAt'>>): Promise<void>;
}

export interface NamedQuery {
  name: string;
  /** The query parameters as submitted (REST query-schema shape). */
  query: Record<string, unknown>;
  createdAt: string;
}

export interface NamedQueryRepository {
  /** Creates a named query; returns false when the name is taken. */
  create(query: NamedQuery): Promise<boolean>;
  get(name: string): Promise<NamedQuery | undefined>;
  list(page: { perPage: number; pageToken?: string }): Promise<{ queries: NamedQuery[]; nextPageToken?: string }>;
  delete(name: string): Promise<boolean>;
}

export interface MasterDataRepository {
  /** Merges vocabularies from an EPCIS header (attributes and children replace earlier ones per element). */
  upsert(vocabularies: Vocabulary[]): Promise<void>;
  /** The id and all its descendants (transitively through `children`), for WD_ queries. */
  descendants(id: string): Promise<string[]>;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  readonly events: EventRepository;
  readonly captureJobs: CaptureJobRepository;
  readonly namedQueries: NamedQueryRepository;
  readonly masterData: MasterDataRepository;
  /** True when the store can serve reads and writes. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
