/**
 * A deterministic stream of realistic corridor events for the capture benchmark: shipments start as
 * a Poisson process over about a year, each travels one of the corridors (see corridor-routes.ts and
 * shipment-plan.ts), and the events of all shipments in flight come out interleaved in eventTime
 * order, as a national hub would receive them. Only the shipments in flight are held in memory, so
 * a million events cost no more memory than a thousand.
 */
import type { EpcisEvent } from '../src/epcis/model.js';
import { CORRIDORS, type Corridor } from './corridor-routes.js';
import { Prng } from './prng.js';
import { planShipment, type ShipmentPlan } from './shipment-plan.js';

export interface CorridorEventOptions {
  /** How many events to produce. */
  events: number;
  /** Same seed, same events. Default 1. */
  seed?: number;
  /** Instant of the first shipment's start. Default 2025-01-01T00:00:00Z. */
  start?: string;
  /** Over how many days shipments start. Default 365. */
  days?: number;
  /** Expected events per shipment, to size the arrival rate. Default 20. */
  eventsPerShipment?: number;
}

export interface ShipmentRecord {
  epc: string;
  corridor: string;
  /** Events of this shipment emitted so far (the last shipments may be cut off by `events`). */
  emitted: number;
}

interface InFlight {
  plan: ShipmentPlan;
  next: number;
  order: number;
}

/** Produces corridor events one at a time, in eventTime order; `shipments` records every shipment started. */
export class CorridorEventGenerator {
  readonly shipments: ShipmentRecord[] = [];
  private readonly heap: InFlight[] = [];
  private readonly arrivals: Prng;
  private readonly seed: number;
  private readonly meanGap: number;
  private readonly totalWeight: number;
  private nextStart: number;
  private produced = 0;

  constructor(private readonly options: CorridorEventOptions) {
    this.seed = options.seed ?? 1;
    this.arrivals = new Prng(this.seed, 0);
    const days = options.days ?? 365;
    const shipments = Math.max(1, options.events / (options.eventsPerShipment ?? 20));
    this.meanGap = (days * 86_400_000) / shipments;
    this.totalWeight = CORRIDORS.reduce((sum, c) => sum + c.weight, 0);
    this.nextStart = Date.parse(options.start ?? '2025-01-01T00:00:00Z');
  }

  /** The next event, or undefined after `options.events`. */
  next(): EpcisEvent | undefined {
    if (this.produced >= this.options.events) return undefined;
    // Start every shipment whose first event comes before the earliest pending event.
    while (this.heap.length === 0 || this.nextStart <= this.timeOf(this.heap[0]!)) this.startShipment();
    const top = this.heap[0]!;
    const event = top.plan.events[top.next]!;
    this.shipments[top.order]!.emitted++;
    top.next++;
    if (top.next < top.plan.events.length) this.siftDown(0);
    else {
      const last = this.heap.pop()!;
      if (this.heap.length > 0) {
        this.heap[0] = last;
        this.siftDown(0);
      }
    }
    this.produced++;
    return event;
  }

  /** The next `n` events (fewer at the end). */
  take(n: number): EpcisEvent[] {
    const out: EpcisEvent[] = [];
    while (out.length < n) {
      const event = this.next();
      if (event === undefined) break;
      out.push(event);
    }
    return out;
  }

  private startShipment(): void {
    const order = this.shipments.length;
    const rng = new Prng(this.seed, order + 1);
    const plan = planShipment(rng, order, this.pickCorridor(rng), this.nextStart);
    this.shipments.push({ epc: plan.epc, corridor: plan.corridor, emitted: 0 });
    this.heap.push({ plan, next: 0, order });
    this.siftUp(this.heap.length - 1);
    this.nextStart += this.arrivals.exponential(this.meanGap);
  }

  private pickCorridor(rng: Prng): Corridor {
    let r = rng.next() * this.totalWeight;
    for (const c of CORRIDORS) {
      if (r < c.weight) return c;
      r -= c.weight;
    }
    return CORRIDORS[CORRIDORS.length - 1]!;
  }

  private timeOf(f: InFlight): number {
    return f.plan.times[f.next]!;
  }

  private less(a: InFlight, b: InFlight): boolean {
    const ta = this.timeOf(a);
    const tb = this.timeOf(b);
    return ta < tb || (ta === tb && a.order < b.order);
  }

  private siftUp(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
      if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}

/** Convenience: the first `events` events of a seeded run, as an array (tests, small runs). */
export function corridorEvents(options: CorridorEventOptions): { events: EpcisEvent[]; shipments: ShipmentRecord[] } {
  const generator = new CorridorEventGenerator(options);
  const events: EpcisEvent[] = [];
  for (let e = generator.next(); e !== undefined; e = generator.next()) events.push(e);
  return { events, shipments: generator.shipments };
}
