// Walks one convoy (a block train or a truck) along its corridor and writes the events of each of
// its shipments: movement at every leg, border and port, customs at every office, and incidents.
import { BIZ_TRANSACTION_TYPE, CONTROL_KINDS, DISPOSITION, documentIri, SOURCE_DESTINATION_TYPE, vehicleIri, vesselIri, wagonIri, type TransitStepKind } from '../domain/index.js';
import type { EpcisEvent } from '../epcis/model.js';
import { referenceData, type CustomsOffice, type Leg } from '../reference/index.js';
import { movementStepEvent, transitStepEvent, type EventBase, type TimedEvent } from './sim-events.js';
import { simImoNumber, simMrn, simPlate, simWagonNumber } from './sim-identifiers.js';
import { simCarrierOf } from './sim-parties.js';
import { pointAlong } from './route-line.js';
import type { ShipmentTimeline } from './sim-movement.js';
import type { Convoy, IncidentRates, SimShipment } from './sim-types.js';

type Emit = (kind: TransitStepKind, at: number, fields?: Record<string, string>) => void;

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** A timing fact of the reference data; the simulator's figures come from there, not from constants. */
export function timingFact(id: string): { value: number; min?: number; max?: number } {
  const fact = referenceData().timing.get(id);
  if (!fact) throw new Error(`reference data has no timing fact ${id}`);
  return fact;
}

// Gamma shape of border dwell: coefficient of variation 0.5, so most crossings take between half and
// twice the average, and a few take much longer, as queues at borders do.
const DWELL_SHAPE = 4;
const POSITION_EVERY_H: Readonly<Record<Leg['mode'], number>> = { road: 6, rail: 12, sea: 8 };
const HOLD_REASONS = [
  'seal number differs from the declaration',
  'goods description does not match the declaration',
  'missing phytosanitary certificate',
  'guarantee not confirmed by the office of departure',
  'declared weight differs from the weighbridge',
];
const DELAY_REASONS: Readonly<Record<Leg['mode'], readonly string[]>> = {
  rail: ['locomotive failure', 'wagon repair at a station', 'waiting for a train path', 'sandstorm on the line'],
  road: ['snow on the pass', 'queue of trucks at the border approach', 'road closed by a landslide', 'truck breakdown'],
  sea: ['storm on the Caspian', 'berth occupied at the port of arrival', 'low water at the port entrance'],
};

export class ConvoyJourney {
  readonly events: TimedEvent[] = [];
  /**
   * Each shipment's movements as the journey walks them, for the telemetry of its units. Recording
   * draws nothing from the PRNG, so the events are the same whether anyone reads the timelines or not.
   */
  readonly timelines: ReadonlyMap<SimShipment, ShipmentTimeline>;
  private readonly carrier = new Map<string, string>();
  /** Points whose customs offices have acted, so that a port that is also the destination acts once. */
  private readonly customsDone = new Set<number>();

  constructor(
    private readonly convoy: Convoy,
    private readonly rates: IncidentRates,
  ) {
    this.timelines = new Map(convoy.shipments.map((s) => [s, { movements: [], sealBreaks: [] }]));
  }

  private get legs(): readonly Leg[] {
    return this.convoy.route.corridor.legs;
  }

  private base(s: SimShipment, at: number, readPoint: string, country: string, mode?: Leg['mode']): EventBase {
    const documents = [s.booking];
    if (mode) documents.push(s.modeDocuments[mode]);
    if (s.mrn) documents.push(s.mrn);
    return { at, epcs: s.epcs, readPoint, country, corridor: this.convoy.route.corridor.id, documents };
  }

  private point(i: number) {
    return this.convoy.route.points[i]!;
  }

