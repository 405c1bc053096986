// Public tracking links: created by a party to a shipment, shown once, time-limited and revocable;
// the public page shows status, last location and ETA only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrganisationInput } from '../../src/access/access-input.js';
import { sha256Hex } from '../../src/access/tokens.js';
import { containerIri } from '../../src/domain/epcis-profile.js';
import { movement, doc } from '../projections/profile-events.js';
import { uuid } from '../store/corridor-events.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const KZ_RAIL = 'urn:epc:id:pgln:4870001.00701';
const ORGS: OrganisationInput[] = [
  { id: 'kz-rail', name: 'KTZ Express', kind: 'carrier', country: 'KZ', locations: ['dostyk'], partyIds: [KZ_RAIL] },
  { id: 'kz-rival', name: 'Rival Rail', kind: 'carrier', country: 'KZ', locations: ['aktau-port'] },
  { id: 'kz-customs', name: 'KZ customs', kind: 'customs-authority', country: 'KZ' },
];

describe('public tracking links', () => {
  let t: TestApp;
  const keys: Record<string, string> = {};
  let shipmentId = '';
  const as = (org: string) => ({ authorization: `Bearer ${keys[org]}` });

  beforeAll(async () => {
    t = await startTestApp({}, {}, { caller: 'anonymous' });
    for (const org of ORGS) {
      await t.runtime.access.createOrganisation('cli', org);
      keys[org.id] = (await t.runtime.access.createApiKey('cli', { organisationId: org.id, name: 'test', scopes: ['read', 'capture'] })).secret;
    }
    const event = movement('arrived-at-border', {
      id: uuid(1, 42),
      time: '2026-03-04T06:00:00Z',
      at: 'dostyk',
      units: [containerIri('MSKU1234565')],
      docs: [doc.smgs('70012345')],
      fields: { country: 'KZ', transportMode: 'rail' },
    });
    // Reported by the railway's station system at Dostyk, which hands the goods to KTZ Express.
    const handedOver = { ...event, sourceList: [{ type: 'possessing_party', source: KZ_RAIL }] };
    const dostykOperator = { id: 'kz-dostyk-station', name: 'Dostyk station', kind: 'railway', country: 'KZ', locations: ['dostyk'], partyIds: [] } satisfies OrganisationInput;
    await t.runtime.access.createOrganisation('cli', dostykOperator);
    keys[dostykOperator.id] = (await t.runtime.access.createApiKey('cli', { organisationId: dostykOperator.id, name: 'test', scopes: ['capture'] })).secret;
    const captured = await t.app.inject({ method: 'POST', url: '/epcis/events', headers: { ...as(dostykOperator.id), 'content-type': 'application/ld+json' }, payload: JSON.stringify(handedOver) });
    expect(captured.statusCode).toBe(201);
    await t.runtime.followers.caughtUp();
    const list = await t.app.inject({ method: 'GET', url: '/api/shipments', headers: as('kz-rail') });
    shipmentId = (list.json() as { shipments: { id: string }[] }).shipments[0]!.id;
    expect(shipmentId).toBe('smgs:70012345');
  });
  afterAll(async () => t?.close());

  const create = (org: string, body: unknown = { expiresInHours: 2 }) =>
    t.app.inject({ method: 'POST', url: `/api/shipments/${encodeURIComponent(shipmentId)}/public-links`, headers: { ...as(org), 'content-type': 'application/json' }, payload: JSON.stringify(body) });
  const track = (url: string) => t.app.inject({ method: 'GET', url });

  it('is created by a party to the shipment only, with a bounded lifetime', async () => {
    expect((await create('kz-rival')).statusCode).toBe(404); // does not see it: existence does not leak
    expect((await create('kz-customs')).statusCode).toBe(403); // sees it, but is not a party
    expect((await create('kz-rail', { expiresInHours: 721 })).statusCode).toBe(400);
    expect((await create('kz-rail', { expiresInHours: 0 })).statusCode).toBe(400);
    const response = await create('kz-rail');
    expect(response.statusCode).toBe(201);
    const body = response.json() as { id: string; url: string; expiresAt: string };
    expect(body.url).toMatch(/^\/api\/public\/track\/[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(body.expiresAt) - Date.now()).toBeGreaterThan(1.9 * 3_600_000);
    expect(Date.parse(body.expiresAt) - Date.now()).toBeLessThanOrEqual(2 * 3_600_000);
    // Listing shows the link but neither its token nor the token's hash.
    const listed = await t.app.inject({ method: 'GET', url: `/api/shipments/${encodeURIComponent(shipmentId)}/public-links`, headers: as('kz-rail') });
    expect(listed.statusCode).toBe(200);
    expect(listed.body).toContain(body.id);
    expect(listed.body).not.toContain(body.url.split('/').pop()!);
    expect(listed.body).not.toContain(sha256Hex(body.url.split('/').pop()!));
  });

  it('shows status, last location and ETA only, without credentials', async () => {
    const { url } = (await create('kz-rail')).json() as { url: string };
    const response = await track(url);
    expect(response.statusCode).toBe(200);
    const body = response.json() as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['eta', 'lastLocation', 'lastSeenAt', 'status']);
    expect(body.status).toBe('at-border');
    expect(body.lastLocation).toEqual({ name: expect.any(String), country: 'KZ' });
    expect(body.lastSeenAt).toBe('2026-03-04T06:00:00Z');
    expect(response.body).not.toMatch(/70012345|MSKU|kz-rail/);
    const eta = body.eta as Record<string, unknown> | null;
    if (eta !== null) expect(Object.keys(eta).sort()).toEqual(['earliest', 'latest', 'likely']);
  });

  it('answers 404 once expired, revoked or for a token never issued', async () => {
    // An expired link, written as the repository keeps it.
    const token = 'x'.repeat(43);
    await t.runtime.store.access.publicLinks.create({
      id: 'expired-link',
      tokenHash: sha256Hex(token),
      shipmentId,
      organisationId: 'kz-rail',
      createdAt: '2026-01-01T00:00:00Z',
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    });
    expect((await track(`/api/public/track/${token}`)).statusCode).toBe(404);
    expect((await track(`/api/public/track/${'y'.repeat(43)}`)).statusCode).toBe(404);
    expect((await track('/api/public/track/short')).statusCode).toBe(404);

    const { id, url } = (await create('kz-rail')).json() as { id: string; url: string };
    expect((await track(url)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/public-links/${id}`, headers: as('kz-rival') })).statusCode).toBe(404);
    expect((await track(url)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/public-links/${id}`, headers: as('kz-rail') })).statusCode).toBe(204);
    expect((await track(url)).statusCode).toBe(404);
  });

  // Last in this file: it lowers the network's limit for the links minted after it.
  it('is bounded by the network setting publicLinkMaxDays, as the chair or the operator set it', async () => {
    const operator = { id: 'operator', name: 'Network operator', kind: 'network-operator', locations: [], partyIds: [] } satisfies OrganisationInput;
    await t.runtime.access.createOrganisation('cli', operator);
    const operatorKey = (await t.runtime.access.createApiKey('cli', { organisationId: operator.id, name: 'test', scopes: ['read', 'admin'] })).secret;
    // By default 30 days: 720 hours pass, 721 do not.
    expect((await create('kz-rail', { expiresInHours: 720 })).statusCode).toBe(201);

    const changed = await t.app.inject({
      method: 'PUT',
      url: '/api/governance/settings/publicLinkMaxDays',
      headers: { authorization: `Bearer ${operatorKey}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ value: 1 }),
    });
    expect(changed.statusCode, changed.body).toBe(200);

    const tooLong = await create('kz-rail', { expiresInHours: 500 });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().detail).toMatch(/expiresInHours must be a whole number from 1 to 24 .*publicLinkMaxDays/);
    expect((await create('kz-rail', { expiresInHours: 25 })).statusCode).toBe(400);
    const longest = await create('kz-rail', { expiresInHours: 24 });
    expect(longest.statusCode).toBe(201);
    // Without a lifetime, the default (72 hours) is cut to the limit rather than refused.
    const unasked = await create('kz-rail', {});
    expect(unasked.statusCode, unasked.body).toBe(201);
    const lifetime = Date.parse(unasked.json().expiresAt) - Date.parse(unasked.json().createdAt);
    expect(lifetime).toBe(24 * 3_600_000);
  });
});
