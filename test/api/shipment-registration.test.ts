import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIZ_STEP } from '../../src/domain/epcis-profile.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

function registration(booking = 'BK-2025-0001') {
  return {
    references: [
      { kind: 'booking', value: booking },
      { kind: 'smgs', value: '70099001' },
    ],
    parties: [
      { role: 'consignor', name: 'Almaty Steel LLP', country: 'KZ' },
      { role: 'consignee', name: 'Poti Trading Ltd', country: 'GE' },
    ],
    goods: [{ hsCode: '721049', description: 'galvanised steel sheets', packages: 20, grossKg: 21500 }],
    transportUnits: [{ kind: 'container', id: 'CSQU3054383' }],
    itinerary: [
      { mode: 'rail', from: 'almaty', to: 'aktau-port', plannedDeparture: '2025-03-01T08:00:00Z', plannedArrival: '2025-03-05T08:00:00Z', transportUnitIds: ['CSQU3054383'] },
      { mode: 'sea', from: 'aktau-port', to: 'alat-port', plannedDeparture: '2025-03-06T08:00:00Z', plannedArrival: '2025-03-07T20:00:00Z' },
      { mode: 'rail', from: 'alat-port', to: 'poti-port', plannedDeparture: '2025-03-08T08:00:00Z', plannedArrival: '2025-03-10T08:00:00Z' },
    ],
  };
}

const post = (payload: unknown, contentType = 'application/json') =>
  t.app.inject({ method: 'POST', url: '/api/shipments', payload: typeof payload === 'string' ? payload : JSON.stringify(payload), headers: { 'content-type': contentType } });

function pointers(body: { issues?: { pointer: string; message: string }[] }): string[] {
  return (body.issues ?? []).map((i) => i.pointer);
}

describe('POST /api/shipments', () => {
  it('registers a shipment: 201, Location, a planned shipment with its itinerary and its events stored', async () => {
    const response = await post(registration());
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    expect(response.headers.location).toBe(`/api/shipments/${body.id}`);
    expect(body.status).toBe('planned');
    expect(body.transportUnits).toContain('https://ns.karvon.org/id/container/CSQU3054383');
    expect(body.itinerary.map((l: { to: string }) => l.to)).toEqual(['aktau-port', 'alat-port', 'poti-port']);

    const shown = await t.app.inject({ method: 'GET', url: response.headers.location as string });
    expect(shown.statusCode).toBe(200);
    expect(shown.json().status).toBe('planned');
    expect(shown.json().itinerary).toHaveLength(3);

    const events = (await t.app.inject({ method: 'GET', url: `${response.headers.location}/events` })).json();
    const list = events.epcisBody.queryResults.resultsBody.eventList;
    expect(list).toHaveLength(1);
    expect(list[0].bizStep).toBe(BIZ_STEP.shipmentRegistering);
    expect(JSON.stringify(list[0])).toContain('https://ns.karvon.org/id/booking/BK-2025-0001');
  });

  it('finds the registered shipment by its container number and its booking', async () => {
    const byContainer = (await t.app.inject({ method: 'GET', url: '/api/shipments/search?q=CSQU305' })).json();
    expect(byContainer.shipments).toHaveLength(1);
    expect(byContainer.shipments[0].status).toBe('planned');
    const byBooking = (await t.app.inject({ method: 'GET', url: '/api/shipments/search?q=BK-2025-0001' })).json();
    expect(byBooking.shipments.map((s: { id: string }) => s.id)).toEqual(byContainer.shipments.map((s: { id: string }) => s.id));
  });

  it('is idempotent: the same registration again answers 200 with the same shipment and stores nothing', async () => {
    const before = (await t.app.inject({ method: 'GET', url: '/api/shipments' })).json().shipments.length;
    const again = await post(registration());
    expect(again.statusCode, again.body).toBe(200);
    const first = (await t.app.inject({ method: 'GET', url: '/api/shipments/search?q=BK-2025-0001' })).json().shipments[0];
    expect(again.json().id).toBe(first.id);
    expect((await t.app.inject({ method: 'GET', url: '/api/shipments' })).json().shipments.length).toBe(before);
    const events = (await t.app.inject({ method: 'GET', url: `/api/shipments/${first.id}/events` })).json();
    expect(events.epcisBody.queryResults.resultsBody.eventList).toHaveLength(1);
  });

  it('refuses a different registration under the same booking with 409', async () => {
    const changed = registration();
    changed.goods[0]!.packages = 21;
    const response = await post(changed);
    expect(response.statusCode).toBe(409);
    expect(response.json().detail).toContain('BK-2025-0001');
  });

  it('rejects an invalid container check digit at its pointer', async () => {
    const bad = registration('BK-BAD-1');
    bad.transportUnits[0]!.id = 'CSQU3054384';
    const response = await post(bad);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(pointers(response.json())).toContain('/transportUnits/0/id');
  });

  it('rejects unknown locations, arrival before departure and unchained legs, all at once', async () => {
    const bad = registration('BK-BAD-2');
    bad.itinerary[0] = { ...bad.itinerary[0]!, from: 'atlantis' };
    bad.itinerary[1] = { ...bad.itinerary[1]!, plannedArrival: '2025-03-06T07:00:00Z' };
    bad.itinerary[2] = { ...bad.itinerary[2]!, from: 'poti-port', to: 'batumi-port' };
    const response = await post(bad);
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(pointers(body)).toEqual(expect.arrayContaining(['/itinerary/0/from', '/itinerary/1/plannedArrival', '/itinerary/2/from']));
    for (const issue of body.issues) expect(issue.message.length).toBeGreaterThan(5);
    expect(body.issues.find((i: { pointer: string }) => i.pointer === '/itinerary/0/from').message).toContain('atlantis');
    // Nothing was registered.
    expect((await t.app.inject({ method: 'GET', url: '/api/shipments/search?q=BK-BAD' })).json().shipments).toHaveLength(0);
  });

  it('rejects missing parts, malformed JSON and other media types clearly', async () => {
    const empty = await post({});
    expect(empty.statusCode).toBe(400);
    expect(pointers(empty.json())).toEqual(expect.arrayContaining(['/references', '/goods', '/itinerary', '/parties']));
    const notArrays = await post({ references: 'BK-1', itinerary: {} });
    expect(notArrays.statusCode).toBe(400);
    // Validation coerces a lone value into a one-item list (coerceTypes: 'array'), so the string is
    // refused as the list's first item, which must be an object.
    expect(pointers(notArrays.json())).toEqual(expect.arrayContaining(['/references/0', '/itinerary']));
    const malformed = await post('{"references": [');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('KRV_MALFORMED_BODY');
    expect((await post('<shipment/>', 'application/xml')).statusCode).toBe(415);
  });

  it('keeps the registered shipment and its itinerary after a rebuild from the store', async () => {
    const { shipmentReadModel } = await import('../../src/projections/index.js');
    const rebuilt = shipmentReadModel(t.runtime.store);
    // One registration event was stored: the 200 and the refusals stored nothing.
    expect(await rebuilt.runner.rebuild()).toBe(1);
    const state = await rebuilt.queries.get('https://ns.karvon.org/id/booking/BK-2025-0001');
    expect(state?.status).toBe('planned');
    expect(state?.itinerary).toHaveLength(3);
    expect(state?.registration).toMatchObject({ references: expect.arrayContaining([{ kind: 'booking', value: 'BK-2025-0001' }]) });
  });
});
