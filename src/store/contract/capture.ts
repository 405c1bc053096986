/** The store's contract, in part (store.ts gathers the parts into the Store): Capture jobs, named queries and master data. */
import type { Vocabulary } from '../../epcis/model.js';
import type { ValidationIssue } from '../../epcis/exceptions.js';

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
