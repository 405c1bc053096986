// The shipment read model: follows the event store in sequence order, links each event to a
// shipment, folds the shipments that changed and writes them to the persisted read model
// (store.shipments) together with its checkpoint, in one transaction per batch. Reads (lookups,
// lists, searches, ETAs) are answered from that read model.
//
// Why it follows the store rather than the events on the bus: the store's sequence is one total
// order that survives restarts. A restart resumes after the checkpoint instead of refolding every
// event; nothing captured while the projection was busy or down is missed or folded twice; and a
// process that did not capture an event (another server on the same database) still sees it. The
// bus only says "there is something new".
import { canSeeShipment } from '../access/visibility.js';
import type { ReadScope } from '../model/visibility-scope.js';
import type { EventBus } from '../bus/event-bus.js';
import type { EpcisEvent } from '../epcis/model.js';
import { ReadModelConflict, type ShipmentCheckpoint, type ShipmentView, type Store, type StoredEvent } from '../store/store.js';
import type { ItineraryLeg } from '../domain/shipment/shipment.js';
import { SHIPMENT_STATUSES, type ShipmentStatus } from '../domain/status/shipment-status.js';
import { referenceData, type ReferenceData } from '../reference/index.js';
import { BatchFold } from './batch-fold.js';
import { CorridorStatistics, type Quantiles } from './corridor-statistics.js';
import { estimateArrival, type ArrivalEstimate } from './estimate-arrival.js';
import { FactsCache } from './facts-cache.js';
import { foldFacts, insertFacts } from './fold-shipment.js';
import { registeredItinerary } from './registered-itinerary.js';
import { encodeCursor, decodeCursor } from './shipment-cursor.js';
import { epochOf, squash } from './shipment-record.js';
import type { Mode, ShipmentSnapshot, ShipmentState } from './shipment-state.js';

export interface ShipmentListQuery {
  status?: ShipmentStatus | readonly ShipmentStatus[];
  corridor?: string;
  /** A country the shipment has been in (ISO 3166-1 alpha-2). */
  country?: string;
  /** The mode of the current leg. */
  mode?: Mode;
  /** A location (reference id) still ahead of the shipment on its corridor, or where it is now. */
  upcomingStop?: string;
  /** Shipments active in [from, to]: events on or after `from` and on or before `to`. */
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

export interface ShipmentPage {
  shipments: ShipmentSnapshot[];
  nextCursor?: string;
}

export interface ProjectionStats {
  shipments: number;
  events: number;
  byStatus: Record<ShipmentStatus, number>;
  byCorridor: Record<string, number>;
  openHolds: number;
  completedShipments: number;
  observations: { key: string; quantiles: Quantiles }[];
}

export interface ShipmentProjectionOptions {
  reference?: ReferenceData;
  /** How many completed shipments ETA statistics learn from (the most recent ones). */
  statisticsWindow?: number;
  /** The registered itinerary of a shipment; by default the one its registration event carries. */
  itineraryFor?: (shipment: ShipmentState) => readonly ItineraryLeg[] | undefined;
  /** Events read from the store and folded per transaction. */
  batchSize?: number;
  /** Events folded per transaction by rebuild() (the whole store is behind, so bigger batches pay). */
  rebuildBatchSize?: number;
  /** Facts of recently folded shipments kept in memory (a bound on events, not shipments). */
  cachedFacts?: number;
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;

const snapshotOfView = (view: ShipmentView): ShipmentSnapshot => view.state as unknown as ShipmentSnapshot;

export class ShipmentProjection {
  readonly statistics: CorridorStatistics;
  private readonly reference: ReferenceData;
  private readonly batchSize: number;
  private readonly rebuildBatchSize: number;
  /** The batch size of the pass under way. */
  private passBatchSize: number;
  private readonly cache: FactsCache;
  private readonly batchFold: BatchFold;
  private statisticsStale = true;
  private pass: Promise<void> | undefined;
  private passAgain = false;
  /** Whether a pass has caught up with the store since this instance was made (readiness). */
  private caughtUpOnce = false;
  /** Stored rows folded by this instance: what a rebuild reports. */
  private foldedRows = 0;
  /** The checkpoint this instance last wrote. */
  private lastPosition = 0;

