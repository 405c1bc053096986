/**
 * The web app's first load, measured in Debian's Chromium against the real `karvon serve` with the
 * demo, on localhost, each run in a fresh browser profile (empty cache):
 *
 * - the sign-in page: time until its form is shown and answers (the submit button enabled), and the
 *   JavaScript it was sent;
 * - a shipment's page, signed in: time until its timeline is shown, time until its map has drawn,
 *   and the JavaScript sent before the map's own code and with it;
 * - the Shipments page with 5,000 rows (answered inside the page, bench/web-long-list.ts): time from
 *   choosing a filter to the new 5,000 rows on screen, and from the top to the last row by scrolling.
 *
 * Sizes are of the files as served and gzip-compressed (level 6, what a reverse proxy would send).
 *
 *   node dist/bench/web-load.bench.js [--runs 7] [--shipments 800]
 *
 * Prints a section for docs/benchmarks.md on stdout; progress goes to stderr.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import type { Browser, Page, Response } from 'playwright-core';
import { DEMO_PASSWORD, demoEmailOf } from '../src/sim/demo-organisations.js';
import { wholeNumberOption } from './bench-args.js';
import { describeMachine } from './bench-machine.js';
import { median, textTable } from './bench-stats.js';
import { launchChromium } from './chromium.js';
import { freePort, startServer } from './karvon-process.js';
import { answerListsInPage, chooseMode, scrollToEnd } from './web-long-list.js';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '7' }, shipments: { type: 'string', default: '800' } } });
const runs = wholeNumberOption('runs', args.runs, 1);
const shipments = wholeNumberOption('shipments', args.shipments, 10);
const log = (message: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

/**
 * The map's own files, told apart from the rest by their names: MapLibre (web/src/map/engine.ts's
 * chunk), its worker, the base map (the virtual module of web/vite/base-map.ts) and CorridorMap.
 */
const MAP_CHUNK = /\/assets\/(engine|maplibre-gl-worker|_virtual_karvon-base-map|CorridorMap)-/;

interface Script {
  url: string;
  bytes: number;
  gzipBytes: number;
}

/** Every script the page fetches, with its size as served and gzipped. */
function collectScripts(page: Page): Script[] {
  const scripts: Script[] = [];
  page.on('response', (response: Response) => {
    if (response.request().resourceType() !== 'script') return;
    void response.body().then(
      (body) => scripts.push({ url: response.url(), bytes: body.length, gzipBytes: zlib.gzipSync(body, { level: 6 }).length }),
      () => undefined,
    );
  });
  return scripts;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const sum = (scripts: readonly Script[], pick: (s: Script) => number) => scripts.reduce((total, s) => total + pick(s), 0);

interface SignInRun {
  interactiveMs: number;
  scripts: Script[];
}

async function signInPage(browser: Browser, baseUrl: string): Promise<SignInRun> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'en-GB' });
  const page = await context.newPage();
  const scripts = collectScripts(page);
  await page.goto('/sign-in', { waitUntil: 'commit' });
  await page.locator('form button[type=submit]:enabled').waitFor();
  const interactiveMs = await page.evaluate(() => performance.now());
  await page.waitForLoadState('networkidle');
  await context.close();
  return { interactiveMs, scripts };
}

interface ShipmentRun {
  timelineMs: number;
  mapDrawnMs: number;
  scripts: Script[];
}

async function shipmentPage(browser: Browser, baseUrl: string, email: string, shipmentId: string): Promise<ShipmentRun> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'en-GB' });
  const signIn = await context.request.post('/api/auth/sign-in', { data: { email, password: DEMO_PASSWORD } });
  if (!signIn.ok()) throw new Error(`sign-in as ${email} failed: ${signIn.status()} ${await signIn.text()}`);
  const page = await context.newPage();
  const scripts = collectScripts(page);
  await page.goto(`/shipments/${encodeURIComponent(shipmentId)}`, { waitUntil: 'commit' });
  await page.getByRole('heading', { name: /timeline/i }).waitFor({ timeout: 60_000 });
  const timelineMs = await page.evaluate(() => performance.now());
  await page.locator('[data-map-state=idle]').waitFor({ timeout: 60_000 });
  const mapDrawnMs = await page.evaluate(() => performance.now());
  await page.waitForLoadState('networkidle');
  await context.close();
  return { timelineMs, mapDrawnMs, scripts };
}

const LONG_LIST = 5000;

/** Times a filter change to a new 5,000-row list and a scroll to its end, `runs` times each. */
async function longList(browser: Browser, baseUrl: string, email: string, row: unknown): Promise<{ renders: number[]; scrolls: number[] }> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'en-GB' });
  await context.request.post('/api/auth/sign-in', { data: { email, password: DEMO_PASSWORD } });
  const page = await context.newPage();
  await answerListsInPage(page, row, LONG_LIST);
  await page.goto('/shipments');
  await page.locator(`[role=table][aria-rowcount="${LONG_LIST + 1}"]`).waitFor({ timeout: 60_000 });
  const renders: number[] = [];
  const scrolls: number[] = [];
  const modes = ['rail', 'road', 'sea'] as const;
  for (let run = 0; run < runs; run++) {
    renders.push(await chooseMode(page, modes[run % modes.length]!));
    scrolls.push(await scrollToEnd(page, LONG_LIST + 1));
  }
  await context.close();
  return { renders, scrolls };
}

