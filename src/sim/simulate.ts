// The corridor simulator: plans block trains and trucks over the operational corridors of the
// reference data and writes their shipments' events, deterministic for a seed.
import type { EpcisEvent } from '../epcis/model.js';
import { BIZ_TRANSACTION_TYPE, containerIri, documentIri } from '../domain/index.js';
import { referenceData } from '../reference/index.js';
import { SimRandom } from './prng.js';
import { simContainerNumber } from './sim-identifiers.js';
import { simForwarderFor } from './sim-parties.js';
import { ConvoyJourney, DAY, HOUR } from './sim-journey.js';
import type { TimedEvent } from './sim-events.js';
import { simTelemetry, type SimJourney, type SimTelemetry } from './sim-telemetry.js';
import { simRegistration } from './sim-registration.js';
import { simRoute, type SimRoute } from './sim-route.js';
import { DEFAULT_INCIDENT_RATES, type Convoy, type IncidentRates, type SimShipment, type SimulationOptions, type TelemetryOptions } from './sim-types.js';

export const DEFAULT_SIMULATION_START = new Date('2025-01-01T00:00:00Z');

// Share of shipments per corridor: Karvon's guess at the relative traffic, heaviest on the Middle
// Corridor and the Chinese road crossings. Corridors not in the list (planned ones) get none.
export const CORRIDOR_SHARE: Readonly<Record<string, number>> = {
  'middle-corridor-dostyk': 20,
  'middle-corridor-altynkol': 15,
  'trans-caspian-turkmenbashi': 8,
  'trans-afghan': 10,
  'cku-road-torugart': 12,
  'cku-road-irkeshtam': 12,
  'kz-uz-saryagash-keles': 12,
  'kg-uz-dostuk-dustlik': 4,
  'tm-uz-farap-alat': 3,
  'tj-uz-dushanbe-termez': 4,
};

export interface SimulationResult {
  readonly shipments: readonly SimShipment[];
  /** Events of all shipments in eventTime order. */
  readonly events: readonly EpcisEvent[];
  readonly start: Date;
  readonly end: Date;
  /** What the containers' e-seals report, when the options ask for telemetry. */
  readonly telemetry?: SimTelemetry;
}

