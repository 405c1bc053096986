// A shipment's detail shows what the forwarder registered (consignor, consignee, goods, values,
// units, seals, documents) to those the visibility policy lets see it, each to the share its standing
// gives (docs/security.md, "Pre-arrival information"): everything to the registrant, the named
// parties, the customs of the countries on its itinerary and the network operator; units, seals,
// packages and gross mass to the operator of a location on its way; nothing to anyone else, and
// nothing through a public tracking link.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrganisationInput } from '../../src/access/access-input.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const CONSIGNEE_GLN = '4870001007010';

const REGISTRATION = {
  references: [
    { kind: 'booking', value: 'PRE-2026-0001' },
    { kind: 'cmr', value: 'KZ-CMR-778' },
  ],
  parties: [
    { role: 'consignor', name: 'Almaty Steel LLP', country: 'KZ' },
    { role: 'consignee', name: 'Aktau Trading LLP', country: 'KZ', gln: CONSIGNEE_GLN },
  ],
  goods: [
    { hsCode: '721049', description: 'galvanised steel sheets', packages: 20, packageType: 'PX', grossKg: 21500, declaredValue: { amount: 48000, currency: 'USD' } },
    { hsCode: '730890', description: 'steel structures', packages: 4, grossKg: 2500 },
  ],
  transportUnits: [{ kind: 'container', id: 'CSQU3054383', seals: ['KZ0012345'] }],
  itinerary: [
    { mode: 'rail', from: 'almaty', to: 'aktau-port', plannedDeparture: '2026-03-01T08:00:00Z', plannedArrival: '2026-03-05T08:00:00Z' },
  ],
};

const ORGS: OrganisationInput[] = [
  { id: 'kz-forwarder', name: 'Almaty Forwarding', kind: 'forwarder', country: 'KZ' },
  { id: 'kz-consignee', name: 'Aktau Trading', kind: 'shipper', country: 'KZ', partyIds: [CONSIGNEE_GLN] },
  { id: 'kz-customs', name: 'KZ customs', kind: 'customs-authority', country: 'KZ' },
  { id: 'aktau-port-operator', name: 'Aktau port', kind: 'port', country: 'KZ', locations: ['aktau-port'] },
  { id: 'uz-customs', name: 'UZ customs', kind: 'customs-authority', country: 'UZ' },
  { id: 'kz-rival', name: 'Rival Forwarding', kind: 'forwarder', country: 'KZ' },
  { id: 'secretariat', name: 'Secretariat', kind: 'secretariat' },
];

