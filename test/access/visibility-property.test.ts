// The visibility property: for random organisations of every kind and random shipments captured
// through the real API, every read path returns exactly what the policy allows — nothing outside
// canSeeShipment / canSeeEvent (computed here from what the test generated, not from the store),
// and nothing the policy allows is missing. Fixed seed in CI; KARVON_PROPERTY_SEED replays another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrganisationInput } from '../../src/access/access-input.js';
import { ORGANISATION_KINDS, type Organisation } from '../../src/access/model.js';
import { canSeeEvent, canSeeShipment, partyKey, readScopeOf, shipmentAudience, type ReadScope } from '../../src/access/visibility.js';
import { BIZ_TRANSACTION_TYPE, containerIri, documentIri, KARVON_NS } from '../../src/domain/epcis-profile.js';
import type { EpcisEvent } from '../../src/epcis/model.js';
import { toDigitalLink } from '../../src/epcis/identifiers/index.js';
import { normaliseIdentifier } from '../../src/epcis/query/normalise.js';
import { referenceData } from '../../src/reference/index.js';
import { SimRandom } from '../../src/sim/prng.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { uuid } from '../store/corridor-events.js';

const SEED = Number(process.env.KARVON_PROPERTY_SEED ?? 20261130);
const ORGANISATIONS = 24;
const SHIPMENTS = 18;
const reference = referenceData();
// Places with one country, so the country where an event was observed is that place's.
const PLACES = [...reference.locations.values()].filter((l) => l.countries.length === 1).sort((a, b) => a.id.localeCompare(b.id));
const COUNTRIES = [...new Set(PLACES.map((p) => p.countries[0]!))].sort();
const CORRIDORS = [...reference.corridors.values()];
const NETWORK_WIDE = new Set(['secretariat', 'council', 'network-operator']);
const STATISTICS_READERS = new Set(['secretariat', 'council', 'network-operator', 'national-coordinator']);
const BIZ_STEPS = ['departing', 'arriving', 'receiving'];

interface Generated {
  orgs: Organisation[];
  shipments: { id: string; events: { event: EpcisEvent; by: string }[]; audience: string[]; parties: string[] }[];
}

function generate(random: SimRandom): Generated {
  const orgs: Organisation[] = [];
  for (let i = 0; i < ORGANISATIONS; i++) {
    // Every kind at least once, then at random.
    const kind = i < ORGANISATION_KINDS.length ? ORGANISATION_KINDS[i]! : random.pick(ORGANISATION_KINDS);
    const operates = kind === 'port' || kind === 'railway' || (kind === 'carrier' && random.chance(0.5));
    orgs.push({
      id: `org-${i}-${kind}`,
      name: `Organisation ${i}`,
      kind,
      ...(NETWORK_WIDE.has(kind) ? {} : { country: random.pick(COUNTRIES) }),
      status: 'active',
      partyIds: [`urn:epc:id:pgln:4870001.${String(10000 + i)}`],
      locations: operates ? [random.pick(PLACES).id, random.pick(PLACES).id] : [],
      createdAt: '2026-01-01T00:00:00Z',
    });
  }
  const capturers = orgs.filter((o) => !NETWORK_WIDE.has(o.kind) && o.kind !== 'national-coordinator');
  const shipments: Generated['shipments'] = [];
  let n = 0;
  for (let s = 0; s < SHIPMENTS; s++) {
    const number = `PROP-${s}`;
    const unit = containerIri(`PRPU${String(s).padStart(6, '0')}0`);
    const corridor = random.chance(0.3) ? random.pick(CORRIDORS) : undefined;
    const events: Generated['shipments'][number]['events'] = [];
    const parties: string[] = [];
    const countries = new Set<string>();
    for (const leg of corridor?.legs ?? []) for (const id of [leg.from, leg.to]) for (const c of reference.locations.get(id)?.countries ?? []) countries.add(c);
    const eventCount = 1 + random.int(3);
    for (let e = 0; e < eventCount; e++) {
      // The first event opens the shipment; later ones come from organisations allowed to capture
      // about it: customs, an operator at its own place, or one that sees the shipment already
      // (naming oneself as a party does not open someone else's shipment).
      const soFar = shipmentAudience({ capturedBy: events.map((x) => x.by), parties, countries: [...countries] });
      const allowed = (o: Organisation) =>
        e === 0 || o.kind === 'customs-authority' || o.locations.length > 0 || canSeeShipment(readScopeOf({ via: 'api-key', organisation: o, scopes: ['read'] }), soFar);
      const by = random.pick(capturers.filter(allowed));
      // Where and in whose name, so that `by` may capture it: customs anywhere, an operator at its
      // own place, anybody else only in an event that names it as a party.
      const place = by.kind === 'customs-authority' || by.locations.length === 0 ? random.pick(PLACES) : reference.locations.get(random.pick(by.locations))!;
      const named = by.kind !== 'customs-authority' && by.locations.length === 0;
      const destinations = named ? [{ type: 'owning_party', destination: by.partyIds[0]! }] : [];
      // Now and then another organisation is named too, in the Digital Link spelling of its id.
      const other = random.chance(0.3) ? random.pick(orgs) : undefined;
      const sources = other ? [{ type: 'urn:epcglobal:cbv:sdt:possessing_party', source: toDigitalLink(other.partyIds[0]!) }] : [];
      for (const p of [...destinations.map((d) => d.destination), ...sources.map((x) => x.source)]) parties.push(p);
      countries.add(place.countries[0]!);
      const event: EpcisEvent = {
        '@context': { krv: KARVON_NS },
        type: 'ObjectEvent',
        eventID: uuid(++n, SEED),
        eventTime: new Date(Date.UTC(2026, 2, 1 + s, e * 3)).toISOString(),
        eventTimeZoneOffset: '+00:00',
        action: 'OBSERVE',
        epcList: [unit],
        bizStep: random.pick(BIZ_STEPS),
        readPoint: { id: place.sgln },
        bizTransactionList: [{ type: BIZ_TRANSACTION_TYPE.smgs, bizTransaction: documentIri('smgs', number) }],
        ...(sources.length ? { sourceList: sources } : {}),
        ...(destinations.length ? { destinationList: destinations } : {}),
        ...(corridor ? { 'krv:corridor': corridor.id } : {}),
      };
      events.push({ event, by: by.id });
    }
    shipments.push({
      id: `smgs:${number}`,
      events,
      parties,
      audience: shipmentAudience({ capturedBy: events.map((e) => e.by), parties, countries: [...countries] }),
    });
  }
  return { orgs, shipments };
}

