/**
 * One shipment's life on a corridor, as the EPCIS events its handlers would capture: commissioning
 * and loading at the origin, departing, transporting (with seal and temperature readings), arriving
 * at border crossings with customs inspecting / holding / releasing, transloading where the rail gauge
 * changes, ferry loading across the Caspian, and receiving at the destination.
 *
 * Times follow the corridor facts: effective speeds, border dwell (CAREC 2022: road 9.9 h, rail
 * 40.6 h on average), Caspian ferries waiting 2–7 days and about a day at sea.
 */
import type { EpcisEvent, ExtensionObject, SensorElement } from '../src/epcis/model.js';
import { Prng } from './prng.js';
import { gln, sgln, UTC_OFFSET, type Corridor, type Mode, type Place, type Stop } from './corridor-routes.js';

/** Namespace of Karvon's own extension fields and private vocabulary. */
export const KARVON_NS = 'https://ns.karvon.org/epcis/';
const CONTEXT = Object.freeze({ krv: KARVON_NS });
const TRANSIT_DECLARATION = `${KARVON_NS}btt/transit_declaration`;
const CUSTOMS_RELEASING = `${KARVON_NS}bizstep/customs_releasing`;
const SEAL_STATUS = `${KARVON_NS}measurement/SealIntact`;

const HOUR = 3_600_000;
/** Effective speeds including stops on the way (km/h). */
const SPEED: Record<Mode, number> = { rail: 32, road: 38, sea: 18 };
/** Mean border dwell in hours, CAREC 2022. */
const BORDER_HOURS: Record<Mode, number> = { rail: 40.6, road: 9.9, sea: 12 };
const VESSELS = ['BARDA', 'BEYNEU', 'TOPCHUBASHOV', 'PROFESSOR.GUL', 'KAZAKHSTAN', 'AKTAU'];

export interface ShipmentPlan {
  /** The shipment's EPC (SSCC or GRAI URN): what "all events of one shipment" queries by. */
  epc: string;
  corridor: string;
  /** Its events in time order, with their instants (ms) alongside. */
  events: EpcisEvent[];
  times: number[];
}

interface Decisions {
  inspect: boolean[];
  hold: boolean[];
  accept: boolean;
}

