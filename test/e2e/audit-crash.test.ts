/**
 * The real server killed with SIGKILL while capture jobs run, restarted, killed again...: no stored
 * event is ever without its audit entry, every acknowledged capture ends up stored, and
 * `karvon audit verify` (the built CLI) finds the log and the events intact.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeHashID } from '../../src/store/sqlite/compact-ids.js';
import { departing, jsonDocument } from '../helpers/corridor-events.js';
import { freePort } from '../../bench/karvon-process.js';

const root = path.resolve(import.meta.dirname, '../..');
const BOOTSTRAP = 'e2e-audit-crash-token-0123456789abcdefghij';
const asBootstrap = { authorization: `Bearer ${BOOTSTRAP}` };
/** Set at the first start: a customs authority's API key (customs may capture anywhere). */
let asOperator: Record<string, string> = {};
const TRIALS = 5;
const JOBS_PER_TRIAL = 8;
const EVENTS_PER_JOB = 120;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'karvon-crash-'));
const env = { ...process.env, KARVON_HOST: '127.0.0.1', KARVON_DATA_DIR: dataDir, KARVON_LOG_LEVEL: 'warn', KARVON_BOOTSTRAP_TOKEN: BOOTSTRAP };
let server: ChildProcess | undefined;

afterAll(() => {
  server?.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function start(): Promise<string> {
  let stderr = '';
  // A port taken by another test's server makes the process exit at once: then another port.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child = spawn(process.execPath, [path.join(root, 'bin/karvon.js'), 'serve', '--no-demo'], { env: { ...env, KARVON_PORT: String(port), KARVON_MQTT_PORT: '0' }, stdio: ['ignore', 'ignore', 'pipe'] });
    server = child;
    child.stderr!.on('data', (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-4000)));
    const base = `http://127.0.0.1:${port}`;
    for (const until = Date.now() + 30_000; Date.now() < until && child.exitCode === null; await sleep(50)) {
      try {
        if ((await fetch(`${base}/health`)).ok) return base;
      } catch {
        // not listening yet
      }
    }
    if (child.exitCode === null) break;
  }
  throw new Error(`karvon serve did not answer within 30 s:\n${stderr}`);
}

async function kill(): Promise<void> {
  const running = server!;
  server = undefined;
  const exited = new Promise((resolve) => running.once('exit', resolve));
  running.kill('SIGKILL');
  await exited;
}

describe('capture under kill -9', () => {
  it('leaves no stored event without its audit entry, and loses no acknowledged capture', async () => {
    // A real organisation captures (a job resumed after a restart is authorised as it).
    const first = await start();
    const json = { 'content-type': 'application/json', ...asBootstrap };
    const created = await fetch(`${first}/api/organisations`, { method: 'POST', headers: json, body: JSON.stringify({ id: 'kz-customs', name: 'Kazakhstan customs', kind: 'customs-authority', country: 'KZ' }) });
    expect(created.status, await created.clone().text()).toBe(201);
    const key = await fetch(`${first}/api/keys`, { method: 'POST', headers: json, body: JSON.stringify({ organisationId: 'kz-customs', name: 'crash test', scopes: ['capture', 'read'] }) });
    expect(key.status, await key.clone().text()).toBe(201);
    asOperator = { authorization: `Bearer ${((await key.json()) as { secret: string }).secret}` };
    await kill();

    const acknowledged: string[] = [];
    let serial = 0;
    const killedWith: number[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const base = await start();
      const documents = Array.from({ length: JOBS_PER_TRIAL }, () =>
        jsonDocument(Array.from({ length: EVENTS_PER_JOB }, () => departing(++serial, new Date(Date.UTC(2026, 10, 1) + serial * 1000).toISOString()))),
      );
      const submitted = documents.map(async (body) => {
        const response = await fetch(`${base}/epcis/capture`, { method: 'POST', headers: { 'content-type': 'application/ld+json', ...asOperator }, body });
        if (response.status === 202) acknowledged.push(response.headers.get('location')!.split('/').pop()!);
      });
      // Kill while the jobs are being captured, at a different moment each time.
      await Promise.race([Promise.all(submitted), sleep(400)]);
      await sleep(10 + ((trial * 37) % 90));
      const db = new Database(path.join(dataDir, 'karvon.db'), { readonly: true });
      killedWith.push((db.prepare('SELECT count(*) AS n FROM event').get() as { n: number }).n);
      db.close();
      await kill();
      await Promise.allSettled(submitted);
    }

    // A last start finishes every acknowledged job (resumed), then a clean stop.
    const base = await start();
    for (const id of acknowledged) {
      for (let job = { running: true, success: false, errors: [] as unknown[] }; job.running; await sleep(50)) {
        job = (await (await fetch(`${base}/epcis/capture/${id}`, { headers: asOperator })).json()) as typeof job;
        if (!job.running) expect(job.success, `job ${id}: ${JSON.stringify(job)}`).toBe(true);
      }
    }
    const stopping = new Promise((resolve) => server!.once('exit', resolve));
    server!.kill('SIGTERM');
    await stopping;
    server = undefined;

    let stored = 0;
    const db = new Database(path.join(dataDir, 'karvon.db'), { readonly: true });
    try {
      const events = db.prepare('SELECT seq, hash_id, audit_seq FROM event ORDER BY seq').all() as { seq: number; hash_id: Buffer; audit_seq: number | null }[];
      const listed = new Map<number, Set<string>>();
      for (const row of db.prepare(`SELECT seq, details FROM audit_entry WHERE action = 'epcis.capture'`).all() as { seq: number; details: string }[]) {
        listed.set(row.seq, new Set((JSON.parse(row.details) as { hashIDs: string[] }).hashIDs));
      }
      const unlogged = events.filter((e) => e.audit_seq === null || !listed.get(e.audit_seq)?.has(decodeHashID(e.hash_id)));
      expect(unlogged, 'stored events without their entry').toEqual([]);
      // Every event of every acknowledged capture is stored, once.
      expect(events.length).toBeGreaterThanOrEqual(acknowledged.length * EVENTS_PER_JOB);
      expect([...listed.values()].reduce((n, set) => n + set.size, 0)).toBe(events.length);
      stored = events.length;
    } finally {
      db.close();
    }
    console.log(`kill -9 under capture: ${TRIALS} kills with ${killedWith.join(', ')} events stored; ${acknowledged.length} jobs acknowledged, all captured`);

    const verify = spawnSync(process.execPath, [path.join(root, 'bin/karvon.js'), 'audit', 'verify'], { env, encoding: 'utf8' });
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/^audit log intact: \d+ entries/);
    expect(verify.stdout).toContain(`${stored} stored events, each logged by its capture entry and unedited`);
  }, 180_000);
});