describe('GET /api/shipments/{id}: pre-arrival information per audience', () => {
  let t: TestApp;
  let id: string;
  const keys: Record<string, string> = {};
  const as = (org: string) => ({ authorization: `Bearer ${keys[org]}` });
  const detail = (org?: string) => t.app.inject({ method: 'GET', url: `/api/shipments/${encodeURIComponent(id)}`, headers: org ? as(org) : {} });

  beforeAll(async () => {
    t = await startTestApp();
    for (const org of ORGS) {
      await t.runtime.access.createOrganisation('cli', org);
      keys[org.id] = (await t.runtime.access.createApiKey('cli', { organisationId: org.id, name: 'test', scopes: ['read', 'capture'] })).secret;
    }
    const registered = await t.app.inject({
      method: 'POST', url: '/api/shipments', payload: JSON.stringify(REGISTRATION), headers: { 'content-type': 'application/json', ...as('kz-forwarder') },
    });
    expect(registered.statusCode, registered.body).toBe(201);
    id = registered.json().id;
  });
  afterAll(async () => t?.close());

  const FULL = {
    access: 'full',
    transportUnits: [{ kind: 'container', id: 'CSQU3054383', seals: ['KZ0012345'] }],
    totals: { packages: 24, grossKg: 24000 },
    references: REGISTRATION.references,
    parties: REGISTRATION.parties,
    goods: REGISTRATION.goods,
  };

  for (const [who, why] of [
    ['kz-forwarder', 'the registrant'],
    ['kz-consignee', 'a party the registration names'],
    ['kz-customs', 'the customs of a country on the itinerary'],
    [undefined, 'the network operator'],
  ] as const) {
    it(`shows everything registered to ${why}`, async () => {
      const response = await detail(who);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().preArrival).toEqual(FULL);
    });
  }

  it('shows the operator of a location on the itinerary the units, seals, packages and gross mass only', async () => {
    const response = await detail('aktau-port-operator');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().preArrival).toEqual({
      access: 'handling',
      transportUnits: [{ kind: 'container', id: 'CSQU3054383', seals: ['KZ0012345'] }],
      totals: { packages: 24, grossKg: 24000 },
    });
    for (const secret of ['Almaty Steel', 'Aktau Trading', '721049', '48000', 'galvanised']) expect(response.body).not.toContain(secret);
  });

  it('shows nothing to those who do not see the shipment, and refuses the secretariat', async () => {
    for (const org of ['uz-customs', 'kz-rival']) {
      const response = await detail(org);
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain('Almaty Steel');
    }
    const secretariat = await detail('secretariat');
    expect(secretariat.statusCode).toBe(403);
    expect(secretariat.body).not.toContain('Almaty Steel');
  });

  it('does not expose it through a public tracking link', async () => {
    const link = await t.app.inject({
      method: 'POST', url: `/api/shipments/${encodeURIComponent(id)}/public-links`, payload: '{}', headers: { 'content-type': 'application/json', ...as('kz-forwarder') },
    });
    expect(link.statusCode, link.body).toBe(201);
    const tracked = await t.app.inject({ method: 'GET', url: link.json().url });
    expect(tracked.statusCode, tracked.body).toBe(200);
    expect(tracked.json().preArrival).toBeUndefined();
    for (const secret of ['Almaty Steel', 'Aktau Trading', '721049', 'KZ0012345', 'PRE-2026-0001']) expect(tracked.body).not.toContain(secret);
  });

  describe('the raw registration event (krv:registration) is cut the same way wherever events are read', () => {
    const REGISTERING = 'https://ns.karvon.org/epcis/bizstep/shipment_registering';
    // The booking and CMR numbers stay: they are the event's own bizTransactionList (how the shipment is found), not the registration.
    const SECRETS = ['Almaty Steel', 'Aktau Trading', '721049', '48000', 'galvanised'];
    const shipmentEvents = (org?: string, accept?: string) =>
      t.app.inject({ method: 'GET', url: `/api/shipments/${encodeURIComponent(id)}/events`, headers: { ...(org ? as(org) : {}), ...(accept ? { accept } : {}) } });
    const queried = (org?: string, accept?: string) =>
      t.app.inject({ method: 'GET', url: `/epcis/events?EQ_bizStep=${encodeURIComponent(REGISTERING)}`, headers: { ...(org ? as(org) : {}), ...(accept ? { accept } : {}) } });
    const registrationOf = (body: string) => {
      const events = JSON.parse(body).epcisBody.queryResults.resultsBody.eventList as Record<string, unknown>[];
      const registering = events.filter((e) => e.bizStep === REGISTERING);
      expect(registering).toHaveLength(1);
      return registering[0]!['krv:registration'];
    };

    for (const [name, read] of [['GET /api/shipments/{id}/events', shipmentEvents], ['GET /epcis/events?EQ_bizStep=<registering>', queried]] as const) {
      it(`${name}: the operator of a location on the way gets units, seals and totals only`, async () => {
        const response = await read('aktau-port-operator');
        expect(response.statusCode, response.body).toBe(200);
        expect(registrationOf(response.body)).toEqual({
          access: 'handling',
          transportUnits: [{ kind: 'container', id: 'CSQU3054383', seals: ['KZ0012345'] }],
          totals: { packages: 24, grossKg: 24000 },
        });
        for (const secret of SECRETS) expect(response.body).not.toContain(secret);
      });

      it(`${name}: the registrant, a named party, customs and the network operator get it whole`, async () => {
        for (const who of ['kz-forwarder', 'kz-consignee', 'kz-customs', undefined]) {
          const response = await read(who);
          expect(response.statusCode, response.body).toBe(200);
          expect(registrationOf(response.body)).toMatchObject({ parties: REGISTRATION.parties, goods: REGISTRATION.goods, transportUnits: REGISTRATION.transportUnits });
        }
      });

      it(`${name}: in XML too`, async () => {
        const cut = await read('aktau-port-operator', 'application/xml');
        expect(cut.statusCode, cut.body).toBe(200);
        expect(cut.body).toContain('CSQU3054383');
        expect(cut.body).toContain('KZ0012345');
        for (const secret of SECRETS) expect(cut.body).not.toContain(secret);
        const whole = await read('kz-customs', 'application/xml');
        expect(whole.statusCode, whole.body).toBe(200);
        for (const secret of SECRETS) expect(whole.body).toContain(secret);
      });
    }

    it('GET /epcis/events/{eventID}: cut for the operator of a location, whole for the registrant', async () => {
      const listed = JSON.parse((await queried('kz-forwarder')).body).epcisBody.queryResults.resultsBody.eventList as { eventID: string }[];
      const url = `/epcis/events/${encodeURIComponent(listed[0]!.eventID)}`;
      const cut = await t.app.inject({ method: 'GET', url, headers: as('aktau-port-operator') });
      expect(cut.statusCode, cut.body).toBe(200);
      expect(cut.json()['krv:registration']).toEqual({ access: 'handling', transportUnits: [{ kind: 'container', id: 'CSQU3054383', seals: ['KZ0012345'] }], totals: { packages: 24, grossKg: 24000 } });
      expect(cut.json().eventID).toBe(listed[0]!.eventID);
      const whole = await t.app.inject({ method: 'GET', url, headers: as('kz-forwarder') });
      expect(whole.json()['krv:registration']).toMatchObject({ parties: REGISTRATION.parties });
    });
  });

  it('shows no pre-arrival section for a shipment not registered through Karvon', async () => {
    const { trip } = await import('../projections/profile-events.js');
    await t.runtime.capture.captureDocument(
      { namespaces: { krv: 'https://ns.karvon.org/epcis/' }, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: new Date().toISOString(), events: trip('urn:uuid:6f1d2c3e-0000-4000-8000-0000000000', '70055501').slice(0, 2) },
      { binding: 'json', errorBehaviour: 'rollback' },
    );
    await t.runtime.followers.caughtUp();
    const response = await t.app.inject({ method: 'GET', url: '/api/shipments/smgs:70055501' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).not.toHaveProperty('preArrival');
  });
});