  /** Puts every container on a new carrier for leg `i`: its own wagon on rail, the convoy's truck on the road. */
  private assignCarriers(i: number): void {
    const leg = this.legs[i]!;
    const standardGauge = this.point(i).countryAfter === 'CN';
    for (const s of this.convoy.shipments) {
      for (const epc of s.epcs) {
        if (leg.mode === 'road') this.carrier.set(epc, vehicleIri(this.point(i).countryAfter, simPlate(this.convoy.rng)));
        else if (leg.mode === 'rail') this.carrier.set(epc, wagonIri(simWagonNumber(this.convoy.rng, standardGauge)));
      }
    }
  }

  run(): TimedEvent[] {
    const { rng, route } = this.convoy;
    let t = this.convoy.departAt;
    this.assignCarriers(0);
    const origin = this.point(0);
    const dest = this.point(route.points.length - 1).location;
    // The carrier holds the goods; the forwarder that arranged the shipment is named as the party
    // the goods are handed over for, so both see the shipment from its first event.
    const handedOver = (s: SimShipment, carrierCountry: string) => ({
      more: {
        sourceList: [
          { type: SOURCE_DESTINATION_TYPE.possessingParty, source: simCarrierOf(carrierCountry, this.legs[0]!.mode) },
          { type: SOURCE_DESTINATION_TYPE.owningParty, source: s.forwarder },
        ],
        destinationList: [{ type: SOURCE_DESTINATION_TYPE.location, destination: dest.sgln }],
      },
    });
    // Units at a border crossing of origin stand there from their arrival; elsewhere from when customs open.
    const atOrigin = this.arrivalTimes(origin.location.kind === 'border-crossing' ? t : t - 12 * HOUR);
    if (origin.location.kind === 'border-crossing') t = this.enterAtOrigin(t, (s) => handedOver(s, origin.countryBefore));
    else if (route.departure?.point === 0) this.customsAt(0, t - 12 * HOUR, t - HOUR);
    this.recordDwell(0, atOrigin, t);
    for (const s of this.convoy.shipments) {
      this.events.push(
        movementStepEvent('departed', this.base(s, t + s.lagMs, origin.location.sgln, origin.countryAfter, this.legs[0]!.mode), { sealNumber: s.seal, transportMode: this.legs[0]!.mode, legIndex: 0 }, handedOver(s, origin.countryAfter)),
      );
    }
    for (let i = 0; i < this.legs.length; i++) {
      const leg = this.legs[i]!;
      const baseH = leg.mode === 'sea' ? timingFact('ferry-at-sea').value * 24 : leg.durationH.value;
      const moving = baseH * HOUR * rng.around(1, leg.mode === 'sea' ? 0.25 : 0.15);
      const delay = rng.chance(this.rates.delay) ? rng.uniform(4, 36) * HOUR : 0;
      this.travel(i, t, moving, delay);
      t += moving + delay;
      const arrivals = this.arrivalTimes(t);
      t = this.reach(i + 1, t);
      this.recordDwell(i + 1, arrivals, t);
    }
    return this.events;
  }

  /** Each shipment's time of a convoy time: the convoy's plus the lag it has at that moment. */
  private arrivalTimes(at: number): Map<SimShipment, number> {
    return new Map(this.convoy.shipments.map((s) => [s, at + s.lagMs]));
  }

  /** Each shipment stood at point `p` from its arrival until the convoy left at `leftAt` (plus its lag, grown meanwhile). */
  private recordDwell(p: number, arrivals: ReadonlyMap<SimShipment, number>, leftAt: number): void {
    const { location } = this.point(p);
    for (const s of this.convoy.shipments) {
      this.timelines.get(s)!.movements.push({ kind: 'dwell', pointIndex: p, locationId: location.id, position: location.position, arrival: arrivals.get(s)!, departure: leftAt + s.lagMs });
    }
  }

