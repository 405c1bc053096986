import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseApiKey } from '../../src/access/tokens.js';
import { main } from '../../src/cli/main.js';
import { loadConfig } from '../../src/config/config.js';
import { openRuntime } from '../../src/runtime/runtime.js';
import { enterCliSandbox, type CliSandbox } from '../helpers/cli-sandbox.js';

let sandbox: CliSandbox;
let output: string[];
const PASSWORD = 'cli-created-password';

beforeEach(() => {
  sandbox = enterCliSandbox('karvon-access-cli-', { dataSubfolder: 'data', quietErrors: true });
  ({ output } = sandbox);
});
afterEach(() => sandbox.leave());

const run = (...args: string[]) => main(['node', 'karvon', ...args]);

describe('karvon org, user and key', () => {
  it('creates the first organisation, user and key, whose secret then works', async () => {
    await run('org', 'create', '--id', 'kz-customs', '--name', 'KZ customs', '--kind', 'customs-authority', '--country', 'kz', '--location', 'dostyk', '--party-id', 'urn:epc:id:pgln:4870001.00001');
    process.env.KARVON_NEW_PASSWORD = PASSWORD;
    await run('user', 'create', '--org', 'kz-customs', '--email', 'Officer@Customs.KZ', '--name', 'Officer', '--role', 'admin');
    delete process.env.KARVON_NEW_PASSWORD;
    output.length = 0;
    await run('key', 'create', '--org', 'kz-customs', '--name', 'gate', '--scopes', 'read,capture');
    const secret = output.at(-1)!;
    expect(secret).toMatch(/^krv_[0-9a-f]{16}_/);
    output.length = 0;
    await run('org', 'list');
    expect(output.join('\n')).toMatch(/kz-customs\tcustoms-authority\tKZ\tactive/);

    const runtime = await openRuntime(loadConfig(), { trackShipments: false });
    try {
      expect((await runtime.access.authenticateBearer(secret)).organisation).toMatchObject({ id: 'kz-customs', locations: ['dostyk'], partyIds: ['urn:epc:id:pgln:4870001.00001'] });
      expect((await runtime.access.signIn('officer@customs.kz', PASSWORD)).principal.role).toBe('admin');
      const entries = await runtime.store.audit.list({ limit: 100 });
      expect(entries.filter((e) => e.actor.via === 'cli').map((e) => e.action)).toEqual(['organisation.create', 'user.create', 'key.create']);
      expect(JSON.stringify(entries)).not.toContain(PASSWORD);
      expect(JSON.stringify(entries)).not.toContain(parseApiKey(secret)!.secret);
    } finally {
      await runtime.close();
    }
  });

  it('will not take a password as an argument, nor create a user without one', async () => {
    await run('org', 'create', '--id', 'kz-rail', '--name', 'KZ railway', '--kind', 'railway', '--country', 'KZ');
    delete process.env.KARVON_NEW_PASSWORD;
    await expect(run('user', 'create', '--org', 'kz-rail', '--email', 'a@rail.kz', '--name', 'A', '--role', 'viewer')).rejects.toThrow(/password-stdin|KARVON_NEW_PASSWORD/);
    const exit = vi.spyOn(process, 'exit').mockImplementation(((code?: number) => {
      throw new Error(`exit ${code}`);
    }) as never);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await expect(run('user', 'create', '--org', 'kz-rail', '--email', 'a@rail.kz', '--name', 'A', '--role', 'viewer', '--password', PASSWORD)).rejects.toThrow(/exit/);
    expect(exit).toHaveBeenCalled();
  });

  it('will not give a party id to a second organisation, in any spelling, and names the one that holds it', async () => {
    await run('org', 'create', '--id', 'uz-forwarder', '--name', 'Tashkent forwarder', '--kind', 'forwarder', '--country', 'UZ', '--party-id', 'urn:epc:id:pgln:4870001.00506');
    await expect(
      run('org', 'create', '--id', 'kz-spy', '--name', 'Spy', '--kind', 'forwarder', '--country', 'KZ', '--party-id', 'https://id.gs1.org/417/4870001005061'),
    ).rejects.toThrow(/party id 'https:\/\/id.gs1.org\/417\/4870001005061' is already assigned to another organisation: 'uz-forwarder' holds it/);
    output.length = 0;
    await run('org', 'list');
    expect(output.join('\n')).not.toContain('kz-spy');
  });

  it('lists every problem of a bad organisation', async () => {
    await expect(run('org', 'create', '--id', 'Bad', '--name', 'X', '--kind', 'pirate')).rejects.toThrow(/\/id[\s\S]*\/kind/);
  });
});
