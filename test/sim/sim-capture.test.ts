import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testStorePlace } from '../helpers/stores.js';
import { formatSimulationSummary } from '../../src/cli/simulate.command.js';
import { loadConfig } from '../../src/config/config.js';
import { openRuntime, type Runtime } from '../../src/runtime/runtime.js';
import { runSimulation } from '../../src/sim/run-simulation.js';
import { simulate } from '../../src/sim/simulate.js';

const opened: { runtime: Runtime; dir: string }[] = [];

async function freshRuntime(): Promise<Runtime> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'karvon-sim-'));
  const runtime = await openRuntime(loadConfig({ KARVON_DATA_DIR: dir, KARVON_DATABASE_URL: testStorePlace(dir).databaseUrl }), { onError: () => {} });
  opened.push({ runtime, dir });
  return runtime;
}

afterEach(async () => {
  for (const { runtime, dir } of opened.splice(0)) {
    await runtime.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe('runSimulation captures through the capture pipeline', () => {
  const options = { shipments: 30, days: 15, seed: 3, incidentRates: { customsHold: 0.2, inspection: 0.2, sealProblem: 0.2, delay: 0.2 } };

  it('captures every event of a small simulation with none rejected, and a rerun only finds duplicates', async () => {
    const runtime = await freshRuntime();
    const expected = simulate(options).events.length;
    const progress: number[] = [];
    const first = await runSimulation(runtime, options, { documentSize: 200, onProgress: (p) => progress.push(p.sent) });
    expect(first.errors).toEqual([]);
    expect(first.rejected).toBe(0);
    expect(first.captured).toBe(expected);
    expect(first.shipments).toBe(30);
    expect(progress.at(-1)).toBe(expected);
    expect(progress.length).toBe(Math.ceil(expected / 200));
    expect(Object.values(first.byCorridor).reduce((n, c) => n + c.events, 0)).toBe(expected);

    expect(await runtime.store.events.total()).toBe(expected);
    const again = await runSimulation(runtime, options);
    expect(again.captured).toBe(0);
    expect(again.duplicates).toBe(expected);

    const text = formatSimulationSummary(first);
    expect(text).toContain(`shipments: 30, events: ${expected}, captured: ${expected}, duplicates: 0, rejected: 0`);
  });

  it('plays back in accelerated time: events are captured only when their time comes', async () => {
    const runtime = await freshRuntime();
    let now = 0;
    const small = { shipments: 4, days: 3, seed: 8 };
    const total = simulate(small).events.length;
    const seen: number[] = [];
    const summary = await runSimulation(runtime, small, {
      speed: 3600,
      clock: () => now,
      sleep: async (ms) => {
        now += ms;
      },
      onProgress: (p) => seen.push(p.sent),
    });
    expect(summary.captured).toBe(total);
    expect(seen.length).toBeGreaterThan(3);
    // 3 simulated days at 3600x take about 72 s of (fake) clock time.
    expect(now).toBeGreaterThan(30_000);
    expect(now).toBeLessThan(80_000);
  });

  it('refuses a bad speed', async () => {
    const runtime = await freshRuntime();
    await expect(runSimulation(runtime, options, { speed: 0 })).rejects.toThrow(/speed/);
  });
});