  /**
   * Goods on a corridor that starts at a border crossing reach it from the far side: they arrive,
   * wait the border dwell while customs of the country of entry open their transit, and cross.
   * Returns when they have crossed.
   */
  private enterAtOrigin(arrival: number, handedOver: (s: SimShipment) => { more: Partial<EpcisEvent> }): number {
    const point = this.point(0);
    const mode = this.legs[0]!.mode;
    const rp = point.location.sgln;
    const dwell = this.convoy.rng.gamma(timingFact(`border-dwell-${mode}`).value, DWELL_SHAPE) * HOUR;
    for (const s of this.convoy.shipments) {
      this.events.push(movementStepEvent('arrived-at-border', this.base(s, arrival + s.lagMs, rp, point.countryBefore, mode), { transportMode: mode, legIndex: 0 }, handedOver(s)));
    }
    this.customsAt(0, arrival + 0.05 * dwell, arrival + 0.9 * dwell);
    const crossed = arrival + dwell;
    for (const s of this.convoy.shipments) {
      this.events.push(movementStepEvent('border-passed', this.base(s, crossed + s.lagMs, rp, point.countryAfter, mode), { transportMode: mode, legIndex: 0 }));
    }
    return crossed;
  }

  /** Position reports along leg `i` and, if any, the delay incident on the way. */
  private travel(i: number, from: number, moving: number, delay: number): void {
    const leg = this.legs[i]!;
    const country = this.point(i).countryAfter;
    const every = POSITION_EVERY_H[leg.mode] * HOUR;
    const delayAt = delay > 0 ? this.convoy.rng.uniform(0.2, 0.8) * moving : Number.POSITIVE_INFINITY;
    const sealAt = this.convoy.rng.uniform(0.1, 0.9) * moving;
    for (const s of this.convoy.shipments) {
      this.timelines.get(s)!.movements.push({
        kind: 'travel', legIndex: i, mode: leg.mode, start: from + s.lagMs, end: from + moving + delay + s.lagMs, route: leg.route,
        ...(delay > 0 ? { pause: { afterMs: delayAt, durationMs: delay } } : {}),
      });
      for (let dt = every; dt < moving + delay - HOUR; dt += every) {
        const along = dt <= delayAt ? dt : Math.max(delayAt, dt - delay);
        this.events.push(
          movementStepEvent('position-reported', this.base(s, from + dt + s.lagMs, geoUri(pointAlong(leg.route, along / moving)), country, leg.mode), { transportMode: leg.mode, legIndex: i }),
        );
      }
      if (delay > 0) {
        this.events.push(
          movementStepEvent('incident', this.base(s, from + delayAt + s.lagMs, geoUri(pointAlong(leg.route, delayAt / moving)), country, leg.mode), {
            reason: `delayed: ${this.convoy.rng.pick(DELAY_REASONS[leg.mode])}, about ${Math.round(delay / HOUR)} h`, transportMode: leg.mode, legIndex: i,
          }),
        );
      }
      if (s.sealProblemLeg === i) {
        const at = sealAt < delayAt ? sealAt : sealAt + delay;
        const old = s.seal;
        s.seal = `${country}${this.convoy.rng.digits(7)}`;
        this.timelines.get(s)!.sealBreaks.push({ at: from + at + s.lagMs });
        this.events.push(
          movementStepEvent('incident', this.base(s, from + at + s.lagMs, geoUri(pointAlong(leg.route, Math.min(at, moving) / moving)), country, leg.mode), {
            reason: `seal ${old} found broken at a stop; resealed with ${s.seal}`, sealNumber: s.seal, transportMode: leg.mode, legIndex: i,
          }, { disposition: DISPOSITION.damaged }),
        );
      }
    }
  }