  constructor(
    private readonly store: Store,
    options: ShipmentProjectionOptions = {},
  ) {
    this.reference = options.reference ?? referenceData();
    this.statistics = new CorridorStatistics(this.reference, options.statisticsWindow ?? 200);
    // Large batches matter when catching up: a shipment with several events in one batch is written
    // once, and writing the row is most of the cost (docs/benchmarks.md).
    this.batchSize = Math.max(1, options.batchSize ?? 10_000);
    // A shipment's events spread over days; a batch of 100,000 events covers days of a national
    // volume, so most shipments are written once per batch instead of once per event
    // (docs/benchmarks.md). It costs a few hundred MB while it runs: rebuilding is an offline job.
    this.rebuildBatchSize = Math.max(1, options.rebuildBatchSize ?? options.batchSize ?? 100_000);
    this.passBatchSize = this.batchSize;
    this.cache = new FactsCache(Math.max(1, options.cachedFacts ?? 100_000));
    this.batchFold = new BatchFold(store, this.reference, options.itineraryFor ?? registeredItinerary, this.cache);
  }

  // ---- following the store ----------------------------------------------------------------------

  /**
   * Folds everything stored after the checkpoint. Resolves once every event stored before the call
   * is in the read model; concurrent calls share one pass (and ask for one more if it had started).
   */
  catchUp(): Promise<void> {
    if (this.pass) {
      this.passAgain = true;
      return this.pass;
    }
    return this.runPass(async () => {});
  }

  /** Catches up whenever the bus says events were captured; returns the unsubscribe function. */
  follow(bus: EventBus, onError: (error: unknown) => void = () => {}): () => void {
    return bus.subscribe('epcis.captured', () => {
      this.catchUp().catch(onError);
    });
  }

  /**
   * True once the read model has caught up with the store at least once: a server that starts on a
   * store with many unfolded events (a first start after an upgrade, an import) says it is not ready
   * until then, rather than answering with half of the shipments.
   */
  get ready(): boolean {
    return this.caughtUpOnce;
  }

  /** Resolves when nothing captured so far is still waiting to be folded. */
  idle(): Promise<void> {
    return this.catchUp();
  }

  /** Forgets the read model and folds every stored event again; returns the number of events folded. */
  async rebuild(): Promise<number> {
    while (this.pass) await this.pass.catch(() => {});
    const before = this.foldedRows;
    this.passBatchSize = this.rebuildBatchSize;
    try {
      await this.runPass(async () => {
        await this.store.shipments.clear();
        this.cache.clear();
        this.lastPosition = 0;
        this.statisticsStale = true;
      });
    } finally {
      this.passBatchSize = this.batchSize;
    }
    return this.foldedRows - before;
  }

  /** One pass at a time: `first` (if any), then fold until the store has nothing new. */
  private runPass(first: () => Promise<void>): Promise<void> {
    const pass = (async () => {
      await first();
      do {
        this.passAgain = false;
        await this.drain();
      } while (this.passAgain);
      this.caughtUpOnce = true;
    })();
    this.pass = pass.finally(() => {
      this.pass = undefined;
    });
    return this.pass;
  }

  private async drain(): Promise<void> {
    let checkpoint = await this.store.shipments.checkpoint();
    for (;;) {
      // Someone else wrote the read model since this instance last did: `karvon rebuild` on this
      // database (keys were handed out again, so cached facts may belong to other shipments now), or
      // another process folded events this one never saw (cached facts of those shipments lack them).
      // Either way the checkpoint is not where this instance left it.
      if (checkpoint.position !== this.lastPosition) {
        this.cache.clear();
        this.statisticsStale = true;
        this.lastPosition = checkpoint.position;
      }
      const rows = await this.store.events.after(checkpoint.position, this.passBatchSize);
      if (rows.length === 0) return;
      try {
        checkpoint = await this.fold(rows, checkpoint);
      } catch (error) {
        if (!(error instanceof ReadModelConflict)) throw error;
        // Another process folded these rows first: carry on from where it got to.
        checkpoint = await this.store.shipments.checkpoint();
      }
    }
  }

  /** Folds and commits one batch, then notes what it changed for statistics, rebuild and drain. */
  private async fold(rows: readonly StoredEvent[], from: ShipmentCheckpoint): Promise<ShipmentCheckpoint> {
    const change = await this.batchFold.commit(rows, from);
    if (change.upserts.some((u) => u.completedAt !== undefined) || change.merged.length > 0) this.statisticsStale = true;
    this.foldedRows += rows.length;
    this.lastPosition = change.checkpoint.position;
    return change.checkpoint;
  }

  // ---- reading ----------------------------------------------------------------------------------

  /**
   * The shipment an id leads to, if `scope` (absent: everything) may see it. A shipment the caller
   * may not see is answered like one that does not exist, so its existence does not leak.
   */
  private async visibleView(id: string, scope: ReadScope | undefined): Promise<ShipmentView | undefined> {
    // The store looks only among the shipments the scope may see: a number another organisation
    // uses too never hides the caller's own shipment, nor tells it that the other one exists.
    const view = await this.store.shipments.find([...new Set([id, squash(id)])], scope);
    return view && (scope === undefined || canSeeShipment(scope, view.audience)) ? view : undefined;
  }

