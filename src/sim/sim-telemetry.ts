// What the containers' electronic seals would report on a simulated journey: one e-seal with GPS per
// container, attached from shortly before departure to shortly after delivery, reading at its period
// along the movement timeline (sim-movement.ts) with GPS noise, a draining battery, the gaps of open
// water and mountain passes, and the seal status codes of the shipment's incidents.
//
// Readings are generated lazily, in time order, for the window asked: a demo of thousands of
// shipments over weeks would otherwise hold millions of them. Each device's plan (timeline, gaps,
// battery) is drawn once, from a PRNG stream of its own; each reading's noise is a hash of the
// device and the reading's number, so a reading is the same whichever window it is asked in.
import type { Position, SealCode } from '../model/telemetry.js';
import { distanceKm, type LonLat } from '../reference/index.js';
import { mixSeed, SimRandom } from './prng.js';
import { HOUR } from './sim-journey.js';
import { movementEnd, whereabouts, type Movement, type SealBreak, type ShipmentTimeline } from './sim-movement.js';
import { simCarrierOf } from './sim-parties.js';
import type { SimRoute } from './sim-route.js';
import type { SimShipment, TelemetryOptions } from './sim-types.js';

/** A device as the simulator registers it. */
export interface SimDevice {
  readonly id: string;
  readonly kind: 'tracker' | 'e-seal';
  /** PGLN of the carrier that took the goods at the origin (sim-parties.ts simCarrierOf). */
  readonly ownerParty: string;
  readonly reportingPeriodS: number;
}

/** A device on a container from `from` to `to` (epoch ms). */
export interface SimAttachment {
  readonly deviceId: string;
  readonly unitKind: 'container';
  /** The container number (ISO 6346). */
  readonly unitId: string;
  /** The container's IRI, as the shipment's events carry it. */
  readonly unitEpc: string;
  readonly from: number;
  readonly to: number;
}

export interface SimTelemetry {
  readonly devices: readonly SimDevice[];
  readonly attachments: readonly SimAttachment[];
  /** The readings within the options' window, in fixTime order (device id on ties), generated afresh on each iteration. */
  readonly readings: Iterable<Position>;
  /** The readings with from <= fixTime <= to (epoch ms, within the simulation), in the same order, generated lazily. */
  readingsBetween(from: number, to: number): Generator<Position>;
}

/** A shipment's journey as the simulator walked it: what its devices are sampled from. */
export interface SimJourney {
  readonly shipment: SimShipment;
  /** The shipment's place in the simulation, which fixes its devices' PRNG streams. */
  readonly index: number;
  readonly route: SimRoute;
  readonly timeline: ShipmentTimeline;
}

export const DEFAULT_REPORTING_PERIOD_S = 300;
/** Open water: a ferry's seals lose the mobile network this far from both ports. */
const SEA_COVERAGE_KM = 30;
/** Road legs in these countries, or to and from these passes, cross mountains where the signal comes and goes. */
const MOUNTAIN_COUNTRIES: ReadonlySet<string> = new Set(['KG', 'TJ']);
const MOUNTAIN_PASSES: ReadonlySet<string> = new Set(['torugart', 'irkeshtam']);
/** Mean moving time between two losses of signal in the mountains (at least half an hour), and their length. */
const MOUNTAIN_GAP_EVERY_MS = 3 * HOUR;
const MOUNTAIN_SIGNAL_AT_LEAST_MS = 0.5 * HOUR;
const MOUNTAIN_GAP_MINUTES = [20, 90] as const;
/** Seals report code 05 below this battery level (EEC decisions; model/telemetry.ts). */
const LOW_BATTERY_PCT = 15;
const FLAT_BATTERY_PCT = 3;
/** How far apart units of one train or yard stand around a place's reference point while they wait. */
const DWELL_SPREAD_M = 500;
const METRES_PER_DEGREE = 111_320;
// A stream family of their own, so the telemetry changes no draw of the events.
const DEVICE_STREAM_BASE = 3_000_000;
const MAX_CONTAINERS_PER_SHIPMENT = 4;

interface Interval {
  readonly from: number;
  readonly to: number;
}

