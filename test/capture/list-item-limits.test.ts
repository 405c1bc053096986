// Long lists in captured events: limited per event and per document, refused with the event's
// pointer and the limit, and never able to stall the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EpcisEvent } from '../../src/epcis/model.js';
import { listItemCount } from '../../src/capture/list-items.js';
import { loadConfig } from '../../src/config/config.js';
import { departing, jsonDocument, sscc } from '../helpers/corridor-events.js';
import { watchHealth } from '../helpers/health-watch.js';
import { startTestApp, TEST_BOOTSTRAP_TOKEN, type TestApp } from '../helpers/test-app.js';

/** A departing event of container `n` that also lists `count` SSCCs. */
function withEpcs(n: number, count: number): EpcisEvent {
  return { ...departing(n), epcList: Array.from({ length: count }, (_, i) => sscc(1_000_000 + n * 200_000 + i)) };
}

describe('an event with 100,000 EPCs, with the default limits', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => t?.close());

  const capture = (body: string, behaviour: 'rollback' | 'proceed') =>
    fetch(`${base}/epcis/capture`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/ld+json', authorization: `Bearer ${TEST_BOOTSTRAP_TOKEN}`, 'GS1-Capture-Error-Behaviour': behaviour },
    });

  it('is refused with its pointer and the limit, and /health keeps answering at once meanwhile', async () => {
    const big = withEpcs(2, 100_000);
    const health = await watchHealth(base);
    let watched: { slowestMs: number; answers: number };
    try {
      // Under rollback the capture is refused before it is acknowledged.
      const refused = await capture(jsonDocument([departing(1), big]), 'rollback');
      expect(refused.status).toBe(413);
      const problem = (await refused.json()) as { type: string; detail: string; issues: { pointer: string; message: string }[] };
      expect(problem.type).toBe('epcisException:CaptureLimitExceededException');
      expect(problem.issues).toHaveLength(1);
      expect(problem.issues[0]!.pointer).toBe('/epcisBody/eventList/1');
      expect(problem.issues[0]!.message).toMatch(/lists 100001 items .* at most 10000 are accepted per event/);
      expect(problem.detail).toContain('/epcisBody/eventList/1');

      // Under proceed only that event is rejected; the other one is captured.
      const accepted = await capture(jsonDocument([departing(1), big]), 'proceed');
      expect(accepted.status).toBe(202);
      await t.runtime.capture.idle();
      await t.runtime.followers.caughtUp();
      const job = (await (await fetch(`${base}${accepted.headers.get('location')}`, { headers: { authorization: `Bearer ${TEST_BOOTSTRAP_TOKEN}` } })).json()) as {
        eventsCaptured: number;
        eventsRejected: number;
        errors: { pointer: string; detail: string }[];
      };
      expect(job).toMatchObject({ eventsCaptured: 1, eventsRejected: 1 });
      expect(job.errors[0]).toMatchObject({ pointer: '/epcisBody/eventList/1' });
      expect(job.errors[0]!.detail).toContain('at most 10000 are accepted per event');
    } finally {
      watched = await health.stop();
    }
    expect(await t.runtime.store.events.total()).toBe(1);
    expect(watched.answers).toBeGreaterThan(0);
    // Before the limit (and with quadratic folding) /health stalled for over a minute; a second is
    // far above what the refusals cost, and far below any stall worth the name.
    expect(watched.slowestMs).toBeLessThan(1000);
  });
});

