/**
 * Issue 10, class 1 over HTTP: an eventID names one event. Content sent again under another eventID
 * is a content duplicate: the sender's eventID becomes an alias that GET /epcis/events/{eventID} and
 * EQ_eventID resolve to the stored event (shown with its own eventID), and the capture job lists it.
 * The very same event again is an idempotent duplicate. Other content under a stored eventID is
 * refused (409 on POST /epcis/events, an error on that event in a capture job), and the refusal
 * names the stored event's hash ID only to a caller that may see that event.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EpcisEvent } from '../../src/epcis/model.js';
import { locationById } from '../../src/reference/index.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { arriving, departing, jsonDocument, xmlDocument } from '../helpers/corridor-events.js';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(async () => {
  await t.close();
});

const ORIGINAL = 'urn:uuid:5e1de700-0000-4000-8000-000000000001';
const JSON_ALIAS = 'urn:uuid:5e1de700-0000-4000-8000-0000000000a1';
const XML_ALIAS = 'https://sender.example/events/xml-1';
const HASH_ID = /ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0/;

/** The same event as XML, with an eventID (after eventTimeZoneOffset, where the XSD puts it). */
function xmlWithEventID(event: EpcisEvent, eventID: string): string {
  return xmlDocument([event]).replace('</eventTimeZoneOffset>', `</eventTimeZoneOffset><eventID>${eventID}</eventID>`);
}

async function capture(body: string, contentType = 'application/ld+json', behaviour = 'rollback', authorization?: string) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/epcis/capture',
    payload: body,
    headers: { 'content-type': contentType, 'gs1-capture-error-behaviour': behaviour, ...(authorization ? { authorization } : {}) },
  });
  await t.runtime.capture.idle();
  expect(response.statusCode, response.body).toBe(202);
  const job = await t.app.inject({ method: 'GET', url: response.headers.location as string, ...(authorization ? { headers: { authorization } } : {}) });
  return job.json();
}

const getEvent = (eventID: string, authorization?: string) =>
  t.app.inject({ method: 'GET', url: `/epcis/events/${encodeURIComponent(eventID)}`, ...(authorization ? { headers: { authorization } } : {}) });

async function byEventID(...eventIDs: string[]): Promise<string[]> {
  const response = await t.app.inject({ method: 'GET', url: `/epcis/events?EQ_eventID=${encodeURIComponent(eventIDs.join('|'))}` });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().epcisBody.queryResults.resultsBody.eventList as EpcisEvent[]).map((e) => e.eventID!);
}

const postEvent = (event: EpcisEvent, authorization?: string) =>
  t.app.inject({
    method: 'POST',
    url: '/epcis/events',
    payload: JSON.stringify(event),
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
  });

describe('content sent again under another eventID', () => {
  it('keeps the eventID sent in JSON-LD and in XML as aliases: GET and EQ_eventID find the stored event by every name', async () => {
    const original = { ...departing(21), eventID: ORIGINAL };
    expect(await capture(jsonDocument([original]))).toMatchObject({ success: true, eventsCaptured: 1, contentDuplicates: [] });
    const stored = (await getEvent(ORIGINAL)).json() as EpcisEvent;

    const json = await capture(jsonDocument([{ ...departing(21), eventID: JSON_ALIAS }]));
    expect(json).toMatchObject({ success: true, eventsCaptured: 0, eventsDuplicate: 1, errors: [] });
    expect(json.contentDuplicates).toEqual([{ eventID: JSON_ALIAS, hashID: expect.stringMatching(HASH_ID) }]);
    const xml = await capture(xmlWithEventID(departing(21), XML_ALIAS), 'application/xml');
    expect(xml).toMatchObject({ success: true, eventsCaptured: 0, eventsDuplicate: 1 });
    // One content, one hash ID, whichever binding carried it.
    expect(xml.contentDuplicates).toEqual([{ eventID: XML_ALIAS, hashID: json.contentDuplicates[0].hashID }]);
    expect(await t.runtime.store.events.total()).toBe(1);

    for (const name of [ORIGINAL, JSON_ALIAS, XML_ALIAS, json.contentDuplicates[0].hashID as string]) {
      const response = await getEvent(name);
      expect(response.statusCode, name).toBe(200);
      // The stored event, as stored: under its own eventID.
      expect(response.json()).toEqual(stored);
    }
    expect(await byEventID(ORIGINAL)).toEqual([ORIGINAL]);
    expect(await byEventID(JSON_ALIAS)).toEqual([ORIGINAL]);
    expect(await byEventID(XML_ALIAS)).toEqual([ORIGINAL]);
    expect(await byEventID(JSON_ALIAS, XML_ALIAS, ORIGINAL)).toEqual([ORIGINAL]);
  });

  it('lists the content duplicates of a document beside the events it captured, also within one document', async () => {
    await capture(jsonDocument([{ ...departing(22), eventID: ORIGINAL }]));
    const job = await capture(jsonDocument([{ ...arriving(22), eventID: 'urn:uuid:5e1de700-0000-4000-8000-0000000000b1' }, { ...departing(22), eventID: JSON_ALIAS }, { ...arriving(22), eventID: XML_ALIAS }]));
    expect(job).toMatchObject({ success: true, eventsCaptured: 1, eventsDuplicate: 2 });
    expect(job.contentDuplicates.map((d: { eventID: string }) => d.eventID)).toEqual([JSON_ALIAS, XML_ALIAS]);
    expect(await byEventID(XML_ALIAS)).toEqual(['urn:uuid:5e1de700-0000-4000-8000-0000000000b1']);
    const list = (await t.app.inject({ method: 'GET', url: '/epcis/capture' })).json();
    expect(list[1].contentDuplicates).toHaveLength(2);
  });

  it('answers POST /epcis/events for content stored already with the eventID sent, which finds it', async () => {
    await capture(jsonDocument([{ ...departing(23), eventID: ORIGINAL }]));
    const response = await postEvent({ ...departing(23), eventID: JSON_ALIAS });
    expect([response.statusCode, response.headers['gs1-epcis-duplicate']]).toEqual([200, 'true']);
    expect(response.headers.location).toBe(`/epcis/events/${encodeURIComponent(JSON_ALIAS)}`);
    expect((await getEvent(JSON_ALIAS)).json().eventID).toBe(ORIGINAL);
  });
});

