/**
 * The browser tests' Karvon: the real `karvon serve` (bin/karvon.js over dist/ and web/dist/, as
 * `npm start` runs it) on a free port with a fresh data folder and the demo on, started once for all
 * browser test files and stopped after them. Tests read its address with inject('karvonUrl').
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from '../../bench/karvon-process.js';

declare module 'vitest' {
  export interface ProvidedContext {
    karvonUrl: string;
  }
}

const root = path.resolve(import.meta.dirname, '../..');
/** Demo shipments: enough for a busy crossing board, few enough to seed in seconds. */
const DEMO_SHIPMENTS = '800';

async function waitUntilReady(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`karvon serve stopped (exit ${server.exitCode}):\n${log()}`);
    const ready = await fetch(`${url}/ready`).then((r) => r.ok, () => false);
    if (ready) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`karvon serve did not become ready within 180 s:\n${log()}`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!fs.existsSync(path.join(root, 'web/dist/index.html'))) throw new Error('The web app is not built: run `npm run build` (npm install does it) before the browser tests.');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'karvon-browser-'));
  const port = await freePort();
  // The demo publishes its devices' readings to the in-process MQTT broker; this machine's Mosquitto holds 1883.
  const mqttPort = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const server = spawn(process.execPath, [path.join(root, 'bin/karvon.js'), 'serve'], {
    cwd: root,
    env: { ...process.env, KARVON_DATA_DIR: dataDir, KARVON_PORT: String(port), KARVON_HOST: '127.0.0.1', KARVON_DEMO_SHIPMENTS: DEMO_SHIPMENTS, KARVON_MQTT_PORT: String(mqttPort), KARVON_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  server.stdout!.on('data', keep);
  server.stderr!.on('data', keep);
  try {
    await waitUntilReady(url, server, () => output);
  } catch (error) {
    server.kill('SIGKILL');
    throw error;
  }
  project.provide('karvonUrl', url);
  return async () => {
    server.kill('SIGTERM');
    await new Promise((resolve) => (server.exitCode !== null ? resolve(undefined) : server.once('exit', resolve)));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
