/**
 * Corridor-like events for the store suite: shipments of containers (SSCC) on wagons (GRAI) moving
 * from Dostyk through Aktau, with readPoints and bizLocations as SGLNs and bills of lading.
 */
import { createHash } from 'node:crypto';
import type { EpcisEvent } from '../../src/epcis/model.js';
import type { NewEvent } from '../../src/store/store.js';

export const COMPANY = '4870001';
/** SGLNs of the places on the route. */
export const PLACES = {
  dostyk: `urn:epc:id:sgln:${COMPANY}.00001.0`,
  almaty: `urn:epc:id:sgln:${COMPANY}.00002.0`,
  aktau: `urn:epc:id:sgln:${COMPANY}.00003.0`,
  aktauBerth: `urn:epc:id:sgln:${COMPANY}.00004.0`,
} as const;

/** The SSCC URN of shipment n's container. */
export function container(n: number): string {
  return `urn:epc:id:sscc:${COMPANY}.${String(n).padStart(10, '0')}`;
}

/** The GRAI URN of wagon n. */
export function wagon(n: number): string {
  return `urn:epc:id:grai:${COMPANY}.00001.W${n}`;
}

export function uuid(n: number, salt = 0): string {
  const h = createHash('sha256').update(`${salt}:${n}`).digest('hex');
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function hashOf(seed: string): string {
  return `ni:///sha-256;${createHash('sha256').update(seed).digest('hex')}?ver=CBV2.0`;
}

const BASE = Date.parse('2025-03-01T00:00:00Z');
export const HOUR = 3_600_000;

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export interface Leg {
  bizStep: string;
  place: string;
  disposition: string;
}

/** The route every shipment takes: one ObjectEvent per leg. */
export const ROUTE: Leg[] = [
  { bizStep: 'shipping', place: PLACES.almaty, disposition: 'in_transit' },
  { bizStep: 'departing', place: PLACES.dostyk, disposition: 'in_transit' },
  { bizStep: 'arriving', place: PLACES.aktau, disposition: 'in_transit' },
  { bizStep: 'receiving', place: PLACES.aktauBerth, disposition: 'in_progress' },
];

/** The ObjectEvent of shipment `n` at leg `leg`; hours after the base time give its eventTime. */
export function legEvent(n: number, leg: number, extra: Partial<EpcisEvent> = {}): EpcisEvent {
  const step = ROUTE[leg]!;
  const time = BASE + (n * 24 + leg * 6) * HOUR;
  return {
    type: 'ObjectEvent',
    eventID: uuid(n * 100 + leg),
    eventTime: iso(time),
    eventTimeZoneOffset: '+05:00',
    recordTime: iso(time + 60_000),
    epcList: [container(n)],
    action: 'OBSERVE',
    bizStep: step.bizStep,
    disposition: step.disposition,
    readPoint: { id: step.place },
    bizLocation: { id: step.place },
    bizTransactionList: [{ type: 'bol', bizTransaction: `urn:epcglobal:cbv:bt:${COMPANY}000001:BOL-${n}` }],
    sourceList: [{ type: 'owning_party', source: `urn:epc:id:pgln:${COMPANY}.00010` }],
    destinationList: [{ type: 'owning_party', destination: `urn:epc:id:pgln:${COMPANY}.0002${n % 10}` }],
    ...extra,
  };
}

/** The AggregationEvent loading shipment n's container on a wagon at Almaty. */
export function loadingEvent(n: number, wagonNo: number): EpcisEvent {
  const time = BASE + (n * 24 + 1) * HOUR;
  return {
    type: 'AggregationEvent',
    eventID: uuid(n * 100 + 99),
    eventTime: iso(time),
    eventTimeZoneOffset: '+05:00',
    recordTime: iso(time + 60_000),
    parentID: wagon(wagonNo),
    childEPCs: [container(n)],
    childQuantityList: [{ epcClass: `urn:epc:class:lgtin:${COMPANY}.012345.LOT${n % 3}`, quantity: 20, uom: 'KGM' }],
    action: 'ADD',
    bizStep: 'loading',
    disposition: 'in_transit',
    readPoint: { id: PLACES.almaty },
  };
}

/** Wraps events for insert(), hash IDs derived from their eventIDs. */
export function asNew(events: EpcisEvent[]): NewEvent[] {
  return events.map((event) => ({ event, hashID: hashOf(event.eventID!) }));
}

/** Shipments 1..count: the four legs each plus the loading event, in capture order per shipment. */
export function shipments(count: number): EpcisEvent[] {
  const out: EpcisEvent[] = [];
  for (let n = 1; n <= count; n++) {
    out.push(legEvent(n, 0), loadingEvent(n, n % 2), legEvent(n, 1), legEvent(n, 2), legEvent(n, 3));
  }
  return out;
}
