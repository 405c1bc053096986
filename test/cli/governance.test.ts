import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testStorePlace } from '../helpers/stores.js';
import { main } from '../../src/cli/main.js';
import { loadConfig } from '../../src/config/config.js';
import type { AuditEntry } from '../../src/model/governance.js';
import { openRuntime } from '../../src/runtime/runtime.js';
import { coordinator, createOrganisations, HISTORY } from '../governance/governance-fixtures.js';
import { enterCliSandbox, type CliSandbox } from '../helpers/cli-sandbox.js';

let sandbox: CliSandbox;
let dir: string;
let output: string[];

beforeEach(async () => {
  sandbox = enterCliSandbox('karvon-governance-', { quietErrors: true });
  ({ dir, output } = sandbox);
  // The data folder of a demo server: organisations, then today's six members and chair.
  const runtime = await openRuntime(loadConfig({ KARVON_DATA_DIR: dir, KARVON_DATABASE_URL: testStorePlace(dir).databaseUrl }), { trackShipments: false, onError: () => {} });
  try {
    await createOrganisations(runtime.store);
    await runtime.governance.seedDemoHistory({ ...HISTORY, coordinatorOf: coordinator });
  } finally {
    await runtime.close();
  }
});
afterEach(() => sandbox.leave());

const run = (...args: string[]) => main(['node', 'karvon', 'governance', ...args]);

/** Runs a command and returns what it printed. */
async function printed(...args: string[]): Promise<string[]> {
  output.length = 0;
  await run(...args);
  return [...output];
}

async function auditEntries(): Promise<AuditEntry[]> {
  const runtime = await openRuntime(loadConfig({ KARVON_DATA_DIR: dir, KARVON_DATABASE_URL: testStorePlace(dir).databaseUrl }), { trackShipments: false, onError: () => {} });
  try {
    const out: AuditEntry[] = [];
    for await (const entry of runtime.audit.entries()) out.push(entry);
    return out;
  } finally {
    await runtime.close();
  }
}

