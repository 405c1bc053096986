// The shipment read model is persisted and follows the event store in sequence order: these tests
// hold it to what that promises (resume after a restart, same state whatever the batching, live
// equals rebuilt, merges and late links across batches, a rebuild by another instance).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { containerIri, documentIri, KARVON_NS } from '../../src/domain/epcis-profile.js';
import { eventHashId } from '../../src/epcis/hash/index.js';
import type { EpcisDocument, EpcisEvent } from '../../src/epcis/model.js';
import { shipmentReadModel } from '../../src/projections/shipment-projection.js';
import type { ShipmentQueries } from '../../src/projections/shipment-queries.js';
import { projectionDigest } from '../../src/projections/state-digest.js';
import { openRuntime, type Runtime } from '../../src/runtime/runtime.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { checkRegistration, registrationEvent } from '../../src/tracking/register-shipment.js';
import { CONTAINER, MRN, doc, movement, shuffled, transit, trip } from './profile-events.js';
import { testStorePlace } from '../helpers/stores.js';
import { projectionHarness, type ProjectionHarness } from './projection-harness.js';

/** eventIDs must be URIs for capture to accept them; the trip helper appends two digits. */
const uuidPrefix = (n: number) => `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(10, '0')}`;

/**
 * Three shipments: A and C overlap in time on different containers, B is the next trip of A's
 * container. `prefix` makes eventIDs URIs when the events go through capture.
 */
function threeTrips(prefix: (n: number) => string = (n) => `T${n}-`): EpcisEvent[] {
  return [
    ...trip(prefix(1), '100'),
    ...trip(prefix(2), '200', '26KZ551100T0047123', CONTAINER, 20),
    ...trip(prefix(3), '300', '27KZ551100T0047125', containerIri('TGHU7654320'), 3),
  ];
}

function inChunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function capture(runtime: Runtime, events: EpcisEvent[]): Promise<void> {
  const document: EpcisDocument = { namespaces: { krv: KARVON_NS }, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-03-20T00:00:00Z', events };
  const result = await runtime.capture.captureDocument(document, { binding: 'json', errorBehaviour: 'rollback' });
  expect(result.errors).toEqual([]);
  expect(result.captured).toBe(events.length);
}

/** Stores events the way another process would (an import): the projection is not told. */
async function storeQuietly(store: Store, events: readonly EpcisEvent[]): Promise<void> {
  const recordTime = new Date().toISOString();
  await store.events.insert(events.map((event) => ({ event: { ...event, recordTime }, hashID: eventHashId(event, { binding: 'json' }) })));
}

const eventIDs = async (projection: ShipmentQueries, id: string) => (await projection.events(id))?.map((e) => e.eventID);

describe('the persisted shipment read model', () => {
  let dataDir: string | undefined;
  let runtime: Runtime | undefined;
  const harnesses: ProjectionHarness[] = [];
  const harness = async (options: Parameters<typeof projectionHarness>[0] = {}) => {
    const h = await projectionHarness(options);
    harnesses.push(h);
    return h;
  };
  afterEach(async () => {
    await runtime?.close();
    runtime = undefined;
    for (const h of harnesses.splice(0)) await h.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    dataDir = undefined;
  });

  it('resumes after a restart from its checkpoint instead of folding every event again', async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'karvon-read-model-'));
    const config = loadConfig({ KARVON_DATA_DIR: dataDir, KARVON_DATABASE_URL: testStorePlace(dataDir).databaseUrl });
    const a = trip(uuidPrefix(1));
    const b = trip(uuidPrefix(2), '80000001', '25KZ551100T0047121', containerIri('TGHU7654320'), 5);

    runtime = await openRuntime(config, { onError: () => {} });
    await capture(runtime, [...a.slice(0, 6), ...b.slice(0, 4)]);
    await runtime.followers.caughtUp();
    const position = (await runtime.store.shipments.checkpoint()).position;
    expect(position).toBe(await runtime.store.events.lastSequence());
    expect(position).toBeGreaterThan(0);
    const digestBeforeRestart = await projectionDigest(runtime.shipments);
    await runtime.close();
    runtime = undefined;

    // Reopen on the same database, watching which stored rows the projection reads to fold.
    const store = await openStore(config);
    const readToFold: number[] = [];
    const after = store.events.after.bind(store.events);
    vi.spyOn(store.events, 'after').mockImplementation(async (sequence, limit) => {
      const rows = await after(sequence, limit);
      readToFold.push(...rows.map((row) => row.sequence));
      return rows;
    });
    runtime = await openRuntime(config, { store, onError: () => {} });

    // The shipments are there at once, and nothing was folded again to get them.
    expect(readToFold).toEqual([]);
    expect((await store.shipments.checkpoint()).position).toBe(position);
    expect((await runtime.shipments.get('smgs:70012345'))?.status).toBe('held-by-customs');
    expect(await projectionDigest(runtime.shipments)).toBe(digestBeforeRestart);

    await capture(runtime, [...a.slice(6), ...b.slice(4)]);
    await runtime.followers.caughtUp();
    const last = await store.events.lastSequence();
    expect((await store.shipments.checkpoint()).position).toBe(last);
    // Only the new rows were folded, each once by each follower (shipments, daily counter, alerts).
    const followers = runtime.followers.names().length;
    expect(followers).toBe(3);
    expect(readToFold).toHaveLength(followers * (a.length - 6 + b.length - 4));
    expect(new Set(readToFold).size).toBe(readToFold.length / followers);
    expect(readToFold.every((sequence) => sequence > position)).toBe(true);
    expect(Math.max(...readToFold)).toBe(last);
    expect((await runtime.shipments.get('smgs:70012345'))?.status).toBe('delivered');

    // What it reached by resuming is what folding everything from scratch gives.
    const resumed = await projectionDigest(runtime.shipments);
    expect(await shipmentReadModel(store).runner.rebuild()).toBe(last);
    expect(await projectionDigest(runtime.shipments)).toBe(resumed);
  });

  it('folds the same state whatever the batch size and the size of its cache', async () => {
    const events = shuffled(threeTrips(), 7);
    const tiny = await harness({ batchSize: 1, cachedFacts: 1 });
    const usual = await harness();
    // Captured a few at a time, out of order: later batches refold shipments from stored facts.
    for (const chunk of inChunks(events, 5)) {
      await tiny.apply(chunk);
      await usual.apply(chunk);
    }
    const shipments = (await usual.projection.list()).shipments;
    expect(shipments.map((s) => s.id).sort()).toEqual(['smgs:100', 'smgs:200', 'smgs:300']);
    expect(await projectionDigest(tiny.projection)).toBe(await projectionDigest(usual.projection));
    for (const { id } of shipments) {
      expect(await eventIDs(tiny.projection, id)).toEqual(await eventIDs(usual.projection, id));
      expect(await eventIDs(tiny.projection, id)).toHaveLength(13);
    }
  });

  it('gives the same state folded live, capture after capture, as rebuilt from the store', async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'karvon-read-model-'));
    runtime = await openRuntime(loadConfig({ KARVON_DATA_DIR: dataDir, KARVON_DATABASE_URL: testStorePlace(dataDir).databaseUrl }), { onError: () => {} });
    const events = shuffled(threeTrips(uuidPrefix), 13);
    // The projection folds while the next captures come in (it is not awaited between them).
    for (const chunk of inChunks(events, 4)) await capture(runtime, chunk);
    await runtime.followers.caughtUp();
    const live = await projectionDigest(runtime.shipments);
    const liveStats = await runtime.shipments.stats();
    expect(liveStats.shipments).toBe(3);
    expect(liveStats.events).toBe(events.length);

    expect((await runtime.followers.rebuild('shipments')).get('shipments')).toBe(events.length);
    expect(await projectionDigest(runtime.shipments)).toBe(live);
    expect(await runtime.shipments.stats()).toEqual(liveStats);
  });

  it('merges shipments first known by different documents in earlier batches into one, found by all of them', async () => {
    const bookingEvent = movement('departed', { id: 'm1', time: '2026-03-01T08:00:00Z', at: 'xian', docs: [doc.booking('BK7')], units: [containerIri('AAAU1111113')] });
    const cmrEvent = movement('position-reported', { id: 'm3', time: '2026-03-03T12:00:00Z', at: 'geo:43.8,87.6', docs: [doc.cmr('CMR-9')], units: [containerIri('BBBU2222222')] });
    const mrnEvent = transit('lodge', { id: 'm2', time: '2026-03-04T08:00:00Z', at: 'dostyk', docs: [doc.mrn(MRN)], units: [containerIri('CCCU3333335')], fields: { country: 'KZ' } });
    const linking = transit('accept', { id: 'm4', time: '2026-03-04T09:00:00Z', at: 'dostyk', docs: [doc.booking('BK7'), doc.mrn(MRN), doc.cmr('CMR-9')], units: [], fields: { country: 'KZ' } });

    const h = await harness();
    for (const event of [bookingEvent, cmrEvent, mrnEvent]) await h.apply([event]);
    const earlierIds = (await h.projection.list()).shipments.map((s) => s.id);
    expect(earlierIds).toHaveLength(3);

    await h.apply([linking]);
    expect((await h.projection.stats()).shipments).toBe(1);
    const merged = (await h.projection.get('booking:BK7'))!;
    expect(merged).toBeDefined();
    const lookups = [
      ...earlierIds,
      documentIri('booking', 'BK7'),
      documentIri('cmr', 'CMR-9'),
      documentIri('mrn', MRN),
      MRN,
      'CMR-9',
      containerIri('AAAU1111113'),
      containerIri('BBBU2222222'),
      containerIri('CCCU3333335'),
      'CCCU3333335',
    ];
    for (const ref of lookups) expect((await h.projection.get(ref))?.id, ref).toBe(merged.id);
    for (const ref of earlierIds) expect(await eventIDs(h.projection, ref), ref).toEqual(['m1', 'm3', 'm2', 'm4']);
    expect((await h.projection.search('BBBU222')).map((s) => s.id)).toEqual([merged.id]);
    expect((await h.projection.stats()).events).toBe(4);

    // Folded in one batch, the same events give the same shipment.
    const oneBatch = await harness();
    await oneBatch.apply([bookingEvent, cmrEvent, mrnEvent, linking]);
    expect(await projectionDigest(oneBatch.projection)).toBe(await projectionDigest(h.projection));
  });

  it('keeps events of a shipment not known yet and links them to its registration when it comes', async () => {
    const registration = checkRegistration({
      references: [
        { kind: 'booking', value: 'BK-2026-0005' },
        { kind: 'smgs', value: '70099001' },
      ],
      parties: [
        { role: 'consignor', name: 'Almaty Steel LLP', country: 'KZ' },
        { role: 'consignee', name: 'Poti Trading Ltd', country: 'GE' },
      ],
      goods: [{ hsCode: '721049', description: 'galvanised steel sheets', packages: 20, grossKg: 21500 }],
      transportUnits: [{ kind: 'container', id: 'CSQU3054383' }],
      itinerary: [
        { mode: 'rail', from: 'almaty', to: 'aktau-port', plannedDeparture: '2026-03-01T08:00:00Z', plannedArrival: '2026-03-05T08:00:00Z' },
        { mode: 'sea', from: 'aktau-port', to: 'alat-port', plannedDeparture: '2026-03-06T08:00:00Z', plannedArrival: '2026-03-07T20:00:00Z' },
        { mode: 'rail', from: 'alat-port', to: 'poti-port', plannedDeparture: '2026-03-08T08:00:00Z', plannedArrival: '2026-03-10T08:00:00Z' },
      ],
    });
    const unit = containerIri('CSQU3054383');
    const h = await harness();
    // A telematics position names only the container; then the departure names the waybill.
    await h.apply([movement('position-reported', { id: 'u1', time: '2026-03-02T12:00:00Z', at: 'geo:45.0,75.0', docs: [], units: [unit] })]);
    expect((await h.projection.list()).shipments.map((s) => s.id)).toEqual(['unit:CSQU3054383']);
    await h.apply([movement('departed', { id: 'd1', time: '2026-03-01T08:00:00Z', at: 'almaty', docs: [doc.smgs('70099001')], units: [unit] })]);
    expect((await h.projection.list()).shipments.map((s) => s.id)).toEqual(['smgs:70099001']);
    expect((await h.projection.get('smgs:70099001'))?.registration).toBeUndefined();

    // The registration is captured last although it was made first.
    await h.apply([{ ...registrationEvent(registration, new Date('2026-02-27T10:00:00Z')), eventID: 'reg' }]);
    const [only, ...rest] = (await h.projection.list()).shipments;
    expect(rest).toEqual([]);
    expect(only!.id).toBe('booking:BK-2026-0005');
    expect(only!.registration).toMatchObject({ references: [{ kind: 'booking', value: 'BK-2026-0005' }, { kind: 'smgs', value: '70099001' }] });
    expect(only!.itinerary).toHaveLength(3);
    expect(only!.status).not.toBe('planned');
    expect(await eventIDs(h.projection, only!.id)).toEqual(['reg', 'd1', 'u1']);
    for (const ref of ['unit:CSQU3054383', 'smgs:70099001', documentIri('booking', 'BK-2026-0005')]) {
      expect((await h.projection.get(ref))?.id, ref).toBe(only!.id);
    }
  });

  it('folds correctly after another instance rebuilt the read model under it', async () => {
    const a = trip('A', '100');
    const b = trip('B', '200', '26KZ551100T0047123', containerIri('TGHU7654320'), 2);
    const h = await harness();
    await h.apply([...a.slice(0, 4), ...b.slice(0, 3)]);

    // Another process stores events this instance is not told of (an import), and `karvon rebuild`
    // (another projection over the same store) folds everything again.
    await storeQuietly(h.store, [...a.slice(4, 8), ...b.slice(3, 6)]);
    expect(await shipmentReadModel(h.store).runner.rebuild()).toBe(14);

    // This instance goes on with the next captures: what it knew of these shipments is out of date.
    await h.apply([...a.slice(8), ...b.slice(6)]);
    expect(await eventIDs(h.projection, 'smgs:100')).toHaveLength(13);
    expect((await h.projection.get('smgs:100'))?.holds).toHaveLength(1);
    const live = await projectionDigest(h.projection);
    expect(await shipmentReadModel(h.store).runner.rebuild()).toBe(26);
    expect(await projectionDigest(h.projection)).toBe(live);
  });

  it('folds everything again when the read model was cleared under it', async () => {
    const h = await harness();
    const events = shuffled(threeTrips(), 5);
    await h.apply(events.slice(0, 20));
    const expected = await harness();
    await expected.apply(events);

    // Another instance's rebuild starts by clearing the read model: the checkpoint goes back to 0.
    await h.store.shipments.clear();
    await h.apply(events.slice(20));
    expect((await h.store.shipments.checkpoint()).position).toBe(events.length);
    expect((await h.projection.stats()).events).toBe(events.length);
    expect(await projectionDigest(h.projection)).toBe(await projectionDigest(expected.projection));
  });
});
