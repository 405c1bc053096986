import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { AKTAU, arriving, departing, jsonDocument, xmlDocument } from '../helpers/corridor-events.js';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(async () => {
  await t.close();
});

const PORT = 'urn:epc:id:sgln:4870001.00100.0';
const BERTH = 'urn:epc:id:sgln:4870001.00100.7';

/** Aktau port area with one berth inside it, as an EPCISMasterDataDocument. */
const MASTER_DATA = `<?xml version="1.0" encoding="UTF-8"?>
<epcismd:EPCISMasterDataDocument xmlns:epcismd="urn:epcglobal:epcis-masterdata:xsd:2" schemaVersion="2.0" creationDate="2026-11-30T00:00:00Z">
  <EPCISBody><VocabularyList>
    <Vocabulary type="urn:epcglobal:epcis:vtype:BusinessLocation"><VocabularyElementList>
      <VocabularyElement id="${PORT}">
        <attribute id="urn:epcglobal:cbv:mda#name">Port of Aktau</attribute>
        <children><id>${BERTH}</id></children>
      </VocabularyElement>
      <VocabularyElement id="${BERTH}"><attribute id="urn:epcglobal:cbv:mda#name">Ferry berth</attribute></VocabularyElement>
    </VocabularyElementList></Vocabulary>
  </VocabularyList></EPCISBody>
</epcismd:EPCISMasterDataDocument>`;

async function capture(body: string, contentType: string) {
  const response = await t.app.inject({ method: 'POST', url: '/epcis/capture', payload: body, headers: { 'content-type': contentType } });
  await t.runtime.capture.idle();
  return response;
}

describe('master data and WD_ queries', () => {
  it('captures an EPCISMasterDataDocument and answers WD_bizLocation with the children of a location', async () => {
    expect((await capture(MASTER_DATA, 'application/xml')).statusCode).toBe(202);
    const atBerth = { ...arriving(1), bizLocation: { id: BERTH } };
    const elsewhere = { ...arriving(2), bizLocation: { id: AKTAU } };
    await capture(jsonDocument([atBerth, elsewhere]), 'application/ld+json');
    const within = (await t.app.inject({ method: 'GET', url: `/epcis/events?WD_bizLocation=${encodeURIComponent(PORT)}` })).json();
    const events = within.epcisBody.queryResults.resultsBody.eventList;
    expect(events).toHaveLength(1);
    expect(events[0].bizLocation.id).toBe(BERTH);
    const exact = (await t.app.inject({ method: 'GET', url: `/epcis/events?EQ_bizLocation=${encodeURIComponent(PORT)}` })).json();
    expect(exact.epcisBody.queryResults.resultsBody.eventList).toHaveLength(0);
  });
});

describe('errors in XML documents', () => {
  it('name the XML element path as well as the pointer', async () => {
    const base = xmlDocument([departing(1), departing(2)]);
    const at = base.lastIndexOf('<action>OBSERVE</action>');
    const xml = `${base.slice(0, at)}<action>WATCH</action>${base.slice(at + '<action>OBSERVE</action>'.length)}`;
    const response = await capture(xml, 'application/xml');
    expect(response.statusCode).toBe(400);
    const problem = response.json();
    expect(JSON.stringify(problem)).toMatch(/ObjectEvent\[2\]\/action/);
  });
});
