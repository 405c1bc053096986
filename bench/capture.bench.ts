/**
 * The capture benchmark (`npm run bench:capture`): a million realistic corridor events through the
 * full capture pipeline and, side by side, straight into the same kind of store; the hash ID rate on
 * one core; "all events of one shipment" latency at a million events; file size and peak RSS.
 * Prints a summary and writes docs/benchmarks.md. Databases live under os.tmpdir() and are deleted
 * afterwards unless --keep.
 *
 *   node dist/bench/capture.bench.js [--events 1000000] [--ratio-events 200000] [--runs 3]
 *     [--batch 1000] [--seed 1] [--queries 1000] [--hash-events 100000] [--out docs/benchmarks.md] [--keep]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/api/app.js';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describeMachine } from './bench-machine.js';
import { consoleSummary, renderMarkdown, type BenchFigures, type RunFigures } from './bench-report.js';
import { int, median } from './bench-stats.js';
import { databaseBytes, runCapture, type CaptureRunResult } from './capture-run.js';
import type { ShipmentRecord } from './corridor-events.js';
import { componentRates } from './component-rates.js';
import { httpQueryLatency, sampleShipments, storeQueryLatency, type LatencyResult } from './query-latency.js';
import { wholeNumberOption } from './bench-args.js';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    'ratio-events': { type: 'string', default: '200000' },
    runs: { type: 'string', default: '3' },
    batch: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    queries: { type: 'string', default: '1000' },
    'hash-events': { type: 'string', default: '100000' },
    out: { type: 'string', default: 'docs/benchmarks.md' },
    keep: { type: 'boolean', default: false },
  },
});

const count = wholeNumberOption;

const options = {
  events: count('events', args.events, 1000),
  ratioEvents: count('ratio-events', args['ratio-events'], 1000),
  runs: count('runs', args.runs, 0),
  batch: count('batch', args.batch, 1),
  seed: count('seed', args.seed, 0),
  queries: count('queries', args.queries, 1),
  hashEvents: count('hash-events', args['hash-events'], 100),
};

const log = (message: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

function progress(label: string, total: number): (done: number) => void {
  let next = total / 10;
  return (done) => {
    if (done < next && done < total) return;
    next += total / 10;
    const rss = process.memoryUsage().rss;
    log(`${label}: ${int(done)} / ${int(total)} events (rss ${int(rss / 1048576)} MiB)`);
  };
}

function figures(r: CaptureRunResult): RunFigures {
  return { events: r.events, pipelineRate: r.pipelineRate, rawRate: r.rawRate, ratio: r.ratio, decodeShare: r.decodeMs / r.pipelineMs };
}

function freshDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `karvon-bench-${label}-`));
}

/** Query latency measured by query-worker.js in a new Node process on the (closed) database. */
function queryInFreshProcess(database: string, sample: ShipmentRecord[], dir: string): LatencyResult {
  const samplePath = path.join(dir, 'sample.json');
  fs.writeFileSync(samplePath, JSON.stringify(sample));
  const worker = fileURLToPath(new URL('./query-worker.js', import.meta.url));
  const out = execFileSync(process.execPath, [worker, database, samplePath], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out) as LatencyResult;
}

