// Looking after devices and places over the API: a renewed token replaces the old one, a retired
// device is refused, a flooding device loses its excess readings without slowing another, a user's
// own geofence gives arrival and departure events, and retention deletes old positions but keeps
// each device's latest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EpcisEvent } from '../../src/epcis/model.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { KZ_SIDE, MINUTE, captureDeparture, containerNumber, createCarriers, reading, trackedContainer } from '../telemetry/telemetry-fixtures.js';

let t: TestApp;
let haulierKey: string;
const start = Math.floor((Date.now() - 3 * 60 * MINUTE) / 1000) * 1000;

beforeAll(async () => {
  t = await startTestApp({ KARVON_DEVICE_READINGS_PER_MINUTE: '60' }, {}, { caller: 'anonymous' });
  await createCarriers(t.runtime);
  haulierKey = (await t.runtime.access.createApiKey('cli', { organisationId: 'kz-haulier', name: 'ops', scopes: ['read', 'capture', 'admin'] })).secret;
});
afterAll(async () => t?.close());

const as = (key: string) => ({ authorization: `Bearer ${key}`, 'content-type': 'application/json' });
const batch = (key: string, readings: unknown[]) => t.app.inject({ method: 'POST', url: '/api/telemetry', headers: as(key), payload: JSON.stringify({ readings }) });
const json = (deviceId: string, at: number, [lon, lat]: readonly [number, number]) => ({ deviceId, fixTime: new Date(at).toISOString(), lat, lon });

describe('device credentials and status', () => {
  it('a renewed token replaces the old one; a retired device is refused', async () => {
    await trackedContainer(t.runtime, 'trk-a', containerNumber(41), start - 60 * MINUTE);
    const first = (await t.runtime.devices.renewCredential('cli', 'trk-a')).token;
    expect((await batch(first, [json('trk-a', start, KZ_SIDE)])).statusCode).toBe(200);
    const renewed = await t.app.inject({ method: 'POST', url: '/api/devices/trk-a/credential', headers: { authorization: `Bearer ${haulierKey}` } });
    expect(renewed.statusCode, renewed.body).toBe(200);
    expect((await batch(first, [json('trk-a', start + MINUTE, KZ_SIDE)])).statusCode).toBe(401);
    expect((await batch(renewed.json().token, [json('trk-a', start + MINUTE, KZ_SIDE)])).statusCode).toBe(200);
    const retired = await t.app.inject({ method: 'PUT', url: '/api/devices/trk-a/status', headers: as(haulierKey), payload: JSON.stringify({ status: 'retired' }) });
    expect(retired.json().status).toBe('retired');
    const refused = await batch(renewed.json().token, [json('trk-a', start + 2 * MINUTE, KZ_SIDE)]);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().detail).toContain('retired');
  });
});

describe('a flooding device', () => {
  it('loses the readings beyond its rate; another device in the same batch keeps all of its own', async () => {
    await trackedContainer(t.runtime, 'trk-flood', containerNumber(42), start - 60 * MINUTE);
    await trackedContainer(t.runtime, 'trk-calm', containerNumber(43), start - 60 * MINUTE);
    // A burst of 1,000 is allowed (a tracker sending what it kept out of coverage), then 60 a minute.
    const flood = Array.from({ length: 1_200 }, (_, i) => json('trk-flood', start + i * 1000, KZ_SIDE));
    const calm = Array.from({ length: 5 }, (_, i) => json('trk-calm', start + i * MINUTE, KZ_SIDE));
    const response = await batch(haulierKey, [...flood, ...calm]);
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json();
    expect(result.stored).toBe(1_000 + 5);
    expect(result.refused).toHaveLength(200);
    expect(new Set(result.refused.map((r: { deviceId: string }) => r.deviceId))).toEqual(new Set(['trk-flood']));
    expect(result.refused[0].reason).toMatch(/more than 60 readings a minute/);
  });
});

describe("an organisation's own geofence", () => {
  it('gives arrived-at-place and left-place events at its place', async () => {
    const container = containerNumber(44);
    await captureDeparture(t.runtime, container, new Date(start - 90 * MINUTE));
    await trackedContainer(t.runtime, 'trk-yard', container, start - 60 * MINUTE);
    const created = await t.app.inject({ method: 'POST', url: '/api/geofences', headers: as(haulierKey), payload: JSON.stringify({ id: 'almaty-yard', name: 'Almaty yard', geometry: { kind: 'circle', center: [76.95, 43.25], radiusM: 800 } }) });
    expect(created.statusCode, created.body).toBe(201);
    const open = await t.app.inject({ method: 'POST', url: '/api/geofences', headers: as(haulierKey), payload: JSON.stringify({ id: 'bad', name: 'x', geometry: { kind: 'polygon', ring: [[76, 43], [77, 43], [77, 44], [76, 44.5]] } }) });
    expect(open.statusCode).toBe(400);
    await t.runtime.telemetry.ingest({
      readings: [reading('trk-yard', start, [76.8, 43.25]), reading('trk-yard', start + MINUTE, [76.951, 43.251]), reading('trk-yard', start + 2 * MINUTE, [77.1, 43.25])],
      problems: [],
      pointers: ['a', 'b', 'c'],
    }, { kind: 'local' });
    const events = (await t.runtime.store.events.after(0, 10_000)).map((r) => r.event as EpcisEvent & Record<string, unknown>).filter((e) => e['krv:device'] === 'trk-yard');
    // The yard lies inside the Almaty terminal's geofence too: its own events are those read at the yard.
    const atYard = events.filter((e) => e.readPoint?.id.includes('kz-haulier.almaty-yard'));
    expect(atYard.map((e) => e['krv:movementStep'])).toEqual(['arrived-at-place', 'left-place']);
    const removed = await t.app.inject({ method: 'DELETE', url: '/api/geofences/almaty-yard', headers: { authorization: `Bearer ${haulierKey}` } });
    expect(removed.statusCode).toBe(204);
    expect(t.runtime.telemetry.places.get('kz-haulier.almaty-yard')).toBeUndefined();
  });
});

describe('retention', () => {
  it('deletes positions older than the retention period and keeps each device\'s latest', async () => {
    await trackedContainer(t.runtime, 'trk-old', containerNumber(45), Date.now() - 200 * 24 * 60 * MINUTE);
    const old = Date.now() - 120 * 24 * 60 * MINUTE;
    await t.runtime.telemetry.ingest({ readings: [reading('trk-old', old, KZ_SIDE), reading('trk-old', old + MINUTE, KZ_SIDE)], problems: [], pointers: ['a', 'b'] }, { kind: 'local' });
    const deleted = await t.runtime.telemetry.prune();
    expect(deleted).toBeGreaterThanOrEqual(1);
    const track = await t.runtime.store.telemetry.positions.track('trk-old', { limit: 10 });
    expect(track.map((p) => p.fixTime)).toEqual([old + MINUTE]);
  });
});
