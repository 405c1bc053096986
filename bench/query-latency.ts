/**
 * Latency of the hot read, "all events of one shipment": random shipments, one query each, by the
 * shipment's EPC in every role (epcList, parentID, childEPCs, input/output lists). Every answer is
 * checked against the number of events the generator emitted for that shipment.
 */
import type { FastifyInstance } from 'fastify';
import type { EpcRole } from '../src/epcis/query/event-query.js';
import type { Store } from '../src/store/store.js';
import type { ShipmentRecord } from './corridor-events.js';
import { median, percentile } from './bench-stats.js';
import { mixSeed, Prng } from './prng.js';
import { BENCH_AUTHORIZATION } from './karvon-process.js';

export interface LatencyResult {
  samples: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
  /**
   * p99 of the process CPU time per query. Far below the wall-clock p99, it says the slow queries
   * waited (for the CPU, taken by other processes, or for I/O) rather than worked.
   */
  cpuP99: number;
  /** Mean events returned per query. */
  eventsPerQuery: number;
}

const ALL_ROLES: EpcRole[] = ['epc', 'parentID', 'childEPC', 'inputEPC', 'outputEPC'];
const WARM_UP = 200;

/** Picks `count` shipments at random (with repeats allowed), reproducibly. */
export function sampleShipments(shipments: readonly ShipmentRecord[], count: number, seed: number): ShipmentRecord[] {
  const rng = new Prng(mixSeed(seed, 0x9e3), 0);
  const started = shipments.filter((s) => s.emitted > 0);
  return Array.from({ length: count }, () => rng.pick(started));
}

async function measure(sample: readonly ShipmentRecord[], run: (s: ShipmentRecord) => Promise<number>): Promise<LatencyResult> {
  for (const s of sample.slice(0, WARM_UP)) await run(s);
  const times: number[] = [];
  const cpu: number[] = [];
  let returned = 0;
  for (const s of sample) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const n = await run(s);
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    if (n !== s.emitted) throw new Error(`query for ${s.epc} returned ${n} events, the generator emitted ${s.emitted}`);
    returned += n;
  }
  return {
    samples: times.length,
    p50: median(times),
    p99: percentile(times, 99),
    max: Math.max(...times),
    mean: times.reduce((a, b) => a + b, 0) / times.length,
    cpuP99: percentile(cpu, 99),
    eventsPerQuery: returned / times.length,
  };
}

/** store.events.query for each sampled shipment (one page of up to 100 events, bodies parsed). */
export function storeQueryLatency(store: Store, sample: readonly ShipmentRecord[]): Promise<LatencyResult> {
  return measure(sample, async (s) => {
    const page = await store.events.query({ conditions: [{ kind: 'epc', roles: ALL_ROLES, patterns: [s.epc] }] }, { perPage: 100 });
    return page.events.length;
  });
}

/** GET /epcis/events?MATCH_anyEPC=... through the whole HTTP stack (Fastify inject, no socket). */
export function httpQueryLatency(app: FastifyInstance, sample: readonly ShipmentRecord[]): Promise<LatencyResult> {
  return measure(sample, async (s) => {
    const response = await app.inject({
      method: 'GET',
      url: `/epcis/events?MATCH_anyEPC=${encodeURIComponent(s.epc)}&perPage=100`,
      headers: { accept: 'application/ld+json', authorization: BENCH_AUTHORIZATION },
    });
    if (response.statusCode !== 200) throw new Error(`GET /epcis/events answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
    const body = response.json() as { epcisBody?: { queryResults?: { resultsBody?: { eventList?: unknown[] } } } };
    return body.epcisBody?.queryResults?.resultsBody?.eventList?.length ?? -1;
  });
}
