// Alerts end to end: an e-seal's breach and a unit leaving its route, told by readings, become
// alerts on the shipment, seen by its parties and not by others; people acknowledge, resolve and
// comment; a condition that clears resolves its alert; a repeat updates the open alert.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containerIri } from '../../src/domain/index.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { CN_SIDE, HAULIER, KZ_SIDE, MINUTE, captureDeparture, containerNumber, createCarriers, ingestAndFold, reading, trackedContainer } from '../telemetry/telemetry-fixtures.js';

let t: TestApp;
let haulierKey: string;
let otherKey: string;
const container = containerNumber(41);
const start = Math.floor((Date.now() - 3 * 60 * MINUTE) / 1000) * 1000;

const get = (url: string, key: string) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });
const post = (url: string, key: string, body: unknown) =>
  t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
const ingest = (readings: ReturnType<typeof reading>[]) => ingestAndFold(t.runtime, readings);

beforeAll(async () => {
  t = await startTestApp();
  await createCarriers(t.runtime);
  haulierKey = (await t.runtime.access.createApiKey('cli', { organisationId: HAULIER, name: 'ops', scopes: ['read', 'capture'] })).secret;
  otherKey = (await t.runtime.access.createApiKey('cli', { organisationId: 'uz-haulier', name: 'ops', scopes: ['read', 'capture'] })).secret;
  await captureDeparture(t.runtime, container, new Date(start - 60 * MINUTE));
  await trackedContainer(t.runtime, 'seal-41', container, start - 90 * MINUTE);
});
afterAll(async () => t?.close());

describe('a seal breached on the way', () => {
  let alertId: string;

  it('raises one critical alert on the shipment, which its carrier sees and another carrier does not', async () => {
    await ingest([reading('seal-41', start, KZ_SIDE, { sealCodes: [] }), reading('seal-41', start + MINUTE, KZ_SIDE, { sealCodes: ['01'] })]);
    const listed = await get('/api/alerts?status=open', haulierKey);
    expect(listed.statusCode).toBe(200);
    const alerts = listed.json().alerts as Record<string, unknown>[];
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'seal-breached', severity: 'critical', status: 'open', unitEpc: containerIri(container), deviceId: 'seal-41', occurrences: 1, details: { sealCodes: ['01'] } });
    expect(alerts[0]!['shipmentId']).toEqual(expect.any(String));
    expect(alerts[0]).not.toHaveProperty('audience');
    alertId = alerts[0]!['id'] as string;

    expect((await get('/api/alerts', otherKey)).json().alerts).toEqual([]);
    expect((await get(`/api/alerts/${alertId}`, otherKey)).statusCode).toBe(404);
    expect((await get(`/api/alerts?shipment=${encodeURIComponent(container)}`, haulierKey)).json().alerts).toHaveLength(1);
  });

  it('is updated, not repeated, when the seal reports more', async () => {
    await ingest([reading('seal-41', start + 2 * MINUTE, KZ_SIDE, { sealCodes: ['01', '02'] })]);
    const alerts = (await get('/api/alerts?kind=seal-breached', haulierKey)).json().alerts;
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ id: alertId, occurrences: 2, details: { sealCodes: ['01', '02'] } });
  });

  it('is acknowledged, commented on and resolved by people, each once, and the acts are audited', async () => {
    const acknowledged = await post(`/api/alerts/${alertId}/acknowledge`, haulierKey, { comment: 'Customs at Khorgos informed' });
    expect(acknowledged.statusCode).toBe(200);
    expect(acknowledged.json()).toMatchObject({ status: 'acknowledged', acknowledged: { organisationId: HAULIER, comment: 'Customs at Khorgos informed' } });
    expect((await post(`/api/alerts/${alertId}/acknowledge`, haulierKey, {})).statusCode).toBe(409);
    expect((await post(`/api/alerts/${alertId}/acknowledge`, otherKey, {})).statusCode).toBe(404);

    const commented = await post(`/api/alerts/${alertId}/comments`, haulierKey, { text: 'Seal replaced at the yard' });
    expect(commented.json().notes).toEqual([expect.objectContaining({ comment: 'Seal replaced at the yard' })]);

    const resolved = await post(`/api/alerts/${alertId}/resolve`, haulierKey, {});
    expect(resolved.json()).toMatchObject({ status: 'resolved', resolved: { organisationId: HAULIER } });
    expect((await post(`/api/alerts/${alertId}/resolve`, haulierKey, {})).statusCode).toBe(409);
    expect((await get('/api/alerts?status=open,acknowledged', haulierKey)).json().alerts).toEqual([]);

    const audit = await t.runtime.store.audit.list({ limit: 1000 });
    expect(audit.map((entry) => entry.action)).toEqual(expect.arrayContaining(['alert.acknowledge', 'alert.comment', 'alert.resolve']));
  });
});

describe('a unit off its route', () => {
  it('raises an alert that resolves itself when the unit is back', async () => {
    // 45 km north of the corridor near Khorgos and back: more than the 50 km threshold? Far enough north to be.
    const far: readonly [number, number] = [KZ_SIDE[0], KZ_SIDE[1] + 1.5];
    await ingest([reading('seal-41', start + 10 * MINUTE, CN_SIDE), reading('seal-41', start + 20 * MINUTE, far)]);
    const open = (await get('/api/alerts?kind=route-deviation', haulierKey)).json().alerts;
    expect(open).toEqual([expect.objectContaining({ status: 'open', severity: 'warning' })]);
    await ingest([reading('seal-41', start + 30 * MINUTE, KZ_SIDE)]);
    const after = (await get(`/api/alerts/${open[0].id}`, haulierKey)).json();
    expect(after).toMatchObject({ status: 'resolved', resolved: { by: 'karvon' } });
  });
});

describe('bad requests', () => {
  it('name what is wrong', async () => {
    const badKind = await get('/api/alerts?kind=fire', haulierKey);
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().detail).toMatch(/kind 'fire' is not one of/);
    expect((await get('/api/alerts?cursor=nonsense', haulierKey)).statusCode).toBe(400);
    expect((await post('/api/alerts/alr_nothing/resolve', haulierKey, {})).statusCode).toBe(404);
    expect((await post('/api/alerts/alr_nothing/comments', haulierKey, { text: '' })).statusCode).toBe(400);
  });
});

describe('a rebuild of the alerts follower', () => {
  it('keeps the alerts with their acts and counts no event twice', async () => {
    const before = await t.runtime.store.alerts.list({}, { limit: 100 });
    expect(before.length).toBeGreaterThan(0);
    await t.runtime.followers.rebuild('alerts');
    const after = await t.runtime.store.alerts.list({}, { limit: 100 });
    expect(after).toEqual(before);
  });
});