  /** A shipment by its id, an earlier id, any of its document numbers, or a transport unit (id or number). */
  async get(id: string, scope?: ReadScope): Promise<ShipmentSnapshot | undefined> {
    const view = await this.visibleView(id, scope);
    return view ? snapshotOfView(view) : undefined;
  }

  /** The audience keys of the shipment an id leads to (for checks such as "is the caller a party"). */
  async audienceOf(id: string, scope?: ReadScope): Promise<{ id: string; audience: readonly string[] } | undefined> {
    const view = await this.visibleView(id, scope);
    return view ? { id: view.id, audience: view.audience } : undefined;
  }

  async list(query: ShipmentListQuery = {}, scope?: ReadScope): Promise<ShipmentPage> {
    const statuses = query.status === undefined ? undefined : typeof query.status === 'string' ? [query.status] : [...query.status];
    const from = epochOf(query.from);
    const to = epochOf(query.to);
    const limit = Math.min(MAX_LIMIT, Math.max(1, Math.trunc(query.limit ?? DEFAULT_LIMIT)));
    const views = await this.store.shipments.list({
      ...(statuses ? { statuses } : {}),
      ...(query.corridor !== undefined ? { corridor: query.corridor } : {}),
      ...(query.country !== undefined ? { country: query.country.toUpperCase() } : {}),
      ...(query.mode !== undefined ? { mode: query.mode } : {}),
      ...(query.upcomingStop !== undefined ? { upcomingStop: query.upcomingStop } : {}),
      ...(from !== undefined ? { activeFrom: from } : {}),
      ...(to !== undefined ? { activeTo: to } : {}),
      ...(query.cursor ? { after: decodeCursor(query.cursor) } : {}),
      ...(scope ? { scope } : {}),
      limit: limit + 1,
    });
    const shipments = views.slice(0, limit).map(snapshotOfView);
    return { shipments, ...(views.length > limit ? { nextCursor: encodeCursor(shipments[shipments.length - 1]!) } : {}) };
  }

  /** Shipments with a document number, transport unit or carrier containing `q` (3 characters at least). */
  async search(q: string, limit = DEFAULT_LIMIT, scope?: ReadScope): Promise<ShipmentSnapshot[]> {
    const wanted = squash(q);
    if (wanted.length < 3) return [];
    return (await this.store.shipments.search(wanted, limit, scope)).map(snapshotOfView);
  }

  /** The EPCIS events of a shipment in fold order (eventTime, eventID), erroneous ones left out. */
  async events(id: string, scope?: ReadScope): Promise<EpcisEvent[] | undefined> {
    const view = await this.visibleView(id, scope);
    if (!view) return undefined;
    const facts = (await this.batchFold.storedFacts([view.key])).get(view.key) ?? [];
    return foldFacts(insertFacts([], facts), { reference: this.reference }).events.map((f) => f.event);
  }

  /** ETA ranges for a shipment's remaining stops. */
  async estimate(id: string, now?: Date, scope?: ReadScope): Promise<ArrivalEstimate | undefined> {
    const state = await this.get(id, scope);
    return state ? this.estimateFor(state, now) : undefined;
  }

  /** ETA ranges for a shipment already read. */
  async estimateFor(state: ShipmentSnapshot, now?: Date): Promise<ArrivalEstimate | undefined> {
    await this.freshStatistics();
    return estimateArrival(state, this.statistics, this.reference, now ? { now } : {});
  }

  async stats(): Promise<ProjectionStats> {
    const totals = await this.store.shipments.totals();
    await this.freshStatistics();
    const byStatus = Object.fromEntries(SHIPMENT_STATUSES.map((s) => [s, totals.byStatus[s] ?? 0])) as Record<ShipmentStatus, number>;
    return {
      shipments: totals.shipments,
      events: totals.events,
      byStatus,
      byCorridor: totals.byCorridor,
      openHolds: totals.openHolds,
      completedShipments: totals.completed,
      observations: this.statistics.entries().map(([key, quantiles]) => ({ key, quantiles })),
    };
  }

  /** ETA statistics learn from the most recently completed shipments, read again after they change. */
  private async freshStatistics(): Promise<void> {
    if (!this.statisticsStale) return;
    this.statisticsStale = false;
    this.statistics.load(await this.store.shipments.recentlyCompleted(this.statistics.window));
  }
}
