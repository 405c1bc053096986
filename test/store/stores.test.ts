/**
 * Every store suite, registered once for every store KARVON_TEST_STORES asks for (default: SQLite
 * in memory and on a file; test/helpers/stores.ts).
 */
import { describe, expect, it } from 'vitest';
import { testStoreKinds, testStorePlace, testStores } from '../helpers/stores.js';
import { accessSuite } from './access-suite.js';
import { alertsSuite } from './alerts-suite.js';
import { auditSuite } from './audit-suite.js';
import { asNew, container, hashOf, shipments } from './corridor-events.js';
import { governanceSuite } from './governance-suite.js';
import { shipmentViewSuite } from './shipment-view-suite.js';
import { storeSuite } from './store-suite.js';
import { device, reading, telemetrySuite } from './telemetry-suite.js';
import { visibilitySuite } from './visibility-suite.js';

for (const { name, open } of testStores()) {
  storeSuite(name, open);
  shipmentViewSuite(name, open);
  auditSuite(name, open);
  accessSuite(name, open);
  visibilitySuite(name, open);
  governanceSuite(name, open);
  telemetrySuite(name, open);
  alertsSuite(name, open);
}

for (const kind of testStoreKinds()) {
  describe(`${kind} store, closed and opened again`, () => {
    it('keeps events, jobs, queries and master data', async () => {
      const place = testStorePlace(undefined, kind);
      const events = shipments(3);
      const first = await place.open();
      await first.events.insert(asNew(events));
      // A content duplicate under another eventID: its eventID is kept as an alias.
      const alias = 'urn:uuid:0a11a500-0000-4000-8000-000000000001';
      const aliased = await first.events.insert([{ ...asNew(events)[2]!, event: { ...events[2]!, eventID: alias } }]);
      expect(aliased.aliased).toHaveLength(1);
      await first.captureJobs.create({ id: 'j1', errorBehaviour: 'proceed', contentType: 'application/xml', createdAt: '2025-03-01T00:00:00Z' }, Buffer.from('<x/>'));
      await first.namedQueries.create({ owner: 'kz-rail', name: 'n1', query: { MATCH_epc: [container(1)] }, createdAt: '2025-03-01T00:00:00Z' });
      await first.masterData.upsert([{ type: 'urn:epcglobal:epcis:vtype:ReadPoint', vocabularyElementList: [{ id: 'urn:epc:id:sgln:4870001.00003.0', children: ['urn:epc:id:sgln:4870001.00004.0'] }] }]);
      await first.close();
      expect(await first.ping()).toBe(false);

      const second = await place.open();
      try {
        expect(await second.events.total()).toBe(15);
        expect((await second.events.get(events[4]!.eventID!))?.event).toEqual(events[4]);
        // The alias survives: it still finds the stored event, by get() and EQ_eventID, and the
        // other content under it is still refused.
        expect((await second.events.get(alias))?.event).toEqual(events[2]);
        const byAlias = await second.events.query({ conditions: [{ kind: 'in', field: 'eventID', values: [alias] }] }, { perPage: 10 });
        expect(byAlias.events.map((e) => e.event.eventID)).toEqual([events[2]!.eventID]);
        const conflict = await second.events.insert([{ event: { ...events[3]!, eventID: alias }, hashID: hashOf('other content') }]);
        expect(conflict.conflicts.map((c) => c.eventID)).toEqual([alias]);
        const page = await second.events.query({ conditions: [{ kind: 'epc', roles: ['epc', 'childEPC'], patterns: [container(2)] }] }, { perPage: 10 });
        expect(page.events).toHaveLength(5);
        // Interned values from the first session are reused, not duplicated.
        expect((await second.events.insert(asNew(shipments(4).slice(15)))).inserted).toHaveLength(5);
        expect(await second.events.count({ conditions: [{ kind: 'epc', roles: ['epc'], patterns: [container(4)] }] }, 100)).toBe(4);
        expect((await second.captureJobs.document('j1'))?.toString()).toBe('<x/>');
        expect((await second.captureJobs.unfinished()).map((j) => j.id)).toEqual(['j1']);
        expect(await second.namedQueries.get('kz-rail', 'n1')).toBeDefined();
        expect(await second.masterData.descendants('urn:epc:id:sgln:4870001.00003.0')).toHaveLength(2);
      } finally {
        await second.close();
      }
    });

    it('keeps devices, attachments, positions, sequences, device states and geofences', async () => {
      const place = testStorePlace(undefined, kind);
      const first = await place.open();
      await first.telemetry.devices.create(device('trk-1', { credentialHash: 'h1' }));
      await first.telemetry.devices.attach({ deviceId: 'trk-1', unitKind: 'wagon', unitId: '52345678', unitEpc: 'urn:epc:id:giai:4870001.52345678', from: 1_000 });
      const stored = await first.telemetry.positions.append([reading('trk-1', 2, { sealCodes: ['03'], attributes: { batteryV: 3.9 } }), reading('trk-1', 1), reading('trk-2', 1)]);
      await first.telemetry.deviceStates.put([{ deviceId: 'trk-1', lastFixTime: stored[0]!.fixTime, state: { inside: ['KZ-KHORGOS'] } }]);
      await first.telemetry.geofences.create({ id: 'g1', ownerId: 'kz-rail', name: 'Depot', geometry: { kind: 'circle', center: [76.95, 43.25], radiusM: 500 }, createdAt: '2026-03-01T00:00:00.000Z' });
      await first.close();

      const second = await place.open();
      try {
        expect(await second.telemetry.devices.byCredential('h1')).toEqual(device('trk-1', { credentialHash: 'h1' }));
        expect((await second.telemetry.devices.openAttachments(['trk-1'])).get('trk-1')?.unitId).toBe('52345678');
        expect(await second.telemetry.positions.after(0, 10)).toEqual(stored);
        expect(await second.telemetry.positions.lastSequence()).toBe(stored[2]!.sequence);
        expect((await second.telemetry.positions.latest()).get('trk-1')).toEqual(stored[0]);
        // Device keys from the first session are reused: the duplicate is still refused, new readings follow on.
        expect(await second.telemetry.positions.append([reading('trk-1', 1)])).toEqual([]);
        const [next] = await second.telemetry.positions.append([reading('trk-2', 3)]);
        expect(next!.sequence).toBeGreaterThan(stored[2]!.sequence);
        expect((await second.telemetry.positions.track('trk-2', { limit: 10 })).map((p) => p.sequence)).toEqual([stored[2]!.sequence, next!.sequence]);
        expect((await second.telemetry.deviceStates.get(['trk-1'])).get('trk-1')?.state).toEqual({ inside: ['KZ-KHORGOS'] });
        expect((await second.telemetry.geofences.list()).map((g) => g.id)).toEqual(['g1']);
      } finally {
        await second.close();
      }
    });

    it('shares device keys and the positions log between two stores open on it at once', async () => {
      const place = testStorePlace(undefined, kind);
      const a = await place.open();
      const b = await place.open();
      try {
        const [one] = await a.telemetry.positions.append([reading('trk-a', 1)]);
        const [two] = await b.telemetry.positions.append([reading('trk-b', 1), reading('trk-a', 2)]);
        // Each store reads the device the other one introduced, and refuses its duplicates.
        expect(await a.telemetry.positions.after(0, 10)).toEqual(await b.telemetry.positions.after(0, 10));
        expect(await a.telemetry.positions.after(one!.sequence, 1)).toEqual([two]);
        expect(await a.telemetry.positions.append([reading('trk-b', 1), reading('trk-a', 2)])).toEqual([]);
        expect(latestFixTimes(await a.telemetry.positions.latest())).toEqual({ 'trk-a': reading('trk-a', 2).fixTime, 'trk-b': reading('trk-b', 1).fixTime });
      } finally {
        await a.close();
        await b.close();
      }
    });
  });
}

/** Each device's latest fix time, by device id. */
function latestFixTimes(latest: ReadonlyMap<string, { fixTime: number }>): Record<string, number> {
  return Object.fromEntries([...latest].map(([id, p]) => [id, p.fixTime]));
}
