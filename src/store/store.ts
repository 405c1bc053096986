/**
 * The Store: everything Karvon keeps durably, behind one interface with one implementation per
 * database (sqlite/ embedded, postgres/ later). Nothing above store/ writes SQL. All methods are
 * async so that a networked database fits the same shape as the embedded one.
 *
 * The repositories' contracts live in contract/, one file per area; this module gathers them.
 */
export * from './contract/events.js';
export * from './contract/capture.js';
export * from './contract/shipments.js';
export * from './contract/access.js';
export * from './contract/governance.js';
export * from './contract/followers.js';
export * from './contract/telemetry.js';
export * from './contract/alerts.js';
import type { AccessRepository } from './contract/access.js';
import type { AlertRepository } from './contract/alerts.js';
import type { AuditRepository, GovernanceRepository } from './contract/governance.js';
import type { CaptureJobRepository, MasterDataRepository, NamedQueryRepository } from './contract/capture.js';
import type { DailyEventCountRepository, FollowerRepository } from './contract/followers.js';
import type { EventRepository } from './contract/events.js';
import type { ShipmentViewRepository } from './contract/shipments.js';
import type { TelemetryRepository } from './contract/telemetry.js';

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
  readonly telemetry: TelemetryRepository;
  readonly alerts: AlertRepository;
  /** True when the store can serve reads and writes. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
