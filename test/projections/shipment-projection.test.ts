import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, it, expect } from 'vitest';
import { containerIri, KARVON_NS } from '../../src/domain/epcis-profile.js';
import type { EpcisDocument, EpcisEvent } from '../../src/epcis/model.js';
import { loadConfig } from '../../src/config/config.js';
import { ShipmentProjection } from '../../src/projections/shipment-projection.js';
import { openRuntime, type Runtime } from '../../src/runtime/runtime.js';
import { MRN, trip } from './profile-events.js';

function uuidPrefix(n: number): string {
  // eventIDs must be URIs; the trip helper appends two digits.
  return `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(10, '0')}`;
}

const other = () => trip(uuidPrefix(2), '80000001', '25KZ551100T0047121', containerIri('TGHU8765432'), 5);
const main = () => trip(uuidPrefix(1));

function documentOf(events: EpcisEvent[]): EpcisDocument {
  return { namespaces: { krv: KARVON_NS }, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-03-20T00:00:00Z', events };
}

describe('ShipmentProjection', () => {
  let runtime: Runtime | undefined;
  let dataDir: string | undefined;
  afterEach(async () => {
    await runtime?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    runtime = undefined;
    dataDir = undefined;
  });

  it('rebuilt from the store equals the one kept current from the bus', async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'karvon-projection-'));
    runtime = await openRuntime(loadConfig({ KARVON_DATA_DIR: dataDir }), { onError: () => {} });
    const live = new ShipmentProjection();
    const unsubscribe = live.subscribe(runtime.bus);
    const a = main();
    const b = other();
    // Captured in three batches, out of event-time order, interleaving both shipments.
    for (const batch of [[...a.slice(6), ...b.slice(0, 4)], [...b.slice(4)], [...a.slice(0, 6)]]) {
      const result = await runtime.capture.captureDocument(documentOf(batch), { binding: 'json', errorBehaviour: 'rollback' });
      expect(result.errors).toEqual([]);
      expect(result.captured).toBe(batch.length);
    }
    unsubscribe();
    expect(live.stats().shipments).toBe(2);
    expect(live.stats().events).toBe(26);
    expect(live.get('smgs:70012345')?.status).toBe('delivered');

    const rebuilt = new ShipmentProjection();
    expect(await rebuilt.rebuild(runtime.store, 7)).toBe(26);
    expect(rebuilt.list().shipments).toEqual(live.list().shipments);
    expect(rebuilt.stats()).toEqual(live.stats());
    // Rebuilding again starts from scratch rather than adding up.
    await rebuilt.rebuild(runtime.store);
    expect(rebuilt.stats()).toEqual(live.stats());
  });

  it('finds shipments by partial container number, by MRN and by any document', () => {
    const projection = new ShipmentProjection();
    projection.apply([...main(), ...other()]);
    expect(projection.search('MSKU123').map((s) => s.id)).toEqual(['smgs:70012345']);
    expect(projection.search('msku 1234565').map((s) => s.id)).toEqual(['smgs:70012345']);
    expect(projection.search(MRN).map((s) => s.id)).toEqual(['smgs:70012345']);
    expect(projection.search('80000001').map((s) => s.id)).toEqual(['smgs:80000001']);
    expect(projection.search('TGHU').map((s) => s.id)).toEqual(['smgs:80000001']);
    expect(projection.search('ZZZZ999')).toEqual([]);
    expect(projection.search('MS')).toEqual([]);
    expect(projection.get(MRN)?.id).toBe('smgs:70012345');
    expect(projection.get(containerIri('TGHU8765432'))?.id).toBe('smgs:80000001');
  });

  it('lists shipments with filters and a cursor', () => {
    const projection = new ShipmentProjection();
    const a = main();
    projection.apply([...a.slice(0, 6), ...other()]);
    expect(projection.list().shipments.map((s) => [s.id, s.status])).toEqual([
      ['smgs:80000001', 'delivered'],
      ['smgs:70012345', 'held-by-customs'],
    ]);
    expect(projection.list({ status: 'held-by-customs' }).shipments.map((s) => s.id)).toEqual(['smgs:70012345']);
    expect(projection.list({ status: ['delivered', 'arrived'] }).shipments.map((s) => s.id)).toEqual(['smgs:80000001']);
    expect(projection.list({ country: 'ge' }).shipments.map((s) => s.id)).toEqual(['smgs:80000001']);
    expect(projection.list({ corridor: 'middle-corridor-dostyk' }).shipments).toHaveLength(2);
    expect(projection.list({ corridor: 'trans-caspian-turkmenbashi' }).shipments).toHaveLength(0);
    expect(projection.list({ mode: 'rail' }).shipments.map((s) => s.id)).toEqual(['smgs:80000001', 'smgs:70012345']);
    expect(projection.list({ from: '2026-03-10T00:00:00Z' }).shipments.map((s) => s.id)).toEqual(['smgs:80000001']);
    expect(projection.list({ to: '2026-03-02T00:00:00Z' }).shipments.map((s) => s.id)).toEqual(['smgs:70012345']);
    const first = projection.list({ limit: 1 });
    expect(first.shipments.map((s) => s.id)).toEqual(['smgs:80000001']);
    const second = projection.list({ limit: 1, cursor: first.nextCursor! });
    expect(second.shipments.map((s) => s.id)).toEqual(['smgs:70012345']);
    expect(second.nextCursor).toBeUndefined();
    expect(projection.stats()).toMatchObject({ shipments: 2, openHolds: 1, byStatus: { delivered: 1, 'held-by-customs': 1 }, byCorridor: { 'middle-corridor-dostyk': 2 } });
  });

  it('measures delay against a registered itinerary when one is known', () => {
    const itinerary = [{ mode: 'rail' as const, from: 'xian', to: 'dostyk', plannedDeparture: '2026-03-01T06:00:00.000Z', plannedArrival: '2026-03-04T00:00:00.000Z' }];
    const projection = new ShipmentProjection({ itineraryFor: (s) => (s.references.smgs?.includes('70012345') ? itinerary : undefined) });
    projection.apply([...main().slice(0, 3), ...other().slice(0, 3)]);
    expect(projection.get('smgs:70012345')!.delay).toMatchObject({ hours: 6, basis: 'registered itinerary' });
    expect(projection.get('smgs:80000001')!.delay?.basis).toBe('reference figures (corridor legs)');
  });
});
