// What customs need at a crossing (issue 11): what stands at a post now and how long it has waited,
// what is coming to it (registered itineraries included) soonest first with an arrival range, which
// goods are in a country now; totals and cursors on lists and search; bad parameters named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactExtensionField, containerIri, KARVON_NS } from '../../src/domain/epcis-profile.js';
import type { EpcisEvent } from '../../src/epcis/model.js';
import { doc, movement } from '../projections/profile-events.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const H = 3_600_000;
const NOW = Date.now();
const at = (hours: number) => new Date(NOW + hours * H).toISOString();

/** A truck registered Almaty → Saryagash–Keles → Tashkent, leaving `departH` hours from now; no corridor. */
function viaSaryagash(booking: string, container: string, departH: number) {
  return {
    references: [{ kind: 'booking', value: booking }],
    parties: [
      { role: 'consignor', name: 'Almaty Steel LLP', country: 'KZ' },
      { role: 'consignee', name: 'Tashkent Build LLC', country: 'UZ' },
    ],
    goods: [{ hsCode: '721049', description: 'galvanised steel sheets', packages: 20, grossKg: 21500 }],
    transportUnits: [{ kind: 'container', id: container }],
    itinerary: [
      { mode: 'road', from: 'almaty', to: 'saryagash-keles', plannedDeparture: at(departH), plannedArrival: at(departH + 10) },
      { mode: 'road', from: 'saryagash-keles', to: 'tashkent', plannedDeparture: at(departH + 16), plannedArrival: at(departH + 18) },
    ],
  };
}

const TRUCKS = [
  { booking: 'BK-CROSS-A', container: 'CSQU3054383', departH: 30 },
  { booking: 'BK-CROSS-B', container: 'MSKU1234565', departH: 2 },
  { booking: 'BK-CROSS-C', container: 'TGHU7654320', departH: 72 },
];

/** A movement step of one registered truck, as a trusted recorder captures it (no corridor). */
function step(kind: Parameters<typeof movement>[0], truck: (typeof TRUCKS)[number], n: number, hours: number, place: string, country: string): EpcisEvent {
  const event = movement(kind, {
    id: `urn:uuid:00000000-0000-4000-8000-0000000011${String(n).padStart(2, '0')}`,
    time: at(hours),
    at: place,
    docs: [doc.booking(truck.booking)],
    units: [containerIri(truck.container)],
    fields: { country, transportMode: 'road' },
  });
  delete event[compactExtensionField('corridor')];
  return event;
}

/** What the tests read of a list item (the schema is checked in response-schemas.test.ts). */
interface ListItem {
  id: string;
  atLocation?: string;
  since?: string;
  waitingHours: number;
  inCountry?: string;
  expectedArrival: { locationId: string; earliest: string; likely: string; latest: string; basis: string };
}