async function main(): Promise<void> {
  const started = performance.now();
  const machine = describeMachine();
  log(`${machine.cpuModel}, ${machine.cpus} CPUs, Node ${machine.node}, SQLite ${machine.sqlite}`);

  // 1. The full run: absolute rates, then queries, sizes and RSS on its stores.
  const fullDir = freshDir('full');
  log(`full run: ${int(options.events)} events in documents of ${int(options.batch)} into ${fullDir}`);
  const full = await runCapture({ events: options.events, batch: options.batch, seed: options.seed, dir: fullDir, progress: progress('full run', options.events) });
  log(`full run: pipeline ${int(full.pipelineRate)} events/s, raw ${int(full.rawRate)} events/s, ratio ${full.ratio.toFixed(2)}`);
  const stored = await full.runtime.store.events.total();
  if (stored !== full.events) throw new Error(`the pipeline store holds ${stored} events, expected ${full.events}`);

  const sample = sampleShipments(full.shipments, options.queries, options.seed);
  const warm = await storeQueryLatency(full.runtime.store, sample);
  log(`store query: p50 ${warm.p50.toFixed(3)} ms, p99 ${warm.p99.toFixed(3)} ms`);
  const app = await buildApp(full.runtime);
  const http = await httpQueryLatency(app, sample);
  await app.close();
  log(`HTTP query: p50 ${http.p50.toFixed(3)} ms, p99 ${http.p99.toFixed(3)} ms`);

  const open = databaseBytes(full.pipelinePath);
  await full.runtime.close();
  await full.raw.close();
  const pipelineClosed = databaseBytes(full.pipelinePath);
  const rawClosed = databaseBytes(full.rawPath);

  const reopened = queryInFreshProcess(full.pipelinePath, sampleShipments(full.shipments, options.queries, options.seed + 1), fullDir);
  log(`store reopened in a fresh process: p50 ${reopened.p50.toFixed(3)} ms, p99 ${reopened.p99.toFixed(3)} ms`);
  // maxRSS is in KiB on Linux and macOS.
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;
  if (!args.keep) fs.rmSync(fullDir, { recursive: true, force: true });

  // 2. Repeated smaller runs on fresh databases, for the ratio's median.
  const ratioRuns: RunFigures[] = [];
  for (let r = 0; r < options.runs; r++) {
    const dir = freshDir(`ratio${r + 1}`);
    const run = await runCapture({ events: options.ratioEvents, batch: options.batch, seed: options.seed + 100 + r, dir, progress: progress(`ratio run ${r + 1}`, options.ratioEvents) });
    await run.runtime.close();
    await run.raw.close();
    ratioRuns.push(figures(run));
    log(`ratio run ${r + 1}: pipeline ${int(run.pipelineRate)} events/s, raw ${int(run.rawRate)} events/s, ratio ${run.ratio.toFixed(2)}`);
    if (!args.keep) fs.rmSync(dir, { recursive: true, force: true });
  }

  // 3. The CPU-bound parts on one core.
  log(`hash ID, validation and decoding rates over ${int(options.hashEvents)} events`);
  const rates = componentRates({ events: options.hashEvents, batch: options.batch, seed: options.seed + 1000, runs: 5 });
  log(`hash ID ${int(rates.hash.median)} events/s, validation ${int(rates.validate.median)} events/s, decoding ${int(rates.decode.median)} events/s`);

  const started_ = full.shipments.filter((s) => s.emitted > 0);
  const result: BenchFigures = {
    machine,
    date: new Date().toISOString().slice(0, 10),
    options,
    durationS: (performance.now() - started) / 1000,
    eventBytes: full.eventBytes,
    documentBytesPerEvent: full.documentBytesPerEvent,
    eventsPerShipment: full.events / started_.length,
    shipments: started_.length,
    full: figures(full),
    ratioRuns,
    medianRatio: ratioRuns.length > 0 ? median(ratioRuns.map((r) => r.ratio)) : full.ratio,
    rates,
    query: { warm, http, reopened },
    files: {
      pipelineOpen: open.db + open.wal,
      walOpen: open.wal,
      pipelineClosed: pipelineClosed.db + pipelineClosed.wal,
      rawClosed: rawClosed.db + rawClosed.wal,
    },
    peakRssBytes,
    loadAverageEnd: os.loadavg()[0]!,
  };

  console.log(`\nKarvon capture benchmark, ${int(options.events)} events (${result.eventBytes.toFixed(0)} B each on average, ${result.eventsPerShipment.toFixed(1)} per shipment)\n`);
  console.log(consoleSummary(result));
  if (args.out) {
    fs.mkdirSync(path.dirname(path.resolve(args.out)), { recursive: true });
    // The projection benchmark writes its own section of the same page: keep it.
    const previous = fs.existsSync(args.out) ? fs.readFileSync(args.out, 'utf8') : '';
    const others = previous.indexOf('\n## Shipment projection benchmark');
    fs.writeFileSync(args.out, renderMarkdown(result).trimEnd() + '\n' + (others >= 0 ? previous.slice(others) : ''));
    console.log(`\nwritten to ${args.out}`);
  }
  if (args.keep) console.log(`databases kept in ${fullDir}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
