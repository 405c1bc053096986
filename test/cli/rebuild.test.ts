import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testStorePlace } from '../helpers/stores.js';
import { main } from '../../src/cli/main.js';
import { loadConfig } from '../../src/config/config.js';
import { projectionDigest } from '../../src/projections/state-digest.js';
import { openRuntime } from '../../src/runtime/runtime.js';
import { runSimulation } from '../../src/sim/index.js';
import { enterCliSandbox, type CliSandbox } from '../helpers/cli-sandbox.js';

let sandbox: CliSandbox;
let dir: string;
let output: string[];

beforeEach(() => {
  sandbox = enterCliSandbox('karvon-rebuild-');
  ({ dir, output } = sandbox);
});
afterEach(() => sandbox.leave());

describe('karvon rebuild', () => {
  it('reproduces the state the live projection reached while the events were captured', async () => {
    const runtime = await openRuntime(loadConfig({ KARVON_DATA_DIR: dir, KARVON_DATABASE_URL: testStorePlace(dir).databaseUrl }), { onError: () => {} });
    await runSimulation(runtime, { shipments: 40, days: 20, seed: 5, start: new Date('2026-10-01T00:00:00Z') });
    await runtime.followers.caughtUp();
    const live = await runtime.shipments.stats();
    const liveDigest = await projectionDigest(runtime.shipments);
    const stored = await runtime.store.events.total();
    await runtime.close();
    expect(live.shipments).toBeGreaterThan(10);
    // Every stored event belongs to some shipment, so the rebuild folds exactly what the live one did.
    expect(live.events).toBe(stored);

    await main(['node', 'karvon', 'rebuild']);
    expect(output[0]).toMatch(new RegExp(`^rebuilt ${live.shipments} shipments from ${live.events} events`));
    expect(output).toContain(`state digest: ${liveDigest}`);
  });

  it('rebuilds one follower with --follower, leaving the others where they are, and `karvon followers` lists them', async () => {
    const runtime = await openRuntime(loadConfig({ KARVON_DATA_DIR: dir, KARVON_DATABASE_URL: testStorePlace(dir).databaseUrl }), { onError: () => {} });
    await runSimulation(runtime, { shipments: 10, days: 10, seed: 7, start: new Date('2026-10-01T00:00:00Z') });
    await runtime.followers.caughtUp();
    const stored = await runtime.store.events.total();
    const last = await runtime.store.events.lastSequence();
    const counts = await runtime.store.dailyEventCounts.list();
    const shipmentsBefore = await runtime.store.followers.get('shipments');
    await runtime.close();

    await main(['node', 'karvon', 'rebuild', '--follower', 'daily-event-count']);
    expect(output).toHaveLength(1);
    expect(output[0]).toMatch(new RegExp(`^rebuilt follower daily-event-count from ${stored} events in `));
    const reopened = await openRuntime(loadConfig({ KARVON_DATA_DIR: dir, KARVON_DATABASE_URL: testStorePlace(dir).databaseUrl }), { trackShipments: false });
    expect(await reopened.store.dailyEventCounts.list()).toEqual(counts);
    expect(await reopened.store.followers.get('shipments')).toEqual(shipmentsBefore);
    await reopened.close();

    output.length = 0;
    await main(['node', 'karvon', 'followers']);
    expect(output).toEqual([
      expect.stringMatching(new RegExp(`^shipments: position ${last} of ${last}, lag 0, moved `)),
      expect.stringMatching(new RegExp(`^daily-event-count: position ${last} of ${last}, lag 0, moved `)),
      expect.stringMatching(new RegExp(`^alerts: position ${last} of ${last}, lag 0, moved `)),
    ]);
    await expect(main(['node', 'karvon', 'rebuild', '--follower', 'nonesuch'])).rejects.toThrow(/no follower named 'nonesuch'/);
  });
});