let t: TestApp;
const keys: Record<string, string> = {};
const as = (org: string) => ({ authorization: `Bearer ${keys[org]}` });
const get = async (org: string, url: string) => {
  const response = await t.app.inject({ method: 'GET', url, headers: as(org) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { shipments: ListItem[]; total: number; totalIsLowerBound: boolean; nextCursor?: string };
};
const ids = (page: { shipments: { id: string }[] }) => page.shipments.map((s) => s.id);

async function capture(events: EpcisEvent[]): Promise<void> {
  const payload = JSON.stringify({
    '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld', { krv: KARVON_NS }],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: new Date(NOW).toISOString(),
    epcisBody: { eventList: events.map(({ '@context': _context, ...rest }) => rest) },
  });
  const response = await t.app.inject({ method: 'POST', url: '/epcis/capture', payload, headers: { 'content-type': 'application/ld+json' } });
  expect(response.statusCode, response.body).toBe(202);
  await t.runtime.capture.idle();
  await t.runtime.followers.caughtUp();
}

beforeAll(async () => {
  t = await startTestApp();
  for (const country of ['KZ', 'UZ', 'GE']) {
    const id = `${country.toLowerCase()}-customs`;
    await t.runtime.access.createOrganisation('cli', { id, name: `${country} customs`, kind: 'customs-authority', country });
    keys[id] = (await t.runtime.access.createApiKey('cli', { organisationId: id, name: 'test', scopes: ['read'] })).secret;
  }
  for (const truck of TRUCKS) {
    const response = await t.app.inject({
      method: 'POST', url: '/api/shipments', headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(viaSaryagash(truck.booking, truck.container, truck.departH)),
    });
    expect(response.statusCode, response.body).toBe(201);
  }
  await t.runtime.followers.caughtUp();
});
afterAll(async () => t?.close());

describe('coming to a crossing', () => {
  it('shows registered shipments whose itinerary passes the crossing to the customs of both sides, soonest first, with a range', async () => {
    for (const org of ['kz-customs', 'uz-customs']) {
      const coming = await get(org, '/api/shipments?crossing=saryagash-keles');
      expect(ids(coming)).toEqual(['booking:BK-CROSS-B', 'booking:BK-CROSS-A', 'booking:BK-CROSS-C']);
      expect(coming.total).toBe(3);
      expect(coming.totalIsLowerBound).toBe(false);
      for (const [i, shipment] of coming.shipments.entries()) {
        const eta = shipment.expectedArrival;
        expect(eta.locationId).toBe('saryagash-keles');
        expect(eta.basis).toBe('registered plan');
        expect(Date.parse(eta.earliest)).toBeLessThanOrEqual(Date.parse(eta.likely));
        expect(Date.parse(eta.likely)).toBeLessThanOrEqual(Date.parse(eta.latest));
        // The plan's arrival at the crossing is the likely one.
        expect(Date.parse(eta.likely)).toBe(Date.parse(at([2, 30, 72][i]! + 10)));
      }
    }
    const elsewhere = await get('ge-customs', '/api/shipments?crossing=saryagash-keles');
    expect(elsewhere.shipments).toEqual([]);
    expect(elsewhere.total).toBe(0);
  });

  it('pages by expected arrival with a cursor that carries on where the page ended', async () => {
    const seen: string[] = [];
    let url = '/api/shipments?crossing=saryagash-keles&limit=1';
    for (let i = 0; i < 5; i++) {
      const page = await get('kz-customs', url);
      expect(page.total).toBe(3);
      seen.push(...ids(page));
      if (!page.nextCursor) break;
      url = `/api/shipments?crossing=saryagash-keles&limit=1&cursor=${page.nextCursor}`;
    }
    expect(seen).toEqual(['booking:BK-CROSS-B', 'booking:BK-CROSS-A', 'booking:BK-CROSS-C']);
  });
});

describe('at a crossing now, and in a country now', () => {
  beforeAll(async () => {
    const [a, b] = TRUCKS;
    await capture([
      step('departed', a!, 1, -30, 'almaty', 'KZ'),
      step('arrived-at-border', a!, 2, -20, 'saryagash-keles', 'KZ'),
      step('departed', b!, 3, -12, 'almaty', 'KZ'),
      step('arrived-at-border', b!, 4, -3, 'saryagash-keles', 'KZ'),
    ]);
  });

  it('lists what stands at the post, longest waiting first, with since and hours waited; it is no longer coming there', async () => {
    const here = await get('kz-customs', '/api/shipments?at=saryagash-keles');
    expect(ids(here)).toEqual(['booking:BK-CROSS-A', 'booking:BK-CROSS-B']);
    expect(here.total).toBe(2);
    expect(here.shipments.map((s) => [s.atLocation, s.since, s.inCountry])).toEqual([
      ['saryagash-keles', at(-20), 'KZ'],
      ['saryagash-keles', at(-3), 'KZ'],
    ]);
    expect(here.shipments[0]!.waitingHours).toBeCloseTo(20, 0);
    expect(here.shipments[1]!.waitingHours).toBeCloseTo(3, 0);
    expect(Number.isInteger(here.shipments[1]!.waitingHours * 10)).toBe(true);
    expect(ids(await get('kz-customs', '/api/shipments?crossing=saryagash-keles'))).toEqual(['booking:BK-CROSS-C']);
    // Still coming to Tashkent, the next stop of their plan, in the order the plan has them there.
    const toTashkent = await get('uz-customs', '/api/shipments?crossing=tashkent');
    expect(ids(toTashkent)).toEqual(['booking:BK-CROSS-B', 'booking:BK-CROSS-A', 'booking:BK-CROSS-C']);
    expect(toTashkent.shipments[0]!.expectedArrival.likely).toBe(at(2 + 18));
    expect((await get('ge-customs', '/api/shipments?at=saryagash-keles')).total).toBe(0);
  });

  it('moves goods that crossed into the country on the far side, and off the post', async () => {
    const kzBefore = await get('kz-customs', '/api/shipments?in=KZ');
    expect(ids(kzBefore).sort()).toEqual(['booking:BK-CROSS-A', 'booking:BK-CROSS-B']);
    await capture([step('border-passed', TRUCKS[0]!, 5, -1, 'saryagash-keles', 'UZ')]);
    expect(ids(await get('kz-customs', '/api/shipments?at=saryagash-keles'))).toEqual(['booking:BK-CROSS-B']);
    expect(ids(await get('kz-customs', '/api/shipments?in=kz'))).toEqual(['booking:BK-CROSS-B']);
    const inUz = await get('uz-customs', '/api/shipments?in=UZ');
    expect(ids(inUz)).toEqual(['booking:BK-CROSS-A']);
    expect(inUz.shipments[0]!.atLocation).toBeUndefined();
    // "Has been in" is another question: every event counts, so the truck only registered to leave
    // Almaty is there too, and the one now in Uzbekistan.
    expect((await get('kz-customs', '/api/shipments?country=KZ')).total).toBe(3);
    // Combined with the other filters.
    expect(ids(await get('kz-customs', '/api/shipments?at=saryagash-keles&status=at-border&in=KZ'))).toEqual(['booking:BK-CROSS-B']);
    expect((await get('kz-customs', '/api/shipments?at=saryagash-keles&status=planned')).total).toBe(0);
  });
});

describe('totals and search paging', () => {
  it('counts every list and pages a search with a cursor', async () => {
    const all = await get('kz-customs', '/api/shipments?limit=1');
    expect(all.total).toBe(3);
    expect(all.nextCursor).toBeDefined();
    const seen: string[] = [];
    let url = '/api/shipments/search?q=BK-CROSS&limit=2';
    for (let i = 0; i < 5; i++) {
      const page = await get('kz-customs', url);
      expect(page.total).toBe(3);
      expect(page.totalIsLowerBound).toBe(false);
      seen.push(...ids(page));
      if (!page.nextCursor) break;
      url = `/api/shipments/search?q=BK-CROSS&limit=2&cursor=${page.nextCursor}`;
    }
    expect(seen.sort()).toEqual(['booking:BK-CROSS-A', 'booking:BK-CROSS-B', 'booking:BK-CROSS-C']);
    expect((await get('ge-customs', '/api/shipments/search?q=BK-CROSS')).total).toBe(0);
  });
});

describe('bad parameters', () => {
  it.each([
    ['/api/shipments?at=atlantis', "at must be a location id of /api/reference/locations, got 'atlantis'"],
    ['/api/shipments?crossing=atlantis', "crossing must be a location id of /api/reference/locations, got 'atlantis'"],
    ['/api/shipments?in=ZZ', "in must be an ISO 3166-1 alpha-2 country code such as KZ, got 'ZZ'"],
    ['/api/shipments?in=Kazakhstan', "in must be an ISO 3166-1 alpha-2 country code such as KZ, got 'Kazakhstan'"],
    ['/api/shipments?country=XX', "country must be an ISO 3166-1 alpha-2 country code such as KZ, got 'XX'"],
  ])('%s is a 400 naming the parameter', async (url, detail) => {
    const response = await t.app.inject({ method: 'GET', url, headers: as('kz-customs') });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('KRV_QUERY_PARAMETER');
    expect(response.json().detail).toBe(detail);
  });

  it('refuses a cursor of a list in another order', async () => {
    const byActivity = await get('kz-customs', '/api/shipments?limit=1');
    const response = await t.app.inject({ method: 'GET', url: `/api/shipments?crossing=tashkent&cursor=${byActivity.nextCursor}`, headers: as('kz-customs') });
    expect(response.statusCode).toBe(400);
    expect(response.json().detail).toContain('cursor is not valid');
  });
});
