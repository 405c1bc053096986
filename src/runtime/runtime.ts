/**
 * The composition root: opens the store and wires the features together, once, for every entry
 * point (server, CLI commands, tests).
 */
import fs from 'node:fs';
import { AccessService } from '../access/access-service.js';
import { EventBus } from '../bus/event-bus.js';
import { CaptureService } from '../capture/capture-service.js';
import type { KarvonConfig } from '../config/config.js';
import { openAuditKey } from '../governance/audit-key-file.js';
import { AuditLog } from '../governance/audit-log.js';
import type { SigningKey } from '../governance/tree-head.js';
import { GovernanceService } from '../governance/governance-service.js';
import { Followers } from '../followers/followers.js';
import type { FollowerLogger } from '../followers/follower.js';
import { DailyEventCount } from '../projections/daily-event-count.js';
import { ShipmentProjection } from '../projections/shipment-projection.js';
import { ShipmentQueries } from '../projections/shipment-queries.js';
import { StartupGate } from './startup-gate.js';
import { AlertFollower } from '../alerts/alert-follower.js';
import { AlertService } from '../alerts/alert-service.js';
import { BorderDwellWatch } from '../alerts/border-dwell-watch.js';
import { DeviceService } from '../telemetry/device-service.js';
import { LiveFeed } from '../telemetry/live-feed.js';
import { MqttTelemetry } from '../telemetry/mqtt-telemetry.js';
import { TelemetryService } from '../telemetry/telemetry-service.js';
import { EventQueryService } from '../query/event-query-service.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { createLogger, type Logger } from './logger.js';

export interface Runtime {
  config: KarvonConfig;
  store: Store;
  bus: EventBus;
  /** The process's one logger: the HTTP layer and every background worker log through it. */
  logger: Logger;
  capture: CaptureService;
  queries: EventQueryService;
  /** Questions about shipments, answered from the read model the `shipments` follower writes. */
  shipments: ShipmentQueries;
  /**
   * The followers of the event log (src/followers/): `shipments` (the shipment read model) and
   * `daily-event-count`; started unless trackShipments is false.
   */
  followers: Followers;
  /** Work /ready waits for besides the followers (the demo's seeding). */
  startup: StartupGate;
  /** Organisations, users, API keys, sessions, public links; authentication. */
  access: AccessService;
  /** The audit log: a Merkle tree of entries under heads signed by the node's key. */
  audit: AuditLog;
  /** Member states, the chair, proposals and votes. */
  governance: GovernanceService;
  /** Trackers and e-seals: registration, credentials, attachment to units. */
  devices: DeviceService;
  alerts: AlertService;
  /** Long border waits (alerts no event raises); checked every minute after startTelemetry. */
  dwellWatch: BorderDwellWatch;
  /** The telemetry pipeline: every way in hands its readings to telemetry.ingest. */
  telemetry: TelemetryService;
  /** Positions and derived events pushed to the viewers that may see them (follows the positions log). */
  liveFeed: LiveFeed;
  /**
   * Starts what a server runs beside the HTTP routes: the signal watch and retention, the live feed,
   * and MQTT (the broker of KARVON_MQTT_URL, or one in this process on KARVON_MQTT_PORT).
   */
  startTelemetry(): Promise<void>;
  /** Where telemetry is read over MQTT once started (undefined: no MQTT). */
  mqttUrl(): string | undefined;
  /** The MQTT side once started (the demo publishes through it). */
  mqtt(): MqttTelemetry | undefined;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** Use this store instead of opening the configured one (tests). */
  store?: Store;
  now?: () => Date;
  /** Log through this logger (default: one at config.logLevel writing to standard error). */
  logger?: Logger;
  /**
   * Report background errors here instead of logging them (tests that provoke them on purpose).
   * Without it they are logged through the logger with their context.
   */
  onError?: (error: unknown, context: string) => void;
  /**
   * Fold events into shipments (default true). Commands that only move events (import, export,
   * the capture benchmark) turn it off: no folding at start nor on the capture path; the read model
   * catches up the next time a runtime that tracks shipments opens the store.
   */
  trackShipments?: boolean;
  /**
   * Fold what the read model has not seen yet in the background instead of before openRuntime
   * returns (the server: it listens at once and /ready says 503 until the read model has caught up).
   */
  catchUpInBackground?: boolean;
  /** Sign audit heads with this key instead of the one in config.auditKeyFile (tests). */
  auditKey?: SigningKey;
}

