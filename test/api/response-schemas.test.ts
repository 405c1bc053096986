// Response schemas serialise the answers (fast-json-stringify drops what a schema does not name), so
// they must describe the real payloads: these tests compare answers byte for byte with the objects
// the read model and the reference data hold, and check the answers against the declared schemas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Value } from 'typebox/value';
import { containerIri, KARVON_NS } from '../../src/domain/epcis-profile.js';
import type { EpcisEvent } from '../../src/epcis/model.js';
import type { ShipmentSnapshot } from '../../src/projections/shipment-state.js';
import { referenceData } from '../../src/reference/index.js';
import {
  CREATE_KEY_SCHEMA, CREATE_USER_SCHEMA, GET_ORGANISATION_SCHEMA, LIST_KEYS_SCHEMA, LIST_ORGANISATIONS_SCHEMA, LIST_USERS_SCHEMA, ME_SCHEMA, SIGN_IN_SCHEMA,
} from '../../src/api/routes/access.schemas.js';
import { REFERENCE_SCHEMAS } from '../../src/api/routes/reference.schemas.js';
import { ShipmentDetailSchema } from '../../src/api/routes/shipments.schemas.js';
import { LIST_SHIPMENTS_SCHEMA, SEARCH_SHIPMENTS_SCHEMA, ShipmentListItemSchema } from '../../src/api/routes/shipment-lists.schemas.js';
import { trip } from '../projections/profile-events.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;

/** What a value breaks of a schema, as messages (none when it conforms). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any TypeBox schema
const schemaErrors = (schema: any, value: unknown) => [...Value.Errors(schema, value)].map((e) => JSON.stringify(e));
beforeAll(async () => {
  t = await startTestApp();
  const events: EpcisEvent[] = [...trip('urn:uuid:00000000-0000-4000-8000-0000000001'), ...trip('urn:uuid:00000000-0000-4000-8000-0000000002', '80000001', '25KZ551100T0047121', containerIri('TGHU8765436'), 5).slice(0, 6)];
  const payload = JSON.stringify({
    '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld', { krv: KARVON_NS }],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: '2026-01-01T00:00:00Z',
    epcisBody: { eventList: events },
  });
  const response = await t.app.inject({ method: 'POST', url: '/epcis/capture', payload, headers: { 'content-type': 'application/ld+json' } });
  expect(response.statusCode, response.body).toBe(202);
  await t.runtime.capture.idle();
  await t.runtime.followers.caughtUp();
});
afterAll(async () => t?.close());

/** Where two texts part, with some context, or '' when they are the same. */
function firstDifference(actual: string, expected: string): string {
  if (actual === expected) return '';
  let i = 0;
  while (actual[i] === expected[i]) i++;
  return `at ${i}: got …${actual.slice(Math.max(0, i - 80), i + 80)}… expected …${expected.slice(Math.max(0, i - 80), i + 80)}…`;
}

/** The summary the API promises, in the order it promises it (as JSON.stringify would write it). */
function summaryOf(s: ShipmentSnapshot) {
  return {
    id: s.id, status: s.status, corridor: s.corridor, mode: s.mode, references: s.references, transportUnits: s.transportUnits,
    lastLocation: s.lastLocation, lastLocationTime: s.lastLocationTime, countries: s.countries, delay: s.delay, departedAt: s.departedAt,
    arrivedAt: s.arrivedAt, deliveredAt: s.deliveredAt, lastEventTime: s.lastEventTime, itinerary: s.itinerary,
  };
}

describe('shipment answers', () => {
  it('lists every shipment with every summary field and where it stands now, byte for byte', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/shipments' });
    expect(response.statusCode).toBe(200);
    const ids = (response.json().shipments as { id: string }[]).map((s) => s.id);
    expect(ids.length).toBe(2);
    const snapshots = await Promise.all(ids.map(async (id) => (await t.runtime.shipments.get(id))!));
    // How long the goods have waited and when they are expected at their destination count from
    // now: compared apart from the rest.
    const listed = (s: ShipmentSnapshot) => ({
      ...summaryOf(s),
      atLocation: s.current?.locationId, since: s.current?.since, inCountry: s.current?.country,
    });
    const { shipments, ...rest } = response.json() as { shipments: Record<string, unknown>[] };
    const estimates = await Promise.all(ids.map((id) => t.runtime.shipments.estimate(id)));
    const shown = shipments.map(({ waitingHours, arrival, ...item }, i) => {
      if (item.since !== undefined) expect(waitingHours).toBeGreaterThan(0);
      const destination = estimates[i]?.arrival;
      expect((arrival as { locationId?: string } | undefined)?.locationId).toBe(destination?.locationId);
      if (destination) expect(Object.keys(arrival as object)).toEqual(Object.keys(destination));
      return item;
    });
    expect(estimates.some((e) => e?.arrival !== undefined)).toBe(true);
    expect(firstDifference(JSON.stringify({ shipments: shown, ...rest }), JSON.stringify({ shipments: snapshots.map(listed), total: 2, totalIsLowerBound: false }))).toBe('');
    expect(snapshots.some((s) => s.current?.locationId !== undefined)).toBe(true);
    for (const shipment of response.json().shipments) expect(schemaErrors(ShipmentListItemSchema, shipment)).toEqual([]);
    expect(schemaErrors(LIST_SHIPMENTS_SCHEMA.response[200], response.json())).toEqual([]);
  });

  it('finds a shipment by part of its container number, each result with its arrival range at the destination', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/shipments/search?q=U876543' });
    expect(response.statusCode).toBe(200);
    const found = response.json().shipments as { id: string; arrival?: { locationId: string } }[];
    expect(found.length).toBe(1);
    const estimate = await t.runtime.shipments.estimate(found[0]!.id);
    expect(estimate?.arrival).toBeDefined();
    expect(found[0]!.arrival?.locationId).toBe(estimate?.arrival?.locationId);
    expect(schemaErrors(SEARCH_SHIPMENTS_SCHEMA.response[200], response.json())).toEqual([]);
  });

  it('shows one shipment with its position, transit steps, holds, timeline and ETA, byte for byte', async () => {
    const ids = ((await t.app.inject({ method: 'GET', url: '/api/shipments' })).json().shipments as { id: string }[]).map((s) => s.id);
    for (const id of ids) {
      const response = await t.app.inject({ method: 'GET', url: `/api/shipments/${encodeURIComponent(id)}` });
      expect(response.statusCode).toBe(200);
      const s = (await t.runtime.shipments.get(id))!;
      const eta = (await t.runtime.shipments.estimateFor(s, new Date())) ?? null;
      const expected = { ...summaryOf(s), position: s.position, legProgress: s.legProgress, transit: s.transit, holds: s.holds, timeline: s.timeline, eta };
      // The ETA counts from now: compare it apart from the rest, without its clock-bound `from`.
      const { eta: shownEta, ...shown } = response.json();
      const { eta: _eta, ...rest } = expected;
      expect(firstDifference(JSON.stringify(shown), JSON.stringify(rest))).toBe('');
      expect(shownEta === null).toBe(eta === null);
      if (eta) expect(Object.keys(shownEta)).toEqual(Object.keys(JSON.parse(JSON.stringify(eta))));
      expect(schemaErrors(ShipmentDetailSchema, response.json())).toEqual([]);
      expect(s.timeline.length).toBeGreaterThan(0);
    }
  });
});

