import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerSimulateCommand } from '../../src/cli/simulate.command.js';

const saved = process.env.KARVON_DATA_DIR;
const dirs: string[] = [];

afterEach(() => {
  if (saved === undefined) delete process.env.KARVON_DATA_DIR;
  else process.env.KARVON_DATA_DIR = saved;
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

function program(): Command {
  const p = new Command().exitOverride();
  p.configureOutput({ writeErr: () => {}, writeOut: () => {} });
  registerSimulateCommand(p);
  return p;
}

describe('karvon simulate', () => {
  it('captures a simulation and prints the summary with the corridors', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'karvon-sim-cli-'));
    dirs.push(dir);
    process.env.KARVON_DATA_DIR = dir;
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    await program().parseAsync(['node', 'karvon', 'simulate', '--shipments', '12', '--days', '10', '--seed', '4', '--start', '2025-05-01T00:00:00Z']);
    const out = lines.join('\n');
    expect(out).toMatch(/^shipments: 12, events: (\d+), captured: \1, duplicates: 0, rejected: 0$/m);
    expect(out).toContain('by corridor:');
    expect(process.exitCode ?? 0).toBe(0);
  });

  it('refuses a bad number', async () => {
    await expect(program().parseAsync(['node', 'karvon', 'simulate', '--shipments', 'many'])).rejects.toThrow(/shipments/);
  });
});
