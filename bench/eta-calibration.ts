/**
 * ETA calibration against the simulator, which knows when every shipment really arrived.
 *
 * One seeded simulation; every shipment is folded with the pure fold functions, as the read model
 * folds it, and the statistics learn the way ShipmentQueries' do: a completed shipment counts from
 * the moment it completed (delivered, else arrived), and only the `window` most recently completed
 * ones of each corridor count, out of the `window` × LOADED_PER_WINDOW most recently completed ones
 * overall (ShipmentQueries: 200 per corridor out of the 2,000 it reads from the store). Shipments departing between `warmupDays` and `tailDays`
 * before the end are held out: at every movement event of theirs the ETA is asked with the events
 * so far and `now` = that event's time, and every stop it estimates is compared with the time the
 * shipment was first read at that stop by a movement event (arriving at a border or port, unloaded
 * from a ferry, arrived-at-destination). A held-out shipment teaches the statistics only once it has
 * completed, after all of its own questions: nothing it is asked about is known in advance.
 *
 * Only movement events are questions: customs paperwork does not move the goods (docs/epcis-profile.md
 * §4.3) and is not where a consignee looks again. A stop without a movement event of its own (a
 * station where the train only stops for customs) has no observed arrival and is not scored.
 */
import type { EpcisEvent } from '../src/epcis/model.js';
import { estimateArrival, type ArrivalEstimate } from '../src/projections/estimate-arrival.js';
import { CorridorStatistics } from '../src/projections/corridor-statistics.js';
import { eventFacts, type EventFacts } from '../src/projections/event-facts.js';
import { foldFacts } from '../src/projections/fold-shipment.js';
import type { ShipmentState } from '../src/projections/shipment-state.js';
import { referenceData, type ReferenceData } from '../src/reference/index.js';
import { simulate } from '../src/sim/simulate.js';

const DAY = 86_400_000;

/** Where the shipment is when the ETA is asked: before its first stop, between, or with only the destination ahead. */
export type Stage = 'first leg' | 'middle' | 'last leg';
export const STAGES: readonly Stage[] = ['first leg', 'middle', 'last leg'];

/** One estimated stop against the real arrival there, in epoch ms. */
export interface Observation {
  readonly corridor: string;
  readonly stage: Stage;
  /** The stop is the shipment's destination. */
  readonly destination: boolean;
  readonly now: number;
  readonly actual: number;
  readonly earliest: number;
  readonly likely: number;
  readonly latest: number;
  /** What the estimate of this stop rests on (StopEstimate.basis). */
  readonly basis: string;
}

export interface CalibrationOptions {
  readonly seed: number;
  readonly shipments: number;
  /** Days over which departures are spread. */
  readonly days: number;
  /** Shipments departing before this many days only teach the statistics. */
  readonly warmupDays: number;
  /**
   * Nor are shipments departing in the last this many days asked about (default 25, longer than any
   * simulated trip): the simulation ends before the slow ones among them arrive, and asking only
   * about those that made it would favour quick trips.
   */
  readonly tailDays?: number;
  /** How many recently completed shipments of each corridor the statistics keep (ShipmentQueries: 200). */
  readonly window?: number;
  /** The estimator under test; the shipped one by default. */
  readonly estimate?: typeof estimateArrival;
}

export interface CalibrationRun {
  readonly observations: readonly Observation[];
  /** Held-out shipments that were asked about. */
  readonly heldOut: number;
  /** Shipments whose arrival the simulation window cut off: neither taught nor asked about. */
  readonly unfinished: number;
  /** Estimated stops left unscored: no movement event there, or already reached by the time asked. */
  readonly unscored: number;
}

interface FoldedShipment {
  readonly corridor: string;
  readonly facts: readonly EventFacts[];
  readonly final: ShipmentState;
  /**
   * The first movement event at the destination (arrived-at-destination; unloaded-from-ferry where a
   * ferry ends the route): not `arrivedAt`, which a customs transit ending at a border also sets.
   */
  readonly reachedDestinationAt?: number;
  readonly completedAt?: number;
  readonly departedAt?: number;
}

/** The simulated events grouped per shipment (by its containers), as facts in fold order. */
function factsPerShipment(events: readonly EpcisEvent[], shipments: readonly { epcs: readonly string[] }[], reference: ReferenceData): EventFacts[][] {
  const owner = new Map<string, number>();
  shipments.forEach((s, k) => s.epcs.forEach((epc) => owner.set(epc, k)));
  const grouped: EventFacts[][] = shipments.map(() => []);
  events.forEach((event, i) => {
    // The simulator's events carry no eventID; an id in emission order keeps same-second ties in the
    // order they happened and spares eventFacts serialising each event for one.
    const facts = eventFacts({ ...event, eventID: `sim-${String(i).padStart(9, '0')}` }, reference);
    const k = facts.units.map((u) => owner.get(u)).find((x) => x !== undefined);
    if (k !== undefined) grouped[k]!.push(facts);
  });
  return grouped;
}

