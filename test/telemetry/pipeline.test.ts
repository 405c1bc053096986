// The telemetry pipeline end to end on a real store: readings of a tracker on a container crossing
// Khorgos become arrived-at-border, border-passed and left-place events on the right shipment; what
// cannot be taken is refused with a reason and stores nothing; late and repeated readings are stored
// once and move no state; a failing handler costs only its own effect.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { containerIri } from '../../src/domain/index.js';
import type { EpcisEvent } from '../../src/epcis/model.js';
import { eachReading, TELEMETRY_PIPELINE } from '../../src/telemetry/pipeline.js';
import { trackPlaces } from '../../src/telemetry/handlers/state-machines.js';
import type { IngestResult } from '../../src/telemetry/telemetry-service.js';
import { TelemetryService } from '../../src/telemetry/telemetry-service.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { AT_KHORGOS, CN_SIDE, KZ_SIDE, MINUTE, captureDeparture, containerNumber, createCarriers, khorgosSgln, reading, raisedSealCodes, trackedContainer } from './telemetry-fixtures.js';

let t: TestApp;
const ingest = (readings: ReturnType<typeof reading>[]): Promise<IngestResult> =>
  t.runtime.telemetry.ingest({ readings, problems: [], pointers: readings.map((_, i) => `/readings/${i}`) }, { kind: 'local' });

async function derivedEvents(): Promise<EpcisEvent[]> {
  const rows = await t.runtime.store.events.after(0, 10_000);
  return rows.map((row) => row.event).filter((event) => (event as Record<string, unknown>)['krv:device'] !== undefined);
}

const stepOf = (event: EpcisEvent) => (event as Record<string, unknown>)['krv:movementStep'];

beforeEach(async () => {
  t = await startTestApp();
  await createCarriers(t.runtime);
});
afterEach(async () => t?.close());

