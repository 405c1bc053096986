// What the pipeline keeps in memory between batches (the devices with their open attachments, the
// shipment each unit carries) must never make it act on what has changed: a change made in this
// process is known at the next reading; one made by another process within the cache's lifetime.
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite-store.js';
import { DEVICE_TTL_MS, DeviceDirectory } from '../../src/telemetry/device-directory.js';
import type { IngestResult } from '../../src/telemetry/telemetry-service.js';
import { UnitSubjects } from '../../src/telemetry/unit-subjects.js';
import type { FoldedShipment } from '../../src/bus/event-bus.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { AT_KHORGOS, CN_SIDE, HAULIER, MINUTE, captureDeparture, containerNumber, createCarriers, reading, trackedContainer } from './telemetry-fixtures.js';

let t: TestApp | undefined;
let store: Store | undefined;
afterEach(async () => {
  await t?.close();
  await store?.close();
  t = undefined;
  store = undefined;
});

const ingest = (app: TestApp, readings: ReturnType<typeof reading>[]): Promise<IngestResult> =>
  app.runtime.telemetry.ingest({ readings, problems: [], pointers: readings.map((_, i) => `/readings/${i}`) }, { kind: 'local' });

describe('the device directory', () => {
  it('reads a device again once its time is up, and at once when told to forget it', async () => {
    store = await openSqliteStore({ memory: true });
    await store.access.organisations.create({ id: HAULIER, name: 'KZ haulier', kind: 'carrier', country: 'KZ', partyIds: [], locations: [], status: 'active', createdAt: new Date().toISOString() });
    await store.telemetry.devices.create({ id: 'trk-1', kind: 'tracker', ownerId: HAULIER, reportingPeriodS: 60, status: 'active', createdAt: new Date().toISOString() });
    let now = 1_000_000;
    const directory = new DeviceDirectory(store, () => now);

    expect((await directory.lookUp(['trk-1', 'nobody'])).get('trk-1')).toEqual({ device: expect.objectContaining({ id: 'trk-1', status: 'active' }) });
    // Another process attaches the device and then retires it: not seen while the entry lives...
    await store.telemetry.devices.attach({ deviceId: 'trk-1', unitKind: 'truck', unitId: 'KZ001AAA02', unitEpc: 'urn:test:truck', from: 0 });
    now += DEVICE_TTL_MS / 2;
    expect((await directory.lookUp(['trk-1'])).get('trk-1')?.open).toBeUndefined();
    // ...and seen once it has expired (at most twice the lifetime).
    now += 2 * DEVICE_TTL_MS;
    expect((await directory.lookUp(['trk-1'])).get('trk-1')?.open).toMatchObject({ unitEpc: 'urn:test:truck' });

    await store.telemetry.devices.update('trk-1', { status: 'retired' });
    directory.forget('trk-1');
    expect((await directory.lookUp(['trk-1'])).get('trk-1')?.device.status).toBe('retired');
    expect((await directory.lookUp(['nobody'])).has('nobody')).toBe(false);
  });
});

describe('what a unit carries', () => {
  const UNIT = 'urn:epc:id:bic:MSKU0000010';
  const folded = (id: string, status: string, units: { units?: string[]; privateUnits?: string[] } = {}): FoldedShipment => ({
    id, status, corridor: 'middle-corridor', units: units.units ?? [UNIT], privateUnits: units.privateUnits ?? [], transportUnits: [UNIT], audience: ['org:kz-haulier'],
  });

  it('follows the folds of its shipment without asking the store, and asks again when the fold may have moved it', async () => {
    let lookUps = 0;
    let answer = { id: 'S1', status: 'in-transit' };
    const subjects = new UnitSubjects({
      withAudience: async () => {
        lookUps++;
        return { shipment: { ...answer, corridor: 'middle-corridor', transportUnits: [UNIT] } as never, audience: ['org:kz-haulier'] };
      },
    });
    expect(await subjects.of(UNIT, 'container')).toMatchObject({ shipmentId: 'S1', status: 'in-transit', epcs: [UNIT] });

    subjects.folded([folded('S1', 'at-border')]);
    expect(subjects.known(UNIT)).toMatchObject({ shipmentId: 'S1', status: 'at-border', corridor: 'middle-corridor' });
    expect(lookUps).toBe(1);

    // Another shipment now names the unit (a reused container): the read model decides which it carries.
    answer = { id: 'S2', status: 'registered' };
    subjects.folded([folded('S2', 'registered')]);
    expect(subjects.known(UNIT)).toBeUndefined();
    expect(await subjects.of(UNIT, 'container')).toMatchObject({ shipmentId: 'S2' });
    expect(lookUps).toBe(2);

    // Its shipment ended, or another organisation's event taught a shipment the number: asked again.
    subjects.folded([folded('S2', 'delivered')]);
    expect(subjects.known(UNIT)).toBeUndefined();
    await subjects.of(UNIT, 'container');
    subjects.folded([folded('S3', 'in-transit', { units: [], privateUnits: [UNIT] })]);
    expect(subjects.known(UNIT)).toBeUndefined();
  });
});

describe('a change made in this process', () => {
  const start = Math.floor((Date.now() - 3 * 60 * MINUTE) / 1000) * 1000;

  it('is known at the next reading: attach after a refusal, retire after an acceptance', async () => {
    t = await startTestApp();
    await createCarriers(t.runtime);
    await t.runtime.devices.register('cli', { id: 'trk-2', kind: 'tracker', ownerId: HAULIER, reportingPeriodS: 60 });
    const refused = await ingest(t, [reading('trk-2', start, CN_SIDE)]);
    expect(refused.refused[0]?.reason).toMatch(/not attached/);

    await t.runtime.devices.attach('cli', 'trk-2', { unitKind: 'container', unitId: containerNumber(2), from: new Date(start - MINUTE).toISOString() });
    expect(await ingest(t, [reading('trk-2', start + MINUTE, CN_SIDE)])).toMatchObject({ accepted: 1, refused: [] });

    await t.runtime.devices.setStatus('cli', 'trk-2', 'retired');
    const afterRetiring = await ingest(t, [reading('trk-2', start + 2 * MINUTE, CN_SIDE)]);
    expect(afterRetiring.refused[0]?.reason).toMatch(/retired/);
  });

  it('tells the events of a unit whose shipment the read model learnt after its first readings', async () => {
    t = await startTestApp();
    await createCarriers(t.runtime);
    const container = containerNumber(3);
    await trackedContainer(t.runtime, 'trk-3', container, start - 90 * MINUTE);
    // No shipment carries the container yet: the unit's subject is "none" (and is kept).
    await ingest(t, [reading('trk-3', start - 30 * MINUTE, CN_SIDE)]);
    await captureDeparture(t.runtime, container, new Date(start - 20 * MINUTE));
    await t.runtime.followers.caughtUp();

    const arrived = await ingest(t, [reading('trk-3', start, AT_KHORGOS)]);
    expect(arrived.derivedEvents).toBe(1);
  });
});
