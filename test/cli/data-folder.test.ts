/**
 * Which data folder a command works on: `--data-dir` on every command that opens a store, winning
 * over KARVON_DATA_DIR; and a command that needs existing data refuses a place holding no Karvon
 * store (naming it) instead of creating an empty one that would pass for an intact, empty node.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildProgram, main } from '../../src/cli/main.js';
import { enterCliSandbox, type CliSandbox } from '../helpers/cli-sandbox.js';

let sandbox: CliSandbox;
beforeEach(() => {
  sandbox = enterCliSandbox('karvon-data-folder-');
});
afterEach(() => sandbox.leave());

const karvon = (...args: string[]) => main(['node', 'karvon', ...args]);

/** The commands a user can run, by their full name (`audit verify`), with the command itself. */
function leafCommands(command: Command, prefix = ''): Array<[string, Command]> {
  if (command.commands.length === 0) return [[prefix.trim(), command]];
  return command.commands.flatMap((child) => leafCommands(child, `${prefix} ${child.name()}`));
}

/** Commands that work on documents given to them and never open a store. */
const STORELESS = ['hash', 'validate'];

/** Every command that must not create a store where there is none, with the arguments it needs. */
const NEEDS_EXISTING: string[][] = [
  ['audit', 'verify'],
  ['audit', 'head'],
  ['audit', 'export', '--out', 'audit.jsonl'],
  ['audit', 'list'],
  ['export'],
  ['rebuild'],
  ['followers'],
  ['org', 'list'],
  ['org', 'suspend', 'kz-customs'],
  ['key', 'revoke', 'some-key'],
  ['key', 'create', '--org', 'kz-customs', '--name', 'k', '--scopes', 'read'],
  ['governance', 'members'],
  ['governance', 'proposals'],
  ['governance', 'proposal', 'p-1'],
  ['governance', 'chair'],
  ['governance', 'propose', '--as', 'kz-coordinator', '--kind', 'admission', '--country', 'AM'],
];

describe('--data-dir', () => {
  it('is offered, with KARVON_DATA_DIR, in the help of every command that opens a store', () => {
    const commands = leafCommands(buildProgram());
    expect(commands.length).toBeGreaterThan(20);
    for (const [name, command] of commands) {
      const help = command.helpInformation();
      if (STORELESS.includes(name)) {
        expect(help, name).not.toContain('--data-dir');
        continue;
      }
      expect(help, name).toContain('--data-dir <folder>');
      expect(help, name).toContain('KARVON_DATA_DIR');
    }
  });

  it('wins over KARVON_DATA_DIR, which is still honoured without it', async () => {
    // The sandbox names its store in KARVON_DATABASE_URL too; without it the store lives in the data folder.
    delete process.env.KARVON_DATABASE_URL;
    const chosen = path.join(sandbox.dir, 'chosen');
    await karvon('org', 'create', '--id', 'kz-customs', '--name', 'Kazakhstan customs', '--kind', 'customs-authority', '--country', 'KZ', '--data-dir', chosen);
    expect(fs.existsSync(path.join(chosen, 'karvon.db'))).toBe(true);
    expect(fs.existsSync(path.join(sandbox.dir, 'karvon.db'))).toBe(false);

    await karvon('org', 'list', '--data-dir', chosen);
    expect(sandbox.output.join('\n')).toContain('kz-customs');

    // KARVON_DATA_DIR alone: the same folder, found through the environment.
    process.env.KARVON_DATA_DIR = chosen;
    sandbox.output.length = 0;
    await karvon('org', 'list');
    expect(sandbox.output.join('\n')).toContain('kz-customs');
  });
});

describe('a command that needs existing data', () => {
  it('refuses a folder holding no Karvon store, names it, and creates nothing there', async () => {
    delete process.env.KARVON_DATABASE_URL;
    const typo = path.join(sandbox.dir, 'typo');
    for (const args of NEEDS_EXISTING) {
      await expect(karvon(...args, '--data-dir', typo), args.join(' ')).rejects.toThrow(`No Karvon store to read: there is no SQLite ${path.join(typo, 'karvon.db')}, as chosen by the data folder ${typo}`);
      expect(fs.existsSync(typo), args.join(' ')).toBe(false);
    }
    // The same through KARVON_DATA_DIR: today's `KARVON_DATA_DIR=./typo karvon audit verify`.
    process.env.KARVON_DATA_DIR = typo;
    await expect(karvon('audit', 'verify')).rejects.toThrow(`the data folder ${typo} (--data-dir or KARVON_DATA_DIR)`);
    expect(sandbox.output.join('\n')).not.toContain('audit log intact');
    expect(fs.existsSync(typo)).toBe(false);
  });

  it('names KARVON_DATABASE_URL when that chose the store', async () => {
    // The sandbox's KARVON_DATABASE_URL names a store file not made yet.
    await expect(karvon('governance', 'members')).rejects.toThrow(/No Karvon store to read: there is no SQLite .*karvon\.db, as chosen by KARVON_DATABASE_URL \(the data folder /);
  });

  it('reads a store that exists, and commands that create data still create it', async () => {
    delete process.env.KARVON_DATABASE_URL;
    const fresh = path.join(sandbox.dir, 'fresh');
    await karvon('simulate', '--shipments', '2', '--days', '1', '--data-dir', fresh);
    expect(fs.existsSync(path.join(fresh, 'karvon.db'))).toBe(true);
    sandbox.output.length = 0;
    await karvon('audit', 'verify', '--data-dir', fresh);
    expect(sandbox.output[0]).toMatch(/^audit log intact: [1-9]\d* entries/);
    expect(process.exitCode ?? 0).toBe(0);
  });
});
