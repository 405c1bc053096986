/**
 * The composition root: opens the store and wires the features together, once, for every entry
 * point (server, CLI commands, tests).
 */
import fs from 'node:fs';
import path from 'node:path';
import { AccessService } from '../access/access-service.js';
import { EventBus } from '../bus/event-bus.js';
import { CaptureService } from '../capture/capture-service.js';
import type { KarvonConfig } from '../config/config.js';
import { openAuditKey } from '../governance/audit-key-file.js';
import { AuditLog } from '../governance/audit-log.js';
import type { SigningKey } from '../governance/tree-head.js';
import { GovernanceService } from '../governance/governance-service.js';
import { ShipmentProjection } from '../projections/index.js';
import { EventQueryService } from '../query/event-query-service.js';
import { openSqliteStore } from '../store/sqlite/open-sqlite-store.js';
import type { Store } from '../store/store.js';

export interface Runtime {
  config: KarvonConfig;
  store: Store;
  bus: EventBus;
  capture: CaptureService;
  queries: EventQueryService;
  /** Shipment state folded from the events, kept current through the bus. */
  shipments: ShipmentProjection;
  /** Organisations, users, API keys, sessions, public links; authentication. */
  access: AccessService;
  /** The audit log: a Merkle tree of entries under heads signed by the node's key. */
  audit: AuditLog;
  /** Member states, the chair, proposals and votes. */
  governance: GovernanceService;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** Use this store instead of opening the configured one (tests). */
  store?: Store;
  now?: () => Date;
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

/** The embedded store's file inside the data folder. */
export function sqlitePathOf(config: KarvonConfig): string {
  return path.join(config.dataDir, 'karvon.db');
}

export async function openRuntime(config: KarvonConfig, options: RuntimeOptions = {}): Promise<Runtime> {
  let store = options.store;
  if (!store) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    store = await openSqliteStore({ path: sqlitePathOf(config) });
  }
  const onError = options.onError ?? ((error: unknown, context: string) => console.error(`[karvon] ${context}:`, error));
  const bus = new EventBus();
  bus.onError = (error, topic) => onError(error, `subscriber of ${topic}`);
  const tracking = options.trackShipments ?? true;
  const now = options.now ?? (() => new Date());
  // The key that signs audit heads lives outside the database; made at the first start of a log without heads.
  const auditKey = options.auditKey ?? openAuditKey(config.auditKeyFile, (await store.audit.head()) !== undefined);
  const audit = new AuditLog(store, now, auditKey);
  // A log written before the Merkle tree gets its tree now; if it cannot, appends refuse and verify says why.
  await audit.open().catch((error: unknown) => onError(error, 'audit log'));
  // Capture authorisation decides on the read model, so it waits until that holds every earlier capture.
  const readModelCurrent = tracking ? () => shipments.idle() : undefined;
  // Every captured batch's audit entry is written in the transaction that stores its events.
  const capture = new CaptureService(
    { store, bus, now, audit, maxClockSkewMs: config.captureMaxClockSkewSeconds * 1000, ...(readModelCurrent ? { readModelCurrent } : {}) },
    { captureLimit: config.captureLimit, itemLimits: { perEvent: config.captureItemLimitPerEvent, perDocument: config.captureItemLimitPerDocument } },
    (error, jobID) => onError(error, `capture job ${jobID}`),
  );
  const queries = new EventQueryService(store, { maxPerPage: config.queryMaxPerPage, defaultPerPage: config.queryDefaultPerPage });
  // The read model is persisted: at start it folds only what was captured after its checkpoint
  // (everything, the first time), then follows each capture.
  const shipments = new ShipmentProjection(store);
  if (tracking) {
    shipments.follow(bus, (error) => onError(error, 'shipment projection'));
    if (options.catchUpInBackground) shipments.catchUp().catch((error: unknown) => onError(error, 'shipment projection'));
    else await shipments.catchUp();
  }
  const access = new AccessService({ store, config, audit, now });
  const governance = new GovernanceService({ store, audit, now });
  const openedStore = store;
  return {
    config,
    store,
    bus,
    capture,
    queries,
    shipments,
    access,
    audit,
    governance,
    async close() {
      await capture.idle();
      if (tracking) await shipments.idle().catch((error: unknown) => onError(error, 'shipment projection'));
      await openedStore.close();
    },
  };
}