  /** What happens where leg `p - 1` ends; returns when the convoy leaves point `p`. */
  private reach(p: number, arrival: number): number {
    const { rng } = this.convoy;
    const point = this.point(p);
    const leg = this.legs[p - 1]!;
    const next = this.legs[p];
    const rp = point.location.sgln;
    const each = (f: (s: SimShipment) => TimedEvent) => this.convoy.shipments.forEach((s) => this.events.push(f(s)));
    let t = arrival;
    if (leg.mode === 'sea') {
      each((s) => movementStepEvent('unloaded-from-ferry', this.base(s, t + s.lagMs, rp, point.countryAfter, 'sea'), { transportMode: 'sea', legIndex: p - 1 }, { parentID: this.carrier.get(s.epcs[0]!) }));
      const handling = rng.gamma(8, 2) * HOUR;
      this.customsAt(p, t + 0.5 * HOUR, t + handling);
      t += handling;
    } else if (point.location.kind === 'border-crossing') {
      const mean = timingFact(`border-dwell-${leg.mode}`).value;
      const dwell = rng.gamma(mean, DWELL_SHAPE) * HOUR;
      each((s) => movementStepEvent('arrived-at-border', this.base(s, t + s.lagMs, rp, point.countryBefore, leg.mode), { transportMode: leg.mode, legIndex: p - 1 }));
      this.customsAt(p, t + 0.05 * dwell, t + 0.9 * dwell);
      t += dwell;
      each((s) => movementStepEvent('border-passed', this.base(s, t + s.lagMs, rp, point.countryAfter, leg.mode), { transportMode: leg.mode, legIndex: p - 1 }));
    } else if (next?.mode === 'sea') {
      const waiting = timingFact('ferry-waiting');
      const wait = rng.uniform(waiting.min ?? waiting.value, waiting.max ?? waiting.value) * DAY;
      each((s) => movementStepEvent('arrived-at-border', this.base(s, t + s.lagMs, rp, point.countryBefore, leg.mode), { transportMode: leg.mode, legIndex: p - 1 }));
      this.customsAt(p, t + wait - 12 * HOUR, t + wait - HOUR);
      t += wait;
      const vessel = vesselIri(simImoNumber(rng));
      for (const s of this.convoy.shipments) {
        for (const epc of s.epcs) this.carrier.set(epc, vessel);
        this.events.push(movementStepEvent('loaded-on-ferry', this.base(s, t + s.lagMs, rp, point.countryAfter, 'sea'), { sealNumber: s.seal, transportMode: 'sea', legIndex: p }, { parentID: vessel }));
      }
      return t;
    } else if (p < this.convoy.route.points.length - 1) {
      const stop = rng.uniform(2, 8) * HOUR;
      this.customsAt(p, t + 0.2 * stop, t + 0.8 * stop);
      t += stop;
    }
    if (!next) return this.arriveAtDestination(p, t, leg);
    const gaugeChange = next.note?.includes('Gauge change') === true;
    if (next.mode !== leg.mode || gaugeChange) {
      this.assignCarriers(p);
      for (const s of this.convoy.shipments) {
        for (const epc of s.epcs) {
          this.events.push(
            movementStepEvent('transshipped', { ...this.base(s, t + s.lagMs, rp, point.countryAfter, next.mode), epcs: [epc] }, { sealNumber: s.seal, transportMode: next.mode, legIndex: p }, { parentID: this.carrier.get(epc) }),
          );
        }
      }
    }
    return t;
  }

  private arriveAtDestination(p: number, t: number, leg: Leg): number {
    const { rng, route } = this.convoy;
    const point = this.point(p);
    const rp = point.location.sgln;
    for (const s of this.convoy.shipments) {
      this.events.push(movementStepEvent('arrived-at-destination', this.base(s, t + s.lagMs, rp, point.countryAfter, leg.mode), { transportMode: leg.mode, legIndex: p - 1 }));
    }
    const customsEnd = t + rng.uniform(2, 8) * HOUR;
    if (route.destination?.point === p) this.customsAt(p, t + 0.5 * HOUR, customsEnd);
    const deliverAt = customsEnd + rng.uniform(1, 10) * HOUR;
    for (const s of this.convoy.shipments) {
      this.events.push(movementStepEvent('delivered', this.base(s, deliverAt + s.lagMs, rp, point.countryAfter, leg.mode), {}, { more: { bizLocation: { id: rp } } }));
    }
    return deliverAt;
  }

