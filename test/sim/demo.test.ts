import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDemo } from '../../src/sim/demo.js';
import { departing } from '../helpers/corridor-events.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const settings = { shipments: 40, days: 8, seed: 3, speed: 1 };
let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('the demo of karvon serve', () => {
  it('captures the history up to now through capture, then keeps events for later', async () => {
    t = await startTestApp();
    const demo = (await startDemo(t.runtime, settings, () => {}))!;
    expect(demo).toBeDefined();
    expect(demo.historyCaptured).toBeGreaterThan(100);
    expect(demo.livePending()).toBeGreaterThan(0);
    // Besides the simulator's events: the events the e-seals' positions gave (arrivals, crossings...).
    const derived = (await t.runtime.store.events.after(0, 100_000)).filter((row) => (row.event as Record<string, unknown>)['krv:device'] !== undefined);
    expect(await t.runtime.store.events.total()).toBe(demo.historyCaptured + derived.length);
    expect((await t.runtime.store.telemetry.devices.list()).length).toBeGreaterThan(0);
    expect(await t.runtime.store.telemetry.positions.count()).toBeGreaterThan(0);
    // The projection folds after capture; wait for it before reading shipments.
    await t.runtime.followers.caughtUp();
    expect((await t.runtime.shipments.stats()).shipments).toBeGreaterThan(3);
    const page = await t.runtime.store.events.query({ conditions: [], orderBy: 'eventTime', orderDirection: 'DESC' }, { perPage: 1 });
    expect(Date.parse(page.events[0]!.event.eventTime)).toBeLessThanOrEqual(Date.now());
    await demo.stop();
  });

  it('carries on after a restart from demo.json without storing anything twice', async () => {
    t = await startTestApp();
    const first = (await startDemo(t.runtime, settings, () => {}))!;
    await first.stop();
    const stored = await t.runtime.store.events.total();
    const saved = JSON.parse(fs.readFileSync(path.join(t.dataDir, 'demo.json'), 'utf8'));
    const again = (await startDemo(t.runtime, { ...settings, seed: 99 }, () => {}))!;
    await again.stop();
    expect(again.historyCaptured).toBe(0);
    expect(await t.runtime.store.events.total()).toBe(stored);
    expect(JSON.parse(fs.readFileSync(path.join(t.dataDir, 'demo.json'), 'utf8'))).toEqual(saved);
  });

  it('never mixes demo traffic into a store that holds real data', async () => {
    t = await startTestApp();
    await t.runtime.capture.captureDocument(JSON.parse(JSON.stringify({ namespaces: {}, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '', events: [departing(1)] })), {
      binding: 'json',
      errorBehaviour: 'rollback',
    });
    expect(await startDemo(t.runtime, settings, () => {})).toBeUndefined();
    expect(fs.existsSync(path.join(t.dataDir, 'demo.json'))).toBe(false);
  });
});
