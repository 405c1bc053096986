import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { loadConfig } from '../../src/config/config.js';
import { openRuntime, type Runtime } from '../../src/runtime/runtime.js';
import { holdReadinessForDemo } from '../../src/sim/demo.js';
import { DEMO_PASSWORD, demoEmailOf } from '../../src/sim/demo-organisations.js';
import { departing, jsonDocument } from '../helpers/corridor-events.js';
import { testStorePlace } from '../helpers/stores.js';

describe('/ready', () => {
  let runtime: Runtime | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await runtime?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 until the shipment read model has caught up with the store, then 200', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'karvon-ready-'));
    const config = loadConfig({ KARVON_DATA_DIR: dir, KARVON_DATABASE_URL: testStorePlace(dir).databaseUrl, KARVON_LOG_LEVEL: 'silent' });
    // Events stored by a command that does not fold (as `karvon import` does)...
    const importing = await openRuntime(config, { trackShipments: false });
    await importing.capture.submit(Buffer.from(jsonDocument([departing(1), departing(2)])), 'application/ld+json', 'rollback');
    await importing.close();
    // ...then a runtime whose read model has not folded them yet.
    runtime = await openRuntime(config, { trackShipments: false });
    const app = await buildApp(runtime);
    const before = await app.inject({ method: 'GET', url: '/ready' });
    expect(before.statusCode).toBe(503);
    expect(before.json().detail).toMatch(/the shipments follower is catching up with the store: event 0 of 2 folded/);
    expect(before.json().detail).toMatch(/the daily-event-count follower is catching up/);
    await runtime.followers.caughtUp();
    const after = await app.inject({ method: 'GET', url: '/ready' });
    expect(after.statusCode).toBe(200);
    await app.close();
  });

  it('on a fresh store with the demo on, answers 503 while the demo seeds, and a demo user signs in as soon as it says 200', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'karvon-ready-demo-'));
    // As `karvon serve` does: followers catch up in the background, the demo holds readiness from
    // before the server answers until its organisations, users and history are stored and folded.
    runtime = await openRuntime(loadConfig({ KARVON_DATA_DIR: dir, KARVON_DATABASE_URL: testStorePlace(dir).databaseUrl, KARVON_LOG_LEVEL: 'silent' }), { catchUpInBackground: true, onError: () => {} });
    const startDemo = holdReadinessForDemo(runtime);
    const app = await buildApp(runtime);
    const first = await app.inject({ method: 'GET', url: '/ready' });
    expect(first.statusCode).toBe(503);
    expect(first.json().detail).toMatch(/the demo seeding has not finished/);
    const demo = startDemo({ shipments: 30, days: 4, seed: 11, speed: 1 }, () => {});
    let ready = first;
    for (let i = 0; i < 2000 && ready.statusCode !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      ready = await app.inject({ method: 'GET', url: '/ready' });
      if (ready.statusCode !== 200) expect(ready.statusCode).toBe(503);
    }
    expect(ready.statusCode).toBe(200);
    // At once: no wait between /ready's 200 and the first sign-in.
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: { email: demoEmailOf('secretariat'), password: DEMO_PASSWORD },
    });
    expect(signIn.statusCode).toBe(200);
    // And the demo's history (the first rows of the fresh store) is folded by every follower by then.
    const running = (await demo)!;
    expect(running.historyCaptured).toBeGreaterThan(50);
    for (const follower of await runtime.followers.status()) expect(follower.position, follower.name).toBeGreaterThanOrEqual(running.historyCaptured);
    await running.stop();
    await app.close();
  }, 120_000);
});
