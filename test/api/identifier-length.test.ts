// Identifiers that go into URLs and indexes (eventIDs, EPCs, locations, parties, transactions,
// vocabulary values) are limited to 1,024 characters at validation, with a pointer; one of that
// length can be fetched back through its Location and the top-level resources.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EpcisEvent } from '../../src/epcis/model.js';
import { validateDocument, validateEvent } from '../../src/epcis/validate/index.js';
import { departing, jsonDocument } from '../helpers/corridor-events.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/** The limit, written out: the finding asked for 1,024 characters. */
const MAX_IDENTIFIER_LENGTH = 1024;

/** A valid private URI of exactly `length` characters, made of characters percent-encoding triples. */
const longUri = (length: number) => `urn:x:${':/'.repeat(length)}`.slice(0, length - 1) + 'z';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

const post = (url: string, payload: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload, headers: { 'content-type': 'application/ld+json', ...headers } });

describe('eventID length', () => {
  it('refuses an eventID of a million characters at validation, naming where and the limit', async () => {
    const huge = { ...departing(1), eventID: `https://events.example.org/${'a'.repeat(1_000_000)}` };
    const single = await post('/epcis/events', JSON.stringify(huge));
    expect(single.statusCode).toBe(400);
    expect(single.headers.location).toBeUndefined();
    expect(single.json().issues).toEqual([expect.objectContaining({ pointer: '/eventID' })]);
    expect(single.json().issues[0].message).toContain(`is 1000027 characters long; at most ${MAX_IDENTIFIER_LENGTH} are accepted`);

    const document = await post('/epcis/capture', jsonDocument([departing(2), huge]), { 'GS1-Capture-Error-Behaviour': 'proceed' });
    expect(document.statusCode).toBe(202);
    await t.runtime.capture.idle();
    const job = (await t.app.inject({ method: 'GET', url: document.headers.location as string })).json();
    expect(job).toMatchObject({ eventsCaptured: 1, eventsRejected: 1 });
    expect(job.errors[0].pointer).toBe('/epcisBody/eventList/1/eventID');
    expect(await t.runtime.store.events.total()).toBe(1);
  });

  it('accepts an eventID of exactly the limit, and its Location answers it', async () => {
    const eventID = longUri(MAX_IDENTIFIER_LENGTH);
    expect(eventID).toHaveLength(MAX_IDENTIFIER_LENGTH);
    const created = await post('/epcis/events', JSON.stringify({ ...departing(3), eventID }));
    expect(created.statusCode, created.body).toBe(201);
    const fetched = await t.app.inject({ method: 'GET', url: created.headers.location as string });
    expect(fetched.statusCode, fetched.body.slice(0, 200)).toBe(200);
    expect(fetched.json().eventID).toBe(eventID);
  });

  it('finds an EPC of exactly the limit through /epcis/epcs/{epc}/events', async () => {
    const epc = longUri(MAX_IDENTIFIER_LENGTH);
    expect((await post('/epcis/events', JSON.stringify({ ...departing(4), epcList: [epc] }))).statusCode).toBe(201);
    const found = await t.app.inject({ method: 'GET', url: `/epcis/epcs/${encodeURIComponent(epc)}/events` });
    expect(found.statusCode, found.body.slice(0, 200)).toBe(200);
    expect(found.json().epcisBody.queryResults.resultsBody.eventList).toHaveLength(1);
  });
});

describe('every identifier that is indexed', () => {
  const tooLong = longUri(MAX_IDENTIFIER_LENGTH + 1);

  it.each([
    ['an EPC', { epcList: [tooLong] }, '/epcList/0'],
    ['parentID', { type: 'AggregationEvent', action: 'ADD', parentID: tooLong, childEPCs: ['urn:epc:id:sscc:4870001.0000000001'], epcList: undefined }, '/parentID'],
    ['a class', { epcList: undefined, quantityList: [{ epcClass: tooLong, quantity: 1 }] }, '/quantityList/0/epcClass'],
    ['readPoint', { readPoint: { id: tooLong } }, '/readPoint/id'],
    ['bizLocation', { bizLocation: { id: tooLong } }, '/bizLocation/id'],
    ['a business transaction', { bizTransactionList: [{ bizTransaction: tooLong }] }, '/bizTransactionList/0/bizTransaction'],
    ['a source', { sourceList: [{ type: 'owning_party', source: tooLong }] }, '/sourceList/0/source'],
    ['a destination type', { destinationList: [{ type: tooLong, destination: 'urn:epc:id:pgln:4870001.00001' }] }, '/destinationList/0/type'],
    ['bizStep', { bizStep: tooLong }, '/bizStep'],
    ['disposition', { disposition: tooLong }, '/disposition'],
    ['a corrective eventID', { errorDeclaration: { declarationTime: '2026-11-02T00:00:00Z', correctiveEventIDs: [tooLong] } }, '/errorDeclaration/correctiveEventIDs/0'],
  ])('%s', (_what, fields, pointer) => {
    const event = { ...departing(5), ...fields } as EpcisEvent;
    const issues = validateEvent(event, '');
    expect(issues.map((issue) => issue.pointer)).toEqual([pointer]);
    expect(issues[0]!.message).toContain(`is ${MAX_IDENTIFIER_LENGTH + 1} characters long; at most ${MAX_IDENTIFIER_LENGTH} are accepted`);
  });

  it('an extension event type', () => {
    const issues = validateEvent({ type: tooLong, eventTime: '2026-11-01T00:00:00Z', eventTimeZoneOffset: '+00:00' } as unknown as EpcisEvent, '');
    expect(issues.map((issue) => issue.pointer)).toEqual(['/type']);
  });

  it('master data element ids', () => {
    const issues = validateDocument({
      namespaces: {},
      type: 'EPCISDocument',
      schemaVersion: '2.0',
      creationDate: '2026-11-01T00:00:00Z',
      epcisHeader: { epcisMasterData: { vocabularyList: [{ type: 'urn:epcglobal:epcis:vtype:BusinessLocation', vocabularyElementList: [{ id: tooLong }] }] } },
      events: [],
    } as never);
    expect(issues.map((issue) => issue.pointer)).toEqual(['/epcisHeader/epcisMasterData/vocabularyList/0/vocabularyElementList/0/id']);
  });
});
