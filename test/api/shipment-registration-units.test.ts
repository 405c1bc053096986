// A transport unit on an open shipment cannot silently join a second registration: the second
// registration is refused with 409 naming the open shipment to a caller that may see it, and the
// first registration stays as it was (sent again, it answers 200). A caller that may not see the
// open shipment learns nothing: its registration opens a shipment of its own, exactly as for an
// unknown container (docs/security.md, "Probe whether goods exist").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrganisationInput } from '../../src/access/access-input.js';
import { containerIri, KARVON_NS, KARVON_PREFIX } from '../../src/domain/epcis-profile.js';
import type { ShipmentRegistration } from '../../src/domain/shipment/shipment.js';
import { registrationEvent } from '../../src/tracking/register-shipment.js';
import { SHIPMENTS_FOLLOWER } from '../../src/store/store.js';
import { doc, movement } from '../projections/profile-events.js';
import { uuid } from '../store/corridor-events.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const CONTAINER = 'CSQU3054383';

function registration(booking: string, smgs: string, container = CONTAINER) {
  return {
    references: [
      { kind: 'booking', value: booking },
      { kind: 'smgs', value: smgs },
    ],
    parties: [
      { role: 'consignor', name: 'Almaty Steel LLP', country: 'KZ' },
      { role: 'consignee', name: 'Poti Trading Ltd', country: 'GE' },
    ],
    goods: [{ hsCode: '721049', description: 'galvanised steel sheets', packages: 20, grossKg: 21500 }],
    transportUnits: [{ kind: 'container', id: container }],
    itinerary: [
      { mode: 'rail', from: 'almaty', to: 'aktau-port', plannedDeparture: '2026-03-01T08:00:00Z', plannedArrival: '2026-03-05T08:00:00Z' },
    ],
  };
}

const ORGS: OrganisationInput[] = [
  { id: 'kz-forwarder', name: 'Almaty Forwarding', kind: 'forwarder', country: 'KZ' },
  { id: 'kz-rival', name: 'Rival Forwarding', kind: 'forwarder', country: 'KZ' },
];

