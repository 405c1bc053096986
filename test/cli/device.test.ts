// `karvon device ...` on the server's own data folder: register (the token printed once), attach to a
// container, list with what each device is on, detach; bad input named, nothing changed by it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { enterCliSandbox, type CliSandbox } from '../helpers/cli-sandbox.js';
import { testStorePlace } from '../helpers/stores.js';

let sandbox: CliSandbox;
const run = (...args: string[]) => main(['node', 'karvon', ...args]);

beforeEach(() => {
  sandbox = enterCliSandbox('karvon-device-cli-', { quietErrors: true });
});
afterEach(() => sandbox.leave());

describe('karvon device', () => {
  it('registers, attaches, lists and detaches a device, printing its token once', async () => {
    await run('org', 'create', '--id', 'kz-haulier', '--name', 'KZ haulier', '--kind', 'carrier', '--country', 'KZ');
    await run('device', 'register', '--id', 'seal-9', '--kind', 'e-seal', '--owner', 'kz-haulier', '--period', '120');
    const token = sandbox.output.find((line) => line.startsWith('its token'))?.split(': ')[1];
    expect(token).toMatch(/^krvd_[A-Za-z0-9_-]{43}$/);
    await run('device', 'attach', '--id', 'seal-9', '--unit-kind', 'container', '--unit', 'MSCU 123456 6', '--from', '2026-12-01T08:00:00Z');
    expect(sandbox.output).toContain('attached seal-9 to container MSCU1234566 from 2026-12-01T08:00:00.000Z');
    await run('device', 'list');
    expect(sandbox.output.at(-1)).toBe('seal-9\te-seal\tkz-haulier\tactive\tcontainer MSCU1234566 since 2026-12-01T08:00:00.000Z');
    expect(sandbox.output.join('\n').split(token!).length).toBe(2);
    await run('device', 'detach', '--id', 'seal-9', '--at', '2026-12-03T08:00:00Z');
    await run('device', 'list');
    expect(sandbox.output.at(-1)).toBe('seal-9\te-seal\tkz-haulier\tactive\tnot attached');
    const store = await testStorePlace(process.env.KARVON_DATA_DIR!).open();
    try {
      expect(await store.telemetry.devices.attachments('seal-9')).toMatchObject([{ unitId: 'MSCU1234566', from: Date.parse('2026-12-01T08:00:00Z'), to: Date.parse('2026-12-03T08:00:00Z') }]);
      const entries = await store.audit.list({ limit: 1000 });
      expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['device.register', 'device.attach', 'device.detach']));
    } finally {
      await store.close();
    }
  });

  it('refuses a container number that does not check, naming it, and attaches nothing', async () => {
    await run('org', 'create', '--id', 'kz-haulier', '--name', 'KZ haulier', '--kind', 'carrier', '--country', 'KZ');
    await run('device', 'register', '--id', 'seal-9', '--kind', 'e-seal', '--owner', 'kz-haulier');
    await expect(run('device', 'attach', '--id', 'seal-9', '--unit-kind', 'container', '--unit', 'MSCU1234565')).rejects.toThrow(/unitId/);
    await run('device', 'list');
    expect(sandbox.output.at(-1)).toContain('not attached');
  });
});
