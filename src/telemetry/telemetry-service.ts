/**
 * The telemetry feature's one door: every way in (HTTP batch, OsmAnd, MQTT, the simulator) hands
 * its decoded readings to `ingest`, which runs them through the pipeline (pipeline.ts) one batch at
 * a time, so each device's readings meet its state in order. It also runs what no reading triggers:
 * the signal watch (a device silent for two reporting periods has lost its signal) and retention.
 */
import type { EventBus } from '../bus/event-bus.js';
import type { CaptureService } from '../capture/capture-service.js';
import type { EpcisEvent } from '../epcis/model.js';
import { KarvonError } from '../errors.js';
import type { UserGeofence } from '../model/telemetry.js';
import type { ShipmentQueries } from '../projections/shipment-queries.js';
import type { Store } from '../store/store.js';
import type { Decoded, ReadingProblem } from './decode/decoded.js';
import { DeviceDirectory } from './device-directory.js';
import { DeviceMemories } from './device-memory.js';
import { DeviceRateLimiter } from './device-rate-limiter.js';
import { GeofenceIndex, referencePlaces, userPlace, type IndexedPlace } from './geo/geofence-index.js';
import { newItem, type Sender, type TelemetryBatch } from './pipeline-batch.js';
import type { PipelineDeps, PipelineLogger, TelemetrySettings } from './pipeline-deps.js';
import { runPipeline, TELEMETRY_PIPELINE, type TelemetryHandler } from './pipeline.js';
import { SignalWatch } from './signal-watch.js';
import { TelemetryCounters } from './telemetry-counters.js';
import { UnitSubjects } from './unit-subjects.js';

export interface TelemetryOptions {
  readonly maxFutureSeconds: number;
  readonly routeDeviationKm: number;
  /** Per corridor id, overriding routeDeviationKm. */
  readonly routeDeviationKmByCorridor?: Readonly<Record<string, number>>;
  readonly readingsPerMinutePerDevice: number;
  readonly retentionDays: number;
  /** How often the signal watch looks (ms); default 15 s. */
  readonly signalWatchEveryMs?: number;
  /** The pipeline's handlers (default TELEMETRY_PIPELINE); tests put a failing one in. */
  readonly handlers?: readonly TelemetryHandler[];
}

export interface IngestResult {
  received: number;
  /** Readings admitted: stored now, or stored before (duplicates). */
  accepted: number;
  stored: number;
  duplicates: number;
  /** Readings stored in the track but older than what the device reported before (no state moved). */
  late: number;
  refused: ReadingProblem[];
  derivedEvents: number;
}

const HOUR_MS = 3_600_000;

/** A user geofence as the index keeps it: named in events by its SGLN, or else by an IRI of Karvon's. */
export function userGeofencePlace(geofence: UserGeofence): IndexedPlace {
  const place = userPlace(geofence);
  return { ...place, sgln: place.sgln ?? `https://ns.karvon.org/id/geofence/${encodeURIComponent(geofence.id)}` };
}