describe('POST /api/shipments with a transport unit already on an open shipment', () => {
  let t: TestApp;
  const keys: Record<string, string> = {};
  const as = (org?: string) => (org ? { authorization: `Bearer ${keys[org]}` } : {});
  const post = (payload: unknown, org?: string) =>
    t.app.inject({ method: 'POST', url: '/api/shipments', payload: JSON.stringify(payload), headers: { 'content-type': 'application/json', ...as(org) } });
  const get = (id: string, org?: string) => t.app.inject({ method: 'GET', url: `/api/shipments/${encodeURIComponent(id)}`, headers: as(org) });

  beforeAll(async () => {
    t = await startTestApp();
    for (const org of ORGS) {
      await t.runtime.access.createOrganisation('cli', org);
      keys[org.id] = (await t.runtime.access.createApiKey('cli', { organisationId: org.id, name: 'test', scopes: ['read', 'capture'] })).secret;
    }
  });
  afterAll(async () => t?.close());

  it('refuses a second booking for the container with 409 naming the open shipment, and keeps the first intact', async () => {
    const first = await post(registration('ALM-2026-0001', '70099001'));
    expect(first.statusCode, first.body).toBe(201);
    const firstId = first.json().id as string;

    // The forwarder copied the first body and changed the booking only: the SMGS and the container are the first's.
    const second = await post(registration('ALM-2026-0003', '70099001'));
    expect(second.statusCode, second.body).toBe(409);
    expect(second.json().detail).toContain(firstId);
    expect(second.json().detail).toContain(CONTAINER);

    // Nothing of the refused registration was stored or merged.
    const shown = (await get(firstId)).json();
    expect(JSON.stringify(shown)).not.toContain('ALM-2026-0003');
    const search = (await t.app.inject({ method: 'GET', url: '/api/shipments/search?q=ALM-2026-0003' })).json();
    expect(search.shipments).toHaveLength(0);

    // The original registration, sent again unchanged, is the stored shipment: 200.
    const again = await post(registration('ALM-2026-0001', '70099001'));
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().id).toBe(firstId);
  });

  it('lets an organisation that does not see the open shipment register without learning of it', async () => {
    const own = await post(registration('ALM-2026-0001-A', '70099101', 'MSKU1234565'), 'kz-forwarder');
    expect(own.statusCode, own.body).toBe(201);
    const ownId = own.json().id as string;

    // The rival sees neither the forwarder's shipment nor the operator's: it gets its own, as for an unknown container.
    const rival = await post(registration('RIV-2026-0001', '70099102', 'MSKU1234565'), 'kz-rival');
    expect(rival.statusCode, rival.body).toBe(201);
    expect(rival.body).not.toContain(ownId);
    expect(rival.body).not.toContain('ALM-2026-0001-A');
    expect((await get(ownId, 'kz-rival')).statusCode).toBe(404);
    // The forwarder's shipment is untouched and still its own.
    const shown = (await get(ownId, 'kz-forwarder')).json();
    expect(JSON.stringify(shown)).not.toContain('RIV-2026-0001');
    const again = await post(registration('ALM-2026-0001-A', '70099101', 'MSKU1234565'), 'kz-forwarder');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().id).toBe(ownId);
  });

  it('refuses the forwarder a second booking for its own container on an open shipment, naming it', async () => {
    const second = await post(registration('ALM-2026-0002-A', '70099103', 'MSKU1234565'), 'kz-forwarder');
    expect(second.statusCode, second.body).toBe(409);
    expect(second.json().detail).toContain('MSKU1234565');
  });

  it('answers the original registration sent again with 200 even after a later registration was folded into its shipment', async () => {
    const first = await post(registration('ALM-2026-0010', '70099010', 'TGHU1234567'));
    expect(first.statusCode, first.body).toBe(201);
    // A registration event captured directly (the node's own capture, which links by every document):
    // it names the same SMGS, so it joins the shipment and becomes its current registration.
    const later = registration('ALM-2026-0011', '70099010', 'TGHU1234567') as unknown as ShipmentRegistration;
    const event = registrationEvent(later, new Date());
    const result = await t.runtime.capture.captureDocument(
      { namespaces: { [KARVON_PREFIX]: KARVON_NS }, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: new Date().toISOString(), events: [event] },
      { binding: 'json', errorBehaviour: 'rollback' },
    );
    expect(result.rejected).toBe(0);
    await t.runtime.followers.get(SHIPMENTS_FOLLOWER).catchUp();
    expect((await get(first.json().id)).json().references.booking).toEqual(['ALM-2026-0010', 'ALM-2026-0011']);

    const again = await post(registration('ALM-2026-0010', '70099010', 'TGHU1234567'));
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().id).toBe(first.json().id);
  });

  it('lets the container start its next trip under another booking once the open shipment is delivered', async () => {
    const refused = await post(registration('ALM-2026-0012', '70099012', 'TGHU1234567'));
    expect(refused.statusCode, refused.body).toBe(409);
    const delivered = movement('delivered', { id: uuid(11, 1), time: new Date().toISOString(), at: 'aktau-port', units: [containerIri('TGHU1234567')], docs: [doc.smgs('70099010')] });
    const result = await t.runtime.capture.captureDocument(
      { namespaces: { [KARVON_PREFIX]: KARVON_NS }, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: new Date().toISOString(), events: [delivered] },
      { binding: 'json', errorBehaviour: 'rollback' },
    );
    expect(result.rejected).toBe(0);
    await t.runtime.followers.get(SHIPMENTS_FOLLOWER).catchUp();
    expect((await get('booking:ALM-2026-0010')).json().status).toBe('delivered');

    const next = await post(registration('ALM-2026-0012', '70099012', 'TGHU1234567'));
    expect(next.statusCode, next.body).toBe(201);
    expect(next.json().id).toBe('booking:ALM-2026-0012');
    expect(next.json().references.booking).toEqual(['ALM-2026-0012']);
  });
});
