// A forwarder amends its registration (PUT /api/shipments/{id}/registration) and cancels it
// (POST /api/shipments/{id}/cancel): each is a profile event with its line in the timeline, both are
// audited, validated like a registration, refused once the shipment is delivered (and an amendment
// once it is cancelled), and open only to the registrant; the state stays what the events fold to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrganisationInput } from '../../src/access/access-input.js';
import { BIZ_STEP, containerIri, KARVON_NS, KARVON_PREFIX } from '../../src/domain/epcis-profile.js';
import type { EpcisEvent } from '../../src/epcis/model.js';
import { projectionDigest } from '../../src/projections/state-digest.js';
import { SHIPMENTS_FOLLOWER } from '../../src/store/store.js';
import { doc, movement } from '../projections/profile-events.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const CONSIGNEE_GLN = '4870001007010';
type Leg = { mode: string; from: string; to: string; plannedDeparture: string; plannedArrival: string };

const THREE_LEGS: Leg[] = [
  { mode: 'rail', from: 'almaty', to: 'aktau-port', plannedDeparture: '2026-03-01T08:00:00Z', plannedArrival: '2026-03-05T08:00:00Z' },
  { mode: 'sea', from: 'aktau-port', to: 'alat-port', plannedDeparture: '2026-03-06T08:00:00Z', plannedArrival: '2026-03-07T20:00:00Z' },
  { mode: 'rail', from: 'alat-port', to: 'poti-port', plannedDeparture: '2026-03-08T08:00:00Z', plannedArrival: '2026-03-10T08:00:00Z' },
];

function registration(booking: string, smgs: string, container: string, options: { itinerary?: Leg[]; cmr?: string } = {}) {
  return {
    references: [
      { kind: 'booking', value: booking },
      { kind: 'smgs', value: smgs },
      ...(options.cmr ? [{ kind: 'cmr', value: options.cmr }] : []),
    ],
    parties: [
      { role: 'consignor', name: 'Almaty Steel LLP', country: 'KZ' },
      { role: 'consignee', name: 'Aktau Trading LLP', country: 'KZ', gln: CONSIGNEE_GLN },
    ],
    goods: [{ hsCode: '721049', description: 'galvanised steel sheets', packages: 20, grossKg: 21500 }],
    transportUnits: [{ kind: 'container', id: container }],
    itinerary: options.itinerary ?? THREE_LEGS,
  };
}

const ORGS: OrganisationInput[] = [
  { id: 'kz-forwarder', name: 'Almaty Forwarding', kind: 'forwarder', country: 'KZ' },
  { id: 'kz-consignee', name: 'Aktau Trading', kind: 'shipper', country: 'KZ', partyIds: [CONSIGNEE_GLN] },
  { id: 'kz-rival', name: 'Rival Forwarding', kind: 'forwarder', country: 'KZ' },
];