export class TelemetryService {
  readonly counters = new TelemetryCounters();
  readonly places = new GeofenceIndex(referencePlaces());
  readonly subjects: UnitSubjects;
  private readonly memories: DeviceMemories;
  private readonly deps: PipelineDeps;
  private readonly watch: SignalWatch;
  /** Batches run one after another: a device's readings meet its state in order, and SQLite has one writer anyway. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly base: { store: Store; bus: EventBus; capture: CaptureService; shipments: ShipmentQueries; logger: PipelineLogger; now: () => Date },
    private readonly options: TelemetryOptions,
  ) {
    const { store } = base;
    this.memories = new DeviceMemories(store);
    this.subjects = new UnitSubjects(base.shipments, () => base.now().getTime());
    const devices = new DeviceDirectory(store, () => base.now().getTime());
    // Changes made in this process are known at once; the caches' lifetimes cover other processes'.
    this.unsubscribe.push(
      base.bus.subscribe('telemetry.device-changed', ({ deviceId }) => devices.forget(deviceId)),
      base.bus.subscribe('shipments.folded', ({ shipments }) => this.subjects.folded(shipments)),
    );
    const settings: TelemetrySettings = {
      maxFutureMs: options.maxFutureSeconds * 1000,
      routeThresholdKm: (corridor) => (corridor !== undefined ? options.routeDeviationKmByCorridor?.[corridor] : undefined) ?? options.routeDeviationKm,
    };
    this.deps = {
      store,
      devices,
      memories: this.memories,
      places: this.places,
      subjects: this.subjects,
      limiter: new DeviceRateLimiter(options.readingsPerMinutePerDevice),
      bus: base.bus,
      settings,
      counters: this.counters,
      logger: base.logger,
      captureDerived: (ownerId, events) => this.captureDerived(ownerId, events),
    };
    this.watch = new SignalWatch({ store, devices, memories: this.memories, subjects: this.subjects, now: () => base.now().getTime(), logger: base.logger, counters: this.counters, captureDerived: this.deps.captureDerived });
  }

  /** Loads the user geofences and the devices' memories, and starts the signal watch and retention. */
  async start(): Promise<void> {
    for (const geofence of await this.base.store.telemetry.geofences.list()) this.places.add(userGeofencePlace(geofence));
    const devices = await this.base.store.telemetry.devices.list();
    await this.memories.loadAll(devices.map((device) => device.id));
    const every = (ms: number, what: string, work: () => Promise<unknown>) => {
      const timer = setInterval(() => void work().catch((error: unknown) => this.base.logger.error({ err: error }, `telemetry: ${what} failed`)), ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(this.options.signalWatchEveryMs ?? 15_000, 'signal watch', () => this.checkSignals());
    every(HOUR_MS, 'retention', () => this.prune());
  }

  async stop(): Promise<void> {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    for (const off of this.unsubscribe.splice(0)) off();
    await this.queue.catch(() => {});
  }

  /** Deletes positions older than the retention period; returns how many. */
  async prune(): Promise<number> {
    return this.base.store.telemetry.positions.deleteBefore(this.base.now().getTime() - this.options.retentionDays * 24 * HOUR_MS);
  }

  /** One pass of the signal watch now (tests, and the watch's own timer). */
  async checkSignals(): Promise<number> {
    return this.serially(() => this.watch.check());
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => {});
    return run;
  }

  /** Runs decoded readings through the pipeline for `sender`; resolves when they are stored and their events captured. */
  async ingest(decoded: Decoded, sender: Sender): Promise<IngestResult> {
    const serverTime = this.base.now().getTime();
    this.counters.received += decoded.readings.length + decoded.problems.length;
    for (const _ of decoded.problems) this.counters.refuse('malformed');
    const batch: TelemetryBatch = {
      sender,
      serverTime,
      items: decoded.readings.map((position, i) => newItem(i, decoded.pointers[i] ?? `/readings/${i}`, position)),
      decodeProblems: decoded.problems,
      stored: [],
      derived: [],
      derivedRefused: 0,
      handlerErrors: 0,
    };
    await this.serially(() => runPipeline(batch, this.deps, this.options.handlers ?? TELEMETRY_PIPELINE));
    const refused: ReadingProblem[] = [
      ...decoded.problems,
      // In the order of the request (the pipeline sorted the readings per device).
      ...batch.items.filter((item) => item.refused !== undefined).sort((a, b) => a.index - b.index).map((item) => ({ pointer: item.pointer, deviceId: item.position.deviceId, reason: item.refused! })),
    ];
    const admitted = batch.items.filter((item) => item.refused === undefined);
    const late = admitted.filter((item) => item.late);
    // Late readings are rare: the stored ones are told apart from repeats only when there are some.
    const stored = late.length === 0 ? new Set<string>() : new Set(batch.stored.map((p) => `${p.deviceId}\u0000${p.fixTime}`));
    return {
      received: decoded.readings.length + decoded.problems.length,
      accepted: admitted.length,
      stored: batch.stored.length,
      duplicates: admitted.length - batch.stored.length,
      late: late.filter((item) => stored.has(`${item.position.deviceId}\u0000${item.position.fixTime}`)).length,
      refused,
      derivedEvents: batch.derived.length,
    };
  }

  /** Adds a user geofence to the index (the store holds it already). */
  addGeofence(geofence: UserGeofence): void {
    this.places.add(userGeofencePlace(geofence));
  }

  removeGeofence(id: string): void {
    this.places.remove(id);
  }

  private async captureDerived(ownerId: string, events: readonly EpcisEvent[]): Promise<{ captured: number; refused: number; reasons: string[] }> {
    const owner = await this.base.store.access.organisations.get(ownerId);
    if (!owner || owner.status !== 'active') return { captured: 0, refused: events.length, reasons: [`owner '${ownerId}' is ${owner ? 'suspended' : 'unknown'}`] };
    const doc = { type: 'EPCISDocument' as const, schemaVersion: '2.0', creationDate: new Date(this.base.now()).toISOString(), namespaces: {}, events: [...events] };
    try {
      const result = await this.base.capture.captureDocument(doc, { binding: 'json', errorBehaviour: 'proceed', capturer: owner });
      return { captured: result.captured + result.duplicates, refused: result.rejected, reasons: result.errors.map((e) => `${e.pointer ?? ''} ${e.message}`.trim()) };
    } catch (error) {
      if (error instanceof KarvonError) return { captured: 0, refused: events.length, reasons: [error.message] };
      throw error;
    }
  }
}
