/**
 * Issue 10, class 2: a URI-valued field written in JSON-LD as a CURIE of a prefix the document binds
 * is the same IRI XML writes in full. For each family of such fields, the same event sent in both
 * bindings gets one hash ID (the second capture is a duplicate) and is found by a query on the full IRI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EpcisEvent } from '../../src/epcis/model.js';
import { serializeXmlDocument } from '../../src/epcis/xml/serialize.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const EX = 'https://example.org/voc/';
const CONTEXT = ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld', { ex: EX }];

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

let serial = 0;
function base(extra: Record<string, unknown>): Record<string, unknown> {
  serial += 1;
  return {
    type: 'ObjectEvent',
    eventTime: `2026-10-0${1 + (serial % 9)}T08:00:0${serial % 10}.000Z`,
    eventTimeZoneOffset: '+05:00',
    action: 'OBSERVE',
    epcList: [`urn:epc:id:sscc:4870001.${String(900 + serial).padStart(10, '0')}`],
    readPoint: { id: 'urn:epc:id:sgln:4870001.00001.0' },
    ...extra,
  };
}

/** The event with every `ex:` CURIE value written as its full IRI (what XML carries). */
function expanded(event: Record<string, unknown>): EpcisEvent {
  return JSON.parse(JSON.stringify(event).replaceAll('"ex:', `"${EX}`)) as EpcisEvent;
}

async function capture(body: string, contentType: string) {
  const response = await t.app.inject({ method: 'POST', url: '/epcis/capture', payload: body, headers: { 'content-type': contentType } });
  expect(response.statusCode, response.body).toBe(202);
  await t.runtime.capture.idle();
  return (await t.app.inject({ method: 'GET', url: response.headers.location as string })).json();
}

