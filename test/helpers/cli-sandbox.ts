/**
 * A CLI command run in-process (main([...])) against a data folder of its own: the folder is made
 * and named in KARVON_DATA_DIR (the tests' store in it, in KARVON_DATABASE_URL), console.log is captured, and everything is put back afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { vi } from 'vitest';
import { testStorePlace } from './stores.js';

export interface CliSandbox {
  /** The temporary folder (KARVON_DATA_DIR is this folder, or `data/` inside it). */
  readonly dir: string;
  /** What the command printed with console.log, line by line. */
  readonly output: string[];
  /** Puts the environment and console back and removes the folder. */
  leave(): void;
}

export function enterCliSandbox(prefix: string, options: { dataSubfolder?: string; quietErrors?: boolean } = {}): CliSandbox {
  const savedEnv = { ...process.env };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const dataDir = options.dataSubfolder ? path.join(dir, options.dataSubfolder) : dir;
  process.env.KARVON_DATA_DIR = dataDir;
  // The tests' store (test/helpers/stores.ts), in the data folder as the CLI keeps it.
  process.env.KARVON_DATABASE_URL = testStorePlace(dataDir).databaseUrl;
  const output: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void output.push(args.join(' ')));
  if (options.quietErrors) vi.spyOn(console, 'error').mockImplementation(() => {});
  return {
    dir,
    output,
    leave() {
      vi.restoreAllMocks();
      process.env = savedEnv;
      process.exitCode = 0;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