  /** The customs steps of every shipment at point `p`, spread over [from, to] plus each shipment's holds and controls. */
  private customsAt(p: number, from: number, to: number): void {
    const { route, rng } = this.convoy;
    if (this.customsDone.has(p)) return;
    this.customsDone.add(p);
    const point = this.point(p);
    const rp = point.location.sgln;
    const mode = this.legs[Math.max(p - 1, 0)]!.mode;
    const span = Math.max(to - from, HOUR);
    for (const s of this.convoy.shipments) {
      let t = from + s.lagMs;
      const steps: { office: CustomsOffice; kinds: TransitStepKind[]; incidentsAfter: number }[] = [];
      if (route.departure?.point === p) steps.push({ office: route.departure.office, kinds: ['lodge', 'accept', 'release-for-transit'], incidentsAfter: 2 });
      for (const office of point.passOffices) steps.push({ office, kinds: ['pass-office'], incidentsAfter: 0 });
      if (route.destination?.point === p) steps.push({ office: route.destination.office, kinds: ['arrive', 'release'], incidentsAfter: 1 });
      const slot = span / (steps.reduce((n, x) => n + x.kinds.length, 0) + 1);
      for (const step of steps) {
        const emit: Emit = (kind, at, fields = {}) => {
          this.events.push(transitStepEvent(kind, this.base(s, at, rp, step.office.country, mode), { customsOffice: step.office.code, ...fields }));
        };
        step.kinds.forEach((kind, k) => {
          if (k === step.incidentsAfter) t = this.customsIncidents(t, emit);
          t += rng.uniform(0.5, 1) * slot;
          if (kind === 'accept') {
            s.mrn = { type: BIZ_TRANSACTION_TYPE.transitDeclaration, bizTransaction: documentIri('mrn', simMrn(rng, new Date(t).getUTCFullYear(), step.office.country)) };
          }
          emit(kind, t, kind === 'lodge' ? { officeOfDestination: route.destination!.office.code, guaranteeReference: s.guarantee } : {});
        });
        if (step.incidentsAfter >= step.kinds.length) t = this.customsIncidents(t, emit);
        if (step.kinds.includes('release')) this.discharge(s, t);
      }
      // A shipment held longer than the convoy waits misses it and follows that much later.
      s.lagMs = Math.max(s.lagMs, t - to);
    }
  }

  /** A control and/or a hold by the office acting now, at the configured rates; returns the time after them. */
  private customsIncidents(t: number, emit: Emit): number {
    const { rng } = this.convoy;
    let now = t;
    if (rng.chance(this.rates.inspection)) {
      now += rng.uniform(0.2, 1) * HOUR;
      emit('control', now, { controlKind: rng.pick(CONTROL_KINDS) });
      now += rng.uniform(1, 6) * HOUR;
      emit('control-completed', now);
    }
    if (rng.chance(this.rates.customsHold)) {
      now += rng.uniform(0.2, 1) * HOUR;
      emit('hold', now, { holdReason: rng.pick(HOLD_REASONS) });
      now += rng.gamma(18, 2) * HOUR;
      emit('release-from-hold', now);
    }
    return now;
  }

  /** The office of departure discharges the procedure once the office of destination has released the goods. */
  private discharge(s: SimShipment, releasedAt: number): void {
    const office = this.convoy.route.departure!.office;
    const location = referenceData().locations.get(office.locationId)!;
    const at = releasedAt + this.convoy.rng.uniform(12, 48) * HOUR;
    this.events.push(transitStepEvent('discharge', this.base(s, at, location.sgln, office.country), { customsOffice: office.code, guaranteeReference: s.guarantee }));
  }
}

function geoUri([lon, lat]: readonly [number, number]): string {
  return `geo:${lat.toFixed(4)},${lon.toFixed(4)}`;
}