interface DevicePlan {
  readonly device: SimDevice;
  readonly attachment: SimAttachment;
  readonly movements: readonly Movement[];
  readonly sealBreaks: readonly SealBreak[];
  /** Losses of signal in the mountains, in time order. */
  readonly signalGaps: readonly Interval[];
  readonly noiseSeed: number;
  /** The first reading's offset after the attachment, so devices do not all read on the same second. */
  readonly phaseMs: number;
  readonly batteryStartPct: number;
  readonly drainPctPerMs: number;
}

function isMountainous(route: SimRoute, legIndex: number): boolean {
  const leg = route.corridor.legs[legIndex]!;
  if (leg.mode !== 'road') return false;
  if (MOUNTAIN_PASSES.has(leg.from) || MOUNTAIN_PASSES.has(leg.to)) return true;
  return MOUNTAIN_COUNTRIES.has(route.points[legIndex]!.countryAfter) || MOUNTAIN_COUNTRIES.has(route.points[legIndex + 1]!.countryBefore);
}

/** Losses of signal on the mountain legs: every few hours of travel, 20 to 90 minutes each. */
function mountainGaps(journey: SimJourney, rng: SimRandom): Interval[] {
  const gaps: Interval[] = [];
  for (const m of journey.timeline.movements) {
    if (m.kind !== 'travel' || !isMountainous(journey.route, m.legIndex)) continue;
    for (let t = m.start + rng.exponential(MOUNTAIN_GAP_EVERY_MS); t < m.end; ) {
      const length = rng.uniform(...MOUNTAIN_GAP_MINUTES) * 60_000;
      gaps.push({ from: t, to: t + length });
      t += length + MOUNTAIN_SIGNAL_AT_LEAST_MS + rng.exponential(MOUNTAIN_GAP_EVERY_MS - MOUNTAIN_SIGNAL_AT_LEAST_MS);
    }
  }
  return gaps;
}

function devicePlans(journey: SimJourney, seed: number, reportingPeriodS: number): DevicePlan[] {
  const { shipment, route, timeline } = journey;
  const movements = timeline.movements;
  const first = movements[0]!;
  const departure = movementEnd(first);
  const delivered = movementEnd(movements[movements.length - 1]!);
  // Units entering at a border crossing carry their seal in already; elsewhere it is put on before departure.
  const sealedAt = route.points[0]!.location.kind === 'border-crossing' && first.kind === 'dwell' ? first.arrival : departure;
  const ownerParty = simCarrierOf(route.points[0]!.countryAfter, route.corridor.legs[0]!.mode);
  return shipment.containers.map((number, c) => {
    const rng = new SimRandom(seed, DEVICE_STREAM_BASE + journey.index * MAX_CONTAINERS_PER_SHIPMENT + c);
    const device: SimDevice = { id: `seal-${number}`, kind: 'e-seal', ownerParty, reportingPeriodS };
    const attachment: SimAttachment = {
      deviceId: device.id, unitKind: 'container', unitId: number, unitEpc: shipment.epcs[c]!,
      from: Math.round(sealedAt - rng.uniform(0.25, 2) * HOUR), to: Math.round(delivered + rng.uniform(0.25, 1) * HOUR),
    };
    return {
      device, attachment, movements, sealBreaks: timeline.sealBreaks,
      noiseSeed: mixSeed(seed, DEVICE_STREAM_BASE + journey.index * MAX_CONTAINERS_PER_SHIPMENT + c),
      phaseMs: Math.floor(rng.next() * reportingPeriodS * 1000),
      // Most seals end a journey well charged; the ones starting low on a long journey run flat.
      batteryStartPct: rng.uniform(55, 100),
      drainPctPerMs: rng.uniform(1, 5) / (24 * HOUR),
      signalGaps: mountainGaps(journey, rng),
    };
  });
}

/** A uniform number in [0, 1) fixed by the device, the reading's number and what it is for. */
function hashUnit(seed: number, n: number, purpose: number): number {
  return mixSeed(mixSeed(seed, n), purpose) / 4294967296;
}

