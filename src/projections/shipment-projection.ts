// The shipment read model's writer: a follower of the event log (src/followers/). Each batch of
// stored rows is linked to shipments, the shipments that changed are folded again, and the result
// is written to the persisted read model (store.shipments) together with the `shipments` follower's
// checkpoint, in one transaction. Reads are ShipmentQueries' business (shipment-queries.ts).
//
// Why it follows the store rather than the events on the bus: the store's sequence is one total
// order that survives restarts. A restart resumes after the checkpoint instead of refolding every
// event; nothing captured while the projection was busy or down is missed or folded twice; and a
// process that did not capture an event (another server on the same database) still sees it. The
// bus only says "there is something new" (the runner listens to it).
import type { Follower } from '../followers/follower.js';
import { FollowerRunner, type FollowerRunnerOptions } from '../followers/follower-runner.js';
import type { EventBus, FoldedShipment } from '../bus/event-bus.js';
import { CheckpointConflict, SHIPMENTS_FOLLOWER, type ShipmentRecord, type Store, type StoredEvent } from '../store/store.js';
import type { ItineraryLeg } from '../domain/shipment/shipment.js';
import { referenceData, type ReferenceData } from '../reference/index.js';
import { BatchFold } from './batch-fold.js';
import type { EventFacts } from './event-facts.js';
import { FactsCache } from './facts-cache.js';
import { registeredItinerary } from './registered-itinerary.js';
import { ShipmentQueries } from './shipment-queries.js';
import type { ShipmentState } from './shipment-state.js';

export interface ShipmentProjectionOptions {
  reference?: ReferenceData;
  /**
   * How many completed shipments of each corridor ETA statistics learn from (the most recent ones,
   * found among the statisticsWindow × LOADED_PER_WINDOW most recently completed overall).
   */
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

function foldedShipment(record: ShipmentRecord): FoldedShipment {
  const transportUnits = record.state['transportUnits'];
  return {
    id: record.id,
    status: record.status,
    ...(record.corridor ? { corridor: record.corridor } : {}),
    ...(record.mode ? { mode: record.mode } : {}),
    units: record.link.units,
    privateUnits: record.link.privateUnits ?? [],
    transportUnits: Array.isArray(transportUnits) ? (transportUnits as string[]) : [],
    audience: record.audience,
  };
}

export class ShipmentProjection implements Follower {
  readonly name = SHIPMENTS_FOLLOWER;
  readonly reference: ReferenceData;
  /** Runner options that suit this follower: batch sizes (docs/benchmarks.md). */
  readonly runnerOptions: Pick<FollowerRunnerOptions, 'batchSize' | 'rebuildBatchSize'>;
  private readonly cache: FactsCache;
  private readonly batchFold: BatchFold;
  private completions = 0;

  constructor(
    private readonly store: Store,
    options: ShipmentProjectionOptions = {},
    /** Told of the shipments each committed batch folded ('shipments.folded'), so caches of "what does this unit carry" stay true. */
    private readonly bus?: EventBus,
  ) {
    this.reference = options.reference ?? referenceData();
    // Large batches matter when catching up: a shipment with several events in one batch is written
    // once, and writing the row is most of the cost (docs/benchmarks.md).
    const batchSize = Math.max(1, options.batchSize ?? 10_000);
    // A shipment's events spread over days; a batch of 100,000 events covers days of a national
    // volume, so most shipments are written once per batch instead of once per event
    // (docs/benchmarks.md). It costs a few hundred MB while it runs: rebuilding is an offline job.
    this.runnerOptions = { batchSize, rebuildBatchSize: Math.max(1, options.rebuildBatchSize ?? options.batchSize ?? 100_000) };
    this.cache = new FactsCache(Math.max(1, options.cachedFacts ?? 100_000));
    this.batchFold = new BatchFold(store, this.reference, options.itineraryFor ?? registeredItinerary, this.cache);
  }

  /**
   * A number that changes whenever the completed shipments ETA statistics learn from may have
   * changed (a completion or a merge folded, a reset, the read model moved under this process):
   * ShipmentQueries reads the statistics again when it differs from the one it loaded at.
   */
  get completionsVersion(): number {
    return this.completions;
  }

  async apply(rows: readonly StoredEvent[], from: number): Promise<void> {
    const checkpoint = await this.store.shipments.checkpoint();
    if (checkpoint.position !== from) throw new CheckpointConflict(this.name, from, checkpoint.position);
    const change = await this.batchFold.commit(rows, checkpoint);
    if (change.upserts.some((u) => u.completedAt !== undefined) || change.merged.length > 0) this.completions += 1;
    if (this.bus && change.upserts.length > 0) this.bus.publish('shipments.folded', { shipments: change.upserts.map(foldedShipment) });
  }

  async reset(): Promise<void> {
    await this.store.shipments.clear();
    this.cache.clear();
    this.completions += 1;
  }

  /** Someone else wrote the read model: cached facts may belong to other shipments now, or lack events. */
  moved(): void {
    this.cache.clear();
    this.completions += 1;
  }

  /** The facts of these shipments' stored events (from the cache when it holds them). */
  storedFacts(keys: readonly string[]): Promise<Map<string, readonly EventFacts[]>> {
    return this.batchFold.storedFacts(keys);
  }
}

/** The shipment read model of one store: its writer, the runner that drives it, and its reader. */
export interface ShipmentReadModel {
  projection: ShipmentProjection;
  runner: FollowerRunner;
  queries: ShipmentQueries;
}

/**
 * A shipment read model on its own runner (tools and tests; the runtime adds the projection to its
 * Followers registry instead). Not started: call runner.catchUp(), or runner.start() with a bus.
 */
export function shipmentReadModel(store: Store, options: ShipmentProjectionOptions = {}, bus?: EventBus, runner: FollowerRunnerOptions = {}): ShipmentReadModel {
  const projection = new ShipmentProjection(store, options, bus);
  return {
    projection,
    runner: new FollowerRunner(projection, store, bus, { ...projection.runnerOptions, ...runner }),
    queries: new ShipmentQueries(store, projection, options),
  };
}
