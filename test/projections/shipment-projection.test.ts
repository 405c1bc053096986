import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, it, expect } from 'vitest';
import { containerIri, KARVON_NS } from '../../src/domain/epcis-profile.js';
import type { EpcisDocument, EpcisEvent } from '../../src/epcis/model.js';
import { loadConfig } from '../../src/config/config.js';
import { shipmentReadModel, type ShipmentProjectionOptions } from '../../src/projections/shipment-projection.js';
import type { ShipmentQueries } from '../../src/projections/shipment-queries.js';
import { openRuntime, type Runtime } from '../../src/runtime/runtime.js';
import { MRN, trip } from './profile-events.js';
import { projectionHarness, type ProjectionHarness } from './projection-harness.js';
import { testStorePlace } from '../helpers/stores.js';

function uuidPrefix(n: number): string {
  // eventIDs must be URIs; the trip helper appends two digits.
  return `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(10, '0')}`;
}

const other = () => trip(uuidPrefix(2), '80000001', '25KZ551100T0047121', containerIri('TGHU7654320'), 5);
const main = () => trip(uuidPrefix(1));

function documentOf(events: EpcisEvent[]): EpcisDocument {
  return { namespaces: { krv: KARVON_NS }, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-03-20T00:00:00Z', events };
}

describe('ShipmentProjection', () => {
  let runtime: Runtime | undefined;
  let dataDir: string | undefined;
  let harness: ProjectionHarness | undefined;
  afterEach(async () => {
    await runtime?.close();
    await harness?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    runtime = undefined;
    dataDir = undefined;
    harness = undefined;
  });

  const projectionOver = async (options: ShipmentProjectionOptions = {}) => {
    harness = await projectionHarness(options);
    return harness;
  };

  it('rebuilt from the store equals the one kept current from the bus', async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'karvon-projection-'));
    runtime = await openRuntime(loadConfig({ KARVON_DATA_DIR: dataDir, KARVON_DATABASE_URL: testStorePlace(dataDir).databaseUrl }), { onError: () => {} });
    const live = runtime.shipments;
    const a = main();
    const b = other();
    // Captured in three batches, out of event-time order, interleaving both shipments.
    for (const batch of [[...a.slice(6), ...b.slice(0, 4)], [...b.slice(4)], [...a.slice(0, 6)]]) {
      const result = await runtime.capture.captureDocument(documentOf(batch), { binding: 'json', errorBehaviour: 'rollback' });
      expect(result.errors).toEqual([]);
      expect(result.captured).toBe(batch.length);
    }
    await runtime.followers.caughtUp();
    const liveStats = await live.stats();
    const liveList = (await live.list()).shipments;
    expect(liveStats.shipments).toBe(2);
    expect(liveStats.events).toBe(26);
    expect((await live.get('smgs:70012345'))?.status).toBe('delivered');

    // Another instance over the same store forgets the read model and folds it again, 7 rows a batch.
    const rebuilt = shipmentReadModel(runtime.store, { batchSize: 7 });
    expect(await rebuilt.runner.rebuild()).toBe(26);
    expect((await rebuilt.queries.list()).shipments).toEqual(liveList);
    expect(await rebuilt.queries.stats()).toEqual(liveStats);
    // Rebuilding again starts from scratch rather than adding up.
    expect(await rebuilt.runner.rebuild()).toBe(26);
    expect(await rebuilt.queries.stats()).toEqual(liveStats);
  });

  it('finds shipments by partial container number, by MRN and by any document', async () => {
    const { apply, projection } = await projectionOver();
    await apply([...main(), ...other()]);
    const ids = async (q: string) => (await projection.search(q)).map((s) => s.id);
    expect(await ids('MSKU123')).toEqual(['smgs:70012345']);
    expect(await ids('msku 1234565')).toEqual(['smgs:70012345']);
    expect(await ids(MRN)).toEqual(['smgs:70012345']);
    expect(await ids('80000001')).toEqual(['smgs:80000001']);
    expect(await ids('TGHU')).toEqual(['smgs:80000001']);
    expect(await projection.search('ZZZZ999')).toEqual([]);
    expect(await projection.search('MS')).toEqual([]);
    expect((await projection.get(MRN))?.id).toBe('smgs:70012345');
    expect((await projection.get(containerIri('TGHU7654320')))?.id).toBe('smgs:80000001');
  });

  it('lists shipments with filters and a cursor', async () => {
    const { apply, projection } = await projectionOver();
    const a = main();
    await apply([...a.slice(0, 6), ...other()]);
    const ids = async (query: Parameters<ShipmentQueries['list']>[0]) => (await projection.list(query)).shipments.map((s) => s.id);
    expect((await projection.list()).shipments.map((s) => [s.id, s.status])).toEqual([
      ['smgs:80000001', 'delivered'],
      ['smgs:70012345', 'held-by-customs'],
    ]);
    expect(await ids({ status: 'held-by-customs' })).toEqual(['smgs:70012345']);
    expect(await ids({ status: ['delivered', 'arrived'] })).toEqual(['smgs:80000001']);
    expect(await ids({ country: 'ge' })).toEqual(['smgs:80000001']);
    expect(await ids({ corridor: 'middle-corridor-dostyk' })).toHaveLength(2);
    expect(await ids({ corridor: 'trans-caspian-turkmenbashi' })).toHaveLength(0);
    expect(await ids({ mode: 'rail' })).toEqual(['smgs:80000001', 'smgs:70012345']);
    expect(await ids({ from: '2026-03-10T00:00:00Z' })).toEqual(['smgs:80000001']);
    expect(await ids({ to: '2026-03-02T00:00:00Z' })).toEqual(['smgs:70012345']);
    const first = await projection.list({ limit: 1 });
    expect(first.shipments.map((s) => s.id)).toEqual(['smgs:80000001']);
    const second = await projection.list({ limit: 1, cursor: first.nextCursor! });
    expect(second.shipments.map((s) => s.id)).toEqual(['smgs:70012345']);
    expect(second.nextCursor).toBeUndefined();
    expect(await projection.stats()).toMatchObject({ shipments: 2, openHolds: 1, byStatus: { delivered: 1, 'held-by-customs': 1 }, byCorridor: { 'middle-corridor-dostyk': 2 } });
  });

  it('refuses a cursor it did not hand out', async () => {
    const { apply, projection } = await projectionOver();
    await apply(main().slice(0, 2));
    await expect(projection.list({ cursor: 'garbage' })).rejects.toMatchObject({ code: 'KRV_QUERY_PARAMETER' });
  });

  it('measures delay against a registered itinerary when one is known', async () => {
    const itinerary = [{ mode: 'rail' as const, from: 'xian', to: 'dostyk', plannedDeparture: '2026-03-01T06:00:00.000Z', plannedArrival: '2026-03-04T00:00:00.000Z' }];
    const { apply, projection } = await projectionOver({ itineraryFor: (s) => (s.references.smgs?.includes('70012345') ? itinerary : undefined) });
    await apply([...main().slice(0, 3), ...other().slice(0, 3)]);
    expect((await projection.get('smgs:70012345'))!.delay).toMatchObject({ hours: 6, basis: 'registered itinerary' });
    expect((await projection.get('smgs:80000001'))!.delay?.basis).toBe('reference figures (corridor legs)');
  });
});