const machine = describeMachine();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'karvon-web-bench-'));
const port = await freePort();
log(`starting karvon serve with a demo of ${shipments} shipments…`);
const server = await startServer({ dataDir, port, logFile: path.join(dataDir, 'server.log'), logLevel: 'warn', readyTimeoutS: 300, demoShipments: shipments });
const browser = await launchChromium();
try {
  // A forwarder's moving shipment: the page a forwarder opens most.
  const email = demoEmailOf('kz-forwarder-almaty');
  const probe = await browser.newContext({ baseURL: server.baseUrl });
  await probe.request.post('/api/auth/sign-in', { data: { email, password: DEMO_PASSWORD } });
  const list = (await (await probe.request.get('/api/shipments?status=in-transit&limit=1')).json()) as { shipments?: { id: string }[] };
  const row = list.shipments?.[0];
  await probe.close();
  const shipmentId = list.shipments?.[0]?.id;
  if (!shipmentId) throw new Error(`the demo shows ${email} no shipment in transit`);

  const signIns: SignInRun[] = [];
  const shipmentRuns: ShipmentRun[] = [];
  for (let run = 1; run <= runs; run++) {
    signIns.push(await signInPage(browser, server.baseUrl));
    shipmentRuns.push(await shipmentPage(browser, server.baseUrl, email, shipmentId));
    log(`run ${run}/${runs}: sign-in page ${signIns.at(-1)!.interactiveMs.toFixed(0)} ms, shipment timeline ${shipmentRuns.at(-1)!.timelineMs.toFixed(0)} ms, map drawn ${shipmentRuns.at(-1)!.mapDrawnMs.toFixed(0)} ms`);
  }
  const long = await longList(browser, server.baseUrl, email, row);
  log(`5,000 rows: filter change ${long.renders.map((r) => r.toFixed(0)).join(', ')} ms; scroll to the end ${long.scrolls.map((r) => r.toFixed(0)).join(', ')} ms`);
  const last = shipmentRuns.at(-1)!.scripts;
  const beforeMap = last.filter((s) => !MAP_CHUNK.test(s.url));
  const mapOnly = last.filter((s) => MAP_CHUNK.test(s.url));
  const signInScripts = signIns.at(-1)!.scripts;
  for (const s of last) log(`shipment page script ${MAP_CHUNK.test(s.url) ? '(map) ' : ''}${s.url.split('/').pop()}: ${kib(s.gzipBytes)} gzipped`);
  const rows = [
    ['measure', 'median', 'min', 'max'],
    ...([
      ['sign-in page: form shown and enabled', signIns.map((r) => r.interactiveMs)],
      ['shipment page: timeline shown', shipmentRuns.map((r) => r.timelineMs)],
      ['shipment page: map drawn (idle)', shipmentRuns.map((r) => r.mapDrawnMs)],
      ['5,000-row list: filter change to new rows shown', long.renders],
      ['5,000-row list: scroll from top to last row', long.scrolls],
    ] as const).map(([name, values]) => [name, `${median(values).toFixed(0)} ms`, `${Math.min(...values).toFixed(0)} ms`, `${Math.max(...values).toFixed(0)} ms`]),
  ];
  const sizes = [
    ['JavaScript sent', 'files', 'as served', 'gzipped'],
    ['sign-in page', String(signInScripts.length), kib(sum(signInScripts, (s) => s.bytes)), kib(sum(signInScripts, (s) => s.gzipBytes))],
    ['shipment page before the map', String(beforeMap.length), kib(sum(beforeMap, (s) => s.bytes)), kib(sum(beforeMap, (s) => s.gzipBytes))],
    ['the map (MapLibre, base map)', String(mapOnly.length), kib(sum(mapOnly, (s) => s.bytes)), kib(sum(mapOnly, (s) => s.gzipBytes))],
  ];
  console.log(`## Web app first load

Written by \`npm run bench:web -- --runs ${runs} --shipments ${shipments}\` (bench/web-load.bench.ts): Debian's Chromium
(headless, software WebGL) against \`karvon serve\` with the demo on localhost, each run in a fresh
profile (empty cache). Times are from navigation start (performance.now() in the page). Targets of
issue 12: interactive under 2 s; under 300 KB gzipped of JavaScript before the map; the list stays
responsive with 5,000 rows (virtualised: fewer than 100 rows in the page at a time).

Machine: ${machine.cpuModel}, ${machine.cpus} CPUs, ${machine.os}, Node ${machine.node}; load average ${machine.loadAverage.toFixed(2)} at start.

\`\`\`
${textTable(rows)}
\`\`\`

\`\`\`
${textTable(sizes)}
\`\`\`
`);
} finally {
  await browser.close();
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