function fold(corridorId: string, facts: readonly EventFacts[], reference: ReferenceData): FoldedShipment {
  const corridor = reference.corridors.get(corridorId)!;
  const destination = corridor.legs[corridor.legs.length - 1]!.to;
  const final = foldFacts(facts, { reference });
  const done = final.status === 'delivered' || final.status === 'arrived' ? (final.deliveredAt ?? final.arrivedAt) : undefined;
  const reached = facts.find((f) => f.step?.source === 'movement' && f.where?.kind === 'location' && f.where.locationId === destination);
  return {
    corridor: corridorId,
    facts,
    final,
    ...(reached ? { reachedDestinationAt: reached.time } : {}),
    ...(done ? { completedAt: Date.parse(done) } : {}),
    ...(final.departedAt ? { departedAt: Date.parse(final.departedAt) } : {}),
  };
}

/** When the shipment was first read at a stop, by a movement event there. */
function actualArrival(shipment: FoldedShipment, locationId: string, destination: boolean): number | undefined {
  if (destination) return shipment.reachedDestinationAt;
  const visit = shipment.final.visits.find((v) => v.locationId === locationId);
  return visit ? Date.parse(visit.firstAt) : undefined;
}

function stageOf(estimate: ArrivalEstimate): Stage {
  const next = estimate.stops[0]!;
  if (next === estimate.arrival) return 'last leg';
  return next.stop === 1 ? 'first leg' : 'middle';
}

/** Runs one seeded calibration: every question asked of the ETA and what really happened. */
export function runCalibration(options: CalibrationOptions): CalibrationRun {
  const reference = referenceData();
  const estimate = options.estimate ?? estimateArrival;
  const sim = simulate({ shipments: options.shipments, days: options.days, seed: options.seed });
  const grouped = factsPerShipment(sim.events, sim.shipments, reference);
  const folded = sim.shipments.map((s, k) => fold(s.corridorId, grouped[k]!, reference));
  const cut = sim.start.getTime() + options.warmupDays * DAY;
  const lastDeparture = sim.end.getTime() - (options.tailDays ?? 25) * DAY;

  const completions = folded
    .map((f, k) => ({ k, at: f.completedAt }))
    .filter((c): c is { k: number; at: number } => c.at !== undefined)
    .sort((a, b) => a.at - b.at);
  const questions: { k: number; index: number; at: number }[] = [];
  let heldOut = 0;
  folded.forEach((f, k) => {
    const arrivedAt = f.reachedDestinationAt;
    if (f.departedAt === undefined || f.departedAt < cut || f.departedAt > lastDeparture) return;
    if (arrivedAt === undefined) throw new Error(`shipment ${k} departed ${options.tailDays ?? 25} days or more before the simulation ended and has not arrived: is tailDays long enough?`);
    heldOut++;
    f.facts.forEach((facts, index) => {
      if (facts.step?.source === 'movement' && facts.time < arrivedAt) questions.push({ k, index, at: facts.time });
    });
  });
  questions.sort((a, b) => a.at - b.at || a.k - b.k || a.index - b.index);

  const window = options.window ?? 200;
  const stats = new CorridorStatistics(reference, window);
  const counted: string[] = [];
  let next = 0;
  const observations: Observation[] = [];
  let unscored = 0;
  for (const q of questions) {
    // Everything completed by now has been learnt; only the most recent ones ShipmentQueries would read are kept.
    while (next < completions.length && completions[next]!.at <= q.at) {
      const { k } = completions[next++]!;
      const key = `sim-${k}`;
      stats.record(key, folded[k]!.final);
      counted.push(key);
      if (counted.length > stats.window) stats.forget(counted.shift()!);
    }
    const shipment = folded[q.k]!;
    const state = foldFacts(shipment.facts.slice(0, q.index + 1), { reference });
    const eta = estimate(state, stats, reference, { now: new Date(q.at) });
    if (!eta || eta.stops.length === 0) continue;
    const stage = stageOf(eta);
    for (const stop of eta.stops) {
      const destination = stop === eta.arrival;
      const actual = actualArrival(shipment, stop.locationId, destination);
      if (actual === undefined || actual <= q.at) {
        unscored++;
        continue;
      }
      observations.push({
        corridor: shipment.corridor, stage, destination, now: q.at, actual,
        earliest: Date.parse(stop.earliest), likely: Date.parse(stop.likely), latest: Date.parse(stop.latest), basis: stop.basis,
      });
    }
  }
  return { observations, heldOut, unfinished: folded.filter((f) => f.reachedDestinationAt === undefined).length, unscored };
}
