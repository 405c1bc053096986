// Telemetry over HTTP as a device integrator meets it: a device registered and attached through the
// API, a Traccar-Client-style OsmAnd sequence across Khorgos producing the events on the right
// shipment, the batch route's per-reading refusals, credentials, tracks, and the live feed (its
// first picture and Server-Sent Events) filtered by who may see what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containerIri } from '../../src/domain/index.js';
import type { EpcisEvent } from '../../src/epcis/model.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { AT_KHORGOS, CN_SIDE, KZ_SIDE, MINUTE, captureDeparture, containerNumber, createCarriers, khorgosSgln } from '../telemetry/telemetry-fixtures.js';

let t: TestApp;
let haulierKey: string;
let otherKey: string;
const container = containerNumber(21);
const start = Date.now() - 2 * 60 * MINUTE;
let token: string;

beforeAll(async () => {
  // Anonymous by default: a phone running Traccar Client sends no Authorization header.
  t = await startTestApp({}, {}, { caller: 'anonymous' });
  await createCarriers(t.runtime);
  haulierKey = (await t.runtime.access.createApiKey('cli', { organisationId: 'kz-haulier', name: 'ops', scopes: ['read', 'capture', 'admin'] })).secret;
  otherKey = (await t.runtime.access.createApiKey('cli', { organisationId: 'uz-haulier', name: 'ops', scopes: ['read', 'capture', 'admin'] })).secret;
  await captureDeparture(t.runtime, container, new Date(start - 60 * MINUTE));
});
afterAll(async () => t?.close());

async function derivedSteps(): Promise<string[]> {
  const rows = await t.runtime.store.events.after(0, 10_000);
  return rows.map((row) => row.event as EpcisEvent & Record<string, unknown>).filter((e) => e['krv:device'] !== undefined).map((e) => String(e['krv:movementStep']));
}

