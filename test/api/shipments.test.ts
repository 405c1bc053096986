import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containerIri, KARVON_NS } from '../../src/domain/epcis-profile.js';
import type { EpcisEvent } from '../../src/epcis/model.js';
import { MRN, trip } from '../projections/profile-events.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;

function uuidPrefix(n: number): string {
  return `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(10, '0')}`;
}

function jsonLd(events: EpcisEvent[]): string {
  return JSON.stringify({
    '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld', { krv: KARVON_NS }],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: '2026-03-20T00:00:00Z',
    epcisBody: { eventList: events.map(({ '@context': _context, ...rest }) => rest) },
  });
}

beforeAll(async () => {
  t = await startTestApp();
  const delivered = trip(uuidPrefix(1));
  // The second shipment is still on its way: its last four events have not happened yet.
  const underway = trip(uuidPrefix(2), '80000001', '25KZ551100T0047121', containerIri('TGHU7654320'), 5).slice(0, 6);
  const response = await t.app.inject({ method: 'POST', url: '/epcis/capture', payload: jsonLd([...delivered, ...underway]), headers: { 'content-type': 'application/ld+json' } });
  expect(response.statusCode, response.body).toBe(202);
  await t.runtime.capture.idle();
  // The projection folds after capture (bus, then a catch-up from the store); routes do not wait.
  await t.runtime.followers.caughtUp();
});
afterAll(async () => {
  await t.close();
});

describe('/api/shipments', () => {
  it('lists the shipments folded from captured events, filtered by status', async () => {
    const all = (await t.app.inject({ method: 'GET', url: '/api/shipments' })).json();
    expect(all.shipments).toHaveLength(2);
    const delivered = (await t.app.inject({ method: 'GET', url: '/api/shipments?status=delivered' })).json();
    expect(delivered.shipments.map((s: { id: string }) => s.id)).toEqual(['smgs:70012345']);
    const page = (await t.app.inject({ method: 'GET', url: '/api/shipments?limit=1' })).json();
    expect(page.shipments).toHaveLength(1);
    const next = (await t.app.inject({ method: 'GET', url: `/api/shipments?limit=1&cursor=${page.nextCursor}` })).json();
    expect(next.shipments[0].id).not.toBe(page.shipments[0].id);
  });

  it('shows a customs office the shipments still coming to its crossing', async () => {
    const coming = (await t.app.inject({ method: 'GET', url: '/api/shipments?crossing=alat-port' })).json();
    expect(coming.shipments.map((s: { id: string }) => s.id)).toEqual(['smgs:80000001']);
    const unknown = await t.app.inject({ method: 'GET', url: '/api/shipments?crossing=atlantis' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().detail).toContain('crossing must be a location id');
  });

  it('finds a shipment by a partial container number and by its MRN', async () => {
    const byContainer = (await t.app.inject({ method: 'GET', url: '/api/shipments/search?q=MSKU123' })).json();
    expect(byContainer.shipments.map((s: { id: string }) => s.id)).toEqual(['smgs:70012345']);
    const byMrn = (await t.app.inject({ method: 'GET', url: `/api/shipments/search?q=${MRN}` })).json();
    expect(byMrn.shipments).toHaveLength(1);
  });

  it('shows one shipment with its timeline, transit steps and an ETA range while under way', async () => {
    const underway = (await t.app.inject({ method: 'GET', url: '/api/shipments/smgs:80000001' })).json();
    expect(underway.status).not.toBe('delivered');
    expect(underway.timeline.length).toBe(6);
    expect(underway.eta).not.toBeNull();
    const eta = underway.eta.arrival;
    expect(Date.parse(eta.earliest)).toBeLessThanOrEqual(Date.parse(eta.likely));
    expect(Date.parse(eta.likely)).toBeLessThanOrEqual(Date.parse(eta.latest));
    const events = (await t.app.inject({ method: 'GET', url: '/api/shipments/smgs:80000001/events' })).json();
    expect(events.epcisBody.queryResults.resultsBody.eventList).toHaveLength(6);
  });

  it('answers clearly for unknown shipments and bad filters', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/shipments/nothing-like-this' })).statusCode).toBe(404);
    const badStatus = await t.app.inject({ method: 'GET', url: '/api/shipments?status=lost' });
    expect(badStatus.statusCode).toBe(400);
    expect(badStatus.json().detail).toContain('status must be one of');
    expect((await t.app.inject({ method: 'GET', url: '/api/shipments?limit=501' })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/shipments/search?q=ab' })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/shipments?cursor=garbage' })).statusCode).toBe(400);
  });

  it('keeps the same state after a restart (rebuilt from the store)', async () => {
    const before = (await t.app.inject({ method: 'GET', url: '/api/shipments/smgs:70012345' })).json();
    const { shipmentReadModel } = await import('../../src/projections/index.js');
    const rebuilt = shipmentReadModel(t.runtime.store);
    expect(await rebuilt.runner.rebuild()).toBe(13 + 6);
    const state = await rebuilt.queries.get('smgs:70012345');
    expect(state?.status).toBe(before.status);
    expect(state?.timeline.length).toBe(before.timeline.length);
    // The server reads the same rebuilt read model.
    const after = (await t.app.inject({ method: 'GET', url: '/api/shipments/smgs:70012345' })).json();
    expect(after).toEqual(before);
  });
});
