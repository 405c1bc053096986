/**
 * The telemetry repository suite (devices, attachments, positions, device states, user geofences),
 * written against the Store interface only: every store runs it unchanged (test/store/stores.test.ts
 * registers it for every store of KARVON_TEST_STORES). `open` must give a new, empty store on each call.
 */
import { describe, expect, it } from 'vitest';
import type { Attachment, Position, StoredDevice, UserGeofence } from '../../src/model/telemetry.js';
import { AttachmentOverlap, type Store } from '../../src/store/store.js';
import { withStore } from './with-store.js';

const T0 = Date.parse('2026-03-01T00:00:00.000Z');
const MINUTE = 60_000;

export const device = (id: string, extra: Partial<StoredDevice> = {}): StoredDevice => ({
  id,
  kind: 'tracker',
  ownerId: 'kz-rail',
  reportingPeriodS: 60,
  status: 'active',
  createdAt: '2026-03-01T00:00:00.000Z',
  ...extra,
});

/** A reading of `deviceId` fixed `minute` minutes after T0, received 2 s later. */
export const reading = (deviceId: string, minute: number, extra: Partial<Position> = {}): Position => ({
  deviceId,
  fixTime: T0 + minute * MINUTE,
  deviceTime: T0 + minute * MINUTE,
  serverTime: T0 + minute * MINUTE + 2_000,
  lat: 44.2 + minute / 1000,
  lon: 80.3 + minute / 1000,
  ...extra,
});

const attachment = (deviceId: string, unitId: string, from: number, to?: number): Attachment => ({
  deviceId,
  unitKind: 'container',
  unitId,
  unitEpc: `urn:epc:id:bic:${unitId}`,
  from,
  ...(to !== undefined ? { to } : {}),
});

/** Strips the sequence, to compare what was stored with what was given. */
const unsequenced = ({ sequence: _sequence, ...position }: { sequence: number } & Position): Position => position;

