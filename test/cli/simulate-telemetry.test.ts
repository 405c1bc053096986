import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadConfig } from '../../src/config/config.js';
import { openRuntime } from '../../src/runtime/runtime.js';
import { demoOrganisations, simulatedFirstCarriers } from '../../src/sim/demo-organisations.js';
import { testStorePlace } from '../helpers/stores.js';
import { enterCliSandbox, type CliSandbox } from '../helpers/cli-sandbox.js';

let sandbox: CliSandbox;

beforeEach(() => {
  sandbox = enterCliSandbox('karvon-simulate-telemetry-');
});
afterEach(() => sandbox.leave());

const karvon = (...args: string[]) => main(['node', 'karvon', ...args]);
// A start fixed once, so that a second run is the same simulation (the default start moves with the clock).
const START = new Date(Math.floor(Date.now() / 1000) * 1000 - 6 * 86_400_000).toISOString();
const SIMULATION = ['simulate', '--shipments', '12', '--days', '6', '--start', START, '--seed', '3', '--telemetry', '--reporting-period', '900'];

function telemetryLine(output: string[]): Record<string, number> {
  const line = output.find((l) => l.startsWith('telemetry: '));
  if (!line) throw new Error(`no telemetry line in:\n${output.join('\n')}`);
  const number = (label: string) => Number(new RegExp(`${label}: (\\d+)`).exec(line)?.[1] ?? NaN);
  return {
    devices: Number(/telemetry: (\d+) e-seals/.exec(line)?.[1]),
    registered: Number(/\((\d+) registered now/.exec(line)?.[1]),
    owners: Number(/(\d+) carrier organisations created/.exec(line)?.[1]),
    sent: number('readings sent'),
    stored: number('stored'),
    duplicates: number('duplicates'),
    refused: number('refused'),
    derived: number('derived events'),
  };
}

describe('karvon simulate --telemetry', () => {
  it("registers the e-seals for their carriers, sends their readings through the pipeline and reports what became of them", async () => {
    await karvon(...SIMULATION);
    const first = telemetryLine(sandbox.output);
    expect(first.devices).toBeGreaterThan(10);
    expect(first.registered).toBe(first.devices);
    expect(first.owners).toBeGreaterThan(0);
    // Six days at a quarter of an hour: hundreds of readings per seal on the way.
    expect(first.sent).toBeGreaterThan(first.devices * 100);
    expect(first.stored + first.duplicates + first.refused).toBe(first.sent);
    expect(first.stored).toBeGreaterThan(first.sent * 0.9);
    // Border arrivals and crossings are left out of the events and come from the positions instead.
    expect(first.derived).toBeGreaterThan(0);
    expect(process.exitCode ?? 0).toBe(0);

    const runtime = await openRuntime(loadConfig({ KARVON_DATA_DIR: sandbox.dir, KARVON_DATABASE_URL: testStorePlace(sandbox.dir).databaseUrl }), { trackShipments: false });
    try {
      expect(await runtime.store.telemetry.positions.count()).toBe(first.stored);
      const devices = await runtime.store.telemetry.devices.list();
      expect(devices).toHaveLength(first.devices);
      // The demo organisations holding the PGLNs of the simulated first carriers (carriers and national railways).
      const firstCarriers = new Set(simulatedFirstCarriers().map((c) => c.pgln));
      const carriers = new Set(demoOrganisations().filter((o) => (o.partyIds ?? []).some((p) => firstCarriers.has(p))).map((o) => o.id));
      for (const device of devices) {
        expect(carriers.has(device.ownerId)).toBe(true);
        expect(await runtime.store.access.organisations.get(device.ownerId)).toBeDefined();
      }
      const events = (await runtime.store.events.after(0, 1_000_000)).map((row) => row.event as Record<string, unknown>);
      const derived = events.filter((e) => e['krv:device'] !== undefined);
      expect(derived.length).toBe(first.derived);
      expect(derived.some((e) => e['krv:movementStep'] === 'arrived-at-border')).toBe(true);
    } finally {
      await runtime.close();
    }

    // The same simulation again: events and readings are all there already.
    sandbox.output.length = 0;
    await karvon(...SIMULATION);
    const again = telemetryLine(sandbox.output);
    expect(again).toMatchObject({ devices: first.devices, registered: 0, owners: 0, sent: first.sent, stored: 0, duplicates: first.stored });
  });

  it('refuses --reporting-period without --telemetry, and --telemetry with --speed', async () => {
    await expect(karvon('simulate', '--reporting-period', '60')).rejects.toThrow(/--reporting-period goes with --telemetry/);
    await expect(karvon('simulate', '--telemetry', '--speed', '10')).rejects.toThrow(/does not go with --speed/);
  });
});
