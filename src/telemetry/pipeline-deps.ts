/** What the telemetry pipeline's handlers work with (wired once by TelemetryService). */
import type { EventBus } from '../bus/event-bus.js';
import type { EpcisEvent } from '../epcis/model.js';
import type { Store } from '../store/store.js';
import type { DeviceDirectory } from './device-directory.js';
import type { DeviceMemories } from './device-memory.js';
import type { DeviceRateLimiter } from './device-rate-limiter.js';
import type { GeofenceIndex } from './geo/geofence-index.js';
import type { TelemetryCounters } from './telemetry-counters.js';
import type { UnitSubjects } from './unit-subjects.js';

export interface TelemetrySettings {
  /** How far after the server's clock a fix time may lie. */
  readonly maxFutureMs: number;
  /** Route deviation threshold for a corridor (km). */
  routeThresholdKm(corridor: string | undefined): number;
}

export interface PipelineLogger {
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

export interface PipelineDeps {
  readonly store: Store;
  /** Registered devices and their open attachments, kept in memory. */
  readonly devices: DeviceDirectory;
  readonly memories: DeviceMemories;
  readonly places: GeofenceIndex;
  readonly subjects: UnitSubjects;
  readonly limiter: DeviceRateLimiter;
  readonly bus: EventBus;
  readonly settings: TelemetrySettings;
  readonly counters: TelemetryCounters;
  readonly logger: PipelineLogger;
  /** Captures derived events in the name of an organisation (the device's owner); resolves with how many were refused. */
  captureDerived(ownerId: string, events: readonly EpcisEvent[]): Promise<{ captured: number; refused: number; reasons: string[] }>;
}
