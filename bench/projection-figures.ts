/**
 * The pure parts of the projection benchmark: reading what the CLI prints, planning the simulated
 * traffic, summarising latencies. No I/O here, so test/bench/ can check it.
 */
import { median, percentile } from './bench-stats.js';

export interface RebuildLine {
  shipments: number;
  events: number;
  /** The fold time the CLI measured itself (opening the store and folding every event). */
  seconds: number;
}

/**
 * The first line of `karvon rebuild`: "rebuilt S shipments from E events in T s". The command may
 * print more lines after it, so the line is looked for rather than expected first.
 */
export function parseRebuildLine(output: string): RebuildLine {
  const match = /^rebuilt (\d+) shipments from (\d+) events in (\d+(?:\.\d+)?) s\s*$/m.exec(output);
  if (!match) throw new Error(`karvon rebuild printed no "rebuilt S shipments from E events in T s" line; it printed:\n${output.slice(0, 2000)}`);
  return { shipments: Number(match[1]), events: Number(match[2]), seconds: Number(match[3]) };
}

export interface SimulateSummary {
  shipments: number;
  events: number;
  captured: number;
  duplicates: number;
  rejected: number;
}

/** The summary line of `karvon simulate`: "shipments: X, events: Y, captured: C, duplicates: D, rejected: R". */
export function parseSimulateSummary(output: string): SimulateSummary {
  const match = /^shipments: (\d+), events: (\d+), captured: (\d+), duplicates: (\d+), rejected: (\d+)/m.exec(output);
  if (!match) throw new Error(`karvon simulate printed no "shipments: X, events: Y, captured: ..." line; it printed:\n${output.slice(0, 2000)}`);
  const [shipments, events, captured, duplicates, rejected] = match.slice(1).map(Number) as [number, number, number, number, number];
  return { shipments, events, captured, duplicates, rejected };
}

/** Events per shipment assumed before the simulator has told us (it makes about 19–20). */
export const ASSUMED_EVENTS_PER_SHIPMENT = 20;
/** Shipments departing per day in the simulated country: sets the days, so traffic has one country's density. */
export const SHIPMENTS_PER_DAY = 1500;
const MIN_DAYS = 30;

export interface SimulationPass {
  shipments: number;
  days: number;
}

/**
 * How many shipments to simulate to bring a store holding `stored` events up to `target`, and over
 * how many days. `eventsPerShipment` is what earlier passes measured; a little more is asked than
 * the estimate, since a store with too few events is refilled on every run.
 */
export function nextSimulationPass(target: number, stored: number, eventsPerShipment = ASSUMED_EVENTS_PER_SHIPMENT): SimulationPass | undefined {
  const missing = target - stored;
  if (missing <= 0) return undefined;
  const shipments = Math.max(1, Math.ceil((missing / eventsPerShipment) * 1.02));
  return { shipments, days: Math.max(MIN_DAYS, Math.ceil(shipments / SHIPMENTS_PER_DAY)) };
}

export interface LatencySummary {
  samples: number;
  p50: number;
  p97_5: number;
  p99: number;
  max: number;
  mean: number;
}

/** Percentiles (nearest rank) of response times in milliseconds. */
export function summariseLatencies(timesMs: readonly number[]): LatencySummary {
  if (timesMs.length === 0) throw new Error('no successful responses to summarise');
  let sum = 0;
  let max = -Infinity;
  for (const t of timesMs) {
    sum += t;
    if (t > max) max = t;
  }
  return {
    samples: timesMs.length,
    p50: percentile(timesMs, 50),
    p97_5: percentile(timesMs, 97.5),
    p99: percentile(timesMs, 99),
    max,
    mean: sum / timesMs.length,
  };
}

/**
 * The run whose `key` is the median (nearest rank: the lower middle one of an even number), so that
 * the figures shown beside it (time, events) belong to the same run.
 */
export function medianRunBy<T>(runs: readonly T[], key: (run: T) => number): T {
  if (runs.length === 0) throw new Error('median of no runs');
  const middle = median(runs.map(key));
  return runs.find((r) => key(r) === middle)!;
}

/** Per-field medians of several runs' figures (each field on its own, so the result need not be one run). */
export function medianOf<K extends string>(runs: readonly Record<K, number>[], keys: readonly K[]): Record<K, number> {
  if (runs.length === 0) throw new Error('median of no runs');
  return Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k]))])) as Record<K, number>;
}