describe('a device registered and attached over the API', () => {
  it('is registered by its owner and attached to a container; the token is shown once', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/devices', headers: { authorization: `Bearer ${haulierKey}`, 'content-type': 'application/json' }, payload: JSON.stringify({ id: 'phone-7', kind: 'tracker', reportingPeriodS: 30 }) });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().device).toMatchObject({ id: 'phone-7', ownerId: 'kz-haulier', hasCredential: true });
    token = created.json().token;
    expect(token).toMatch(/^krvd_/);
    const listed = await t.app.inject({ method: 'GET', url: '/api/devices', headers: { authorization: `Bearer ${haulierKey}` } });
    expect(JSON.stringify(listed.json())).not.toContain(token);
    const attached = await t.app.inject({ method: 'POST', url: '/api/devices/phone-7/attachments', headers: { authorization: `Bearer ${haulierKey}`, 'content-type': 'application/json' }, payload: JSON.stringify({ unitKind: 'container', unitId: container.toLowerCase(), from: new Date(start - 30 * MINUTE).toISOString() }) });
    expect(attached.statusCode, attached.body).toBe(201);
    expect(attached.json()).toMatchObject({ unitId: container, unitEpc: containerIri(container) });
    const other = await t.app.inject({ method: 'POST', url: '/api/devices/phone-7/attachments', headers: { authorization: `Bearer ${otherKey}`, 'content-type': 'application/json' }, payload: JSON.stringify({ unitKind: 'container', unitId: container }) });
    expect(other.statusCode).toBe(404);
    const bad = await t.app.inject({ method: 'POST', url: '/api/devices', headers: { authorization: `Bearer ${haulierKey}`, 'content-type': 'application/json' }, payload: JSON.stringify({ id: 'bad id!', kind: 'gizmo' }) });
    expect(bad.statusCode).toBe(400);
  });

  it('reports over OsmAnd as Traccar Client does, and the crossing of Khorgos reaches the shipment', async () => {
    const stops: [number, readonly [number, number]][] = [[0, CN_SIDE], [MINUTE, AT_KHORGOS], [40 * MINUTE, AT_KHORGOS], [80 * MINUTE, KZ_SIDE]];
    for (const [dt, [lon, lat]] of stops) {
      // Traccar Client: the device identifier is the token; timestamp in seconds; speed in knots.
      const url = `/api/osmand?id=${token}&timestamp=${Math.floor((start + dt) / 1000)}&lat=${lat}&lon=${lon}&speed=20.5&bearing=270&altitude=640&accuracy=8&batt=87&charge=false`;
      const response = await t.app.inject({ method: 'POST', url });
      expect(response.statusCode, response.body).toBe(200);
    }
    expect(await derivedSteps()).toEqual(['arrived-at-border', 'border-passed', 'left-place']);
    await t.runtime.followers.caughtUp();
    const track = await t.app.inject({ method: 'GET', url: `/api/shipments/${encodeURIComponent(containerIri(container))}/track`, headers: { authorization: `Bearer ${haulierKey}` } });
    expect(track.statusCode, track.body).toBe(200);
    expect(track.json().tracks[0].points).toHaveLength(4);
    expect(track.json().tracks[0].points[0].speedKmh).toBeCloseTo(20.5 * 1.852, 1);
    const geo = await t.app.inject({ method: 'GET', url: `/api/shipments/${encodeURIComponent(containerIri(container))}/track?format=geojson`, headers: { authorization: `Bearer ${haulierKey}` } });
    expect(geo.json().features[0].geometry).toMatchObject({ type: 'LineString', coordinates: [[...CN_SIDE], [...AT_KHORGOS], [...AT_KHORGOS], [...KZ_SIDE]] });
    const arrival = (await t.runtime.store.events.after(0, 100)).map((r) => r.event).find((e) => (e as Record<string, unknown>)['krv:movementStep'] === 'arrived-at-border')!;
    expect(arrival.readPoint?.id).toBe(khorgosSgln());
  });

  it('refuses OsmAnd requests without a credential, or with a wrong one, with 401', async () => {
    const none = await t.app.inject({ method: 'GET', url: `/api/osmand?id=phone-7&lat=44&lon=80&timestamp=${Math.floor(Date.now() / 1000)}` });
    expect(none.statusCode).toBe(401);
    const wrong = await t.app.inject({ method: 'GET', url: `/api/osmand?id=phone-7&key=krvd_${'A'.repeat(43)}&lat=44&lon=80` });
    expect(wrong.statusCode).toBe(401);
    const withKey = await t.app.inject({ method: 'GET', url: `/api/osmand?id=phone-7&key=${token}&lat=44.2&lon=80.05&timestamp=${Math.floor((start + 90 * MINUTE) / 1000)}` });
    expect(withKey.statusCode, withKey.body).toBe(200);
  });

  it('takes a batch with bad readings in it: the good ones are stored, each bad one is named', async () => {
    const at = (dt: number) => new Date(start + dt).toISOString();
    const response = await t.app.inject({
      method: 'POST', url: '/api/telemetry', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ readings: [
        { deviceId: 'phone-7', fixTime: at(100 * MINUTE), lat: 44.2, lon: 79.9 },
        { deviceId: 'phone-7', fixTime: at(101 * MINUTE), lat: 95, lon: 79.9 },
        { deviceId: 'phone-7', fixTime: 'yesterday', lat: 44.2, lon: 79.9 },
      ] }),
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ received: 3, stored: 1 });
    expect(response.json().refused.map((r: { pointer: string }) => r.pointer.split('/').slice(0, 3).join('/'))).toEqual(['/readings/1', '/readings/2']);
    const none = await t.app.inject({ method: 'POST', url: '/api/telemetry', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify({ readings: [{ deviceId: 'phone-7', lat: 1 }] }) });
    expect(none.statusCode).toBe(400);
    expect(none.headers['content-type']).toContain('application/problem+json');
    expect(none.json().issues[0].pointer).toMatch(/^\/readings\/0/);
    const garbage = await t.app.inject({ method: 'POST', url: '/api/telemetry', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: '{"readings": [' });
    expect(garbage.statusCode).toBe(400);
    const notABatch = await t.app.inject({ method: 'POST', url: '/api/telemetry', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: '[1, 2]' });
    expect(notABatch.statusCode).toBe(400);
    expect(notABatch.json().detail).toMatch(/must be a JSON object/);
    const withQuery = await t.app.inject({ method: 'POST', url: '/api/telemetry?dryRun=1', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify({ readings: [] }) });
    expect(withQuery.statusCode).toBe(400);
    expect(withQuery.json().issues[0].pointer).toBe('/dryRun');
  });

  it('shows the unit live to its owner, not to another carrier', async () => {
    const mine = await t.app.inject({ method: 'GET', url: '/api/live/units', headers: { authorization: `Bearer ${haulierKey}` } });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().units.map((u: { deviceId: string }) => u.deviceId)).toContain('phone-7');
    const theirs = await t.app.inject({ method: 'GET', url: '/api/live/units', headers: { authorization: `Bearer ${otherKey}` } });
    expect(theirs.json().units).toEqual([]);
    const track = await t.app.inject({ method: 'GET', url: '/api/devices/phone-7/track', headers: { authorization: `Bearer ${otherKey}` } });
    expect(track.statusCode).toBe(404);
  });

  it('streams new positions over Server-Sent Events to a viewer who may see them', async () => {
    await t.runtime.startTelemetry();
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const controller = new AbortController();
    const response = await fetch(`${address}/api/live`, { headers: { authorization: `Bearer ${haulierKey}`, accept: 'text/event-stream' }, signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    await t.app.inject({ method: 'POST', url: '/api/telemetry', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify({ readings: [{ deviceId: 'phone-7', fixTime: new Date(start + 110 * MINUTE).toISOString(), lat: 44.21, lon: 79.8 }] }) });
    let text = '';
    const deadline = Date.now() + 10_000;
    while (!/event: ?unit/.test(text) && Date.now() < deadline) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += new TextDecoder().decode(chunk.value);
    }
    controller.abort();
    expect(text).toMatch(/event: ?unit/);
    expect(text).toContain('"deviceId":"phone-7"');
    expect(text).toContain('79.8');
  });
});
