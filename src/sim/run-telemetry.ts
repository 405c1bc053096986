// Feeds a simulation's e-seal readings through the telemetry pipeline (`karvon simulate --telemetry`),
// as the demo does for its history: the carriers that own the seals and the seals with their
// attachments are registered first, then the readings go in time order, in batches, through
// TelemetryService.ingest, so that admission, geofences, route checks, storage and derived events
// all apply, never straight into the store.
import type { Position } from '../model/telemetry.js';
import type { Runtime } from '../runtime/runtime.js';
import { ensureDeviceOwners, seedDemoDevices } from './demo-telemetry.js';
import type { SimTelemetry } from './sim-telemetry.js';

export const TELEMETRY_BATCH_SIZE = 2000;

export interface TelemetryRunProgress {
  /** Readings handed to the pipeline so far. */
  sent: number;
  stored: number;
  refused: number;
  derivedEvents: number;
}

export interface TelemetryRunSummary extends TelemetryRunProgress {
  /** Devices of the simulation, and how many of them this run registered. */
  devices: number;
  devicesRegistered: number;
  /** Owner organisations (demo carriers) this run created. */
  ownersCreated: number;
  /** Readings the store held already (a second run over the same simulation). */
  duplicates: number;
  /** Refusals counted by reason, the device id taken out so that alike reasons count together. */
  refusedBy: Record<string, number>;
}

/** A refusal reason with the device named in it replaced, so that one reason counts once for all devices. */
function reasonKind(reason: string, deviceId: string | undefined): string {
  return deviceId === undefined ? reason : reason.split(`'${deviceId}'`).join("'…'");
}

/**
 * Registers the simulation's devices for their carriers (creating missing carrier organisations)
 * and sends every reading of `telemetry` (within its window) through the pipeline, in batches of
 * `batchSize`, each reading received at `now`. Derived events name shipments only once the read
 * model knows them: call this after the simulation's events were captured and folded.
 */
export async function runTelemetry(
  runtime: Runtime,
  telemetry: SimTelemetry,
  options: { now: number; batchSize?: number; onProgress?: (progress: TelemetryRunProgress) => void },
): Promise<TelemetryRunSummary> {
  const ownersCreated = await ensureDeviceOwners(runtime, telemetry);
  const devicesRegistered = await seedDemoDevices(runtime, telemetry, options.now);
  const size = Math.max(1, options.batchSize ?? TELEMETRY_BATCH_SIZE);
  const summary: TelemetryRunSummary = {
    devices: telemetry.devices.length, devicesRegistered, ownersCreated, sent: 0, stored: 0, duplicates: 0, refused: 0, derivedEvents: 0, refusedBy: {},
  };
  const send = async (readings: Position[]) => {
    if (readings.length === 0) return;
    const result = await runtime.telemetry.ingest({ readings, problems: [], pointers: readings.map((_, i) => `/readings/${i}`) }, { kind: 'local' });
    summary.sent += readings.length;
    summary.stored += result.stored;
    summary.duplicates += result.duplicates;
    summary.refused += result.refused.length;
    summary.derivedEvents += result.derivedEvents;
    for (const r of result.refused) {
      const kind = reasonKind(r.reason, r.deviceId);
      summary.refusedBy[kind] = (summary.refusedBy[kind] ?? 0) + 1;
    }
    options.onProgress?.({ sent: summary.sent, stored: summary.stored, refused: summary.refused, derivedEvents: summary.derivedEvents });
  };
  let batch: Position[] = [];
  for (const reading of telemetry.readings) {
    batch.push({ ...reading, serverTime: options.now });
    if (batch.length >= size) {
      await send(batch);
      batch = [];
    }
  }
  await send(batch);
  return summary;
}