export function telemetrySuite(name: string, open: () => Promise<Store>): void {
  describe(`telemetry devices (${name})`, () => {
    it('registers devices once, finds them by id, owner and credential, and updates them', async () => {
      await withStore(open, async (store) => {
        const devices = store.telemetry.devices;
        expect(await devices.create(device('trk-2', { name: 'Truck 2', credentialHash: 'h2' }))).toBe(true);
        expect(await devices.create(device('seal-1', { kind: 'e-seal', ownerId: 'kg-post' }))).toBe(true);
        expect(await devices.create(device('trk-1'))).toBe(true);
        expect(await devices.create(device('trk-1', { ownerId: 'someone-else' }))).toBe(false);

        expect(await devices.get('trk-2')).toEqual(device('trk-2', { name: 'Truck 2', credentialHash: 'h2' }));
        expect(await devices.get('trk-1')).toStrictEqual(device('trk-1'));
        expect(await devices.get('trk-9')).toBeUndefined();
        const many = await devices.getMany(['trk-1', 'trk-9', 'seal-1']);
        expect([...many.keys()].sort()).toEqual(['seal-1', 'trk-1']);
        expect(many.get('seal-1')).toEqual(device('seal-1', { kind: 'e-seal', ownerId: 'kg-post' }));
        expect((await devices.getMany([])).size).toBe(0);
        expect((await devices.list()).map((d) => d.id)).toEqual(['seal-1', 'trk-1', 'trk-2']);
        expect(await devices.count()).toBe(3);
        expect((await devices.list({ ownerId: 'kz-rail' })).map((d) => d.id)).toEqual(['trk-1', 'trk-2']);
        expect(await devices.list({ ownerId: 'nobody' })).toEqual([]);

        expect((await devices.byCredential('h2'))?.id).toBe('trk-2');
        expect(await devices.byCredential('h9')).toBeUndefined();

        expect(await devices.update('trk-1', { name: 'Truck 1', credentialHash: 'h1', reportingPeriodS: 30 })).toEqual(
          device('trk-1', { name: 'Truck 1', credentialHash: 'h1', reportingPeriodS: 30 }),
        );
        expect((await devices.byCredential('h1'))?.id).toBe('trk-1');
        // A new credential replaces the old one; a name given as undefined is removed.
        expect(await devices.update('trk-2', { credentialHash: 'h2-new', name: undefined, status: 'retired' })).toStrictEqual(
          device('trk-2', { credentialHash: 'h2-new', status: 'retired' }),
        );
        expect(await devices.byCredential('h2')).toBeUndefined();
        expect((await devices.byCredential('h2-new'))?.id).toBe('trk-2');
        expect(await devices.get('trk-2')).toStrictEqual(device('trk-2', { credentialHash: 'h2-new', status: 'retired' }));
        expect(await devices.update('trk-9', { name: 'x' })).toBeUndefined();
      });
    });

    it('attaches a device to one unit at a time, detaches it, and refuses overlaps without writing', async () => {
      await withStore(open, async (store) => {
        const devices = store.telemetry.devices;
        await devices.create(device('trk-1'));
        await devices.create(device('trk-2'));
        await devices.attach(attachment('trk-1', 'MSCU1234565', T0));
        // Open: any later attachment overlaps it.
        const refused = await devices.attach(attachment('trk-1', 'TGHU7654321', T0 + 10 * MINUTE)).catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(AttachmentOverlap);
        expect((refused as AttachmentOverlap).existing).toEqual(attachment('trk-1', 'MSCU1234565', T0));
        expect(await devices.attachmentsOfUnit('urn:epc:id:bic:TGHU7654321')).toEqual([]);

        expect(await devices.detach('trk-1', T0 + 60 * MINUTE)).toEqual(attachment('trk-1', 'MSCU1234565', T0, T0 + 60 * MINUTE));
        expect(await devices.detach('trk-1', T0 + 61 * MINUTE)).toBeUndefined();
        expect(await devices.detach('trk-9', T0)).toBeUndefined();
        // Closed at 60 min: an attachment from before that instant still overlaps it, one from it does not.
        await expect(devices.attach(attachment('trk-1', 'TGHU7654321', T0 + 59 * MINUTE))).rejects.toBeInstanceOf(AttachmentOverlap);
        await devices.attach(attachment('trk-1', 'TGHU7654321', T0 + 60 * MINUTE));
        // Another device on the same unit is no overlap: a unit can carry several devices.
        await devices.attach(attachment('trk-2', 'MSCU1234565', T0 + 30 * MINUTE, T0 + 90 * MINUTE));

        expect(await devices.attachments('trk-1')).toEqual([
          attachment('trk-1', 'MSCU1234565', T0, T0 + 60 * MINUTE),
          attachment('trk-1', 'TGHU7654321', T0 + 60 * MINUTE),
        ]);
        expect(await devices.attachments('trk-9')).toEqual([]);
        expect(await devices.attachmentsOfUnit('urn:epc:id:bic:MSCU1234565')).toEqual([
          attachment('trk-1', 'MSCU1234565', T0, T0 + 60 * MINUTE),
          attachment('trk-2', 'MSCU1234565', T0 + 30 * MINUTE, T0 + 90 * MINUTE),
        ]);
        const open = await devices.openAttachments(['trk-1', 'trk-2', 'trk-9']);
        expect([...open.keys()]).toEqual(['trk-1']);
        expect(open.get('trk-1')).toStrictEqual(attachment('trk-1', 'TGHU7654321', T0 + 60 * MINUTE));
        expect((await devices.openAttachments([])).size).toBe(0);
      });
    });
  });

  describe(`telemetry positions (${name})`, () => {
    it('appends in order with increasing sequences, skipping readings stored already', async () => {
      await withStore(open, async (store) => {
        const positions = store.telemetry.positions;
        expect(await positions.lastSequence()).toBe(0);
        expect(await positions.append([])).toEqual([]);
        const first = await positions.append([reading('trk-2', 1), reading('trk-1', 1), reading('trk-1', 0)]);
        expect(first.map(unsequenced)).toEqual([reading('trk-2', 1), reading('trk-1', 1), reading('trk-1', 0)]);
        const sequences = first.map((p) => p.sequence);
        expect(sequences[0]).toBeGreaterThan(0);
        expect(sequences[1]).toBeGreaterThan(sequences[0]!);
        expect(sequences[2]).toBeGreaterThan(sequences[1]!);
        expect(await positions.lastSequence()).toBe(sequences[2]);

        // The same (device, fix time) again, with other values, in the next batch and twice in one batch.
        const second = await positions.append([reading('trk-1', 1, { lat: 1 }), reading('trk-1', 2), reading('trk-1', 2, { lat: 2 }), reading('trk-2', 0)]);
        expect(second.map(unsequenced)).toEqual([reading('trk-1', 2), reading('trk-2', 0)]);
        expect(second[0]!.sequence).toBeGreaterThan(sequences[2]!);
        expect(second[1]!.sequence).toBeGreaterThan(second[0]!.sequence);
        expect(await positions.count()).toBe(5);
        expect((await positions.track('trk-1', { limit: 10 })).map((p) => p.lat)).toEqual([reading('trk-1', 0).lat, reading('trk-1', 1).lat, reading('trk-1', 2).lat]);

        expect(await positions.after(0, 100)).toEqual([...first, ...second]);
        expect(await positions.after(first[1]!.sequence, 2)).toEqual([first[2], second[0]]);
        expect(await positions.after(second[1]!.sequence, 10)).toEqual([]);
      });
    });

    it('keeps every field exactly: optional measures, device and server time, seal codes and attributes', async () => {
      await withStore(open, async (store) => {
        const full = reading('seal-1', 5, {
          deviceTime: T0 + 5 * MINUTE - 1_234,
          serverTime: T0 + 5 * MINUTE + 987_654,
          lat: 43.123456789012,
          lon: -0.000001,
          speedKmh: 0,
          headingDeg: 359.9,
          altitudeM: -28.5,
          accuracyM: 4,
          batteryPct: 14.5,
          sealCodes: ['01', '05', '07'],
          attributes: { batteryV: 3.71, temperatureC: -4, doorOpen: true, firmware: 'v1.2', zero: 0 },
        });
        const bare = reading('seal-1', 6);
        const emptyLists = reading('seal-1', 7, { sealCodes: [], attributes: {} });
        const stored = await store.telemetry.positions.append([full, bare, emptyLists]);
        const back = await store.telemetry.positions.track('seal-1', { limit: 10 });
        expect(back).toStrictEqual(stored);
        expect(back.map(unsequenced)).toStrictEqual([full, bare, emptyLists]);
        expect(await store.telemetry.positions.after(0, 10)).toStrictEqual(stored);
      });
    });

    it('reads one device\'s track by fix time range, from inclusive, to exclusive, up to limit', async () => {
      await withStore(open, async (store) => {
        const positions = store.telemetry.positions;
        // Fixed out of order: the track is by fix time, not by arrival.
        await positions.append([reading('trk-1', 3), reading('trk-1', 1), reading('trk-2', 2), reading('trk-1', 2), reading('trk-1', 0), reading('trk-1', 4)]);
        const minutes = (track: Position[]) => track.map((p) => (p.fixTime - T0) / MINUTE);
        expect(minutes(await positions.track('trk-1', { limit: 100 }))).toEqual([0, 1, 2, 3, 4]);
        expect(minutes(await positions.track('trk-1', { from: T0 + MINUTE, to: T0 + 3 * MINUTE, limit: 100 }))).toEqual([1, 2]);
        expect(minutes(await positions.track('trk-1', { from: T0 + MINUTE, limit: 2 }))).toEqual([1, 2]);
        expect(minutes(await positions.track('trk-1', { to: T0 + 2 * MINUTE, limit: 100 }))).toEqual([0, 1]);
        expect(minutes(await positions.track('trk-2', { limit: 100 }))).toEqual([2]);
        expect(await positions.track('trk-9', { limit: 100 })).toEqual([]);
        expect(await positions.track('trk-1', { from: T0 + 10 * MINUTE, limit: 100 })).toEqual([]);
      });
    });

    it('keeps each device\'s latest position by fix time; a late reading does not replace it', async () => {
      await withStore(open, async (store) => {
        const positions = store.telemetry.positions;
        expect((await positions.latest()).size).toBe(0);
        await positions.append([reading('trk-1', 5), reading('trk-1', 7), reading('trk-1', 6), reading('trk-2', 1)]);
        const [late] = await positions.append([reading('trk-1', 3)]);
        expect(late).toBeDefined();
        const [newer] = await positions.append([reading('trk-2', 2)]);

        const all = await positions.latest();
        expect([...all.keys()].sort()).toEqual(['trk-1', 'trk-2']);
        expect(unsequenced(all.get('trk-1')!)).toEqual(reading('trk-1', 7));
        expect(all.get('trk-2')).toEqual(newer);
        const some = await positions.latest(['trk-2', 'trk-9']);
        expect([...some.keys()]).toEqual(['trk-2']);
        expect(some.get('trk-2')).toEqual(newer);
        expect((await positions.latest([])).size).toBe(0);
      });
    });

    it('deletes positions fixed before an instant, but never a device\'s latest one', async () => {
      await withStore(open, async (store) => {
        const positions = store.telemetry.positions;
        const readings: Position[] = [];
        for (let minute = 0; minute < 100; minute++) readings.push(reading('trk-1', minute));
        // trk-2 stopped reporting at minute 10: its last position stays, on the map and in its track.
        for (let minute = 0; minute <= 10; minute++) readings.push(reading('trk-2', minute));
        await positions.append(readings);
        const last = await positions.lastSequence();

        expect(await positions.deleteBefore(T0 + 50 * MINUTE)).toBe(50 + 10);
        expect(await positions.count()).toBe(50 + 1);
        expect((await positions.track('trk-1', { limit: 1000 })).map((p) => (p.fixTime - T0) / MINUTE)).toEqual(Array.from({ length: 50 }, (_, i) => 50 + i));
        expect((await positions.track('trk-2', { limit: 1000 })).map(unsequenced)).toEqual([reading('trk-2', 10)]);
        const latest = await positions.latest();
        expect(unsequenced(latest.get('trk-1')!)).toEqual(reading('trk-1', 99));
        expect(unsequenced(latest.get('trk-2')!)).toEqual(reading('trk-2', 10));
        expect(await positions.deleteBefore(T0 + 50 * MINUTE)).toBe(0);

        // Deleting everything keeps the latest rows, and sequences never go back, even for a late
        // reading whose row held the highest sequence and was deleted.
        const [lateOne] = await positions.append([reading('trk-1', 1)]);
        expect(lateOne!.sequence).toBeGreaterThan(last);
        expect(await positions.deleteBefore(T0 + 1000 * MINUTE)).toBe(50);
        expect(await positions.count()).toBe(2);
        const [next] = await positions.append([reading('trk-1', 2)]);
        expect(next!.sequence).toBeGreaterThan(lateOne!.sequence);
        expect(await positions.lastSequence()).toBe(next!.sequence);
        expect((await positions.after(lateOne!.sequence, 10)).map((p) => p.sequence)).toEqual([next!.sequence]);
      });
    });

    it('deletes more rows than one chunk holds', async () => {
      await withStore(open, async (store) => {
        const positions = store.telemetry.positions;
        // 12,000 readings of 40 devices, a minute apart: more than two of retention's chunks.
        for (let start = 0; start < 300; start += 100) {
          const batch: Position[] = [];
          for (let minute = start; minute < start + 100; minute++) for (let d = 0; d < 40; d++) batch.push(reading(`trk-${d}`, minute));
          await positions.append(batch);
        }
        expect(await positions.count()).toBe(12_000);
        expect(await positions.deleteBefore(T0 + 290 * MINUTE)).toBe(290 * 40);
        expect(await positions.count()).toBe(10 * 40);
        expect((await positions.latest()).size).toBe(40);
      });
    });
  });

  describe(`telemetry device states and geofences (${name})`, () => {
    it('replaces device states and reads those asked for', async () => {
      await withStore(open, async (store) => {
        const states = store.telemetry.deviceStates;
        expect((await states.get(['trk-1'])).size).toBe(0);
        await states.put([
          { deviceId: 'trk-1', lastFixTime: T0, state: { inside: ['KZ-KHORGOS'], motion: { moving: true, since: T0 - 5 } } },
          { deviceId: 'trk-2', lastFixTime: T0 + 1, state: {} },
        ]);
        await states.put([{ deviceId: 'trk-1', lastFixTime: T0 + MINUTE, state: { inside: [] } }]);
        await states.put([]);
        const read = await states.get(['trk-1', 'trk-2', 'trk-9']);
        expect([...read.keys()].sort()).toEqual(['trk-1', 'trk-2']);
        expect(read.get('trk-1')).toEqual({ deviceId: 'trk-1', lastFixTime: T0 + MINUTE, state: { inside: [] } });
        expect(read.get('trk-2')).toEqual({ deviceId: 'trk-2', lastFixTime: T0 + 1, state: {} });
        expect((await states.get([])).size).toBe(0);
      });
    });

    it('creates user geofences once, lists them by owner and deletes them', async () => {
      await withStore(open, async (store) => {
        const geofences = store.telemetry.geofences;
        const depot: UserGeofence = { id: 'g-depot', ownerId: 'kz-rail', name: 'Depot', geometry: { kind: 'circle', center: [76.95, 43.25], radiusM: 500 }, createdAt: '2026-03-01T00:00:00.000Z' };
        const yard: UserGeofence = {
          id: 'g-yard',
          ownerId: 'kg-post',
          name: 'Yard',
          geometry: { kind: 'polygon', ring: [[74.5, 42.8], [74.6, 42.8], [74.6, 42.9], [74.5, 42.8]] },
          sgln: 'urn:epc:id:sgln:4870001.00003.0',
          createdAt: '2026-03-02T00:00:00.000Z',
        };
        expect(await geofences.create(yard)).toBe(true);
        expect(await geofences.create(depot)).toBe(true);
        expect(await geofences.create({ ...depot, name: 'Other' })).toBe(false);
        expect(await geofences.list()).toStrictEqual([depot, yard]);
        expect(await geofences.list({ ownerId: 'kg-post' })).toStrictEqual([yard]);
        expect(await geofences.delete('g-depot')).toBe(true);
        expect(await geofences.delete('g-depot')).toBe(false);
        expect(await geofences.list()).toStrictEqual([yard]);
      });
    });
  });
}
