// Feeds simulated events through the capture pipeline, as a partner would send them: in documents,
// never straight into the store, so that validation, hashing and duplicate detection all apply.
import type { CaptureResult } from '../capture/capture-service.js';
import type { EpcisDocument, EpcisEvent } from '../epcis/model.js';
import type { Runtime } from '../runtime/runtime.js';
import type { SimTelemetry } from './sim-telemetry.js';
import { simulate } from './simulate.js';
import type { SimulationOptions } from './sim-types.js';

export const SIM_DOCUMENT_SIZE = 500;

export interface SimulationProgress {
  /** Events sent to capture so far, of `total`. */
  sent: number;
  total: number;
  captured: number;
  duplicates: number;
  rejected: number;
}

export interface SimulationSummary extends SimulationProgress {
  shipments: number;
  /** Shipments and events per corridor id. */
  byCorridor: Record<string, { shipments: number; events: number }>;
  /** The first few rejection messages, for diagnosis; empty when all events were accepted. */
  errors: string[];
  /** What the containers' e-seals report, when the options asked for telemetry (run-telemetry.ts sends it). */
  telemetry?: SimTelemetry;
}

export interface PlaybackOptions {
  /**
   * Accelerated real-time playback: simulated time runs `speed` times faster than the clock and each
   * event is captured when its eventTime comes round. Without it everything is captured at once.
   */
  speed?: number;
  onProgress?: (progress: SimulationProgress) => void;
  /** Events per capture document (default 500). */
  documentSize?: number;
  /** Waits between playback steps and reads the clock (ms); tests replace both. */
  sleep?: (ms: number) => Promise<void>;
  clock?: () => number;
}

function documentOf(events: EpcisEvent[]): EpcisDocument {
  return { namespaces: {}, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: new Date().toISOString(), events };
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Simulates the corridors and captures the events into the runtime's store through its capture service. */
export async function runSimulation(runtime: Runtime, options: SimulationOptions, playback: PlaybackOptions = {}): Promise<SimulationSummary> {
  if (playback.speed !== undefined && !(Number.isFinite(playback.speed) && playback.speed > 0)) {
    throw new RangeError(`speed must be a positive number, got ${playback.speed}`);
  }
  const result = simulate(options);
  const size = Math.max(1, playback.documentSize ?? SIM_DOCUMENT_SIZE);
  const summary: SimulationSummary = {
    shipments: result.shipments.length, sent: 0, total: result.events.length, captured: 0, duplicates: 0, rejected: 0, byCorridor: {}, errors: [],
    ...(result.telemetry ? { telemetry: result.telemetry } : {}),
  };
  for (const s of result.shipments) (summary.byCorridor[s.corridorId] ??= { shipments: 0, events: 0 }).shipments++;
  for (const e of result.events) (summary.byCorridor[e['krv:corridor'] as string] ??= { shipments: 0, events: 0 }).events++;

  const send = async (events: EpcisEvent[]) => {
    if (events.length === 0) return;
    const outcome: CaptureResult = await runtime.capture.captureDocument(documentOf(events), { binding: 'json', errorBehaviour: 'proceed' });
    summary.sent += events.length;
    summary.captured += outcome.captured;
    summary.duplicates += outcome.duplicates;
    summary.rejected += outcome.rejected;
    for (const issue of outcome.errors) if (summary.errors.length < 20) summary.errors.push(`${issue.pointer ?? ''}: ${issue.message}`);
    playback.onProgress?.({ sent: summary.sent, total: summary.total, captured: summary.captured, duplicates: summary.duplicates, rejected: summary.rejected });
  };

  const events = result.events;
  if (playback.speed === undefined) {
    for (let i = 0; i < events.length; i += size) await send(events.slice(i, i + size));
    return summary;
  }
  const sleep = playback.sleep ?? defaultSleep;
  const simStart = result.start.getTime();
  const clock = playback.clock ?? Date.now;
  const wallStart = clock();
  let i = 0;
  while (i < events.length) {
    const simNow = simStart + (clock() - wallStart) * playback.speed;
    const due: EpcisEvent[] = [];
    while (i < events.length && due.length < size && Date.parse(events[i]!.eventTime) <= simNow) due.push(events[i++]!);
    if (due.length > 0) {
      await send(due);
      continue;
    }
    const wait = (Date.parse(events[i]!.eventTime) - simNow) / playback.speed;
    await sleep(Math.min(Math.max(wait, 10), 1000));
  }
  return summary;
}
