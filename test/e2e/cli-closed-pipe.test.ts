/**
 * `karvon export | head`: the built binary writing into a pipe whose reader stops after the first
 * chunk. The command must end quietly (exit code 0, no EPIPE stack trace), as Unix tools do.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const karvon = path.join(root, 'bin/karvon.js');
let dataDir: string;

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'karvon-pipe-'));
  // Enough events that the export is far larger than a pipe's buffer (64 KiB), so writing outlasts the reader.
  const seeded = spawnSync(process.execPath, [karvon, 'simulate', '--shipments', '30', '--days', '2', '--data-dir', dataDir], { encoding: 'utf8', env: { ...process.env, KARVON_DATABASE_URL: '' } });
  expect(seeded.status, seeded.stderr).toBe(0);
});

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('karvon export into a pipe closed early', () => {
  it('ends with exit code 0 and no stack trace, as `karvon export | head -c 100` in a shell', () => {
    // A real shell pipe (Node's own child pipes are socket pairs whose buffers can swallow the whole export).
    const stderrFile = path.join(dataDir, 'stderr.txt');
    const codeFile = path.join(dataDir, 'code.txt');
    const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;
    const line = `{ ${quote(process.execPath)} ${quote(karvon)} export --data-dir ${quote(dataDir)} 2>${quote(stderrFile)}; echo $? >${quote(codeFile)}; } | head -c 100`;
    const run = spawnSync('/bin/sh', ['-c', line], { encoding: 'utf8', env: { ...process.env, KARVON_DATABASE_URL: '' } });
    expect(run.stdout).toMatch(/^\{"@context"/);
    expect(run.stdout).toHaveLength(100);
    const stderr = fs.readFileSync(stderrFile, 'utf8');
    expect(stderr).not.toMatch(/EPIPE|Unhandled|at .*\(node:/);
    expect(fs.readFileSync(codeFile, 'utf8').trim()).toBe('0');
  });
});