/** Builds shipment `index` of a run, starting at `start` (epoch ms), from its own PRNG stream. */
export function planShipment(rng: Prng, index: number, corridor: Corridor, start: number): ShipmentPlan {
  const origin = corridor.stops[0]!.place;
  const destination = corridor.stops[corridor.stops.length - 1]!.place;
  const isSscc = rng.chance(0.7);
  const epc = isSscc
    ? `urn:epc:id:sscc:${origin.prefix}.${rng.int(10)}${String(index).padStart(9, '0')}`
    : `urn:epc:id:grai:${origin.prefix}.00045.${containerNumber(rng, index)}`;
  const consignor = `urn:epc:id:pgln:${origin.prefix}.${rng.digits(5)}`;
  const consignee = `urn:epc:id:pgln:${destination.prefix}.${rng.digits(5)}`;
  const bol = {
    type: 'bol',
    bizTransaction: `urn:epcglobal:cbv:bt:${gln(origin.prefix, '00000')}:BL${String(index).padStart(8, '0')}`,
  };
  const mrn = `${new Date(start).getUTCFullYear() % 100}${origin.country === 'CN' ? 'KZ' : origin.country}${rng.digits(13)}${'ABCDEFGHJK'[rng.int(10)]}`;
  const transit = { type: TRANSIT_DECLARATION, bizTransaction: `urn:epcglobal:cbv:bt:${gln('4870011', '99999')}:${mrn}` };

  // The electronic navigation seal fitted at the origin (EAEU e-seal), reporting until the destination.
  const seal = `urn:epc:id:giai:4870011.ESEAL${rng.digits(7)}`;
  const decisions: Decisions = {
    inspect: corridor.stops.map(() => rng.chance(0.7)),
    hold: corridor.stops.map(() => rng.chance(0.2)),
    accept: rng.chance(0.3),
  };
  const fixed = corridor.stops.reduce((n, stop, i) => n + stopEventCount(stop, i, decisions), 0);
  const legs = corridor.stops.filter((s) => s.next).length;
  const target = rng.between(9, 19);
  const transporting = distribute(Math.max(legs, target - fixed), corridor.stops, rng);

  const out: ShipmentPlan = { epc, corridor: corridor.id, events: [], times: [] };
  let t = start;
  let unit = transportUnit(rng, corridor.stops[0]!.next!.mode, origin);
  let mode: Mode = corridor.stops[0]!.next!.mode;

  const emit = ({ type, ...fields }: Partial<EpcisEvent> & Pick<EpcisEvent, 'type'>, place: Place | undefined, at: number, geo?: string) => {
    const offset = UTC_OFFSET[place?.country ?? 'KZ'] ?? '+05:00';
    const event: EpcisEvent = {
      type,
      eventTime: localTime(at, offset),
      eventTimeZoneOffset: offset,
      ...(rng.chance(0.8) ? { eventID: rng.uuidUrn() } : {}),
      ...fields,
      ...(geo ? { readPoint: { id: geo } } : {}),
    };
    if (place && !geo) {
      event.readPoint = { id: sgln(place, String(rng.between(1, 40))) };
      event.bizLocation = { id: sgln(place) };
    }
    out.events.push(event);
    out.times.push(at);
  };
  const observe = (place: Place | undefined, bizStep: string, disposition: string, extra: Partial<EpcisEvent> = {}, geo?: string) =>
    emit({ type: 'ObjectEvent', action: 'OBSERVE', epcList: [epc], bizStep, disposition, ...extra }, place, (t += minutes(rng, 20, 180)), geo);
  const aggregate = (place: Place, action: 'ADD' | 'DELETE', parent: string, bizStep: string, disposition: string) =>
    emit({ type: 'AggregationEvent', action, parentID: parent, childEPCs: [epc], bizStep, disposition }, place, (t += minutes(rng, 30, 240)));
  const ext = (extra: ExtensionObject = {}): Partial<EpcisEvent> => ({
    '@context': CONTEXT,
    'krv:corridor': corridor.id,
    'krv:transportMode': mode,
    'krv:eseal': seal,
    ...extra,
  });

  corridor.stops.forEach((stop, i) => {
    const p = stop.place;
    switch (stop.kind) {
      case 'origin':
        if (isSscc) emit({ type: 'ObjectEvent', action: 'ADD', epcList: [epc], bizStep: 'commissioning', disposition: 'active' }, p, t);
        else observe(p, 'staging_outbound', 'container_closed');
        aggregate(p, 'ADD', unit, 'loading', 'container_closed');
        observe(p, 'departing', 'in_transit', {
          bizTransactionList: [bol, transit],
          sourceList: [
            { type: 'owning_party', source: consignor },
            { type: 'location', source: sgln(p) },
          ],
          destinationList: [
            { type: 'owning_party', destination: consignee },
            { type: 'location', destination: sgln(destination) },
          ],
          ...ext({ 'krv:transportUnit': unit }),
        });
        break;
      case 'border': {
        const dwell = rng.around(BORDER_HOURS[mode], 0.6) * HOUR;
        const leave = t + dwell;
        observe(p, 'arriving', 'in_transit', { bizTransactionList: [transit], ...ext() });
        if (decisions.inspect[i]) observe(p, 'inspecting', 'in_progress', rng.chance(0.5) ? { sensorElementList: [sealReading(rng, t, seal)] } : {});
        if (decisions.hold[i]) {
          observe(p, 'holding', 'unavailable', { bizTransactionList: [transit] });
          t += rng.around(dwell / 3, 0.5);
          observe(p, CUSTOMS_RELEASING, 'in_transit', { bizTransactionList: [transit] });
        }
        if (p.gaugeChange) {
          aggregate(p, 'DELETE', unit, 'unloading', 'in_progress');
          unit = transportUnit(rng, 'rail', p);
          aggregate(p, 'ADD', unit, 'loading', 'container_closed');
        }
        t = Math.max(t, leave);
        observe(p, 'departing', 'in_transit', { bizTransactionList: [transit], ...ext({ 'krv:transportUnit': unit }) });
        break;
      }
      case 'hub':
        observe(p, 'arriving', 'in_transit', ext());
        t += rng.around(12, 0.8) * HOUR;
        observe(p, 'departing', 'in_transit', ext());
        break;
      case 'port-out': {
        observe(p, 'arriving', 'in_transit', ext());
        aggregate(p, 'DELETE', unit, 'unloading', 'in_progress');
        t += rng.between(2, 7) * 24 * HOUR * rng.next();
        unit = `urn:epc:id:giai:4760123.MV.${rng.pick(VESSELS)}`;
        aggregate(p, 'ADD', unit, 'loading', 'container_closed');
        mode = 'sea';
        observe(p, 'departing', 'in_transit', { bizTransactionList: [bol], ...ext({ 'krv:vessel': unit }) });
        break;
      }
      case 'port-in':
        observe(p, 'arriving', 'in_transit', ext());
        aggregate(p, 'DELETE', unit, 'unloading', 'in_progress');
        if (decisions.inspect[i]) observe(p, 'inspecting', 'in_progress', { bizTransactionList: [transit] });
        mode = stop.next!.mode;
        unit = transportUnit(rng, mode, p);
        aggregate(p, 'ADD', unit, 'loading', 'container_closed');
        observe(p, 'departing', 'in_transit', ext({ 'krv:transportUnit': unit }));
        break;
      case 'destination':
        observe(p, 'arriving', 'in_transit', { bizTransactionList: [transit], ...ext() });
        aggregate(p, 'DELETE', unit, 'unloading', 'in_progress');
        observe(p, 'receiving', 'in_progress', {
          bizTransactionList: [bol, { type: 'recadv', bizTransaction: `urn:epcglobal:cbv:bt:${gln(p.prefix, '00000')}:RA${index}` }],
          sourceList: [{ type: 'owning_party', source: consignor }],
          destinationList: [
            { type: 'owning_party', destination: consignee },
            { type: 'location', destination: sgln(p) },
          ],
        });
        if (decisions.accept) observe(p, 'accepting', 'in_progress');
        break;
    }
    if (stop.next) {
      const legHours = stop.next.km / SPEED[stop.next.mode];
      const legStart = t;
      const n = transporting[i]!;
      const next = corridor.stops[i + 1]!.place;
      for (let k = 1; k <= n; k++) {
        const f = k / (n + 1);
        t = Math.max(t, legStart + legHours * f * HOUR + minutes(rng, 0, 30) - 15 * 60_000);
        const geo = `geo:${(p.lat + (next.lat - p.lat) * f).toFixed(4)},${(p.lon + (next.lon - p.lon) * f).toFixed(4)}`;
        const sensor = rng.chance(0.6) ? { sensorElementList: [temperatureAndSeal(rng, t, seal)] } : {};
        observe(f < 0.5 ? p : next, 'transporting', 'in_transit', { ...sensor, ...ext() }, geo);
      }
      t = Math.max(t, legStart + legHours * HOUR);
    }
  });
  return out;
}

