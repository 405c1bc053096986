import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { arriving, departing, jsonDocument, xmlDocument } from '../helpers/corridor-events.js';
import { locationById } from '../../src/reference/index.js';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(async () => {
  await t.close();
});

async function captureAndWait(body: string, contentType: string, headers: Record<string, string> = {}) {
  const response = await t.app.inject({ method: 'POST', url: '/epcis/capture', payload: body, headers: { 'content-type': contentType, ...headers } });
  await t.runtime.capture.idle();
  return response;
}

describe('POST /epcis/capture', () => {
  it('accepts a JSON-LD document with 202 and a Location whose job reports success', async () => {
    const response = await captureAndWait(jsonDocument([departing(1), arriving(1)]), 'application/ld+json');
    expect(response.statusCode).toBe(202);
    const location = response.headers.location as string;
    expect(location).toMatch(/^\/epcis\/capture\/[0-9a-f-]{36}$/);
    expect(response.headers['gs1-epcis-version']).toBe('2.0.0');
    const job = (await t.app.inject({ method: 'GET', url: location })).json();
    expect(job).toMatchObject({ running: false, success: true, captureErrorBehaviour: 'rollback', eventsCaptured: 2, eventsDuplicate: 0 });
    expect(await t.runtime.store.events.total()).toBe(2);
  });

  it('stores the same event once, whether sent again as JSON-LD or as XML', async () => {
    await captureAndWait(jsonDocument([departing(7)]), 'application/ld+json');
    const again = await captureAndWait(xmlDocument([departing(7)]), 'application/xml');
    const job = (await t.app.inject({ method: 'GET', url: again.headers.location as string })).json();
    expect(job).toMatchObject({ success: true, eventsCaptured: 0, eventsDuplicate: 1 });
    expect(await t.runtime.store.events.total()).toBe(1);
  });

  it('gives an event without eventID its hash ID as eventID', async () => {
    await captureAndWait(jsonDocument([departing(3)]), 'application/ld+json');
    const doc = (await t.app.inject({ method: 'GET', url: '/epcis/events' })).json();
    const event = doc.epcisBody.queryResults.resultsBody.eventList[0];
    expect(event.eventID).toMatch(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/);
    expect(event.recordTime).toBeDefined();
  });

  it('refuses a whole document under rollback when one event is invalid, naming the event', async () => {
    const bad = { ...arriving(2), action: 'ARRIVE' } as never;
    const response = await captureAndWait(jsonDocument([departing(2), bad]), 'application/ld+json');
    expect(response.statusCode).toBe(400);
    const problem = response.json();
    expect(problem.type).toBe('epcisException:ValidationException');
    expect(JSON.stringify(problem.issues)).toContain('/epcisBody/eventList/1/action');
    expect(await t.runtime.store.events.total()).toBe(0);
  });

  it('captures the valid events under proceed and reports the rejected one in the job', async () => {
    const bad = { ...arriving(4), action: 'ARRIVE' } as never;
    const response = await captureAndWait(jsonDocument([departing(4), bad]), 'application/ld+json', { 'GS1-Capture-Error-Behaviour': 'proceed' });
    expect(response.statusCode).toBe(202);
    const job = (await t.app.inject({ method: 'GET', url: response.headers.location as string })).json();
    expect(job).toMatchObject({ running: false, success: false, captureErrorBehaviour: 'proceed', eventsCaptured: 1, eventsRejected: 1 });
    expect(job.errors[0].pointer).toBe('/epcisBody/eventList/1/action');
    expect(await t.runtime.store.events.total()).toBe(1);
  });

  it('announces its limits on OPTIONS', async () => {
    const response = await t.app.inject({ method: 'OPTIONS', url: '/epcis/capture' });
    expect(response.statusCode).toBe(204);
    expect(response.headers['gs1-epcis-capture-limit']).toBe('10000');
    expect(Number(response.headers['gs1-epcis-capture-file-size-limit'])).toBeGreaterThan(0);
  });

  it('lists capture jobs', async () => {
    await captureAndWait(jsonDocument([departing(5)]), 'application/ld+json');
    const list = (await t.app.inject({ method: 'GET', url: '/epcis/capture' })).json();
    expect(list).toHaveLength(1);
    expect(list[0].success).toBe(true);
  });
});

describe('POST /epcis/events', () => {
  it('captures one event with 201 and a Location that answers the event', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/epcis/events', payload: JSON.stringify(departing(9)), headers: { 'content-type': 'application/json' } });
    expect(response.statusCode).toBe(201);
    const location = response.headers.location as string;
    const event = (await t.app.inject({ method: 'GET', url: location })).json();
    expect(event.type).toBe('ObjectEvent');
    expect(event.epcList).toEqual(['urn:epc:id:sscc:4870001.0000000009']);
  });

  it('answers 200 with the same Location when the event is stored already', async () => {
    const post = () => t.app.inject({ method: 'POST', url: '/epcis/events', payload: JSON.stringify(departing(10)), headers: { 'content-type': 'application/json' } });
    const first = await post();
    const second = await post();
    expect(second.statusCode).toBe(200);
    expect(second.headers.location).toBe(first.headers.location);
    expect(await t.runtime.store.events.total()).toBe(1);
  });

  it('does not tell a caller that an event it may not see is stored already', async () => {
    // Two customs authorities that may capture at Khorgos (it lies in both their countries).
    const keyOf = async (id: string, country: string) => {
      await t.runtime.access.createOrganisation('cli', { id, name: id, kind: 'customs-authority', country, partyIds: [], locations: [] });
      return (await t.runtime.access.createApiKey('cli', { organisationId: id, name: 'k', scopes: ['read', 'capture'] })).secret;
    };
    const kz = await keyOf('kz-customs', 'KZ');
    const cn = await keyOf('cn-customs', 'CN');
    const atKhorgos = { ...departing(11), readPoint: { id: locationById('khorgos')!.sgln } };
    const post = (key: string) =>
      t.app.inject({ method: 'POST', url: '/epcis/events', payload: JSON.stringify(atKhorgos), headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` } });
    const first = await post(kz);
    expect(first.statusCode).toBe(201);
    const again = await post(kz);
    expect([again.statusCode, again.headers['gs1-epcis-duplicate']]).toEqual([200, 'true']);
    const other = await post(cn);
    expect([other.statusCode, other.headers['gs1-epcis-duplicate']]).toEqual([201, undefined]);
    expect(other.headers.location).toBe(first.headers.location);
    expect((await t.app.inject({ method: 'GET', url: other.headers.location as string, headers: { authorization: `Bearer ${cn}` } })).statusCode).toBe(404);
    expect(await t.runtime.store.events.total()).toBe(1);
  });
});

describe('durability', () => {
  it('a job acknowledged before a crash is finished after restart', async () => {
    // Simulate the crash by storing the job exactly as submit() does, without running it.
    const body = Buffer.from(jsonDocument([departing(11), arriving(11)]));
    await t.runtime.store.captureJobs.create({ id: 'job-before-crash', errorBehaviour: 'rollback', contentType: 'application/ld+json', createdAt: new Date().toISOString() }, body);
    expect(await t.runtime.capture.resumeUnfinished()).toBe(1);
    await t.runtime.capture.idle();
    const job = await t.runtime.store.captureJobs.get('job-before-crash');
    expect(job).toMatchObject({ status: 'success', captured: 2 });
  });
});