export async function openRuntime(config: KarvonConfig, options: RuntimeOptions = {}): Promise<Runtime> {
  let store = options.store;
  if (!store) {
    // The data folder holds the audit key and the demo's progress whichever store is configured.
    fs.mkdirSync(config.dataDir, { recursive: true });
    store = await openStore(config);
  }
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const onError = options.onError ?? ((error: unknown, context: string) => logger.error({ err: error, context }, `${context} failed`));
  const bus = new EventBus();
  bus.onError = (error, topic) => onError(error, `subscriber of ${topic}`);
  const tracking = options.trackShipments ?? true;
  const now = options.now ?? (() => new Date());
  // The key that signs audit heads lives outside the database; made at the first start of a log without heads.
  const auditKey = options.auditKey ?? openAuditKey(config.auditKeyFile, (await store.audit.head()) !== undefined);
  const audit = new AuditLog(store, now, auditKey);
  // A log written before the Merkle tree gets its tree now; if it cannot, appends refuse and verify says why.
  await audit.open().catch((error: unknown) => onError(error, 'audit log'));
  // Followers log through the runtime's logger, or report to onError when a test asked for that.
  const followerLogger: FollowerLogger = options.onError ? { error: (details, message) => onError(details['err'] ?? details, message) } : logger;
  const followers = new Followers(store, tracking ? bus : undefined, { logger: followerLogger, now });
  // The read model is persisted: at start each follower folds only what was captured after its
  // checkpoint (everything, the first time), then follows each capture.
  const projection = new ShipmentProjection(store, {}, bus);
  const shipmentsFollower = followers.add(projection, projection.runnerOptions);
  followers.add(new DailyEventCount(store));
  // Alerts from the events, once the read model has folded them (an alert is about a shipment and seen by its audience).
  followers.add(new AlertFollower({ store, shipmentsFolded: (sequence) => shipmentsFollower.caughtUpTo(sequence), now }));
  const shipments = new ShipmentQueries(store, projection);
  // Capture authorisation decides on the read model, so it waits until that holds every capture
  // stored before this batch.
  const readStore = store;
  const readModelCurrent = tracking ? async () => shipmentsFollower.caughtUpTo(await readStore.events.lastSequence()) : undefined;
  // Every captured batch's audit entry is written in the transaction that stores its events.
  const capture = new CaptureService(
    { store, bus, now, audit, maxClockSkewMs: config.captureMaxClockSkewSeconds * 1000, ...(readModelCurrent ? { readModelCurrent } : {}) },
    { captureLimit: config.captureLimit, itemLimits: { perEvent: config.captureItemLimitPerEvent, perDocument: config.captureItemLimitPerDocument } },
    (error, jobID) => onError(error, `capture job ${jobID}`),
  );
  const queries = new EventQueryService(store, { maxPerPage: config.queryMaxPerPage, defaultPerPage: config.queryDefaultPerPage });
  if (tracking) {
    followers.start();
    if (!options.catchUpInBackground) {
      // A runtime that cannot open leaves no follower retrying behind it.
      await followers.caughtUp().catch(async (error: unknown) => {
        await followers.stop();
        throw error;
      });
    }
  }
  const access = new AccessService({ store, config, audit, now });
  const governance = new GovernanceService({ store, audit, now });
  const devices = new DeviceService({ store, audit, now, bus });
  const alerts = new AlertService({ store, audit, now });
  const dwellWatch = new BorderDwellWatch({ store, reference: projection.reference, observed: (key) => shipments.observed(key), now });
  let dwellTimer: NodeJS.Timeout | undefined;
  const telemetry = new TelemetryService(
    { store, bus, capture, shipments, logger: { warn: (d, m) => logger.warn(d, m), error: (d, m) => (options.onError ? onError(d['err'] ?? d, m) : logger.error(d, m)) }, now },
    {
      maxFutureSeconds: config.telemetryMaxFutureSeconds,
      routeDeviationKm: config.routeDeviationKm,
      routeDeviationKmByCorridor: config.routeDeviationKmByCorridor,
      readingsPerMinutePerDevice: config.deviceReadingsPerMinute,
      retentionDays: config.telemetryRetentionDays,
    },
  );
  const liveFeed = new LiveFeed({ store, bus, subjects: telemetry.subjects, onError: (error) => onError(error, 'live feed') });
  let mqtt: MqttTelemetry | undefined;
  let telemetryStarted = false;
  const openedStore = store;
  return {
    config,
    store,
    bus,
    logger,
    capture,
    queries,
    shipments,
    followers,
    startup: new StartupGate(),
    access,
    audit,
    governance,
    devices,
    alerts,
    dwellWatch,
    telemetry,
    liveFeed,
    async startTelemetry() {
      if (telemetryStarted) return;
      telemetryStarted = true;
      await telemetry.start();
      await liveFeed.start();
      // Long border waits, which no event tells: looked for every minute once the server runs.
      dwellTimer = setInterval(() => void dwellWatch.check().catch((error: unknown) => onError(error, 'border dwell watch')), 60_000);
      dwellTimer.unref();
      const broker = new MqttTelemetry({ telemetry, store: openedStore, access, logger, now });
      try {
        if (config.mqttUrl) await broker.connect(config.mqttUrl);
        else if (config.mqttPort > 0) await broker.startBroker(config.mqttPort);
        else return;
        mqtt = broker;
      } catch (error) {
        // A server without MQTT still takes telemetry over HTTP: say why and carry on.
        const where = config.mqttUrl ? `the broker at ${config.mqttUrl.replace(/\/\/[^@/]*@/, '//***@')}` : `port ${config.mqttPort}`;
        logger.warn({ err: error }, `telemetry: no MQTT (${where}: ${error instanceof Error ? error.message : String(error)}); set KARVON_MQTT_URL to a running broker, or KARVON_MQTT_PORT to a free port (0: none)`);
        await broker.close().catch(() => {});
      }
    },
    mqttUrl: () => mqtt?.url,
    mqtt: () => mqtt,
    async close() {
      if (dwellTimer) clearInterval(dwellTimer);
      await mqtt?.close();
      await liveFeed.stop();
      await telemetry.stop();
      await capture.idle();
      // What was captured is folded before the store closes; a failing follower was reported already.
      if (tracking) await followers.caughtUp().catch(() => {});
      await followers.stop();
      await openedStore.close();
    },
  };
}