describe('the very same event again', () => {
  it('is an idempotent duplicate, in a document and on POST /epcis/events, with no alias', async () => {
    const original = { ...departing(24), eventID: ORIGINAL };
    await capture(jsonDocument([original]));
    expect(await capture(jsonDocument([original, original]))).toMatchObject({ success: true, eventsCaptured: 0, eventsDuplicate: 2, contentDuplicates: [] });
    const again = await postEvent(original);
    expect([again.statusCode, again.headers['gs1-epcis-duplicate']]).toEqual([200, 'true']);
    expect(await t.runtime.store.events.total()).toBe(1);
  });
});

describe('other content under a stored eventID', () => {
  it('is refused with 409 on POST /epcis/events, naming the eventID and the stored hash ID', async () => {
    await capture(jsonDocument([{ ...departing(25), eventID: ORIGINAL }]));
    const stored = (await getEvent(ORIGINAL)).json() as EpcisEvent;
    const response = await postEvent({ ...arriving(25), eventID: ORIGINAL });
    expect(response.statusCode, response.body).toBe(409);
    const problem = response.json();
    expect(problem.type).toBe('epcisException:ResourceAlreadyExistsException');
    expect(problem.detail).toContain(`eventID '${ORIGINAL}' names another event`);
    expect(problem.detail).toMatch(HASH_ID);
    expect(problem.issues[0].pointer).toBe('/eventID');
    expect(await t.runtime.store.events.total()).toBe(1);
    expect((await getEvent(ORIGINAL)).json()).toEqual(stored);
  });

  it('is refused under an alias too', async () => {
    await capture(jsonDocument([{ ...departing(26), eventID: ORIGINAL }]));
    await capture(jsonDocument([{ ...departing(26), eventID: JSON_ALIAS }]));
    const response = await postEvent({ ...arriving(26), eventID: JSON_ALIAS });
    expect(response.statusCode).toBe(409);
    expect(response.json().detail).toContain(JSON_ALIAS);
  });

  it('refuses the whole document under rollback and only that event under proceed, with an error at its eventID', async () => {
    await capture(jsonDocument([{ ...departing(27), eventID: ORIGINAL }]));
    const other = { ...arriving(27), eventID: 'urn:uuid:5e1de700-0000-4000-8000-0000000000c1' };
    const conflicting = { ...arriving(28), eventID: ORIGINAL };
    const rolledBack = await capture(jsonDocument([other, conflicting]));
    expect(rolledBack).toMatchObject({ success: false, eventsCaptured: 0 });
    expect(rolledBack.errors).toHaveLength(1);
    expect(rolledBack.errors[0]).toMatchObject({ pointer: '/epcisBody/eventList/1/eventID' });
    expect(rolledBack.errors[0].detail).toContain(ORIGINAL);
    expect(await t.runtime.store.events.total()).toBe(1);

    const proceeded = await capture(jsonDocument([other, conflicting]), 'application/ld+json', 'proceed');
    expect(proceeded).toMatchObject({ success: false, eventsCaptured: 1, eventsRejected: 1 });
    expect(proceeded.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/epcisBody/eventList/1/eventID']);
    expect(await t.runtime.store.events.total()).toBe(2);
    expect((await getEvent(ORIGINAL)).json().bizStep).toBe('departing');
  });

  it('gives an XML document the path of the refused eventID', async () => {
    await capture(jsonDocument([{ ...departing(29), eventID: ORIGINAL }]));
    const job = await capture(xmlWithEventID(arriving(29), ORIGINAL), 'application/xml', 'proceed');
    expect(job.errors[0]).toMatchObject({ xmlPath: expect.stringContaining('ObjectEvent[1]') });
  });

  it('still accepts an error declaration of the stored event under its eventID', async () => {
    const original = { ...departing(30), eventID: ORIGINAL };
    await capture(jsonDocument([original]));
    const declaration = { ...original, errorDeclaration: { declarationTime: '2026-11-02T08:00:00.000Z', reason: 'incorrect_data' } };
    const response = await postEvent(declaration);
    expect(response.statusCode, response.body).toBe(201);
    expect((await getEvent(ORIGINAL)).json().errorDeclaration).toBeDefined();
  });
});

describe('an error declaration under an alias', () => {
  it("declares the stored event: both names find the declaration, under the event's own eventID", async () => {
    const original = { ...departing(34), eventID: ORIGINAL };
    await capture(jsonDocument([original]));
    await capture(jsonDocument([{ ...departing(34), eventID: JSON_ALIAS }]));
    const declaration = { ...departing(34), eventID: JSON_ALIAS, errorDeclaration: { declarationTime: '2026-11-02T08:00:00.000Z', reason: 'incorrect_data' } };
    const response = await postEvent(declaration);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.headers.location).toBe(`/epcis/events/${encodeURIComponent(JSON_ALIAS)}`);
    for (const name of [ORIGINAL, JSON_ALIAS]) {
      const shown = (await getEvent(name)).json();
      expect(shown).toMatchObject({ eventID: ORIGINAL, errorDeclaration: { reason: expect.stringContaining('incorrect_data') } });
    }
    expect(await byEventID(JSON_ALIAS)).toEqual([ORIGINAL, ORIGINAL]);
  });
});

