// The findings of the security review, replayed against the demo's organisations: visibility that
// an invented event could buy (finding 1) and the existence oracles of capture and registration
// (finding 6). Each of these answered differently before the visibility policy separated capture
// rights from read rights.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from '../../src/sim/demo.js';
import { DEMO_PASSWORD, demoEmailOf } from '../../src/sim/demo-organisations.js';
import { locationById, referenceData } from '../../src/reference/index.js';
import { iso6346CheckDigit } from '../../src/domain/identifiers/iso6346.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

interface Listed {
  id: string;
  countries: string[];
  corridor?: string;
  transportUnits: string[];
  references: { booking?: string[] };
}

describe('visibility cannot be bought with an invented event', () => {
  let t: TestApp;
  const cookies = new Map<string, string>();
  /** A demo shipment that never touches Kazakhstan: neither observed there nor planned through it. */
  let foreign: Listed;

  const signIn = async (organisationId: string): Promise<string> => {
    const known = cookies.get(organisationId);
    if (known) return known;
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: demoEmailOf(organisationId), password: DEMO_PASSWORD } });
    expect(response.statusCode, response.body).toBe(200);
    const cookie = String(response.headers['set-cookie']).split(';')[0]!;
    cookies.set(organisationId, cookie);
    return cookie;
  };
  const as = async (organisationId: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { cookie: await signIn(organisationId), ...(payload !== undefined ? { 'content-type': 'application/ld+json' } : {}) },
      ...(payload !== undefined ? { payload: JSON.stringify(payload) } : {}),
    });
  const inspection = (extra: Record<string, unknown>) => ({
    '@context': ['https://ref.gs1.org/standards/epcis/epcis-context.jsonld'],
    type: 'ObjectEvent',
    eventTime: '2026-12-01T10:00:00Z',
    eventTimeZoneOffset: '+05:00',
    action: 'OBSERVE',
    bizStep: 'inspecting',
    epcList: [foreign.transportUnits[0]],
    ...extra,
  });

  beforeAll(async () => {
    t = await startTestApp({}, {}, { caller: 'anonymous' });
    const demo = (await startDemo(t.runtime, { shipments: 120, days: 8, seed: 5, speed: 1 }, () => {}))!;
    await demo.stop();
    await t.runtime.followers.caughtUp();
    const all = (await t.runtime.shipments.list({ limit: 500 })).shipments as unknown as Listed[];
    const corridorCountries = (id?: string) => [...(id ? referenceData().corridors.get(id)?.legs ?? [] : [])].flatMap((l) => [l.from, l.to]).flatMap((loc) => locationById(loc)?.countries ?? []);
    foreign = all.find((s) => !s.countries.includes('KZ') && !corridorCountries(s.corridor).includes('KZ') && (s.references.booking?.length ?? 0) > 0 && s.transportUnits.length > 0)!;
    expect(foreign, 'a demo shipment that never touches Kazakhstan').toBeDefined();
  }, 120_000);
  afterAll(async () => t?.close());

  it("a customs authority's inspection without a location is refused, and reading stays 404", async () => {
    expect((await as('kz-customs', 'GET', `/api/shipments/${encodeURIComponent(foreign.id)}`)).statusCode).toBe(404);
    expect((await as('kz-customs', 'POST', '/epcis/events', inspection({}))).statusCode).toBe(403);
    const booking = { bizTransactionList: [{ type: 'https://ref.gs1.org/cbv/BTT-po', bizTransaction: `https://ns.karvon.org/id/booking/${foreign.references.booking![0]}` }] };
    expect((await as('kz-customs', 'POST', '/epcis/events', inspection(booking))).statusCode).toBe(403);
    expect((await as('kz-customs', 'GET', `/api/shipments/${encodeURIComponent(foreign.id)}`)).statusCode).toBe(404);
  });

  it('an inspection at a Kazakh crossing is recorded, but does not open the shipment to the inspector', async () => {
    const atKhorgos = { readPoint: { id: locationById('khorgos')!.sgln } };
    const booking = { bizTransactionList: [{ type: 'https://ref.gs1.org/cbv/BTT-po', bizTransaction: `https://ns.karvon.org/id/booking/${foreign.references.booking![0]}` }] };
    const captured = await as('kz-customs', 'POST', '/epcis/events', inspection({ ...atKhorgos, ...booking }));
    expect(captured.statusCode).toBe(201);
    await t.runtime.followers.caughtUp();
    expect((await as('kz-customs', 'GET', `/api/shipments/${encodeURIComponent(foreign.id)}`)).statusCode).toBe(404);
    // Its own event it sees; none of the shipment's others.
    const events = await as('kz-customs', 'GET', `/epcis/events?MATCH_epc=${encodeURIComponent(foreign.transportUnits[0]!)}`);
    const list = (events.json() as { epcisBody: { queryResults: { resultsBody: { eventList: { eventID: string }[] } } } }).epcisBody.queryResults.resultsBody.eventList;
    expect(list.map((e) => e.eventID)).toEqual([captured.headers.location!.toString().split('/').pop()!].map(decodeURIComponent));
  });

  it('a port operator that records goods at its own port does not come to see their shipment', async () => {
    const atAktau = { readPoint: { id: locationById('aktau-port')!.sgln }, bizStep: 'arriving' };
    expect((await as('kz-port-aktau', 'POST', '/epcis/events', inspection(atAktau))).statusCode).toBe(201);
    await t.runtime.followers.caughtUp();
    expect((await as('kz-port-aktau', 'GET', `/api/shipments/${encodeURIComponent(foreign.id)}`)).statusCode).toBe(404);
  });

  it('answers a capture about a foreign container exactly as one about a container nobody knows', async () => {
    const claim = (unit: string) => ({
      ...inspection({}),
      epcList: [unit],
      bizStep: 'departing',
      sourceList: [{ type: 'owning_party', source: 'urn:epc:id:pgln:4870001.00501' }],
    });
    const body = `QQQU${'123456'}`;
    const unknownUnit = `https://ns.karvon.org/id/container/${body}${iso6346CheckDigit(body)}`;
    const known = await as('kz-forwarder-almaty', 'POST', '/epcis/events', claim(foreign.transportUnits[0]!));
    const unknown = await as('kz-forwarder-almaty', 'POST', '/epcis/events', claim(unknownUnit));
    expect(known.statusCode).toBe(403);
    expect(unknown.json()).toEqual(known.json());
  });

  it('registers a foreign booking number like a new one, as a shipment of the registrant\'s own', async () => {
    const registration = (booking: string, container: string) => ({
      references: [{ kind: 'booking', value: booking }],
      parties: [
        { role: 'consignor', name: 'Almaty Steel LLP', country: 'KZ' },
        { role: 'consignee', name: 'Poti Trading Ltd', country: 'GE' },
      ],
      goods: [{ hsCode: '721049', description: 'galvanised steel sheets', packages: 20, grossKg: 21500 }],
      transportUnits: [{ kind: 'container', id: container }],
      itinerary: [{ mode: 'rail', from: 'almaty', to: 'dostyk', plannedDeparture: '2026-12-10T08:00:00Z', plannedArrival: '2026-12-11T08:00:00Z' }],
    });
    const post = async (booking: string, container: string) =>
      t.app.inject({ method: 'POST', url: '/api/shipments', headers: { cookie: await signIn('kz-forwarder-almaty'), 'content-type': 'application/json' }, payload: JSON.stringify(registration(booking, container)) });
    // The foreign booking with the foreign shipment's container, and a new booking with a new
    // container (the forwarder's own first registration then carries the foreign container on an
    // open shipment of its own, so a second booking for it would rightly be refused).
    const taken = await post(foreign.references.booking![0]!, foreign.transportUnits[0]!.split('/').pop()!);
    const fresh = await post('KRV-BK-NEVER-USED-1', `QQQU654321${iso6346CheckDigit('QQQU654321')}`);
    expect([taken.statusCode, fresh.statusCode]).toEqual([201, 201]);
    // Its own shipment, under the id the number gives (nothing in it tells that the number is in
    // use), holding only its registration: the forwarder never reaches the foreign shipment by it.
    const mine = taken.json() as { id: string };
    const eventsOf = async (organisationId: string, id: string) =>
      ((await as(organisationId, 'GET', `/api/shipments/${encodeURIComponent(id)}/events`)).json() as { epcisBody: { queryResults: { resultsBody: { eventList: { bizStep: string }[] } } } }).epcisBody.queryResults.resultsBody.eventList;
    expect(mine.id).toBe(`booking:${foreign.references.booking![0]}`);
    expect((await eventsOf('kz-forwarder-almaty', mine.id)).map((e) => e.bizStep)).toEqual(['https://ns.karvon.org/epcis/bizstep/shipment_registering']);
    // Whoever sees both (the network operator) opens the shipment that holds the number as its own.
    expect((await eventsOf('karvon-operator', foreign.id)).length).toBeGreaterThan(1);
  });
});