/** Captures the JSON-LD (CURIEs) and then the XML (full IRIs) form; the second must be a duplicate. */
async function captureTwins(event: Record<string, unknown>, xml?: string) {
  const json = await capture(JSON.stringify({ '@context': CONTEXT, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-11-01T00:00:00Z', epcisBody: { eventList: [event] } }), 'application/ld+json');
  expect(json, JSON.stringify(json)).toMatchObject({ success: true, eventsCaptured: 1 });
  const second = await capture(xml ?? serializeXmlDocument([expanded(event)]), 'application/xml');
  expect(second, JSON.stringify(second)).toMatchObject({ success: true, eventsCaptured: 0, eventsDuplicate: 1 });
}

async function found(query: Record<string, string>): Promise<number> {
  const search = new URLSearchParams(query).toString();
  const response = await t.app.inject({ method: 'GET', url: `/epcis/events?${search}` });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().epcisBody.queryResults.resultsBody.eventList as unknown[]).length;
}

describe('JSON-LD CURIEs and XML full IRIs: one hash ID, one query', () => {
  it('sensor reports: type, component, dataProcessingMethod, microorganism, chemicalSubstance, coordinateReferenceSystem, uriValue, device and metadata URIs', async () => {
    await captureTwins(base({
      sensorElementList: [{
        sensorMetadata: { time: '2026-10-01T07:00:00.000Z', deviceID: 'ex:device-1', bizRules: 'ex:rules-1', dataProcessingMethod: 'ex:method-0' },
        sensorReport: [
          { type: 'ex:Radiance', value: 1.5, uom: 'KEL', component: 'ex:axis-q', dataProcessingMethod: 'ex:method-1', coordinateReferenceSystem: 'ex:crs-1' },
          { type: 'ex:Presence', microorganism: 'ex:listeria', chemicalSubstance: 'ex:lead', uriValue: 'ex:reading-1' },
        ],
      }],
    }));
    expect(await found({ EQ_type: `${EX}Radiance` })).toBe(1);
    expect(await found({ EQ_dataProcessingMethod: `${EX}method-1` })).toBe(1);
    expect(await found({ EQ_microorganism: `${EX}listeria` })).toBe(1);
    expect(await found({ EQ_chemicalSubstance: `${EX}lead` })).toBe(1);
    expect(await found({ EQ_uriValue: `${EX}reading-1` })).toBe(1);
    expect(await found({ EQ_deviceID: `${EX}device-1` })).toBe(1);
    expect(await found({ EQ_bizRules: `${EX}rules-1` })).toBe(1);
  });

  it('source and destination types and identifiers', async () => {
    await captureTwins(base({
      sourceList: [{ type: 'ex:sdt-shipper', source: 'ex:party-1' }],
      destinationList: [{ type: 'ex:sdt-receiver', destination: 'ex:party-2' }],
    }));
    expect(await found({ [`EQ_source_${EX}sdt-shipper`]: `${EX}party-1` })).toBe(1);
    expect(await found({ [`EQ_destination_${EX}sdt-receiver`]: `${EX}party-2` })).toBe(1);
  });

  it('business transaction types and identifiers', async () => {
    await captureTwins(base({ bizTransactionList: [{ type: 'ex:btt-waybill', bizTransaction: 'ex:waybill-1' }] }));
    expect(await found({ [`EQ_bizTransaction_${EX}btt-waybill`]: `${EX}waybill-1` })).toBe(1);
  });

  it('private business steps, dispositions and persistent dispositions', async () => {
    await captureTwins(base({ bizStep: 'ex:step-weighing', disposition: 'ex:disp-weighed', persistentDisposition: { set: ['ex:disp-sealed'] } }));
    expect(await found({ EQ_bizStep: `${EX}step-weighing` })).toBe(1);
    expect(await found({ EQ_disposition: `${EX}disp-weighed` })).toBe(1);
    expect(await found({ EQ_persistentDisposition_set: `${EX}disp-sealed` })).toBe(1);
  });

  it('identifiers: EPCs, classes, places, certification', async () => {
    await captureTwins(base({
      epcList: ['ex:item-1'],
      quantityList: [{ epcClass: 'ex:class-1', quantity: 2 }],
      readPoint: { id: 'ex:gate-1' },
      bizLocation: { id: 'ex:yard-1' },
      certificationInfo: 'ex:certificate-1',
    }));
    expect(await found({ MATCH_epc: `${EX}item-1` })).toBe(1);
    expect(await found({ MATCH_epcClass: `${EX}class-1` })).toBe(1);
    expect(await found({ EQ_readPoint: `${EX}gate-1` })).toBe(1);
    expect(await found({ EQ_bizLocation: `${EX}yard-1` })).toBe(1);
  });

  it('error declaration reasons and corrective event IDs', async () => {
    const event = base({ errorDeclaration: { declarationTime: '2026-10-20T00:00:00.000Z', reason: 'ex:reason-misread', correctiveEventIDs: ['ex:event-7'] } });
    const json = await capture(JSON.stringify({ '@context': CONTEXT, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-11-01T00:00:00Z', epcisBody: { eventList: [event] } }), 'application/ld+json');
    expect(json).toMatchObject({ success: true, eventsCaptured: 1 });
    expect(await found({ EQ_errorReason: `${EX}reason-misread` })).toBe(1);
    expect(await found({ EQ_correctiveEventID: `${EX}event-7` })).toBe(1);
    // The XML twin is the same declaration: one hash ID, so not stored again.
    const xml = await capture(serializeXmlDocument([expanded(event)]), 'application/xml');
    expect(xml).toMatchObject({ success: true, eventsCaptured: 0, eventsDuplicate: 1 });
  });

  it('extension fields the @context types as IRIs', async () => {
    const event = base({ 'ext:origin': 'ex:farm-9' });
    const context = [...CONTEXT, { ext: 'https://example.org/ext/', 'ext:origin': { '@type': '@id' } }];
    const json = await capture(JSON.stringify({ '@context': context, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-11-01T00:00:00Z', epcisBody: { eventList: [event] } }), 'application/ld+json');
    expect(json).toMatchObject({ success: true, eventsCaptured: 1 });
    const model = { ...expanded(event) } as Record<string, unknown>;
    model['@context'] = { ext: 'https://example.org/ext/' };
    const xml = await capture(serializeXmlDocument([model as unknown as EpcisEvent]), 'application/xml');
    expect(xml).toMatchObject({ success: true, eventsCaptured: 0, eventsDuplicate: 1 });
    expect(await found({ 'EQ_{https://example.org/ext/}origin': `${EX}farm-9` })).toBe(1);
    // Untyped, a CURIE-looking extension value is a string like any other and stays as written.
    const plain = base({ 'ext:note': 'ex:not-an-iri' });
    await capture(JSON.stringify({ '@context': context, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-11-01T00:00:00Z', epcisBody: { eventList: [plain] } }), 'application/ld+json');
    expect(await found({ 'EQ_{https://example.org/ext/}note': 'ex:not-an-iri' })).toBe(1);
  });
});
