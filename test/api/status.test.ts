/**
 * /api/status (the network operator's view of the followers) and the daily counter behind
 * /api/statistics' eventsPerDay.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAILY_EVENT_COUNT_FOLLOWER } from '../../src/projections/index.js';
import { arriving, departing } from '../helpers/corridor-events.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
const keys: Record<string, string> = {};
const bearer = (who: string) => ({ authorization: `Bearer ${keys[who]!}` });

beforeAll(async () => {
  t = await startTestApp();
  const organisations = [
    { id: 'ops', name: 'Network operations', kind: 'network-operator' as const },
    { id: 'kz-carrier', name: 'A carrier', kind: 'carrier' as const, country: 'KZ' },
    { id: 'cacc-council', name: 'Council', kind: 'council' as const },
    { id: 'kz-coordinator', name: 'Kazakhstan coordinator', kind: 'national-coordinator' as const, country: 'KZ' },
  ];
  for (const organisation of organisations) {
    await t.runtime.access.createOrganisation('cli', organisation);
    const { secret } = await t.runtime.access.createApiKey('cli', { organisationId: organisation.id, name: 'test', scopes: ['read'] });
    keys[organisation.id] = secret;
  }
  // Times with offsets: the day counted is the UTC day of the instant (02:00 at +05:00 is the day before in UTC).
  const events = [
    departing(1, '2026-11-01T08:00:00.000Z'),
    departing(2, '2026-11-02T02:00:00.000+05:00'),
    arriving(1, '2026-11-02T23:30:00.000Z'),
    arriving(2, '2026-11-03T01:00:00.000+03:00'),
  ];
  const doc = { namespaces: {}, type: 'EPCISDocument' as const, schemaVersion: '2.0', creationDate: '2026-11-04T00:00:00.000Z', events };
  const result = await t.runtime.capture.captureDocument(doc, { binding: 'json', errorBehaviour: 'rollback' });
  expect(result.errors).toEqual([]);
  await t.runtime.followers.caughtUp();
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe('GET /api/status', () => {
  it('lists the followers with position, lag and errors for the network operator', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/status', headers: bearer('ops') });
    expect(response.statusCode).toBe(200);
    const last = await t.runtime.store.events.lastSequence();
    const body = response.json();
    expect(body).toMatchObject({ store: 'sqlite', lastSequence: last, pending: [] });
    expect(body.followers.map((f: { name: string; position: number; lag: number; ready: boolean; errors: number }) => [f.name, f.position, f.lag, f.ready, f.errors])).toEqual([
      ['shipments', last, 0, true, 0],
      [DAILY_EVENT_COUNT_FOLLOWER, last, 0, true, 0],
      ['alerts', last, 0, true, 0],
    ]);
  });

  it('refuses everyone else: 403 for other organisations, 401 without credentials, 400 for an unknown parameter', async () => {
    for (const who of ['kz-carrier', 'cacc-council', 'kz-coordinator']) {
      const response = await t.app.inject({ method: 'GET', url: '/api/status', headers: bearer(who) });
      expect(response.statusCode, who).toBe(403);
      expect(response.json().detail).toMatch(/Only the network operator/);
    }
    // A malformed credential is not the bootstrap token the test app adds to requests without one.
    expect((await t.app.inject({ method: 'GET', url: '/api/status', headers: { authorization: 'Bearer nobody' } })).statusCode).toBe(401);
    const unknown = await t.app.inject({ method: 'GET', url: '/api/status?verbose=1', headers: bearer('ops') });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().detail).toMatch(/'verbose'/);
  });
});

describe('GET /api/statistics eventsPerDay', () => {
  it('counts events per UTC day of their eventTime, as counted from the stored events, and keeps the other fields', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/statistics', headers: bearer('kz-coordinator') });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    const counted = new Map<string, number>();
    for (const row of await t.runtime.store.events.after(0, 1000)) {
      const day = new Date(row.event.eventTime).toISOString().slice(0, 10);
      counted.set(day, (counted.get(day) ?? 0) + 1);
    }
    expect(body.eventsPerDay).toEqual([...counted].sort().map(([day, count]) => ({ day, count })));
    expect(body.eventsPerDay).toEqual([
      { day: '2026-11-01', count: 2 },
      { day: '2026-11-02', count: 2 },
    ]);
    expect(body).toMatchObject({ shipments: 2, events: 4, openHolds: 0 });
    expect(Object.keys(body).sort()).toEqual(['byCorridor', 'byStatus', 'completedShipments', 'events', 'eventsPerDay', 'observations', 'openHolds', 'shipments']);
    const window = await t.app.inject({ method: 'GET', url: '/api/statistics?from=2026-11-02&to=2026-11-30', headers: bearer('kz-coordinator') });
    expect(window.json().eventsPerDay).toEqual([{ day: '2026-11-02', count: 2 }]);
    expect((await t.app.inject({ method: 'GET', url: '/api/statistics?from=yesterday', headers: bearer('kz-coordinator') })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/statistics?hours=1000', headers: bearer('kz-coordinator') })).statusCode).toBe(400);
  });

  it('gives the same counts after the daily counter is rebuilt, and leaves the shipments checkpoint alone', async () => {
    const before = await t.runtime.store.dailyEventCounts.list();
    const shipments = await t.runtime.store.followers.get('shipments');
    await t.runtime.followers.rebuild(DAILY_EVENT_COUNT_FOLLOWER);
    expect(await t.runtime.store.dailyEventCounts.list()).toEqual(before);
    expect(await t.runtime.store.followers.get('shipments')).toEqual(shipments);
  });
});
