/**
 * The telemetry pipeline: what happens to a batch of readings, top to bottom. Every way in (HTTP
 * batch, OsmAnd, MQTT, the simulator) decodes its readings and hands them here.
 *
 * A handler that works per reading is wrapped by `eachReading`: when it throws for one reading the
 * error is logged and counted, that reading goes on without this handler's effect, and the other
 * readings are not touched. A handler that works on the whole batch (store, capture) failing fails
 * the batch: its readings were not stored, and the sender is told so and may send them again.
 */
import { dropDuplicates, identifyDevices, limitRate, requireAttachment, validateReadings } from './handlers/admission.js';
import { captureDerivedEvents, saveMemories, storePositions, wakeLiveFeed } from './handlers/outputs.js';
import { advanceMemory, checkRoute, checkSeal, current, orderPerDevice, resolveSubjects, trackMotion, trackPlaces } from './handlers/state-machines.js';
import type { ReadingItem, TelemetryBatch } from './pipeline-batch.js';
import type { PipelineDeps } from './pipeline-deps.js';

export interface TelemetryHandler {
  readonly name: string;
  run(batch: TelemetryBatch, deps: PipelineDeps): void | Promise<void>;
}

/** A per-reading handler over the readings that move state; one reading's error does not stop the others. */
export function eachReading(name: string, handle: (item: ReadingItem, deps: PipelineDeps) => void): TelemetryHandler {
  return {
    name,
    run(batch, deps) {
      for (const item of current(batch)) {
        try {
          handle(item, deps);
        } catch (error) {
          batch.handlerErrors++;
          deps.counters.handlerError(name);
          deps.logger.error({ err: error, handler: name, deviceId: item.position.deviceId, fixTime: item.position.fixTime }, `telemetry: handler '${name}' failed on a reading`);
        }
      }
    },
  };
}

export const TELEMETRY_PIPELINE: readonly TelemetryHandler[] = [
  // Admission: known device the sender may speak for, true values, attached to a unit, within its rate, once.
  { name: 'identify', run: identifyDevices },
  { name: 'validate', run: validateReadings },
  { name: 'attached', run: requireAttachment },
  { name: 'rate-limit', run: limitRate },
  { name: 'drop-duplicates', run: dropDuplicates },
  // State: each device's readings in order, with its memory and its unit's shipment.
  { name: 'order-per-device', run: orderPerDevice },
  { name: 'shipment-of-unit', run: resolveSubjects },
  eachReading('geofences', trackPlaces),
  eachReading('motion', (item) => trackMotion(item)),
  eachReading('route-check', checkRoute),
  eachReading('seal', (item) => checkSeal(item)),
  eachReading('signal', (item) => advanceMemory(item)),
  // Outputs: the time series, the events, the memory, the live feed.
  { name: 'store', run: storePositions },
  { name: 'derived-events', run: captureDerivedEvents },
  { name: 'save-memory', run: saveMemories },
  { name: 'live-push', run: wakeLiveFeed },
];

export async function runPipeline(batch: TelemetryBatch, deps: PipelineDeps, handlers: readonly TelemetryHandler[] = TELEMETRY_PIPELINE): Promise<void> {
  for (const handler of handlers) await handler.run(batch, deps);
}
