// Capturing and folding an event costs time linear in the length of its lists. Checked by structure,
// not by a clock: the linear searches (includes, indexOf, some, find...) run while one long event is
// captured through the HTTP API and folded into its shipment may walk over a bounded number of
// elements per item. A search of a growing list once per item walks n²/2 elements and fails this.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EpcisEvent } from '../../src/epcis/model.js';
import { arrayElementsScanned } from '../helpers/array-scans.js';
import { departing, jsonDocument, sscc, xmlDocument } from '../helpers/corridor-events.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const N = 3000;
/** Elements searched per list item: generous for constant work per item, far below n/2. */
const PER_ITEM = 20;

describe('the capture and fold path is linear in the lists of an event', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Limits far above the event, so that it is captured and folded rather than refused.
    t = await startTestApp({ KARVON_CAPTURE_ITEM_LIMIT_PER_EVENT: '1000000', KARVON_CAPTURE_ITEM_LIMIT_PER_DOCUMENT: '1000000' });
  });
  afterAll(async () => t?.close());

  async function captureAndFold(payload: string, contentType: string): Promise<void> {
    const response = await t.app.inject({ method: 'POST', url: '/epcis/capture', payload, headers: { 'content-type': contentType } });
    expect(response.statusCode).toBe(202);
    await t.runtime.capture.idle();
    await t.runtime.followers.caughtUp();
    const job = (await t.app.inject({ method: 'GET', url: response.headers.location as string })).json();
    expect(job).toMatchObject({ success: true, eventsCaptured: 1 });
  }

  it('for EPCs, parties, business transactions and dispositions (JSON-LD)', async () => {
    const event: EpcisEvent = {
      ...departing(1),
      epcList: Array.from({ length: N }, (_, i) => sscc(10_000 + i)),
      sourceList: Array.from({ length: N }, (_, i) => ({ type: 'owning_party', source: `urn:epc:id:pgln:4870001.${String(i).padStart(5, '0')}` })),
      bizTransactionList: Array.from({ length: N }, (_, i) => ({ type: 'bol', bizTransaction: `urn:epcglobal:cbv:bt:4870001000018:B${i}` })),
      persistentDisposition: { set: Array.from({ length: N }, (_, i) => `https://dispositions.example.org/${i}`) },
    };
    const scanned = await arrayElementsScanned(() => captureAndFold(jsonDocument([event]), 'application/ld+json'));
    expect(scanned).toBeLessThan(PER_ITEM * 4 * N);
    // The long event became one shipment that knows every unit, in the order they were listed.
    const shipment = await t.runtime.shipments.get(sscc(10_000));
    expect(shipment?.transportUnits).toHaveLength(N);
    expect(shipment?.transportUnits.slice(0, 2)).toEqual([sscc(10_000), sscc(10_001)]);
    expect(shipment?.documents).toHaveLength(N);
    expect(shipment?.parties).toHaveLength(N);
  });

  it('for namespaces an XML event declares again and again under one prefix', async () => {
    const extensions = Array.from({ length: N }, (_, i) => `<p:note xmlns:p="https://notes.example.org/${i}">${i}</p:note>`).join('');
    const xml = xmlDocument([departing(2)]).replace('</ObjectEvent>', `${extensions}</ObjectEvent>`);
    const scanned = await arrayElementsScanned(() => captureAndFold(xml, 'application/xml'));
    expect(scanned).toBeLessThan(PER_ITEM * N);
  });
});