describe(`visibility property (seed ${SEED})`, () => {
  const random = new SimRandom(SEED);
  const world = generate(random);
  const keys = new Map<string, string>();
  let t: TestApp;

  const as = (org: Organisation) => ({ authorization: `Bearer ${keys.get(org.id)}` });
  const scopeOf = (org: Organisation): ReadScope => readScopeOf({ via: 'api-key', organisation: org, scopes: ['read'] });
  const allEvents = world.shipments.flatMap((s) => s.events.map((e) => ({ ...e, shipment: s })));
  const visibleEvents = (org: Organisation) => allEvents.filter((e) => canSeeEvent(scopeOf(org), e.by, [e.shipment.audience])).map((e) => e.event.eventID!).sort();
  const visibleShipments = (org: Organisation) => world.shipments.filter((s) => canSeeShipment(scopeOf(org), s.audience)).map((s) => s.id).sort();
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
      const input: OrganisationInput = { id: org.id, name: org.name, kind: org.kind, ...(org.country ? { country: org.country } : {}), partyIds: org.partyIds, locations: org.locations };
      await t.runtime.access.createOrganisation('cli', input);
      keys.set(org.id, (await t.runtime.access.createApiKey('cli', { organisationId: org.id, name: 'property', scopes: ['read', 'capture'] })).secret);
    }
    const byId = new Map(world.orgs.map((o) => [o.id, o]));
    for (const { event, by } of allEvents) {
      const response = await t.app.inject({ method: 'POST', url: '/epcis/events', headers: { ...as(byId.get(by)!), 'content-type': 'application/ld+json' }, payload: JSON.stringify(event) });
      expect(response.statusCode, `${by} capturing ${event.eventID}: ${response.body}`).toBe(201);
    }
    await t.runtime.shipments.idle();
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
      const places = [...new Set(allEvents.filter((e) => visible.has(e.event.eventID!)).map((e) => normaliseIdentifier(e.event.readPoint!.id)))].sort();
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
        const visible = expected.includes(shipment.id);
        const one = await t.app.inject({ method: 'GET', url: `/api/shipments/${encodeURIComponent(shipment.id)}`, headers: as(org) });
        expect(one.statusCode, `${org.id} GET ${shipment.id}`).toBe(visible ? 200 : 404);
        const events = await t.app.inject({ method: 'GET', url: `/api/shipments/${encodeURIComponent(shipment.id)}/events`, headers: as(org) });
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
      for (const url of ['/epcis/events', `/epcis/events/${encodeURIComponent(allEvents[0]!.event.eventID!)}`, '/epcis/epcs', '/epcis/eventTypes/ObjectEvent/events', '/epcis/queries/property-departures/events', '/api/shipments', '/api/shipments/search?q=PROP', `/api/shipments/${encodeURIComponent(world.shipments[0]!.id)}`]) {
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
      const visible = canSeeShipment(scopeOf(org), shipment.audience);
      const own = new Set([`org:${org.id}`, ...org.partyIds.map(partyKey)]);
      const party = shipment.audience.some((k) => own.has(k));
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/shipments/${encodeURIComponent(shipment.id)}/public-links`,
        headers: { ...as(org), 'content-type': 'application/json' },
        payload: '{"expiresInHours": 1}',
      });
      expect(response.statusCode, `${org.id} link for ${shipment.id}`).toBe(!visible ? 404 : party ? 201 : 403);
      if (response.statusCode !== 201) continue;
      const page = await t.app.inject({ method: 'GET', url: (response.json() as { url: string }).url });
      expect(page.statusCode).toBe(200);
      expect(Object.keys(page.json() as object).sort()).toEqual(['eta', 'lastLocation', 'lastSeenAt', 'status']);
      expect(page.body).not.toMatch(/PROP|PRPU|org-\d|pgln/);
    }
  });
});
