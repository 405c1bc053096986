/** What the HTTP routes need from the rest of Karvon; built once in the app factory. */
import type { AccessService } from '../access/access-service.js';
import type { EventBus } from '../bus/event-bus.js';
import type { CaptureService } from '../capture/capture-service.js';
import type { KarvonConfig } from '../config/config.js';
import type { AuditLog } from '../governance/audit-log.js';
import type { GovernanceService } from '../governance/governance-service.js';
import type { Followers } from '../followers/followers.js';
import type { ShipmentQueries } from '../projections/shipment-queries.js';
import type { StartupGate } from '../runtime/startup-gate.js';
import type { EventQueryService } from '../query/event-query-service.js';
import type { Logger } from '../runtime/logger.js';
import type { Store } from '../store/store.js';
import type { AlertService } from '../alerts/alert-service.js';
import type { DeviceService } from '../telemetry/device-service.js';
import type { LiveFeed } from '../telemetry/live-feed.js';
import type { TelemetryService } from '../telemetry/telemetry-service.js';

export interface ApiDeps {
  config: KarvonConfig;
  store: Store;
  bus: EventBus;
  /** The runtime's logger; the HTTP layer logs requests through it. */
  logger: Logger;
  capture: CaptureService;
  queries: EventQueryService;
  shipments: ShipmentQueries;
  /** The followers of the event log (readiness, /api/status). */
  followers: Followers;
  /** Startup work /ready waits for (the demo's seeding). */
  startup: StartupGate;
  access: AccessService;
  audit: AuditLog;
  governance: GovernanceService;
  devices: DeviceService;
  alerts: AlertService;
  telemetry: TelemetryService;
  liveFeed: LiveFeed;
  /** Where telemetry is read over MQTT (undefined: no MQTT in this process). */
  mqttUrl?: () => string | undefined;
}
