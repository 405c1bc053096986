/**
 * Small, realistic corridor events for tests: a container (SSCC) leaving Khorgos by rail, crossing
 * into Kazakhstan, arriving at Aktau port.
 */
import type { EpcisEvent } from '../../src/epcis/model.js';

export const KHORGOS = 'urn:epc:id:sgln:4870001.00001.0';
export const ALTYNKOL = 'urn:epc:id:sgln:4870001.00002.0';
export const AKTAU = 'urn:epc:id:sgln:4870001.00010.0';

export function sscc(serial: number): string {
  return `urn:epc:id:sscc:4870001.${String(serial).padStart(10, '0')}`;
}

export function departing(container: number, time = '2026-11-01T08:00:00.000Z'): EpcisEvent {
  return {
    type: 'ObjectEvent',
    eventTime: time,
    eventTimeZoneOffset: '+05:00',
    epcList: [sscc(container)],
    action: 'OBSERVE',
    bizStep: 'departing',
    disposition: 'in_transit',
    readPoint: { id: KHORGOS },
    bizTransactionList: [{ type: 'bol', bizTransaction: `urn:epcglobal:cbv:bt:4870001000018:SMGS${container}` }],
  };
}

export function arriving(container: number, time = '2026-11-05T14:30:00.000Z'): EpcisEvent {
  return {
    type: 'ObjectEvent',
    eventTime: time,
    eventTimeZoneOffset: '+05:00',
    epcList: [sscc(container)],
    action: 'OBSERVE',
    bizStep: 'arriving',
    disposition: 'in_transit',
    readPoint: { id: AKTAU },
    bizLocation: { id: AKTAU },
  };
}

/** An EPCIS 2.0 JSON-LD document around events. */
export function jsonDocument(events: EpcisEvent[], extraContext: Record<string, string> = {}): string {
  return JSON.stringify({
    '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld', ...(Object.keys(extraContext).length ? [extraContext] : [])],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: '2026-11-30T00:00:00Z',
    epcisBody: { eventList: events },
  });
}

/** The same as an EPCIS 2.0 XML document (hand-written for the subset used in tests). */
export function xmlDocument(events: EpcisEvent[]): string {
  const body = events
    .map((e) => {
      const epcs = (e.epcList ?? []).map((epc) => `<epc>${epc}</epc>`).join('');
      const btx = (e.bizTransactionList ?? [])
        .map((b) => `<bizTransaction type="urn:epcglobal:cbv:btt:${b.type}">${b.bizTransaction}</bizTransaction>`)
        .join('');
      return (
        `<ObjectEvent><eventTime>${e.eventTime}</eventTime><eventTimeZoneOffset>${e.eventTimeZoneOffset}</eventTimeZoneOffset>` +
        `<epcList>${epcs}</epcList><action>${e.action}</action>` +
        `<bizStep>urn:epcglobal:cbv:bizstep:${e.bizStep}</bizStep><disposition>urn:epcglobal:cbv:disp:${e.disposition}</disposition>` +
        `<readPoint><id>${e.readPoint!.id}</id></readPoint>` +
        (e.bizLocation ? `<bizLocation><id>${e.bizLocation.id}</id></bizLocation>` : '') +
        (btx ? `<bizTransactionList>${btx}</bizTransactionList>` : '') +
        `</ObjectEvent>`
      );
    })
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?><epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0" creationDate="2026-11-30T00:00:00Z">` +
    `<EPCISBody><EventList>${body}</EventList></EPCISBody></epcis:EPCISDocument>`
  );
}
