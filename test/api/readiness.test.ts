import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { loadConfig } from '../../src/config/config.js';
import { openRuntime, type Runtime } from '../../src/runtime/runtime.js';
import { departing, jsonDocument } from '../helpers/corridor-events.js';

describe('/ready', () => {
  let runtime: Runtime | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await runtime?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 until the shipment read model has caught up with the store, then 200', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'karvon-ready-'));
    const config = loadConfig({ KARVON_DATA_DIR: dir });
    // Events stored by a command that does not fold (as `karvon import` does)...
    const importing = await openRuntime(config, { trackShipments: false });
    await importing.capture.submit(Buffer.from(jsonDocument([departing(1), departing(2)])), 'application/ld+json', 'rollback');
    await importing.close();
    // ...then a runtime whose read model has not folded them yet.
    runtime = await openRuntime(config, { trackShipments: false });
    const app = await buildApp(runtime);
    const before = await app.inject({ method: 'GET', url: '/ready' });
    expect(before.statusCode).toBe(503);
    expect(before.json().detail).toMatch(/catching up with the store: event 0 of 2 folded/);
    await runtime.followers.caughtUp();
    const after = await app.inject({ method: 'GET', url: '/ready' });
    expect(after.statusCode).toBe(200);
    await app.close();
  });
});