describe('a tracker crossing Khorgos', () => {
  // Whole seconds: derived events are dated to the second.
  const start = Math.floor((Date.now() - 3 * 60 * MINUTE) / 1000) * 1000;

  it('gives arrival, crossing and departure events on the shipment, and the shipment stands at Khorgos from GPS alone', async () => {
    const container = containerNumber(1);
    await captureDeparture(t.runtime, container, new Date(start - 60 * MINUTE));
    await trackedContainer(t.runtime, 'trk-1', container, start - 90 * MINUTE);

    const arrived = await ingest([reading('trk-1', start, CN_SIDE), reading('trk-1', start + MINUTE, AT_KHORGOS)]);
    expect(arrived).toMatchObject({ received: 2, accepted: 2, stored: 2, refused: [] });
    await t.runtime.followers.caughtUp();
    const atBorder = await t.runtime.shipments.get(containerIri(container));
    expect(atBorder?.status).toBe('at-border');
    expect(atBorder?.current?.locationId).toBe('khorgos');

    await ingest([reading('trk-1', start + 30 * MINUTE, AT_KHORGOS, { speedKmh: 0 }), reading('trk-1', start + 60 * MINUTE, KZ_SIDE)]);
    const events = await derivedEvents();
    const steps = events.map(stepOf);
    expect(steps).toEqual(['arrived-at-border', 'border-passed', 'left-place']);
    const [arrival, crossing] = events;
    expect(arrival!.readPoint?.id).toBe(khorgosSgln());
    expect(arrival!.bizLocation?.id).toBe(khorgosSgln());
    expect(arrival!.epcList).toEqual([containerIri(container)]);
    expect((crossing as Record<string, unknown>)['krv:country']).toBe('KZ');
    await t.runtime.followers.caughtUp();
    const after = await t.runtime.shipments.get(containerIri(container));
    expect(after?.countries).toContain('KZ');
    expect(after?.timeline.some((entry) => JSON.stringify(entry).includes('border-passed'))).toBe(true);
  });

  it('carries on after a restart where it stopped: no second arrival, and the departure is told', async () => {
    const container = containerNumber(9);
    await captureDeparture(t.runtime, container, new Date(start - 60 * MINUTE));
    await trackedContainer(t.runtime, 'trk-9', container, start - 90 * MINUTE);
    await ingest([reading('trk-9', start, CN_SIDE), reading('trk-9', start + MINUTE, AT_KHORGOS)]);
    // A new process on the same store: its memory of the device comes from the store.
    const restarted = new TelemetryService(
      { store: t.runtime.store, bus: t.runtime.bus, capture: t.runtime.capture, shipments: t.runtime.shipments, logger: { warn: () => {}, error: () => {} }, now: () => new Date() },
      { maxFutureSeconds: 300, routeDeviationKm: 50, readingsPerMinutePerDevice: 1000, retentionDays: 30 },
    );
    await restarted.ingest({ readings: [reading('trk-9', start + 2 * MINUTE, AT_KHORGOS), reading('trk-9', start + 60 * MINUTE, KZ_SIDE)], problems: [], pointers: ['a', 'b'] }, { kind: 'local' });
    expect((await derivedEvents()).map(stepOf)).toEqual(['arrived-at-border', 'border-passed', 'left-place']);
  });

  it('stores a late reading in the track without moving state, and a repeated one once', async () => {
    const container = containerNumber(2);
    await captureDeparture(t.runtime, container, new Date(start - 60 * MINUTE));
    await trackedContainer(t.runtime, 'trk-2', container, start - 90 * MINUTE);
    await ingest([reading('trk-2', start, CN_SIDE), reading('trk-2', start + 10 * MINUTE, CN_SIDE)]);
    // An hour-old reading inside Khorgos arrives late: the unit did not "arrive" there now.
    const late = await ingest([reading('trk-2', start + 5 * MINUTE, AT_KHORGOS), reading('trk-2', start + 10 * MINUTE, CN_SIDE)]);
    expect(late).toMatchObject({ accepted: 2, stored: 1, duplicates: 1, late: 1, derivedEvents: 0 });
    expect(await derivedEvents()).toEqual([]);
    const track = await t.runtime.store.telemetry.positions.track('trk-2', { limit: 10 });
    expect(track.map((p) => p.fixTime)).toEqual([start, start + 5 * MINUTE, start + 10 * MINUTE]);
  });

  it('refuses what cannot be taken, each with its reason, and stores nothing of it', async () => {
    const container = containerNumber(3);
    await captureDeparture(t.runtime, container, new Date(start - 60 * MINUTE));
    await trackedContainer(t.runtime, 'trk-3', container, start);
    await t.runtime.devices.register('cli', { id: 'loose', kind: 'tracker', ownerId: 'kz-haulier' });
    const result = await ingest([
      reading('nobody', start + MINUTE, CN_SIDE),
      reading('loose', start + MINUTE, CN_SIDE),
      reading('trk-3', start + MINUTE, [200, 44]),
      reading('trk-3', Date.now() + 3 * 60 * MINUTE, CN_SIDE),
      reading('trk-3', start - MINUTE, CN_SIDE),
      reading('trk-3', start + 2 * MINUTE, CN_SIDE),
    ]);
    expect(result.stored).toBe(1);
    const reasons = result.refused.map((r) => r.reason).join('\n');
    expect(result.refused.map((r) => r.deviceId)).toEqual(['nobody', 'loose', 'trk-3', 'trk-3', 'trk-3']);
    expect(reasons).toMatch(/unknown device 'nobody'/);
    expect(reasons).toMatch(/'loose' was not attached/);
    expect(reasons).toMatch(/lon/i);
    expect(reasons).toMatch(/future|ahead|later/i);
    expect(await t.runtime.store.telemetry.positions.count()).toBe(1);
  });

  it('a device sending for another device is refused; an organisation only for its own devices', async () => {
    const container = containerNumber(4);
    await trackedContainer(t.runtime, 'trk-4', container, start);
    const device = (await t.runtime.store.telemetry.devices.get('trk-4'))!;
    await t.runtime.devices.register('cli', { id: 'trk-5', kind: 'tracker', ownerId: 'kz-haulier' });
    const other = (await t.runtime.store.telemetry.devices.get('trk-5'))!;
    const asOther = await t.runtime.telemetry.ingest({ readings: [reading('trk-4', start + MINUTE, CN_SIDE)], problems: [], pointers: ['/readings/0'] }, { kind: 'device', device: other });
    expect(asOther.refused[0]?.reason).toMatch(/belongs to device 'trk-5'/);
    const uz = (await t.runtime.store.access.organisations.get('uz-haulier'))!;
    const asUz = await t.runtime.telemetry.ingest({ readings: [reading('trk-4', start + MINUTE, CN_SIDE)], problems: [], pointers: ['/readings/0'] }, { kind: 'organisation', organisation: uz, networkAdmin: false });
    expect(asUz.refused[0]?.reason).toMatch(/unknown device 'trk-4'/);
    const asItself = await t.runtime.telemetry.ingest({ readings: [reading('trk-4', start + MINUTE, CN_SIDE)], problems: [], pointers: ['/readings/0'] }, { kind: 'device', device });
    expect(asItself.stored).toBe(1);
  });

  it('a unit far off its corridor has left its route; back near it, it has rejoined', async () => {
    const container = containerNumber(6);
    await captureDeparture(t.runtime, container, new Date(start - 60 * MINUTE));
    await trackedContainer(t.runtime, 'trk-6', container, start - 90 * MINUTE);
    await ingest([reading('trk-6', start, KZ_SIDE), reading('trk-6', start + 60 * MINUTE, [78.5, 45.5]), reading('trk-6', start + 120 * MINUTE, KZ_SIDE)]);
    const steps = (await derivedEvents()).map(stepOf);
    expect(steps).toEqual(['route-deviation', 'route-rejoined']);
  });

  it('a seal breach reported with a reading gives a seal status event; the same codes again give none', async () => {
    const container = containerNumber(7);
    await captureDeparture(t.runtime, container, new Date(start - 60 * MINUTE));
    await trackedContainer(t.runtime, 'trk-7', container, start - 90 * MINUTE);
    await ingest([reading('trk-7', start, KZ_SIDE, { sealCodes: [] }), reading('trk-7', start + MINUTE, KZ_SIDE, { sealCodes: ['01'] }), reading('trk-7', start + 2 * MINUTE, KZ_SIDE, { sealCodes: ['01'] })]);
    const events = await derivedEvents();
    expect(events.map(stepOf)).toEqual(['seal-status']);
    expect(raisedSealCodes(events[0]!)).toEqual(['01']);
  });

  it('two reporting periods of silence lose the signal; the next reading brings it back', async () => {
    const container = containerNumber(8);
    await captureDeparture(t.runtime, container, new Date(start - 60 * MINUTE));
    await trackedContainer(t.runtime, 'trk-8', container, start - 90 * MINUTE);
    await ingest([reading('trk-8', start, KZ_SIDE)]);
    expect(await t.runtime.telemetry.checkSignals()).toBe(1);
    expect(await t.runtime.telemetry.checkSignals()).toBe(0);
    await ingest([reading('trk-8', start + 30 * MINUTE, KZ_SIDE)]);
    const events = await derivedEvents();
    expect(events.map(stepOf)).toEqual(['signal-lost', 'signal-recovered']);
    expect(Date.parse(events[0]!.eventTime)).toBe(start + 2 * MINUTE);
  });
});

