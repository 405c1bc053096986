// Estimated arrival at every remaining stop of a shipment's corridor, as an 80 % range (earliest,
// likely, latest), measured against the simulator's real arrivals by bench/eta.bench.ts.
//
// Rule, per stop ahead:
// - First choice, the whole time still to go (remaining-time.ts): of the recent completed shipments'
//   times from the shipment's last movement milestone (arrived at or left a stop) to that stop, those
//   longer than the time already spent since the milestone, less that time; used when at least
//   MIN_REMAINING_SAMPLES distinct ones are left. It holds what no part measures (a terminal where a
//   train stops unread, customs holds, breakdowns) and the real spread of the whole trip.
// - Else the parts: each leg and stop dwell from observed times (observed-range.ts, at least
//   MIN_OBSERVATIONS distinct ones) or the reference figures, with their earliest, likely and latest
//   added up. Adding spreads overstates them for independent parts, but the parts leave out whatever
//   no event times; measured, root-sum-of-squares made these ranges too narrow (71 % against 81 %
//   coverage at the destination), so the sum stands for the fallback.
// - Time already spent counts from the later of the position and the last movement event: customs
//   papers passed at a border move the position on while the goods may stand there for hours.
// - A stop further on is never estimated before one nearer.
import { isClosedStatus } from '../domain/status/shipment-status.js';
import type { Corridor, ReferenceData } from '../reference/index.js';
import { stopLocation } from './corridor-position.js';
import { dwellKey, legKey, type CorridorStatistics } from './corridor-statistics.js';
import { estimateFromItinerary } from './estimate-from-plan.js';
import { observedRange } from './observed-range.js';
import { referenceLegHours, referenceStopHours, ZERO_RANGE, type HourRange } from './reference-timing.js';
import { milestonesOf, remainingKey, remainingRange } from './remaining-time.js';
import type { CorridorPosition, ShipmentState } from './shipment-state.js';

export { MIN_OBSERVATIONS } from './observed-range.js';

/** What an estimate reads of a shipment: the folded state; the events it was folded from are not needed. */
export type EstimableShipment = Omit<ShipmentState, 'events'>;

export interface StopEstimate {
  readonly stop: number;
  readonly locationId: string;
  readonly name: string;
  readonly earliest: string;
  readonly likely: string;
  readonly latest: string;
  /** 'observed, n=37', 'reference figures', 'registered plan', or a mix when components differ. */
  readonly basis: string;
}

export interface ArrivalEstimate {
  readonly shipmentId: string;
  /** What the stops and their timing follow: the reference corridor, or the registered itinerary's legs. */
  readonly follows: 'corridor' | 'itinerary';
  /**
   * The shipment's corridor when it has a known one. An estimate that follows the itinerary keeps it
   * for reference only: its stops are the itinerary's, which need not be that corridor's.
   */
  readonly corridor?: string;
  /** The time the estimate counts from: the latest event, or `now` when later. */
  readonly from: string;
  readonly stops: readonly StopEstimate[];
  /** The last stop's estimate: arrival at destination. */
  readonly arrival?: StopEstimate;
}

interface Component {
  readonly range: HourRange;
  readonly observed?: number;
}

function component(stats: CorridorStatistics | undefined, key: string, fallback: HourRange): Component {
  return observedRange(stats, key) ?? { range: fallback };
}

function legComponent(corridor: Corridor, leg: number, stats: CorridorStatistics | undefined, reference: ReferenceData): Component {
  const l = corridor.legs[leg]!;
  return component(stats, legKey(l.from, l.to, l.mode), referenceLegHours(l, reference));
}

function stopComponent(corridor: Corridor, stop: number, stats: CorridorStatistics | undefined, reference: ReferenceData): Component {
  if (stop <= 0 || stop >= corridor.legs.length) return { range: ZERO_RANGE };
  return component(stats, dwellKey(corridor, stop, reference), referenceStopHours(corridor, stop, reference));
}

function scale(c: Component, factor: number, elapsedH = 0): Component {
  const f = (h: number) => Math.max(0, h * factor - elapsedH);
  return { ...c, range: { earliest: f(c.range.earliest), likely: f(c.range.likely), latest: f(c.range.latest) } };
}

function basisOf(parts: readonly Component[]): string {
  const observed = parts.filter((p) => p.observed !== undefined);
  if (observed.length === 0) return 'reference figures';
  const n = Math.min(...observed.map((p) => p.observed!));
  return observed.length === parts.length ? `observed, n=${n}` : `observed (n=${n}) and reference figures`;
}

/**
 * ETA ranges for every stop still ahead; undefined when the shipment has neither a known corridor nor
 * a readable registered itinerary, or has arrived. A registered itinerary is followed while the
 * corridor cannot place the shipment: no known corridor, not departed yet ('planned'), or no position
 * on the corridor. Once the corridor places it, observed progress along the corridor is the better guide.
 */