// What each hashed number of a reading is for, so that no two uses share one.
const Purpose = { Jitter: 1, Accuracy: 2, NoiseRadius: 3, NoiseAngle: 4, Speed: 5, Latency: 6, DwellRadius: 7, DwellAngle: 8 } as const;

/** `point` moved by `metres` towards `angle` (radians from east). */
function offset(point: LonLat, metres: number, angle: number): LonLat {
  const dLat = (metres * Math.sin(angle)) / METRES_PER_DEGREE;
  const dLon = (metres * Math.cos(angle)) / (METRES_PER_DEGREE * Math.cos((point[1] * Math.PI) / 180));
  return [point[0] + dLon, point[1] + dLat];
}

function atSea(m: Movement | undefined, point: LonLat): boolean {
  if (m?.kind !== 'travel' || m.mode !== 'sea') return false;
  return distanceKm(m.route[0]!, point) > SEA_COVERAGE_KM && distanceKm(m.route[m.route.length - 1]!, point) > SEA_COVERAGE_KM;
}

function batteryAt(plan: DevicePlan, t: number): number {
  return Math.max(FLAT_BATTERY_PCT, plan.batteryStartPct - plan.drainPctPerMs * (t - plan.attachment.from));
}

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

/** One reading of the plan's device at `fixTime`; `n` numbers it for its noise. */
function reading(plan: DevicePlan, n: number, fixTime: number, point: LonLat, speedKmh: number, headingDeg: number | undefined, breached: boolean): Position {
  const seed = plan.noiseSeed;
  const accuracyM = 4 + 11 * hashUnit(seed, n, Purpose.Accuracy);
  // Rayleigh-distributed error around the true point: most fixes within the stated accuracy.
  const errorM = (accuracyM / 2) * Math.sqrt(-2 * Math.log(1 - hashUnit(seed, n, Purpose.NoiseRadius)));
  const [lon, lat] = offset(point, errorM, 2 * Math.PI * hashUnit(seed, n, Purpose.NoiseAngle));
  const batteryPct = Math.round(batteryAt(plan, fixTime));
  const codes: SealCode[] = [...(breached ? (['01'] as const) : []), ...(batteryPct < LOW_BATTERY_PCT ? (['05'] as const) : [])];
  return {
    deviceId: plan.device.id,
    fixTime,
    deviceTime: fixTime,
    serverTime: fixTime + Math.round(500 + 4500 * hashUnit(seed, n, Purpose.Latency)),
    lat: round(lat, 6),
    lon: round(lon, 6),
    speedKmh: speedKmh === 0 ? 0 : round(speedKmh * (0.92 + 0.16 * hashUnit(seed, n, Purpose.Speed)), 1),
    ...(headingDeg === undefined ? {} : { headingDeg: Math.round(headingDeg) % 360 }),
    accuracyM: Math.round(accuracyM),
    batteryPct,
    ...(codes.length > 0 ? { sealCodes: codes } : {}),
  };
}

/** The periodic reading number `n` at `fixTime`, or undefined where the device has no signal. */
function periodicReading(plan: DevicePlan, n: number, fixTime: number): Position | undefined {
  const where = whereabouts(plan.movements, fixTime);
  if (atSea(where.movement, where.point)) return undefined;
  let point = where.point;
  if (where.movement?.kind === 'dwell') {
    // Each unit waits at its own spot of the yard or queue, the same for the whole stay.
    const stay = where.movement.pointIndex;
    point = offset(point, DWELL_SPREAD_M * hashUnit(plan.noiseSeed, -1 - stay, Purpose.DwellRadius), 2 * Math.PI * hashUnit(plan.noiseSeed, -1 - stay, Purpose.DwellAngle));
  }
  return reading(plan, n, fixTime, point, where.speedKmh, where.headingDeg, false);
}

/** The seal's report of its `k`-th breach: at once, whatever the network, standing at the stop where it was found. */
function breachReading(plan: DevicePlan, b: SealBreak, k: number): Position {
  return reading(plan, -1 - k, b.at, whereabouts(plan.movements, b.at).point, 0, undefined, true);
}