function stopEventCount(stop: Stop, i: number, d: Decisions): number {
  switch (stop.kind) {
    case 'origin':
      return 3;
    case 'border':
      return 2 + (d.inspect[i] ? 1 : 0) + (d.hold[i] ? 2 : 0) + (stop.place.gaugeChange ? 2 : 0);
    case 'hub':
      return 2;
    case 'port-out':
      return 4;
    case 'port-in':
      return 4 + (d.inspect[i] ? 1 : 0);
    case 'destination':
      return 3 + (d.accept ? 1 : 0);
  }
}

/** Spreads `total` transporting events over the legs in proportion to their length (at least one each). */
function distribute(total: number, stops: readonly Stop[], rng: Prng): number[] {
  const counts = stops.map((s) => (s.next ? 1 : 0));
  const km = stops.map((s) => s.next?.km ?? 0);
  const sum = km.reduce((a, b) => a + b, 0);
  for (let left = total - counts.reduce((a: number, b) => a + b, 0); left > 0; left--) {
    let r = rng.next() * sum;
    let i = 0;
    while (r >= km[i]! && i < km.length - 1) r -= km[i++]!;
    counts[i]! += 1;
  }
  return counts;
}

function minutes(rng: Prng, min: number, max: number): number {
  return (min + rng.next() * (max - min)) * 60_000;
}

/** An instant written in local time with its offset, as most handlers' systems write it. */
function localTime(ms: number, offset: string): string {
  const sign = offset[0] === '-' ? -1 : 1;
  const shift = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))) * 60_000;
  return `${new Date(ms + shift).toISOString().slice(0, 23)}${offset}`;
}

/** A wagon (GRAI of the railway) or a truck (GIAI of the haulier). */
function transportUnit(rng: Prng, mode: Mode, p: Place): string {
  return mode === 'road'
    ? `urn:epc:id:giai:${p.prefix}.TRK${rng.digits(6)}`
    : `urn:epc:id:grai:${p.prefix}.00001.W${rng.digits(8)}`;
}

/** An ISO 6346-like container number (owner code and a serial unique to the shipment) as a GRAI serial. */
function containerNumber(rng: Prng, index: number): string {
  const owners = ['KZTU', 'CRSU', 'TGHU', 'MSKU', 'ADYU', 'UZRU'];
  return `${rng.pick(owners)}${String(index).padStart(7, '0')}`;
}

/** An electronic navigation seal's report: is the sealing element intact (EAEU e-seal event 01)? */
function sealReading(rng: Prng, at: number, seal: string): SensorElement {
  return {
    sensorMetadata: { time: new Date(at).toISOString(), deviceID: seal },
    sensorReport: [{ type: SEAL_STATUS, booleanValue: rng.chance(0.995) }],
  };
}

function temperatureAndSeal(rng: Prng, at: number, seal: string): SensorElement {
  const reading = sealReading(rng, at, seal);
  return {
    ...reading,
    sensorReport: [{ type: 'gs1:Temperature', value: Math.round(rng.around(8, 1.5) * 10) / 10, uom: 'CEL' }, ...reading.sensorReport],
  };
}
