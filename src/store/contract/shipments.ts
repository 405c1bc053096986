/** The store's contract, in part (store.ts gathers the parts into the Store): The persisted shipment read model. */
import type { ReadScope } from '../../model/visibility-scope.js';

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
  /** Location ids still ahead, not the one the goods stand at: the customs officer's "coming to" filter. */
  upcomingStops: string[];
  /**
   * Epoch ms of the expected arrival at upcoming stops, by location id: the sort key of "coming to"
   * lists (a stop without one sorts after every expected one).
   */
  expectedArrivals?: Record<string, number>;
  /** The location the goods stand at now (no later physical step says they left it), and since when (epoch ms). */
  currentLocation?: string;
  currentSince?: number;
  /** The country the goods are in now (ISO 3166-1 alpha-2), when known (src/projections/current-whereabouts.ts). */
  currentCountry?: string;
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
  /** In a list by expected arrival or by waiting: its key in that order (ShipmentListFilter.afterKey). */
  sortKey?: number;
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

/**
 * Which shipments a list holds. The order follows from the filters:
 * - `upcomingStop` given: by expected arrival there, then id (`afterKey` resumes: expected, id);
 * - else `atLocation` given: longest there first, i.e. by arrival there, then id (`afterKey`: since, id);
 * - else by activity: lastEventTime desc, shipments without one last, then id (`after` resumes).
 */
export interface ShipmentListFilter {
  statuses?: readonly string[];
  corridor?: string;
  /** A country the shipment has been in. */
  country?: string;
  /** The country the goods are in now (currentCountry). */
  inCountry?: string;
  mode?: string;
  /** A location id among the shipment's upcoming stops. */
  upcomingStop?: string;
  /** The location the goods stand at now (currentLocation). */
  atLocation?: string;
  /** Active in a window: lastEventTime >= activeFrom, firstEventTime <= activeTo (epoch ms). */
  activeFrom?: number;
  activeTo?: number;
  limit: number;
  /** Resume after this position of the activity order (lastEventTime desc, nulls last, then id asc). */
  after?: { lastEventTime: number | null; id: string };
  /** Resume after this position of the expected-arrival or waiting order. */
  afterKey?: { sortKey: number; id: string };
  /** Only shipments this scope may see (absent: all). */
  scope?: ReadScope;
}

/** A count that stopped at a cap: `lowerBound` says there are more than `total`. */
export interface ShipmentCount {
  total: number;
  lowerBound: boolean;
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
   * For each of these event sequences, the audience keys of the shipments it is attached to, all
   * together (sorted, without repeats); an event of no shipment is absent from the map. What a reader
   * may see of an event's registration follows from them (src/projections/registration-redaction.ts).
   */
  eventAudiences(sequences: readonly number[]): Promise<Map<number, string[]>>;
  /** For each of these event sequences, the keys of the shipments it is attached to; an event of no shipment is absent. */
  eventShipments(sequences: readonly number[]): Promise<Map<number, string[]>>;
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
  /** Shipments in the order the filter gives (ShipmentListFilter), filtered; up to limit. */
  list(filter: ShipmentListFilter): Promise<ShipmentView[]>;
  /** How many shipments list() would give for `filter` over all its pages, counted up to `cap`. */
  count(filter: Omit<ShipmentListFilter, 'limit' | 'after' | 'afterKey'>, cap: number): Promise<ShipmentCount>;
  /**
   * Shipments with a search term containing `text` (already squashed, 3 characters or more), latest
   * first (lastEventTime desc, nulls last, then id); only those `scope` may see; after `after` when given.
   */
  search(text: string, limit: number, scope?: ReadScope, after?: { lastEventTime: number | null; id: string }): Promise<ShipmentView[]>;
  /** How many shipments search() would give for `text` over all its pages, counted up to `cap`. */
  searchCount(text: string, cap: number, scope?: ReadScope): Promise<ShipmentCount>;
  /** The `limit` most recently completed shipments with their samples, latest first. */
  recentlyCompleted(limit: number): Promise<{ key: string; completedAt: number; samples: Record<string, number> }[]>;
  totals(): Promise<ShipmentTotals>;
}