function* deviceReadings(plan: DevicePlan, from: number, to: number): Generator<Position> {
  const lo = Math.max(from, plan.attachment.from);
  const hi = Math.min(to, plan.attachment.to);
  if (lo > hi) return;
  const periodMs = plan.device.reportingPeriodS * 1000;
  const jitterMs = Math.min(2000, periodMs / 4);
  const first = plan.attachment.from + plan.phaseMs;
  const breaks = plan.sealBreaks.map((b, k) => ({ b, k })).filter(({ b }) => b.at >= lo && b.at <= hi);
  let nextBreak = 0;
  let nextGap = 0;
  for (let n = Math.max(0, Math.ceil((lo - first) / periodMs)); ; n++) {
    // Jitter is under a quarter period, so fix times keep their order.
    const fixTime = first + n * periodMs + Math.floor(jitterMs * hashUnit(plan.noiseSeed, n, Purpose.Jitter));
    if (fixTime > hi) break;
    let breachNow = false;
    while (nextBreak < breaks.length && breaks[nextBreak]!.b.at <= fixTime) {
      const { b, k } = breaks[nextBreak++]!;
      breachNow ||= b.at === fixTime;
      yield breachReading(plan, b, k);
    }
    while (nextGap < plan.signalGaps.length && plan.signalGaps[nextGap]!.to < fixTime) nextGap++;
    const gap = plan.signalGaps[nextGap];
    if (breachNow || (gap && gap.from <= fixTime)) continue;
    const r = periodicReading(plan, n, fixTime);
    if (r) yield r;
  }
  for (const { b, k } of breaks.slice(nextBreak)) yield breachReading(plan, b, k);
}

function before(a: Position, b: Position): boolean {
  return a.fixTime < b.fixTime || (a.fixTime === b.fixTime && a.deviceId < b.deviceId);
}

/** Merges streams each in time order into one in time order, holding one reading per stream (a binary heap). */
function* mergeInTimeOrder(streams: Iterable<Iterator<Position>>): Generator<Position> {
  const heap: { head: Position; rest: Iterator<Position> }[] = [];
  const up = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!.head, heap[parent]!.head)) return;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  };
  const down = (i: number) => {
    for (;;) {
      let least = i;
      for (const child of [2 * i + 1, 2 * i + 2]) if (child < heap.length && before(heap[child]!.head, heap[least]!.head)) least = child;
      if (least === i) return;
      [heap[i], heap[least]] = [heap[least]!, heap[i]!];
      i = least;
    }
  };
  for (const rest of streams) {
    const next = rest.next();
    if (!next.done) {
      heap.push({ head: next.value, rest });
      up(heap.length - 1);
    }
  }
  while (heap.length > 0) {
    const top = heap[0]!;
    yield top.head;
    const next = top.rest.next();
    if (next.done) {
      const last = heap.pop()!;
      if (heap.length === 0) return;
      heap[0] = last;
    } else top.head = next.value;
    down(0);
  }
}

/**
 * The devices, attachments and readings of the simulated journeys. Readings fall within the
 * simulation (`start`..`end`, like its events) and, for `readings`, within the options' window.
 */
export function simTelemetry(journeys: readonly SimJourney[], seed: number, simulation: Interval, options: TelemetryOptions): SimTelemetry {
  const reportingPeriodS = options.reportingPeriodS ?? DEFAULT_REPORTING_PERIOD_S;
  const plans = journeys.flatMap((j) => devicePlans(j, seed, reportingPeriodS));
  const readingsBetween = (from: number, to: number) => {
    const lo = Math.max(from, simulation.from);
    const hi = Math.min(to, simulation.to);
    const live = plans.filter((p) => p.attachment.from <= hi && p.attachment.to >= lo);
    return mergeInTimeOrder(live.map((p) => deviceReadings(p, lo, hi)));
  };
  const window = { from: options.from?.getTime() ?? simulation.from, to: options.to?.getTime() ?? simulation.to };
  return {
    devices: plans.map((p) => p.device),
    attachments: plans.map((p) => p.attachment),
    readings: { [Symbol.iterator]: () => readingsBetween(window.from, window.to) },
    readingsBetween,
  };
}
