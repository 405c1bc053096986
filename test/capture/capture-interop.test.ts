/**
 * Issue 10, classes 3 to 5 over HTTP: what the 2.0.1 schema accepts is captured (GS1-key and CBV
 * findings become warnings on the capture job), Karvon's own identifier IRIs are policed with the
 * message POST /api/shipments gives, JSON-LD needs @context, XML follows the XSD order, and an
 * eventTime later than the recordTime (beyond the clock skew) is refused.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { containerIri, documentIri } from '../../src/domain/epcis-profile.js';
import type { EpcisEvent } from '../../src/epcis/model.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { departing, jsonDocument, xmlDocument } from '../helpers/corridor-events.js';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(async () => {
  await t.close();
});

async function capture(body: string, contentType = 'application/ld+json', behaviour = 'rollback') {
  const response = await t.app.inject({ method: 'POST', url: '/epcis/capture', payload: body, headers: { 'content-type': contentType, 'gs1-capture-error-behaviour': behaviour } });
  await t.runtime.capture.idle();
  const job = response.statusCode === 202 ? (await t.app.inject({ method: 'GET', url: response.headers.location as string })).json() : undefined;
  return { response, job };
}

const withEpc = (epc: string, extra: Partial<EpcisEvent> = {}): EpcisEvent => ({ ...departing(1), epcList: [epc], ...extra });

describe('class 3: identifiers the schema accepts are captured, with warnings', () => {
  it('captures a Digital Link on a company domain whose check digit does not compute, and warns at its pointer', async () => {
    const { response, job } = await capture(jsonDocument([departing(2), withEpc('https://brand.example.com/01/09506000134353/21/1')]));
    expect(response.statusCode, response.body).toBe(202);
    expect(job).toMatchObject({ success: true, eventsCaptured: 2, errors: [] });
    expect(job.warnings).toHaveLength(1);
    expect(job.warnings[0]).toMatchObject({ pointer: '/epcisBody/eventList/1/epcList/0' });
    expect(job.warnings[0].detail).toContain('check digit');
  });

  it('captures a cbv: source type that names no CBV term, with a warning, and gives XML paths for XML', async () => {
    const event = { ...departing(3), sourceList: [{ type: 'cbv:SDT-shipper', source: 'urn:epc:id:pgln:4870001.00001' }] };
    const { job } = await capture(jsonDocument([event]));
    expect(job).toMatchObject({ success: true, eventsCaptured: 1 });
    expect(job.warnings.map((w: { pointer: string }) => w.pointer)).toEqual(['/epcisBody/eventList/0/sourceList/0/type']);
    const xml = await capture(xmlDocument([withEpc('urn:epc:id:sgtin:0614141.10734.2018')]), 'application/xml');
    expect(xml.job).toMatchObject({ success: true, eventsCaptured: 1 });
    expect(xml.job.warnings[0].xmlPath).toBe('/EPCISDocument/EPCISBody/EventList/ObjectEvent[1]/epcList/epc[1]');
  });

  it('still refuses what is not a URI, and duplicates in a uniqueItems list', async () => {
    expect((await capture(jsonDocument([withEpc('not a uri')]))).response.statusCode).toBe(400);
    const twice = { ...departing(4), epcList: ['urn:epc:id:sscc:4870001.0000000004', 'urn:epc:id:sscc:4870001.0000000004'] };
    const refused = await capture(jsonDocument([twice]));
    expect(refused.response.statusCode).toBe(400);
    expect(refused.response.json().issues[0]).toMatchObject({ pointer: '/epcisBody/eventList/0/epcList/1' });
  });
});

describe("class 3: Karvon's own identifier IRIs are refused when wrong", () => {
  it('refuses a container IRI with a wrong ISO 6346 check digit, with the message POST /api/shipments gives', async () => {
    const registration = await t.app.inject({
      method: 'POST',
      url: '/api/shipments',
      payload: {
        references: [{ kind: 'booking', value: 'BK-1' }],
        parties: [{ role: 'consignor', name: 'A', country: 'KZ' }, { role: 'consignee', name: 'B', country: 'GE' }],
        goods: [{ hsCode: '721049', description: 'steel', packages: 1, grossKg: 10 }],
        transportUnits: [{ kind: 'container', id: 'CSQU3054384' }],
        itinerary: [{ mode: 'rail', from: 'almaty', to: 'aktau-port', plannedDeparture: '2025-03-01T08:00:00Z', plannedArrival: '2025-03-05T08:00:00Z' }],
      },
    });
    expect(registration.statusCode).toBe(400);
    const shipmentsMessage = (registration.json().issues as { pointer: string; message: string }[]).find((i) => i.pointer === '/transportUnits/0/id')!.message;

    const { response } = await capture(jsonDocument([withEpc('https://ns.karvon.org/id/container/CSQU3054384')]));
    expect(response.statusCode).toBe(400);
    const issue = response.json().issues[0];
    expect(issue).toMatchObject({ pointer: '/epcisBody/eventList/0/epcList/0', message: shipmentsMessage });
    expect(await t.runtime.store.events.total()).toBe(0);
  });

  it('refuses another spelling of a valid container, and a malformed MRN; accepts the profile spelling', async () => {
    const lower = await capture(jsonDocument([withEpc('https://ns.karvon.org/id/container/csqu3054383')]));
    expect(lower.response.statusCode).toBe(400);
    expect(lower.response.json().issues[0].message).toContain(containerIri('CSQU3054383'));
    const mrn = { ...departing(5), bizTransactionList: [{ type: 'https://ns.karvon.org/epcis/btt/transit_declaration', bizTransaction: documentIri('mrn', '25KZ551100T004711') }] };
    const refused = await capture(jsonDocument([mrn]));
    expect(refused.response.statusCode).toBe(400);
    expect(refused.response.json().issues[0]).toMatchObject({ pointer: '/epcisBody/eventList/0/bizTransactionList/0/bizTransaction' });
    expect(refused.response.json().issues[0].message).toContain('expected 18');
    const fine = await capture(jsonDocument([withEpc(containerIri('CSQU3054383'))]));
    expect(fine.job).toMatchObject({ success: true, eventsCaptured: 1 });
  });

  it('POST /epcis/events refuses it too', async () => {
    const event = { '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'], ...withEpc('https://ns.karvon.org/id/container/CSQU3054384') };
    const response = await t.app.inject({ method: 'POST', url: '/epcis/events', payload: JSON.stringify(event), headers: { 'content-type': 'application/ld+json' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues[0].pointer).toBe('/epcList/0');
  });
});

describe('class 4: looser than the schema no more', () => {
  it('refuses a JSON-LD document without @context', async () => {
    const body = JSON.parse(jsonDocument([departing(6)])) as Record<string, unknown>;
    delete body['@context'];
    const { response } = await capture(JSON.stringify(body));
    expect(response.statusCode).toBe(400);
    expect(response.json().issues[0].pointer).toBe('/@context');
  });

  it('refuses XML event children out of the XSD sequence order, naming the element', async () => {
    const xml = xmlDocument([departing(7)]);
    const swapped = xml.replace(/(<epcList>.*?<\/epcList>)(<action>OBSERVE<\/action>)/, '$2$1');
    expect(swapped).not.toBe(xml);
    const { response } = await capture(swapped, 'application/xml');
    expect(response.statusCode).toBe(400);
    expect(response.json().detail).toContain('<epcList> comes after <action>');
    expect((await capture(xml, 'application/xml')).job).toMatchObject({ success: true, eventsCaptured: 1 });
  });
});

describe('class 5: events in the future', () => {
  const ahead = (ms: number) => new Date(Date.now() + ms).toISOString();

  it('refuses an eventTime more than 15 minutes after recordTime, naming the event and the field', async () => {
    const future = { ...departing(8, ahead(3 * 365 * 86_400_000)), eventID: 'urn:uuid:3f0f8c2e-7b1a-4c55-9a7e-1b2c3d4e5f60' };
    const { response } = await capture(jsonDocument([departing(9), future]));
    expect(response.statusCode).toBe(400);
    const issue = response.json().issues[0];
    expect(issue.pointer).toBe('/epcisBody/eventList/1/eventTime');
    expect(issue.message).toContain('urn:uuid:3f0f8c2e-7b1a-4c55-9a7e-1b2c3d4e5f60');
    expect(issue.message).toContain('after the time it is recorded');
    expect(await t.runtime.store.events.total()).toBe(0);
  });

  it('under proceed rejects only that event; within the skew an event is captured', async () => {
    const { job } = await capture(jsonDocument([departing(10, ahead(5 * 60_000)), departing(11, ahead(60 * 60_000))]), 'application/ld+json', 'proceed');
    expect(job).toMatchObject({ eventsCaptured: 1, eventsRejected: 1 });
    expect(job.errors[0].pointer).toBe('/epcisBody/eventList/1/eventTime');
  });

  it('takes the skew from KARVON_CAPTURE_MAX_CLOCK_SKEW (seconds)', async () => {
    await t.close();
    t = await startTestApp({ KARVON_CAPTURE_MAX_CLOCK_SKEW: '7200' });
    const { job } = await capture(jsonDocument([departing(12, ahead(60 * 60_000))]));
    expect(job).toMatchObject({ success: true, eventsCaptured: 1 });
  });
});