describe('who may learn what of another event', () => {
  // Two customs authorities that may capture at Khorgos (it lies in both their countries).
  const keyOf = async (id: string, country: string) => {
    await t.runtime.access.createOrganisation('cli', { id, name: id, kind: 'customs-authority', country, partyIds: [], locations: [] });
    return `Bearer ${(await t.runtime.access.createApiKey('cli', { organisationId: id, name: 'k', scopes: ['read', 'capture'] })).secret}`;
  };
  const atKhorgos = (n: number, eventID: string): EpcisEvent => ({ ...departing(n), eventID, readPoint: { id: locationById('khorgos')!.sgln } });

  it("names the stored hash ID in a 409 only to a caller that may see the stored event", async () => {
    const kz = await keyOf('kz-customs', 'KZ');
    const cn = await keyOf('cn-customs', 'CN');
    expect((await postEvent(atKhorgos(31, ORIGINAL), kz)).statusCode).toBe(201);
    const stranger = await postEvent(atKhorgos(32, ORIGINAL), cn);
    expect(stranger.statusCode).toBe(409);
    expect(stranger.json().detail).toContain(`eventID '${ORIGINAL}' names another event`);
    expect(stranger.json().detail).not.toMatch(/sha-256/);
    expect(JSON.stringify(stranger.json())).not.toMatch(/sha-256/);
    const owner = await postEvent(atKhorgos(32, ORIGINAL), kz);
    expect(owner.statusCode).toBe(409);
    expect(owner.json().detail).toMatch(HASH_ID);
  });

  it("lets an alias answer 404 to a caller that may not see the stored event, like any unknown eventID", async () => {
    const kz = await keyOf('kz-customs', 'KZ');
    const cn = await keyOf('cn-customs', 'CN');
    expect((await postEvent(atKhorgos(33, ORIGINAL), kz)).statusCode).toBe(201);
    // cn sends the same content under its own eventID: nothing tells it the event exists.
    const again = await postEvent(atKhorgos(33, JSON_ALIAS), cn);
    expect([again.statusCode, again.headers['gs1-epcis-duplicate']]).toEqual([201, undefined]);
    const unknown = await getEvent('urn:uuid:5e1de700-0000-4000-8000-0000000000ff', cn);
    const hidden = await getEvent(JSON_ALIAS, cn);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().detail.replace(JSON_ALIAS, 'X')).toBe(unknown.json().detail.replace('urn:uuid:5e1de700-0000-4000-8000-0000000000ff', 'X'));
    const query = await t.app.inject({ method: 'GET', url: `/epcis/events?EQ_eventID=${encodeURIComponent(JSON_ALIAS)}`, headers: { authorization: cn } });
    expect(query.json().epcisBody.queryResults.resultsBody.eventList).toEqual([]);
    // Its capturer sees it by the alias.
    expect((await getEvent(JSON_ALIAS, kz)).json().eventID).toBe(ORIGINAL);
  });
});