describe('karvon governance', () => {
  it('runs an admission vote end to end: propose, five yes votes keep it open, the sixth admits', async () => {
    const members = await printed('members');
    expect(members).toHaveLength(6);
    expect(members.find((line) => line.startsWith('AZ '))).toMatch(/Azerbaijan {2}member {2}admitted 2023-05-15 by admission-az-/);
    expect(members.find((line) => line.startsWith('TM '))).toMatch(/founding member.*coordinator tm-coordinator/);

    const opened = await printed('propose', '--as', 'kz-coordinator', '--kind', 'admission', '--country', 'GE', '--motivation', 'Black Sea ports');
    const id = /^opened (\S+): admission of Georgia \(GE\)$/.exec(opened[0]!)?.[1];
    expect(id).toBeDefined();
    expect(opened[1]).toBe('electorate: AZ, KG, KZ, TJ, TM, UZ');

    const voters = ['kz', 'kg', 'tj', 'tm', 'uz'];
    for (const [index, voter] of voters.entries()) {
      const lines = await printed('vote', '--as', `${voter}-coordinator`, '--proposal', id!, '--yes');
      expect(lines[0]).toBe(`${voter.toUpperCase()} voted yes on ${id}`);
      expect(lines[1]).toMatch(/^still open: waiting for /);
      expect(lines[1]!.split(', ')).toHaveLength(6 - index - 1);
    }
    expect(await printed('vote', '--as', 'az-coordinator', '--proposal', id!, '--yes')).toEqual([`AZ voted yes on ${id}`, 'accepted: Georgia (GE) is now a member state']);

    const after = await printed('members');
    expect(after).toHaveLength(7);
    expect(after.find((line) => line.startsWith('GE '))).toMatch(new RegExp(`Georgia {2}member {2}admitted \\d{4}-\\d{2}-\\d{2} by ${id}  coordinator ge-coordinator`));

    const detail = await printed('proposal', id!);
    expect(detail[0]).toMatch(new RegExp(`^${id} {2}admission of Georgia \\(GE\\) {2}accepted on .*yes 6/6, no 0`));
    expect(detail.filter((line) => / yes \(/.test(line))).toHaveLength(6);

    const listed = await printed('proposals');
    expect(listed).toHaveLength(2);
    expect(listed[0]).toContain(id);

    const votes = (await auditEntries()).filter((entry) => entry.target === id);
    expect(votes.map((entry) => entry.action)).toEqual(['governance.propose', ...Array(6).fill('governance.vote'), 'governance.outcome']);
    expect(votes.every((entry) => entry.actor.via === 'cli')).toBe(true);
  });

  it('refuses a vote on a closed proposal, a double vote, a vote by a non-member and a vote without a choice, changing nothing', async () => {
    await run('propose', '--as', 'uz-coordinator', '--kind', 'admission', '--country', 'GE');
    const id = /^opened (\S+):/.exec(output[0]!)![1]!;
    await run('vote', '--as', 'kz-coordinator', '--proposal', id, '--yes');

    await expect(run('vote', '--as', 'kz-coordinator', '--proposal', id, '--no')).rejects.toThrow(/Kazakhstan has voted on .* already/);
    await expect(run('vote', '--as', 'ge-coordinator', '--proposal', id, '--yes')).rejects.toThrow(/Only the national coordinator organisation of a member state may vote/);
    await expect(run('vote', '--as', 'kz-customs', '--proposal', id, '--yes')).rejects.toThrow(/Only the national coordinator/);
    await expect(run('vote', '--as', 'no-such-org', '--proposal', id, '--yes')).rejects.toThrow(/no-such-org/);
    await expect(run('vote', '--as', 'tj-coordinator', '--proposal', id, '--yes', '--no')).rejects.toThrow(/exactly one of --yes or --no/);
    expect((await printed('proposal', id)).filter((line) => /^ {2}[A-Z]{2} (yes|no) \(/.test(line))).toEqual([expect.stringMatching(/^ {2}KZ yes/)]);

    await run('vote', '--as', 'tj-coordinator', '--proposal', id, '--no');
    expect(output.at(-1)).toBe('rejected: TJ voted no');
    await expect(run('vote', '--as', 'tm-coordinator', '--proposal', id, '--yes')).rejects.toThrow(/is closed \(rejected on .*\): votes are no longer taken/);
    expect(await printed('proposals', '--status', 'open')).toEqual(['no proposals']);
    expect((await printed('members')).some((line) => line.startsWith('GE '))).toBe(false);
  });

  it('shows a withdrawn proposal as withdrawn, waiting for nobody, and lists it under --status withdrawn', async () => {
    await run('propose', '--as', 'uz-coordinator', '--kind', 'admission', '--country', 'GE');
    const id = /^opened (\S+):/.exec(output[0]!)![1]!;
    await run('vote', '--as', 'kz-coordinator', '--proposal', id, '--yes');
    expect(await printed('withdraw', '--as', 'uz-coordinator', '--proposal', id)).toEqual([`${id} withdrawn by UZ`]);

    const shown = await printed('proposal', id);
    expect(shown[0]).toMatch(new RegExp(`^${id} {2}admission of Georgia \\(GE\\) {2}withdrawn on `));
    expect(shown).toContain('  outcome: withdrawn');
    expect(shown.some((line) => line.includes('waiting for'))).toBe(false);
    expect((await printed('proposals', '--status', 'withdrawn')).map((line) => line.split(' ')[0])).toEqual([id]);
    await expect(run('proposals', '--status', 'withdrew')).rejects.toThrow(/--status must be one of open, accepted, rejected, withdrawn/);
  });

  it('refuses a proposal about an unassigned country code, naming the field', async () => {
    await expect(run('propose', '--as', 'kz-coordinator', '--kind', 'admission', '--country', 'ZZ')).rejects.toThrow(/country must be an assigned ISO 3166-1 alpha-2 country code .*got 'ZZ'/);
    expect(await printed('proposals', '--status', 'open')).toEqual(['no proposals']);
  });

  it('shows the chair, its history and the next in rotation', async () => {
    const lines = await printed('chair');
    expect(lines[0]).toBe('chair: Turkmenistan (TM) since 2025-07-01');
    expect(lines.slice(1, 5)).toEqual([
      '  2019-09-01  Kazakhstan (KZ)',
      expect.stringMatching(/^ {2}\d{4}-\d{2}-\d{2} {2}Kyrgyzstan \(KG\)$/),
      expect.stringMatching(/^ {2}\d{4}-\d{2}-\d{2} {2}Tajikistan \(TJ\)$/),
      '  2025-07-01  Turkmenistan (TM)',
    ]);
    expect(lines.at(-1)).toBe('next in rotation: Uzbekistan (UZ)');
    expect((await printed('chair', '--at', '2020-01-01'))[0]).toMatch(/^chair: Kazakhstan \(KZ\) since 2019-09-01 until /);
  });
});
