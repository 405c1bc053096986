/**
 * The real thing: the built `karvon serve` process on a free port, talked to over HTTP.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departing, jsonDocument } from '../helpers/corridor-events.js';

const root = path.resolve(import.meta.dirname, '../..');
let server: ChildProcess;
let base: string;
let dataDir: string;

async function waitFor(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer within ${ms} ms`);
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'karvon-e2e-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [path.join(root, 'bin/karvon.js'), 'serve'], {
    env: { ...process.env, KARVON_PORT: String(port), KARVON_HOST: '127.0.0.1', KARVON_DATA_DIR: dataDir, KARVON_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await waitFor(`${base}/health`, 20_000);
});

afterAll(() => {
  server?.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('karvon serve', () => {
  it('captures over HTTP and answers the query; the data lives in KARVON_DATA_DIR', async () => {
    const capture = await fetch(`${base}/epcis/capture`, { method: 'POST', headers: { 'content-type': 'application/ld+json' }, body: jsonDocument([departing(1)]) });
    expect(capture.status).toBe(202);
    const location = capture.headers.get('location')!;
    let job: { running: boolean; success: boolean } = { running: true, success: false };
    for (let i = 0; i < 50 && job.running; i += 1) {
      job = await (await fetch(`${base}${location}`)).json();
      if (job.running) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(job).toMatchObject({ running: false, success: true });
    const doc = await (await fetch(`${base}/epcis/events?EQ_bizStep=departing`)).json();
    expect(doc.epcisBody.queryResults.resultsBody.eventList).toHaveLength(1);
    expect(fs.existsSync(path.join(dataDir, 'karvon.db'))).toBe(true);
  });

  it('stops start-up with a message naming a bad variable', async () => {
    const bad = spawn(process.execPath, [path.join(root, 'bin/karvon.js'), 'serve'], { env: { ...process.env, KARVON_PORT: 'abc' } });
    let stderr = '';
    bad.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => bad.on('exit', resolve));
    expect(code).not.toBe(0);
    expect(stderr).toContain('KARVON_PORT');
  });
});