export function estimateArrival(
  shipment: EstimableShipment,
  stats: CorridorStatistics | undefined,
  reference: ReferenceData,
  options: { now?: Date } = {},
): ArrivalEstimate | undefined {
  // A cancelled shipment goes nowhere; a delivered one has arrived (both ends are checked again below).
  if (isClosedStatus(shipment.status)) return undefined;
  const corridor = shipment.corridor ? reference.corridors.get(shipment.corridor) : undefined;
  if (shipment.itinerary && shipment.itinerary.length > 0 && (!corridor || shipment.status === 'planned' || !shipment.position)) {
    const fromPlan = estimateFromItinerary(shipment, stats, reference, options);
    // An itinerary whose times cannot be read gives no plan estimate; the corridor's, if any, still stands.
    if (fromPlan) return fromPlan;
  }
  return estimateAlongCorridor(shipment, corridor, stats, reference, options);
}

function estimateAlongCorridor(
  shipment: EstimableShipment,
  corridor: Corridor | undefined,
  stats: CorridorStatistics | undefined,
  reference: ReferenceData,
  options: { now?: Date },
): ArrivalEstimate | undefined {
  if (!corridor || shipment.status === 'delivered' || shipment.status === 'arrived' || shipment.arrivedAt) return undefined;
  const last = shipment.lastEventTime ? Date.parse(shipment.lastEventTime) : NaN;
  const now = options.now?.getTime();
  const start = Number.isNaN(last) ? now : now !== undefined && now > last ? now : last;
  if (start === undefined || Number.isNaN(start)) return undefined;
  const position = shipment.position ?? { kind: 'at-stop' as const, stop: 0, since: shipment.lastEventTime ?? new Date(start).toISOString() };
  const milestone = milestonesOf(shipment, corridor).at(-1);
  // Time already spent where the shipment is now counts against what is left of that part. It runs
  // from the later of the position and the last movement event: customs papers passed at a border
  // move the position on while the goods may stand there for hours more.
  const sinceMs = Math.max(Date.parse(position.since), milestone?.at ?? Number.NEGATIVE_INFINITY);
  const elapsedH = Math.max(0, (start - sinceMs) / 3_600_000);

  const byParts = partsAlongCorridor(corridor, position, elapsedH, stats, reference);
  const floor = { earliest: 0, likely: 0, latest: 0 };
  const stops: StopEstimate[] = byParts.map(({ stop, range, basis }) => {
    const whole = milestone && stats ? remainingRange(stats.values(remainingKey(corridor, milestone, stop)), Math.max(0, (start - milestone.at) / 3_600_000)) : undefined;
    const hours = whole ?? range;
    // A stop further on is never reached before one nearer: a stop pushed later pushes the ones after it.
    floor.earliest = Math.max(floor.earliest, hours.earliest);
    floor.likely = Math.max(floor.likely, hours.likely, floor.earliest);
    floor.latest = Math.max(floor.latest, hours.latest, floor.likely);
    const locationId = stopLocation(corridor, stop);
    return {
      stop,
      locationId,
      name: reference.locations.get(locationId)?.names.en ?? locationId,
      earliest: iso(start, floor.earliest),
      likely: iso(start, floor.likely),
      latest: iso(start, floor.latest),
      basis: whole ? `observed, n=${whole.n}` : basis,
    };
  });
  return {
    shipmentId: shipment.id,
    follows: 'corridor',
    corridor: corridor.id,
    from: new Date(start).toISOString(),
    stops,
    ...(stops.length > 0 ? { arrival: stops[stops.length - 1]! } : {}),
  };
}

const iso = (start: number, h: number) => new Date(start + h * 3_600_000).toISOString();

/**
 * Hours to every stop ahead from leg and dwell parts, each part's p10/p50/p90 added up: the fallback
 * when too few completed shipments are like this one (no history yet, or slower than most).
 */
function partsAlongCorridor(
  corridor: Corridor,
  position: CorridorPosition,
  elapsedH: number,
  stats: CorridorStatistics | undefined,
  reference: ReferenceData,
): { stop: number; range: HourRange; basis: string }[] {
  const parts: Component[] = [];
  let nextLeg: number;
  if (position.kind === 'at-stop') {
    parts.push(scale(stopComponent(corridor, position.stop, stats, reference), 1, elapsedH));
    nextLeg = position.stop;
  } else {
    parts.push(scale(legComponent(corridor, position.leg, stats, reference), 1 - position.fraction, elapsedH));
    nextLeg = position.leg + 1;
  }
  const out: { stop: number; range: HourRange; basis: string }[] = [];
  const sum = { earliest: 0, likely: 0, latest: 0 };
  const add = (c: Component) => {
    sum.earliest += c.range.earliest;
    sum.likely += c.range.likely;
    sum.latest += c.range.latest;
  };
  for (const p of parts) add(p);
  const record = (stop: number) => out.push({ stop, range: { ...sum }, basis: basisOf(parts) });
  if (position.kind === 'on-leg') record(position.leg + 1);
  for (let leg = nextLeg; leg < corridor.legs.length; leg++) {
    if (leg > nextLeg || position.kind === 'on-leg') {
      // Dwell at the stop this leg starts from, once the shipment is there.
      const dwell = stopComponent(corridor, leg, stats, reference);
      parts.push(dwell);
      add(dwell);
    }
    const travel = legComponent(corridor, leg, stats, reference);
    parts.push(travel);
    add(travel);
    record(leg + 1);
  }
  return out;
}
