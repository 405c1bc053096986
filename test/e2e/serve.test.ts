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
const BOOTSTRAP = 'e2e-bootstrap-token-0123456789abcdefghij';
const asOperator = { authorization: `Bearer ${BOOTSTRAP}` };

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
  server = spawn(process.execPath, [path.join(root, 'bin/karvon.js'), 'serve', '--no-demo'], {
    env: { ...process.env, KARVON_PORT: String(port), KARVON_HOST: '127.0.0.1', KARVON_DATA_DIR: dataDir, KARVON_LOG_LEVEL: 'warn', KARVON_BOOTSTRAP_TOKEN: BOOTSTRAP },
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
    const anonymous = await fetch(`${base}/epcis/capture`, { method: 'POST', headers: { 'content-type': 'application/ld+json' }, body: jsonDocument([departing(1)]) });
    expect(anonymous.status).toBe(401);
    const capture = await fetch(`${base}/epcis/capture`, { method: 'POST', headers: { 'content-type': 'application/ld+json', ...asOperator }, body: jsonDocument([departing(1)]) });
    expect(capture.status).toBe(202);
    const location = capture.headers.get('location')!;
    let job: { running: boolean; success: boolean } = { running: true, success: false };
    for (let i = 0; i < 50 && job.running; i += 1) {
      job = await (await fetch(`${base}${location}`, { headers: asOperator })).json();
      if (job.running) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(job).toMatchObject({ running: false, success: true });
    const doc = await (await fetch(`${base}/epcis/events?EQ_bizStep=departing`, { headers: asOperator })).json();
    expect(doc.epcisBody.queryResults.resultsBody.eventList).toHaveLength(1);
    expect(fs.existsSync(path.join(dataDir, 'karvon.db'))).toBe(true);
  });

  it('fills an empty store with a living demo, reachable through the tracking API', async () => {
    const demoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'karvon-demo-'));
    const port = 20000 + Math.floor(Math.random() * 20000);
    const demo = spawn(process.execPath, [path.join(root, 'bin/karvon.js'), 'serve'], {
      env: { ...process.env, KARVON_PORT: String(port), KARVON_HOST: '127.0.0.1', KARVON_DATA_DIR: demoDir, KARVON_LOG_LEVEL: 'warn', KARVON_DEMO_SHIPMENTS: '60', KARVON_DEMO_DAYS: '10', KARVON_SIGN_IN_MAX_FAILURES: '1000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const demoBase = `http://127.0.0.1:${port}`;
      await waitFor(`${demoBase}/health`, 20_000);
      // The documented demo sign-in of the network operator (docs/demo.md); the demo seeds its
      // organisations just after the server starts listening.
      let signIn: Response | undefined;
      for (let i = 0; i < 200 && signIn?.status !== 200; i += 1) {
        if (i > 0) await new Promise((resolve) => setTimeout(resolve, 100));
        signIn = await fetch(`${demoBase}/api/auth/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'karvon-operator@demo.karvon.org', password: 'karvon-demo-2026' }),
        });
      }
      expect(signIn!.status).toBe(200);
      const session = { cookie: signIn!.headers.get('set-cookie')!.split(';')[0]! };
      const get = (url: string) => fetch(`${demoBase}${url}`, { headers: session });
      expect((await fetch(`${demoBase}/api/shipments`)).status).toBe(401);
      let shipments: Array<{ id: string; status: string; transportUnits: string[] }> = [];
      // The read model folds the demo's history in the background: wait until it has folded some.
      for (let i = 0; i < 200 && shipments.length <= 10; i += 1) {
        shipments = (await (await get('/api/shipments?limit=500')).json()).shipments;
        if (shipments.length <= 10) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(shipments.length).toBeGreaterThan(10);
      expect(new Set(shipments.map((s) => s.status)).size).toBeGreaterThan(1);
      const container = shipments.flatMap((s) => s.transportUnits).find((u) => u.includes('/container/'))!;
      const found = (await (await get(`/api/shipments/search?q=${container.split('/').pop()!.slice(0, 8)}`)).json()).shipments;
      expect(found.length).toBeGreaterThan(0);
      const detail = await (await get(`/api/shipments/${encodeURIComponent(found[0].id)}`)).json();
      expect(detail.timeline.length).toBeGreaterThan(0);
      expect(JSON.parse(fs.readFileSync(path.join(demoDir, 'demo.json'), 'utf8')).seed).toBe(1);
    } finally {
      demo.kill('SIGTERM');
      await new Promise((resolve) => demo.on('exit', resolve));
      fs.rmSync(demoDir, { recursive: true, force: true });
    }
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
