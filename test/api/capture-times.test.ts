// Times validation accepts are the times the store keeps: a leap second is refused at validation
// (so `proceed` keeps the document's valid events), and every accepted spelling is stored.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { departing, jsonDocument } from '../helpers/corridor-events.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(async () => t.close());

const capture = async (body: string, behaviour: 'rollback' | 'proceed') => {
  const response = await t.app.inject({ method: 'POST', url: '/epcis/capture', payload: body, headers: { 'content-type': 'application/ld+json', 'GS1-Capture-Error-Behaviour': behaviour } });
  await t.runtime.capture.idle();
  return response;
};

describe('capturing events with unusual times', () => {
  it('under proceed, keeps the valid event of a document whose other event is at a leap second', async () => {
    const response = await capture(jsonDocument([departing(1), departing(2, '2025-06-30T23:59:60Z')]), 'proceed');
    expect(response.statusCode).toBe(202);
    const job = (await t.app.inject({ method: 'GET', url: response.headers.location as string })).json();
    expect(job).toMatchObject({ eventsCaptured: 1, eventsRejected: 1 });
    expect(job.errors).toHaveLength(1);
    expect(job.errors[0].pointer).toBe('/epcisBody/eventList/1/eventTime');
    expect(job.errors[0].detail).toContain('leap second');
    expect(await t.runtime.store.events.total()).toBe(1);
  });

  it('under rollback, refuses the document at once with the pointer of the leap second', async () => {
    const response = await capture(jsonDocument([departing(1), departing(2, '2016-12-31T23:59:60.5+00:00')]), 'rollback');
    expect(response.statusCode).toBe(400);
    const problem = response.json();
    expect(problem.issues.map((issue: { pointer: string }) => issue.pointer)).toEqual(['/epcisBody/eventList/1/eventTime']);
    expect(await t.runtime.store.events.total()).toBe(0);
  });

  it('stores every spelling validation accepts (lower-case t and z) at its instant', async () => {
    const response = await capture(jsonDocument([departing(3, '2026-11-01t08:00:00.000z')]), 'proceed');
    const job = (await t.app.inject({ method: 'GET', url: response.headers.location as string })).json();
    expect(job).toMatchObject({ eventsCaptured: 1, eventsRejected: 0 });
    const found = (await t.app.inject({ method: 'GET', url: '/epcis/events?GE_eventTime=2026-11-01T08:00:00Z&LT_eventTime=2026-11-01T08:00:00.001Z' })).json();
    expect(found.epcisBody.queryResults.resultsBody.eventList).toHaveLength(1);
  });

  it('refuses a single event at a leap second on POST /epcis/events with its pointer', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/epcis/events', payload: JSON.stringify(departing(4, '2025-06-30T23:59:60Z')), headers: { 'content-type': 'application/json' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues[0].pointer).toBe('/eventTime');
  });
});