describe('reference answers', () => {
  const data = referenceData();
  const list = <T>(values: Iterable<T>) => {
    const items = [...values];
    return { count: items.length, items };
  };
  const khorgos = data.locations.get('khorgos')!;
  const corridor = [...data.corridors.values()][0]!;
  const cases: [string, unknown, (typeof REFERENCE_SCHEMAS)[keyof typeof REFERENCE_SCHEMAS]][] = [
    ['/api/reference/countries', list(data.countries.values()), REFERENCE_SCHEMAS.countries],
    ['/api/reference/countries/kz', data.countries.get('KZ'), REFERENCE_SCHEMAS.country],
    ['/api/reference/locations', list(data.locations.values()), REFERENCE_SCHEMAS.locations],
    ['/api/reference/locations/khorgos', khorgos, REFERENCE_SCHEMAS.location],
    ['/api/reference/customs-offices', list(data.customsOffices.values()), REFERENCE_SCHEMAS.customsOffices],
    [`/api/reference/corridors/${corridor.id}`, corridor, REFERENCE_SCHEMAS.corridor],
    ['/api/reference/timing', list(data.timing.values()), REFERENCE_SCHEMAS.timing],
  ];

  it.each(cases)('%s is the data as built, and what its schema says', async (url, expected, schema) => {
    const response = await t.app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(JSON.stringify(expected));
    expect(schemaErrors(schema.response[200], response.json())).toEqual([]);
  });

  it('/api/reference/corridors is what its schema says', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/reference/corridors' });
    expect(schemaErrors(REFERENCE_SCHEMAS.corridors.response[200], response.json())).toEqual([]);
    expect(response.json().count).toBe(data.corridors.size);
  });
});

describe('access answers', () => {
  it('are what their schemas say: who I am, organisations, users and keys', async () => {
    await t.runtime.access.createOrganisation('cli', { id: 'kz-rail', name: 'KTZ Express', kind: 'carrier', country: 'KZ', locations: ['dostyk'], partyIds: ['urn:epc:id:pgln:4870001.00701'] });
    const user = await t.app.inject({ method: 'POST', url: '/api/organisations/kz-rail/users', headers: { 'content-type': 'application/json' }, payload: { email: 'aigerim@rail.kz', name: 'Aigerim', role: 'operator', password: 'a long passphrase' } });
    expect(user.statusCode, user.body).toBe(201);
    const key = await t.app.inject({ method: 'POST', url: '/api/keys', headers: { 'content-type': 'application/json' }, payload: { organisationId: 'kz-rail', name: 'gate', scopes: ['read'] } });
    expect(key.statusCode, key.body).toBe(201);
    const cases: [string, string, { response: Record<number, unknown> }][] = [
      ['GET', '/api/auth/me', ME_SCHEMA],
      ['GET', '/api/organisations', LIST_ORGANISATIONS_SCHEMA],
      ['GET', '/api/organisations/kz-rail', GET_ORGANISATION_SCHEMA],
      ['GET', '/api/organisations/kz-rail/users', LIST_USERS_SCHEMA],
      ['GET', '/api/keys?organisation=kz-rail', LIST_KEYS_SCHEMA],
    ];
    for (const [method, url, schema] of cases) {
      const response = await t.app.inject({ method: method as 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(schemaErrors(schema.response[200], response.json()), url).toEqual([]);
    }
    expect(schemaErrors(CREATE_USER_SCHEMA.response[201], user.json())).toEqual([]);
    expect(schemaErrors(CREATE_KEY_SCHEMA.response[201], key.json())).toEqual([]);
    const signIn = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: { 'content-type': 'application/json' }, payload: { email: 'aigerim@rail.kz', password: 'a long passphrase' } });
    expect(signIn.statusCode, signIn.body).toBe(200);
    expect(schemaErrors(SIGN_IN_SCHEMA.response[200], signIn.json())).toEqual([]);
    expect(signIn.json().user.email).toBe('aigerim@rail.kz');
  });
});