describe('a handler that throws', () => {
  it('is counted and logged; the reading is still stored and the other devices are untouched', async () => {
    const handlers = TELEMETRY_PIPELINE.map((handler) =>
      handler.name === 'geofences'
        ? eachReading('geofences', (item, deps) => {
          if (item.position.deviceId === 'trk-bad') throw new Error('geofence lookup failed');
          trackPlaces(item, deps);
        })
        : handler,
    );
    const errors: string[] = [];
    const service = new TelemetryService(
      { store: t.runtime.store, bus: t.runtime.bus, capture: t.runtime.capture, shipments: t.runtime.shipments, logger: { warn: () => {}, error: (_d, m) => errors.push(m) }, now: () => new Date() },
      { maxFutureSeconds: 300, routeDeviationKm: 50, readingsPerMinutePerDevice: 1000, retentionDays: 30, handlers },
    );
    const start = Date.now() - 60 * MINUTE;
    for (const [device, serial] of [['trk-bad', 10], ['trk-good', 11]] as const) {
      await captureDeparture(t.runtime, containerNumber(serial), new Date(start - 60 * MINUTE));
      await trackedContainer(t.runtime, device, containerNumber(serial), start - 90 * MINUTE);
    }
    const result = await service.ingest({
      readings: [reading('trk-bad', start, CN_SIDE), reading('trk-good', start, CN_SIDE), reading('trk-bad', start + MINUTE, AT_KHORGOS), reading('trk-good', start + MINUTE, AT_KHORGOS)],
      problems: [],
      pointers: ['/readings/0', '/readings/1', '/readings/2', '/readings/3'],
    }, { kind: 'local' });
    expect(result).toMatchObject({ stored: 4, refused: [] });
    expect(service.counters.handlerErrors.get('geofences')).toBe(2);
    expect(errors).toEqual([expect.stringContaining("'geofences'"), expect.stringContaining("'geofences'")]);
    const events = await derivedEvents();
    expect(events.map((e) => (e as Record<string, unknown>)['krv:device'])).toEqual(['trk-good']);
  });
});