describe('amending and cancelling a registration', () => {
  let t: TestApp;
  const keys: Record<string, string> = {};
  const as = (org: string) => ({ authorization: `Bearer ${keys[org]}` });
  const path = (id: string) => `/api/shipments/${encodeURIComponent(id)}`;
  const send = (method: 'POST' | 'PUT', url: string, org: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: { ...as(org), ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(payload !== undefined ? { payload: JSON.stringify(payload) } : {}) });
  const register = (body: unknown) => send('POST', '/api/shipments', 'kz-forwarder', body);
  const amend = (id: string, body: unknown, org = 'kz-forwarder') => send('PUT', `${path(id)}/registration`, org, body);
  const cancel = (id: string, body?: unknown, org = 'kz-forwarder') => send('POST', `${path(id)}/cancel`, org, body);
  const detail = async (id: string) => (await t.app.inject({ method: 'GET', url: path(id), headers: as('kz-forwarder') })).json();
  const eventsOf = async (id: string): Promise<EpcisEvent[]> =>
    (await t.app.inject({ method: 'GET', url: `${path(id)}/events`, headers: as('kz-forwarder') })).json().epcisBody.queryResults.resultsBody.eventList;
  const auditOf = async (action: string) => (await t.runtime.store.audit.list({ limit: 500 })).filter((e) => e.action === action);
  const captureAsNode = async (events: EpcisEvent[]) => {
    const result = await t.runtime.capture.captureDocument(
      { namespaces: { [KARVON_PREFIX]: KARVON_NS }, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: new Date().toISOString(), events },
      { binding: 'json', errorBehaviour: 'rollback' },
    );
    expect(result.rejected).toBe(0);
    await t.runtime.followers.get(SHIPMENTS_FOLLOWER).catchUp();
  };

  beforeAll(async () => {
    t = await startTestApp();
    for (const org of ORGS) {
      await t.runtime.access.createOrganisation('cli', org);
      keys[org.id] = (await t.runtime.access.createApiKey('cli', { organisationId: org.id, name: 'test', scopes: ['read', 'capture'] })).secret;
    }
  });
  afterAll(async () => t?.close());

  it('amends the itinerary and references: the ETA and delay follow the new plan, the new reference finds it, the timeline and the audit log say so', async () => {
    const first = await register(registration('AMD-2026-0001', '70077001', 'CSQU3054383'));
    expect(first.statusCode, first.body).toBe(201);
    // The node reports the departure from Almaty twelve hours after the planned departure.
    await captureAsNode([movement('departed', { id: 'urn:uuid:0b9e4c1a-1f00-4a00-8000-000000000001', time: '2026-03-01T20:00:00Z', at: 'almaty', units: [containerIri('CSQU3054383')], docs: [doc.smgs('70077001')] })]);
    const before = await detail('booking:AMD-2026-0001');
    // (The departure is dated before the registration, so its SMGS number now names the shipment.)
    const id = before.id as string;
    expect(before.delay).toMatchObject({ hours: 12, basis: 'registered itinerary' });
    expect(before.eta.stops.at(-1).locationId).toBe('poti-port');

    const changed = registration('AMD-2026-0001', '70077001', 'CSQU3054383', {
      cmr: 'AMD-CMR-0001',
      itinerary: [{ mode: 'rail', from: 'almaty', to: 'aktau-port', plannedDeparture: '2026-03-01T20:00:00Z', plannedArrival: '2026-03-05T20:00:00Z' }],
    });
    const amended = await amend(id, changed);
    expect(amended.statusCode, amended.body).toBe(200);
    expect(amended.json().id).toBe(id);
    expect(amended.json().itinerary.map((l: Leg) => l.to)).toEqual(['aktau-port']);

    const after = await detail(id);
    expect(after.delay).toMatchObject({ hours: 0, basis: 'registered itinerary' });
    expect(after.eta.stops.at(-1).locationId).toBe('aktau-port');
    expect(after.preArrival.references).toContainEqual({ kind: 'cmr', value: 'AMD-CMR-0001' });
    expect(after.timeline.map((e: { text: string }) => e.text)).toContain('Registration amended: references, itinerary');

    // The new reference finds the shipment, by lookup and by search.
    expect((await t.app.inject({ method: 'GET', url: '/api/shipments/AMD-CMR-0001', headers: as('kz-forwarder') })).json().id).toBe(id);
    const found = (await t.app.inject({ method: 'GET', url: '/api/shipments/search?q=AMD-CMR-0001', headers: as('kz-forwarder') })).json();
    expect(found.shipments.map((s: { id: string }) => s.id)).toEqual([id]);

    const events = await eventsOf(id);
    expect(events.map((e) => e.bizStep)).toContain(BIZ_STEP.shipmentAmending);
    const audited = await auditOf('shipment.amend');
    expect(audited.at(-1)).toMatchObject({ actor: { organisationId: 'kz-forwarder' }, target: id, outcome: 'success', details: { shipment: id, changed: ['references', 'itinerary'] } });

    // The same registration again changes nothing: 200 and no new event.
    const again = await amend(id, changed);
    expect(again.statusCode, again.body).toBe(200);
    expect(await eventsOf(id)).toHaveLength(events.length);
  });

  it('validates an amendment like a registration, naming every pointer, and keeps the booking that identifies the shipment', async () => {
    const id = (await register(registration('AMD-2026-0002', '70077002', 'MSKU1234565'))).json().id as string;
    const bad = registration('AMD-2026-0002', '70077002', 'MSKU1234565');
    const invalid = await amend(id, { ...bad, goods: [{ ...bad.goods[0]!, hsCode: '12' }], itinerary: [{ ...THREE_LEGS[0]!, to: 'atlantis' }] });
    expect(invalid.statusCode, invalid.body).toBe(400);
    expect(invalid.json().issues.map((i: { pointer: string }) => i.pointer)).toEqual(expect.arrayContaining(['/goods/0/hsCode', '/itinerary/0/to']));

    const renamed = await amend(id, registration('AMD-2026-9999', '70077002', 'MSKU1234565'));
    expect(renamed.statusCode, renamed.body).toBe(409);
    expect(renamed.json().issues[0].pointer).toBe('/references');
    expect(await eventsOf(id)).toHaveLength(1);
  });

  it('refuses a transport unit an amendment adds while another open shipment carries it', async () => {
    const other = (await register(registration('AMD-2026-0003', '70077003', 'TGHU1234567'))).json().id as string;
    const id = (await register(registration('AMD-2026-0004', '70077004', 'TCNU1234565'))).json().id as string;
    const withBoth = registration('AMD-2026-0004', '70077004', 'TCNU1234565');
    const response = await amend(id, { ...withBoth, transportUnits: [...withBoth.transportUnits, { kind: 'container', id: 'TGHU1234567' }] });
    expect(response.statusCode, response.body).toBe(409);
    expect(response.json().detail).toContain(other);
    expect(response.json().issues[0].pointer).toBe('/transportUnits/1/id');
  });

  it('lets only the registrant amend or cancel: a party that sees the shipment gets 403, an organisation that does not gets the 404 of an unknown shipment', async () => {
    const id = (await register(registration('AMD-2026-0005', '70077005', 'SEGU1234569'))).json().id as string;
    const body = registration('AMD-2026-0005', '70077005', 'SEGU1234569', { cmr: 'RIVAL-1' });
    expect((await amend(id, body, 'kz-consignee')).statusCode).toBe(403);
    expect((await cancel(id, undefined, 'kz-consignee')).statusCode).toBe(403);

    const hidden = await amend(id, body, 'kz-rival');
    const unknown = await amend('booking:NO-SUCH-BOOKING', body, 'kz-rival');
    expect(hidden.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    const answer = (r: typeof hidden, asked: string) => ({ ...r.json(), detail: r.json().detail.replace(asked, '<id>'), instance: undefined });
    expect(answer(hidden, id)).toEqual(answer(unknown, 'booking:NO-SUCH-BOOKING'));
    const hiddenCancel = await cancel(id, undefined, 'kz-rival');
    expect(hiddenCancel.statusCode).toBe(404);

    expect(await eventsOf(id)).toHaveLength(1);
    expect((await auditOf('shipment.amend')).filter((e) => e.target === id).map((e) => e.outcome)).toEqual(['denied', 'denied']);
  });

  it('cancels: status cancelled, the reason in the timeline, audited, no more amendments, and the container free for a new registration', async () => {
    const number = 'BSIU2222220';
    const id = (await register(registration('CAN-2026-0001', '70088001', number))).json().id as string;
    // A registered shipment is coming to every stop of its itinerary until it is cancelled.
    const comingTo = async (location: string) =>
      (await t.app.inject({ method: 'GET', url: `/api/shipments?crossing=${location}`, headers: as('kz-forwarder') })).json().shipments.map((s: { id: string }) => s.id);
    expect(await comingTo(THREE_LEGS[1]!.to)).toContain(id);
    // Before the cancellation the container is on an open shipment: another booking with it is refused.
    expect((await register(registration('CAN-2026-0002', '70088002', number))).statusCode).toBe(409);

    const cancelled = await cancel(id, { reason: 'the buyer withdrew the order' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    const shown = await detail(id);
    expect(shown.status).toBe('cancelled');
    expect(shown.timeline.at(-1).text).toBe('Shipment cancelled: the buyer withdrew the order');
    expect((await eventsOf(id)).at(-1)!.bizStep).toBe(BIZ_STEP.shipmentCancelling);
    expect((await auditOf('shipment.cancel')).at(-1)).toMatchObject({ actor: { organisationId: 'kz-forwarder' }, target: id, outcome: 'success', details: { shipment: id } });
    const listed = (await t.app.inject({ method: 'GET', url: '/api/shipments?status=cancelled', headers: as('kz-forwarder') })).json();
    expect(listed.shipments.map((s: { id: string }) => s.id)).toEqual([id]);
    expect(await comingTo(THREE_LEGS[1]!.to)).not.toContain(id);
    expect(shown.eta).toBeNull();

    // Cancelling again changes nothing; amending a cancelled shipment is a conflict.
    const eventCount = (await eventsOf(id)).length;
    expect((await cancel(id)).statusCode).toBe(200);
    expect(await eventsOf(id)).toHaveLength(eventCount);
    const late = await amend(id, registration('CAN-2026-0001', '70088001', number, { cmr: 'LATE-1' }));
    expect(late.statusCode, late.body).toBe(409);
    expect(late.json().detail).toContain('cancelled');

    // The container is free: a new booking with it opens a shipment of its own.
    const next = await register(registration('CAN-2026-0002', '70088002', number));
    expect(next.statusCode, next.body).toBe(201);
    expect(next.json().id).toBe('booking:CAN-2026-0002');
    expect((await detail(id)).status).toBe('cancelled');
  });

  it('refuses to amend or cancel a delivered shipment, saying why', async () => {
    const id = (await register(registration('DEL-2026-0001', '70099001', 'MSCU1234566'))).json().id as string;
    await captureAsNode([movement('delivered', { id: 'urn:uuid:0b9e4c1a-1f00-4a00-8000-000000000002', time: '2026-03-10T09:00:00Z', at: 'poti-port', units: [containerIri('MSCU1234566')], docs: [doc.smgs('70099001')] })]);
    expect((await detail(id)).status).toBe('delivered');
    for (const response of [await amend(id, registration('DEL-2026-0001', '70099001', 'MSCU1234566', { cmr: 'LATE-2' })), await cancel(id, { reason: 'too late' })]) {
      expect(response.statusCode, response.body).toBe(409);
      expect(response.json().code).toBe('KRV_CONFLICT');
      expect(response.json().detail).toContain('delivered');
    }
    expect((await detail(id)).status).toBe('delivered');
  });

  it('folds the same state when the read model is rebuilt from the events', async () => {
    const live = await projectionDigest(t.runtime.shipments);
    await t.runtime.followers.get(SHIPMENTS_FOLLOWER).rebuild();
    expect(await projectionDigest(t.runtime.shipments)).toBe(live);
    expect((await detail('CAN-2026-0001')).status).toBe('cancelled');
    expect((await detail('AMD-2026-0001')).itinerary.map((l: Leg) => l.to)).toEqual(['aktau-port']);
  });
});
