/**
 * A road shipment out of China through Khorgos for telemetry tests: a haulier organisation that
 * possesses the goods, the container's departure from Ürümqi, a tracker on the container, and
 * readings on either side of the Khorgos crossing (its geofence is 10 km around 44.2 N, 80.3 E).
 */
import { containerIri, iso6346CheckDigit } from '../../src/domain/index.js';
import { sealCodeOfIri } from '../../src/domain/seal-status.js';
import type { EpcisEvent } from '../../src/epcis/model.js';
import type { Position } from '../../src/model/telemetry.js';
import { referenceData } from '../../src/reference/index.js';
import type { Runtime } from '../../src/runtime/runtime.js';

export const HAULIER = 'kz-haulier';
export const HAULIER_PARTY = 'urn:epc:id:pgln:4870001.09901';
export const OTHER_CARRIER = 'uz-haulier';

export function containerNumber(serial: number): string {
  const body = `KRVU${String(serial).padStart(6, '0')}`;
  return `${body}${iso6346CheckDigit(body)}`;
}

export function khorgosSgln(): string {
  return referenceData().locations.get('khorgos')!.sgln;
}

/** Where a truck is before, inside and after the Khorgos crossing (CN side east, KZ side west). */
export const CN_SIDE: readonly [number, number] = [80.55, 44.2];
export const AT_KHORGOS: readonly [number, number] = [80.3, 44.2];
export const KZ_SIDE: readonly [number, number] = [80.05, 44.2];

export async function createCarriers(runtime: Runtime): Promise<void> {
  await runtime.access.createOrganisation('cli', { id: HAULIER, name: 'KZ haulier', kind: 'carrier', country: 'KZ', partyIds: [HAULIER_PARTY], locations: [] });
  await runtime.access.createOrganisation('cli', { id: OTHER_CARRIER, name: 'UZ haulier', kind: 'carrier', country: 'UZ', partyIds: ['urn:epc:id:pgln:4870001.09902'], locations: [] });
}

/** The container's departure from Ürümqi by road, handed to the haulier: the shipment the readings belong to. */
export function departure(container: string, at: Date): EpcisEvent {
  const urumqi = referenceData().locations.get('urumqi')?.sgln ?? khorgosSgln();
  return {
    '@context': { krv: 'https://ns.karvon.org/epcis/' },
    type: 'ObjectEvent',
    eventTime: at.toISOString(),
    eventTimeZoneOffset: '+08:00',
    epcList: [containerIri(container)],
    action: 'OBSERVE',
    bizStep: 'https://ref.gs1.org/cbv/BizStep-departing',
    disposition: 'https://ref.gs1.org/cbv/Disp-in_transit',
    readPoint: { id: urumqi },
    bizTransactionList: [{ type: 'https://ns.karvon.org/epcis/btt/booking', bizTransaction: `https://ns.karvon.org/doc/booking/TEST-${container}` }],
    sourceList: [{ type: 'https://ref.gs1.org/cbv/SDT-possessing_party', source: HAULIER_PARTY }],
    'krv:movementStep': 'departed',
    'krv:corridor': 'kz-uz-saryagash-keles',
    'krv:transportMode': 'road',
  } as EpcisEvent;
}

export async function captureDeparture(runtime: Runtime, container: string, at: Date): Promise<void> {
  const doc = { type: 'EPCISDocument' as const, schemaVersion: '2.0', creationDate: new Date().toISOString(), namespaces: {}, events: [departure(container, at)] };
  const result = await runtime.capture.captureDocument(doc, { binding: 'json', errorBehaviour: 'rollback' });
  if (result.captured !== 1) throw new Error(`departure not captured: ${JSON.stringify(result.errors)}`);
  await runtime.followers.caughtUp();
}

export function reading(deviceId: string, at: number, [lon, lat]: readonly [number, number], extra: Partial<Position> = {}): Position {
  return { deviceId, fixTime: at, deviceTime: at, serverTime: Date.now(), lat, lon, speedKmh: 40, ...extra };
}

export async function trackedContainer(runtime: Runtime, deviceId: string, container: string, since: number): Promise<void> {
  await runtime.devices.register('cli', { id: deviceId, kind: 'tracker', ownerId: HAULIER, reportingPeriodS: 60 });
  await runtime.devices.attach('cli', deviceId, { unitKind: 'container', unitId: container, from: new Date(since).toISOString() });
}

export const MINUTE = 60_000;

/** The e-seal codes a seal-status event reports raised. */
export function raisedSealCodes(event: EpcisEvent): string[] {
  const reports = (event.sensorElementList ?? []).flatMap((element) => element.sensorReport ?? []);
  return reports.filter((r) => r.booleanValue === true && typeof r.uriValue === 'string').map((r) => sealCodeOfIri(r.uriValue as string)).filter((c): c is NonNullable<typeof c> => c !== undefined).sort();
}


/** Runs readings through the pipeline as Karvon itself sends them, then waits until the followers folded their events. */
export async function ingestAndFold(runtime: Runtime, readings: Position[]): Promise<void> {
  await runtime.telemetry.ingest({ readings, problems: [], pointers: readings.map((_, i) => `/readings/${i}`) }, { kind: 'local' });
  await runtime.followers.caughtUp();
}
