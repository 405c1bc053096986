// The visibility property: for random organisations of every kind and random shipments whose
// events are captured through the real API by organisations allowed to capture them, every read
// path returns exactly what the policy allows — nothing outside what the model of
// test/access/property-world.ts computes from the generated data (not from the store), and nothing
// the policy allows is missing. Fixed seed in CI; KARVON_PROPERTY_SEED replays another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation } from '../../src/model/access.js';
import { normaliseIdentifier } from '../../src/epcis/query/normalise.js';
import { SimRandom } from '../../src/sim/prng.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { generateOrganisations, generateWorld, inputOf, keysOfOrganisation, modelSeesShipment } from './property-world.js';

const SEED = Number(process.env.KARVON_PROPERTY_SEED ?? 20261130);
const ORGANISATIONS = 24;
const SHIPMENTS = 18;
const STATISTICS_READERS = new Set(['secretariat', 'council', 'network-operator', 'national-coordinator']);

describe(`visibility property (seed ${SEED})`, () => {
  const random = new SimRandom(SEED);
  const world = generateWorld(random, generateOrganisations(random, ORGANISATIONS), SHIPMENTS, SEED);
  const keys = new Map<string, string>();
  let t: TestApp;

  const as = (org: Organisation) => ({ authorization: `Bearer ${keys.get(org.id)}` });
  const allEvents = world.shipments.flatMap((s) => s.events.map((e) => ({ ...e, shipment: s })));
  const visibleEvents = (org: Organisation) =>
    allEvents.filter((e) => e.by === org.id || modelSeesShipment(org, e.shipment.audience)).map((e) => e.event.eventID!).sort();
  const shipmentId = (s: (typeof world.shipments)[number]) => (s.events[0]!.event.bizTransactionList!.some((b) => b.bizTransaction.includes('/booking/')) ? `booking:BK-${s.number}` : `smgs:${s.number}`);
  const visibleShipments = (org: Organisation) => world.shipments.filter((s) => modelSeesShipment(org, s.audience)).map(shipmentId).sort();
  const detailed = () => world.orgs.filter((o) => o.kind !== 'secretariat' && o.kind !== 'council');
  const aggregateOnly = () => world.orgs.filter((o) => o.kind === 'secretariat' || o.kind === 'council');

  /** Every event of an EPCIS query resource, following rel="next" links. */
  const eventIDsOf = async (org: Organisation, url: string): Promise<string[]> => {
    const ids: string[] = [];
    for (let next: string | undefined = url; next; ) {
      const response: { statusCode: number; body: string; headers: Record<string, unknown>; json(): unknown } = await t.app.inject({ method: 'GET', url: next, headers: as(org) });
      expect(response.statusCode, `${org.id} GET ${next}: ${response.body}`).toBe(200);
      const body = response.json() as { epcisBody: { queryResults: { resultsBody: { eventList?: { eventID: string }[] } } } };
      ids.push(...(body.epcisBody.queryResults.resultsBody.eventList ?? []).map((e) => e.eventID));
      next = /<([^>]+)>; rel="next"/.exec(String(response.headers.link ?? ''))?.[1];
    }
    return ids.sort();
  };

  beforeAll(async () => {
    t = await startTestApp({}, {}, { caller: 'anonymous' });
    for (const org of world.orgs) {
      await t.runtime.access.createOrganisation('cli', inputOf(org));
      keys.set(org.id, (await t.runtime.access.createApiKey('cli', { organisationId: org.id, name: 'property', scopes: ['read', 'capture'] })).secret);
    }
    const byId = new Map(world.orgs.map((o) => [o.id, o]));
    for (const { event, by } of allEvents) {
      const response = await t.app.inject({ method: 'POST', url: '/epcis/events', headers: { ...as(byId.get(by)!), 'content-type': 'application/ld+json' }, payload: JSON.stringify(event) });
      expect(response.statusCode, `${by} capturing ${event.eventID}: ${response.body}`).toBe(201);
      // Capture is judged on the read model: let it hold this event before the next is judged.
      await t.runtime.followers.caughtUp();
    }
    // Named queries belong to their organisation: each one that reads events defines its own.
    for (const org of detailed()) {
      const created = await t.app.inject({
        method: 'POST',
        url: '/epcis/queries',
        headers: { ...as(org), 'content-type': 'application/json' },
        payload: JSON.stringify({ name: 'property-departures', query: { EQ_bizStep: ['departing'] } }),
      });
      expect(created.statusCode, org.id).toBe(201);
    }
  }, 60_000);
  afterAll(async () => t?.close());

  it('generates a world where the policy discriminates', () => {
    const counts = detailed().map((o) => visibleShipments(o).length);
    expect(Math.min(...counts)).toBeLessThan(SHIPMENTS);
    expect(Math.max(...counts)).toBe(SHIPMENTS); // the network operator
    expect(counts.filter((c) => c > 0 && c < SHIPMENTS).length).toBeGreaterThan(3);
  });

  it('EPCIS event queries, with and without filters and paging, return exactly the visible events', async () => {
    for (const org of detailed()) {
      const expected = visibleEvents(org);
      expect(await eventIDsOf(org, '/epcis/events?perPage=4'), org.id).toEqual(expected);
      const departing = allEvents.filter((e) => e.event.bizStep === 'departing').map((e) => e.event.eventID!);
      expect(await eventIDsOf(org, '/epcis/events?EQ_bizStep=departing&perPage=3'), org.id).toEqual(expected.filter((id) => departing.includes(id)));
      expect(await eventIDsOf(org, '/epcis/eventTypes/ObjectEvent/events?perPage=5'), org.id).toEqual(expected);
      expect(await eventIDsOf(org, '/epcis/queries/property-departures/events'), org.id).toEqual(expected.filter((id) => departing.includes(id)));
    }
  });

  it('single events answer 404 when not visible', async () => {
    for (const org of detailed()) {
      const expected = new Set(visibleEvents(org));
      for (const { event } of allEvents) {
        const response = await t.app.inject({ method: 'GET', url: `/epcis/events/${encodeURIComponent(event.eventID!)}`, headers: as(org) });
        expect(response.statusCode, `${org.id} GET event ${event.eventID}`).toBe(expected.has(event.eventID!) ? 200 : 404);
      }
    }
  });

  it('top-level resources list only values of visible events', async () => {
    for (const org of detailed()) {
      const visible = new Set(visibleEvents(org));
      const units = [...new Set(allEvents.filter((e) => visible.has(e.event.eventID!)).flatMap((e) => e.event.epcList ?? []).map(normaliseIdentifier))].sort();
      const places = [...new Set(allEvents.filter((e) => visible.has(e.event.eventID!)).flatMap((e) => (e.event.readPoint ? [normaliseIdentifier(e.event.readPoint.id)] : [])))].sort();
      const list = async (path: string) => {
        const response = await t.app.inject({ method: 'GET', url: `/epcis/${path}?perPage=1000`, headers: as(org) });
        expect(response.statusCode).toBe(200);
        return ((response.json() as { member: string[] }).member ?? []).sort();
      };
      expect(await list('epcs'), org.id).toEqual(units);
      expect(await list('readPoints'), org.id).toEqual(places);
    }
  });

  it('the tracking API lists, pages, searches and opens exactly the visible shipments', async () => {
    for (const org of detailed()) {
      const expected = visibleShipments(org);
      const listed: string[] = [];
      for (let cursor: string | undefined, first = true; first || cursor; first = false) {
        const response = await t.app.inject({ method: 'GET', url: `/api/shipments?limit=4${cursor ? `&cursor=${cursor}` : ''}`, headers: as(org) });
        expect(response.statusCode).toBe(200);
        const body = response.json() as { shipments: { id: string }[]; nextCursor?: string };
        listed.push(...body.shipments.map((s) => s.id));
        cursor = body.nextCursor;
      }
      expect(listed.sort(), org.id).toEqual(expected);
      const found = await t.app.inject({ method: 'GET', url: '/api/shipments/search?q=PROP&limit=500', headers: as(org) });
      expect((found.json() as { shipments: { id: string }[] }).shipments.map((s) => s.id).sort(), org.id).toEqual(expected);
      for (const shipment of world.shipments) {
        const id = shipmentId(shipment);
        const visible = expected.includes(id);
        const one = await t.app.inject({ method: 'GET', url: `/api/shipments/${encodeURIComponent(id)}`, headers: as(org) });
        expect(one.statusCode, `${org.id} GET ${id}`).toBe(visible ? 200 : 404);
        const events = await t.app.inject({ method: 'GET', url: `/api/shipments/${encodeURIComponent(id)}/events`, headers: as(org) });
        expect(events.statusCode).toBe(visible ? 200 : 404);
        if (visible) {
          const ids = (events.json() as { epcisBody: { queryResults: { resultsBody: { eventList: { eventID: string }[] } } } }).epcisBody.queryResults.resultsBody.eventList.map((e) => e.eventID);
          expect(ids.sort()).toEqual(shipment.events.map((e) => e.event.eventID!).sort());
        }
      }
    }
  });

  it('the secretariat and the council get 403 on every detail path and aggregates only', async () => {
    for (const org of aggregateOnly()) {
      for (const url of ['/epcis/events', `/epcis/events/${encodeURIComponent(allEvents[0]!.event.eventID!)}`, '/epcis/epcs', '/epcis/eventTypes/ObjectEvent/events', '/epcis/queries/property-departures/events', '/api/shipments', '/api/shipments/search?q=PROP', `/api/shipments/${encodeURIComponent(shipmentId(world.shipments[0]!))}`]) {
        expect((await t.app.inject({ method: 'GET', url, headers: as(org) })).statusCode, `${org.id} GET ${url}`).toBe(403);
      }
    }
    for (const org of world.orgs) {
      const response = await t.app.inject({ method: 'GET', url: '/api/statistics', headers: as(org) });
      expect(response.statusCode, `${org.id} statistics`).toBe(STATISTICS_READERS.has(org.kind) ? 200 : 403);
      if (response.statusCode === 200) {
        expect((response.json() as { shipments: number }).shipments).toBe(SHIPMENTS);
        // No ids, references, units or parties.
        expect(response.body).not.toMatch(/PROP|PRPU|org-\d|pgln|417\//);
      }
    }
  });

  it('public links are created by parties that see the shipment, and show the allowed fields only', async () => {
    for (const org of detailed()) {
      const shipment = random.pick(world.shipments);
      const id = shipmentId(shipment);
      const visible = modelSeesShipment(org, shipment.audience);
      // A party: its organisation (the registrant) or one of its party ids is in the audience.
      const own = [...keysOfOrganisation(org)].filter((k) => k.startsWith('org:') || k.startsWith('party:'));
      const party = own.some((k) => shipment.audience.has(k));
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/shipments/${encodeURIComponent(id)}/public-links`,
        headers: { ...as(org), 'content-type': 'application/json' },
        payload: '{"expiresInHours": 1}',
      });
      expect(response.statusCode, `${org.id} link for ${id}`).toBe(!visible ? 404 : party ? 201 : 403);
      if (response.statusCode !== 201) continue;
      const page = await t.app.inject({ method: 'GET', url: (response.json() as { url: string }).url });
      expect(page.statusCode).toBe(200);
      expect(Object.keys(page.json() as object).sort()).toEqual(['eta', 'lastLocation', 'lastSeenAt', 'status']);
      expect(page.body).not.toMatch(/PROP|PRPU|org-\d|pgln/);
    }
  });
});