function checkOptions(options: SimulationOptions): void {
  const { shipments, days, seed } = options;
  if (!Number.isInteger(shipments) || shipments < 0) throw new RangeError(`shipments must be a whole number of 0 or more, got ${shipments}`);
  if (!Number.isFinite(days) || days <= 0) throw new RangeError(`days must be a positive number, got ${days}`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (options.start && Number.isNaN(options.start.getTime())) throw new RangeError('start is not a valid date');
  for (const [name, rate] of Object.entries(options.incidentRates ?? {})) {
    if (!(typeof rate === 'number' && rate >= 0 && rate <= 1)) throw new RangeError(`incident rate ${name} must be between 0 and 1, got ${rate}`);
  }
  if (options.telemetry) checkTelemetryOptions(options.telemetry);
}

function checkTelemetryOptions({ reportingPeriodS, from, to }: TelemetryOptions): void {
  if (reportingPeriodS !== undefined && !(Number.isFinite(reportingPeriodS) && reportingPeriodS >= 1)) {
    throw new RangeError(`telemetry reportingPeriodS must be a number of seconds of 1 or more, got ${reportingPeriodS}`);
  }
  if (from && Number.isNaN(from.getTime())) throw new RangeError('telemetry from is not a valid date');
  if (to && Number.isNaN(to.getTime())) throw new RangeError('telemetry to is not a valid date');
  if (from && to && from.getTime() > to.getTime()) throw new RangeError('telemetry from is after telemetry to');
}

/**
 * The events the readings stand for once there is telemetry: position reports always, and with
 * deriveBorderEvents the arrivals at and passages of border crossings and ports, which the telemetry
 * pipeline derives from positions entering their geofences and changing country.
 */
function replacedByTelemetry(telemetry: TelemetryOptions): ReadonlySet<string> {
  return new Set(['position-reported', ...(telemetry.deriveBorderEvents ? ['arrived-at-border', 'border-passed'] : [])]);
}

function newShipment(seed: number, k: number, route: SimRoute, containers: number, year: number, rates: IncidentRates): SimShipment {
  const rng = new SimRandom(seed, 1_000_000 + k);
  const numbers = Array.from({ length: containers }, () => simContainerNumber(rng));
  const origin = route.points[0]!.countryAfter;
  const ref = `${String(seed >>> 0).padStart(4, '0').slice(-4)}${String(k).padStart(6, '0')}`;
  return {
    id: `SIM-${seed}-${k}`,
    corridorId: route.corridor.id,
    containers: numbers,
    epcs: numbers.map(containerIri),
    booking: { type: BIZ_TRANSACTION_TYPE.booking, bizTransaction: documentIri('booking', `KRV-BK-${ref}`) },
    bookingNumber: `KRV-BK-${ref}`,
    forwarder: simForwarderFor(route.points.map((p) => p.countryAfter), k).pgln,
    modeDocuments: {
      rail: { type: BIZ_TRANSACTION_TYPE.smgs, bizTransaction: documentIri('smgs', `7${rng.digits(7)}`) },
      road: { type: BIZ_TRANSACTION_TYPE.cmr, bizTransaction: documentIri('cmr', `${origin}-${year}-${rng.digits(6)}`) },
      sea: { type: BIZ_TRANSACTION_TYPE.billOfLading, bizTransaction: documentIri('bill-of-lading', `KRVBL${rng.digits(8)}`) },
    },
    seal: `${origin}${rng.digits(7)}`,
    guarantee: `${String(year % 100).padStart(2, '0')}${origin}G${rng.digits(9)}`,
    ...(rng.chance(rates.sealProblem) ? { sealProblemLeg: rng.int(route.corridor.legs.length) } : {}),
    lagMs: 0,
  };
}

/** Plans and runs the simulation, returning the shipments and their events in eventTime order. */
export function simulate(options: SimulationOptions): SimulationResult {
  checkOptions(options);
  const rates: IncidentRates = { ...DEFAULT_INCIDENT_RATES, ...options.incidentRates };
  const start = (options.start ?? DEFAULT_SIMULATION_START).getTime();
  const end = start + options.days * DAY;
  const year = new Date(start).getUTCFullYear();
  const rng = new SimRandom(options.seed, 0);
  const corridors = [...referenceData().corridors.values()].filter((c) => c.status === 'operational' && (CORRIDOR_SHARE[c.id] ?? 0) > 0);
  const routes = new Map(corridors.map((c) => [c.id, simRoute(c)]));
  const weights = corridors.map((c) => [c.id, CORRIDOR_SHARE[c.id]!] as const);
  const departAt = () => start + rng.uniform(Math.min(12 * HOUR, (end - start) / 2), end - start);

  const byCorridor = new Map<string, SimShipment[]>();
  const shipments: SimShipment[] = [];
  for (let k = 0; k < options.shipments; k++) {
    const route = routes.get(rng.weighted(weights))!;
    const rail = route.corridor.legs[0]!.mode === 'rail';
    const containers = rail ? rng.weighted([[1, 60], [2, 25], [3, 15]] as const) : 1;
    const shipment = newShipment(options.seed, k, route, containers, year, rates);
    shipments.push(shipment);
    byCorridor.set(route.corridor.id, [...(byCorridor.get(route.corridor.id) ?? []), shipment]);
  }

  const convoys: Convoy[] = [];
  for (const [id, list] of byCorridor) {
    const route = routes.get(id)!;
    if (route.corridor.legs[0]!.mode !== 'rail') {
      for (const s of list) convoys.push({ kind: 'truck', route, departAt: departAt(), shipments: [s], rng: new SimRandom(options.seed, 1000 + convoys.length) });
      continue;
    }
    // Block trains: fill each with shipments until its container count is reached. The count is
    // the boxes the network follows on a train (40 to 80 TEU in all), not the whole train: with
    // every box, a corridor saw a train every few days, and a border crossing stood empty most of
    // the time instead of seeing trains come and go (Dostyk and Altynkol handle several a day).
    for (let i = 0; i < list.length; ) {
      const capacity = 10 + rng.int(11);
      const train: SimShipment[] = [];
      let boxes = 0;
      while (i < list.length && boxes < capacity) {
        boxes += list[i]!.containers.length;
        train.push(list[i++]!);
      }
      convoys.push({ kind: 'train', route, departAt: departAt(), shipments: train, rng: new SimRandom(options.seed, 1000 + convoys.length) });
    }
  }

  const timed: TimedEvent[] = [];
  // Registrations draw from a stream of each shipment's own, so they change no other draw.
  const convoyOf = new Map(convoys.flatMap((convoy) => convoy.shipments.map((s) => [s, convoy] as const)));
  shipments.forEach((s, k) => {
    const convoy = convoyOf.get(s)!;
    const registration = simRegistration(convoy.route, convoy.departAt, s, new SimRandom(options.seed, 2_000_000 + k));
    if (registration) timed.push(registration);
  });
  const journeys: SimJourney[] = [];
  const indexOf = new Map(shipments.map((s, k) => [s, k]));
  for (const convoy of convoys) {
    const journey = new ConvoyJourney(convoy, rates);
    timed.push(...journey.run());
    for (const [shipment, timeline] of journey.timelines) journeys.push({ shipment, index: indexOf.get(shipment)!, route: convoy.route, timeline });
  }
  const replaced = options.telemetry ? replacedByTelemetry(options.telemetry) : new Set<string>();
  // Readings stand for these events only where there are readings: outside the window, the events
  // stay. An event that hands the goods over (a sourceList: the carrier taking them at a corridor's
  // first crossing) says what no position can, so it stays too.
  const replacedByReadings = (event: EpcisEvent) => replaced.has(event['krv:movementStep'] as string) && event.sourceList === undefined;
  const readingsFrom = options.telemetry?.from?.getTime() ?? start;
  const readingsTo = options.telemetry?.to?.getTime() ?? end;
  const events = timed
    .map((t, order) => ({ ...t, order }))
    .filter((t) => t.at >= start && t.at <= end && !(replacedByReadings(t.event) && t.at >= readingsFrom && t.at <= readingsTo))
    .sort((a, b) => a.at - b.at || a.order - b.order)
    .map((t) => t.event);
  const result = { shipments, events, start: new Date(start), end: new Date(end) };
  if (!options.telemetry) return result;
  journeys.sort((a, b) => a.index - b.index);
  return { ...result, telemetry: simTelemetry(journeys, options.seed, { from: start, to: end }, options.telemetry) };
}

/** The simulated events in eventTime order; the same options (seed included) give the same events. */
export function* simulateCorridors(options: SimulationOptions): Generator<EpcisEvent> {
  yield* simulate(options).events;
}