describe('list item limits', () => {
  const PER_EVENT = 5;
  const PER_DOCUMENT = 8;
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ KARVON_CAPTURE_ITEM_LIMIT_PER_EVENT: String(PER_EVENT), KARVON_CAPTURE_ITEM_LIMIT_PER_DOCUMENT: String(PER_DOCUMENT) });
  });
  afterAll(async () => t?.close());

  const capture = (events: EpcisEvent[], behaviour: 'rollback' | 'proceed' = 'rollback') =>
    t.app.inject({
      method: 'POST',
      url: '/epcis/capture',
      payload: jsonDocument(events),
      headers: { 'content-type': 'application/ld+json', 'GS1-Capture-Error-Behaviour': behaviour },
    });

  it('counts every item of every list in the event, whichever field holds it', () => {
    // departing(): one EPC and one business transaction.
    expect(listItemCount(departing(1))).toBe(2);
    const event = {
      ...departing(1),
      sourceList: [{ type: 'owning_party', source: 'urn:epc:id:pgln:4870001.00001' }],
      destinationList: [{ type: 'owning_party', destination: 'urn:epc:id:pgln:4870001.00002' }],
      quantityList: [{ epcClass: 'urn:epc:class:lgtin:4870001.000001.L1', quantity: 2 }],
      sensorElementList: [{ sensorReport: [{ type: 'Temperature', value: 1 }, { type: 'Temperature', value: 2 }] }],
      'ext:tags': ['a', 'b', 'c'],
    } as EpcisEvent;
    expect(listItemCount(event)).toBe(2 + 1 + 1 + 1 + 1 + 2 + 3);
  });

  it.each([
    ['EPCs', { ...departing(1), epcList: [1, 2, 3, 4, 5].map(sscc) }],
    ['business transactions', { ...departing(1), bizTransactionList: [1, 2, 3, 4, 5].map((n) => ({ type: 'bol', bizTransaction: `urn:epcglobal:cbv:bt:4870001000018:B${n}` })) }],
    ['sources', { ...departing(1), sourceList: [1, 2, 3, 4].map((n) => ({ type: 'owning_party', source: `urn:epc:id:pgln:4870001.0000${n}` })) }],
    ['sensor reports', { ...departing(1), sensorElementList: [{ sensorReport: [1, 2, 3].map((value) => ({ type: 'Temperature', value })) }] }],
  ])('refuses an event over the per-event limit through its %s, with 413 and the pointer', async (_what, event) => {
    const response = await capture([departing(7), event as EpcisEvent]);
    expect(response.statusCode).toBe(413);
    const problem = response.json();
    expect(problem.type).toBe('epcisException:CaptureLimitExceededException');
    expect(problem.issues.map((issue: { pointer: string }) => issue.pointer)).toEqual(['/epcisBody/eventList/1']);
    expect(problem.issues[0].message).toContain(`at most ${PER_EVENT} are accepted per event (Karvon-Capture-Item-Limit-Per-Event)`);
    expect(await t.runtime.store.events.total()).toBe(0);
  });

  it('refuses a document over the per-document limit as a whole, whatever the error behaviour', async () => {
    // Five events of two items each: each is within its limit, together they are over.
    for (const behaviour of ['rollback', 'proceed'] as const) {
      const response = await capture([1, 2, 3, 4, 5].map((n) => departing(n)), behaviour);
      expect(response.statusCode).toBe(413);
      expect(response.json().type).toBe('epcisException:CaptureLimitExceededException');
      expect(response.json().detail).toContain(`lists 10 items in its events and header; at most ${PER_DOCUMENT} are accepted per capture`);
    }
    expect(await t.runtime.store.events.total()).toBe(0);
  });

  it('under proceed rejects only the oversized event, which does not count towards the document', async () => {
    const response = await capture([departing(4), withEpcs(5, 20), departing(6)], 'proceed');
    expect(response.statusCode).toBe(202);
    await t.runtime.capture.idle();
    const job = (await t.app.inject({ method: 'GET', url: response.headers.location as string })).json();
    expect(job).toMatchObject({ eventsCaptured: 2, eventsRejected: 1 });
    expect(job.errors).toHaveLength(1);
    expect(job.errors[0].pointer).toBe('/epcisBody/eventList/1');
    expect(job.errors[0].detail).toMatch(/lists 21 items .* at most 5 are accepted per event/);
  });

  it('refuses a single event over the limit on POST /epcis/events', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/epcis/events', payload: JSON.stringify(withEpcs(8, 10)), headers: { 'content-type': 'application/json' } });
    expect(response.statusCode).toBe(413);
    expect(response.json().issues[0].message).toContain(`at most ${PER_EVENT} are accepted per event`);
  });

  it('advertises both limits next to GS1-EPCIS-Capture-Limit', async () => {
    const options = await t.app.inject({ method: 'OPTIONS', url: '/epcis/capture' });
    expect(options.headers['karvon-capture-item-limit-per-event']).toBe(String(PER_EVENT));
    expect(options.headers['karvon-capture-item-limit-per-document']).toBe(String(PER_DOCUMENT));
    const accepted = await capture([departing(9)]);
    expect(accepted.statusCode).toBe(202);
    expect(accepted.headers['karvon-capture-item-limit-per-event']).toBe(String(PER_EVENT));
    expect(accepted.headers['gs1-epcis-capture-limit']).toBeDefined();
  });

  it('refuses a configuration whose per-event limit exceeds the per-document one', () => {
    expect(() => loadConfig({ KARVON_CAPTURE_ITEM_LIMIT_PER_EVENT: '10', KARVON_CAPTURE_ITEM_LIMIT_PER_DOCUMENT: '5' })).toThrow(
      /KARVON_CAPTURE_ITEM_LIMIT_PER_EVENT must not exceed KARVON_CAPTURE_ITEM_LIMIT_PER_DOCUMENT/,
    );
  });
});
