/**
 * The audit-log benchmark: a log of a million entries (with the events its capture entries log),
 * then `verify` over all of it (median of --runs), the current signed head, and inclusion and
 * consistency proofs at that size, as member states ask for them.
 *
 *   node dist/bench/audit.bench.js [--entries 1000000] [--capture-every 100] [--events-per-capture 100]
 *     [--runs 3] [--proofs 1000] [--seed 1] [--data bench/out/audit-data] [--out-dir bench/out]
 *
 * The store is kept and reused by a later run with the same fill options. Results go to
 * <out-dir>/audit-<timestamp>.json; a section for docs/benchmarks.md is printed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { loadConfig } from '../src/config/config.js';
import { checkEvents, listedHashIDs } from '../src/governance/event-check.js';
import { verifyConsistency, verifyInclusion } from '../src/governance/merkle-verify.js';
import { openRuntime, type Runtime } from '../src/runtime/runtime.js';
import { sqliteFileOf } from '../src/store/open-store.js';
import { wholeNumberOption } from './bench-args.js';
import { describeMachine } from './bench-machine.js';
import { int, median, percentile } from './bench-stats.js';
import { auditConsoleSummary, renderAuditMarkdown, type AuditFigures, type Latency, type VerifyRun } from './audit-report.js';
import { ensureAuditStore } from './audit-store.js';
import { Prng } from './prng.js';

const { values: args } = parseArgs({
  options: {
    entries: { type: 'string', default: '1000000' },
    'capture-every': { type: 'string', default: '100' },
    'events-per-capture': { type: 'string', default: '100' },
    runs: { type: 'string', default: '3' },
    proofs: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    data: { type: 'string', default: 'bench/out/audit-data' },
    'out-dir': { type: 'string', default: 'bench/out' },
  },
});

const options = {
  entries: wholeNumberOption('entries', args.entries, 10),
  captureEvery: wholeNumberOption('capture-every', args['capture-every'], 2),
  eventsPerCapture: wholeNumberOption('events-per-capture', args['events-per-capture'], 1),
  seed: wholeNumberOption('seed', args.seed, 0),
  runs: wholeNumberOption('runs', args.runs, 1),
  proofs: wholeNumberOption('proofs', args.proofs, 1),
};
const dataDir = path.resolve(args.data);
const outDir = path.resolve(args['out-dir']);
const log = (message: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

/** Peak RSS of this process while `body` runs, sampled every 50 ms. */
async function withPeakRss<T>(body: () => Promise<T>): Promise<{ value: T; peak: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const value = await body();
    return { value, peak: Math.max(peak, process.memoryUsage().rss) };
  } finally {
    clearInterval(timer);
  }
}

const latency = (samples: number[]): Latency => ({ p50: median(samples), p99: percentile(samples, 99), max: Math.max(...samples) });

async function timed<T>(body: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await body();
  return { value, ms: performance.now() - t0 };
}

async function verifyRuns(): Promise<AuditFigures['verify']> {
  const runs: VerifyRun[] = [];
  let entries = 0;
  let events = 0;
  for (let r = 1; r <= options.runs; r++) {
    // A fresh process state for each run's store: nothing cached from the previous one.
    const runtime = await openRuntime(loadConfig({ KARVON_DATA_DIR: dataDir }), { trackShipments: false });
    try {
      const whole = await withPeakRss(() => timed(() => runtime.audit.verify()));
      const result = whole.value.value;
      if (!result.ok) throw new Error(`verify found a problem in the benchmark's own log: ${JSON.stringify(result.problem)}`);
      entries = result.entries;
      events = result.events ?? 0;
      const listed = new Map<number, number>();
      for await (const entry of runtime.audit.entries()) if (entry.action === 'epcis.capture') listed.set(entry.seq, listedHashIDs(entry).length);
      const entryAt = async (seq: number) => (await runtime.store.audit.list({ afterSeq: seq - 1, limit: 1 }))[0];
      const eventPart = await timed(() => checkEvents(runtime.store, listed, entryAt));
      runs.push({ seconds: whole.value.ms / 1000, eventSeconds: eventPart.ms / 1000, peakRssBytes: whole.peak });
      log(`verify ${r}/${options.runs}: ${(whole.value.ms / 1000).toFixed(1)} s (events part ${(eventPart.ms / 1000).toFixed(1)} s), ${int(entries)} entries, ${int(events)} events`);
    } finally {
      await runtime.close();
    }
  }
  const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
  return { runs, median: sorted[Math.floor((sorted.length - 1) / 2)]!, entries, events };
}

async function proofFigures(runtime: Runtime): Promise<Pick<AuditFigures, 'head' | 'inclusion' | 'consistency' | 'checkInclusionMicros' | 'checkConsistencyMicros' | 'proofLength'>> {
  const tree = runtime.audit.tree;
  const prng = new Prng(options.seed);
  const heads: number[] = [];
  for (let i = 0; i < options.proofs; i++) heads.push((await timed(() => tree.head())).ms);
  const head = await tree.head();
  const root = Buffer.from(head.rootHash, 'hex');
  const inclusion: number[] = [];
  const consistency: number[] = [];
  let checkInclusion = 0;
  let checkConsistency = 0;
  let inclusionLength = 0;
  let consistencyLength = 0;
  for (let i = 0; i < options.proofs; i++) {
    const seq = 1 + Math.floor(prng.next() * head.treeSize);
    const proof = await timed(() => tree.inclusion(seq));
    inclusion.push(proof.ms);
    const path = proof.value.inclusionPath.map((h) => Buffer.from(h, 'hex'));
    inclusionLength = Math.max(inclusionLength, path.length);
    const t0 = performance.now();
    if (!verifyInclusion(Buffer.from(proof.value.leafHash, 'hex'), seq - 1, head.treeSize, path, root)) throw new Error(`inclusion proof of entry ${seq} does not verify`);
    checkInclusion += performance.now() - t0;

    const from = 1 + Math.floor(prng.next() * (head.treeSize - 1));
    const step = await timed(() => tree.consistency(from));
    consistency.push(step.ms);
    const steps = step.value.consistencyPath.map((h) => Buffer.from(h, 'hex'));
    consistencyLength = Math.max(consistencyLength, steps.length);
    const t1 = performance.now();
    if (!verifyConsistency(from, head.treeSize, Buffer.from(step.value.fromRoot, 'hex'), root, steps)) throw new Error(`consistency proof from ${from} does not verify`);
    checkConsistency += performance.now() - t1;
  }
  return {
    head: latency(heads),
    inclusion: latency(inclusion),
    consistency: latency(consistency),
    checkInclusionMicros: (checkInclusion * 1000) / options.proofs,
    checkConsistencyMicros: (checkConsistency * 1000) / options.proofs,
    proofLength: { inclusion: inclusionLength, consistency: consistencyLength },
  };
}

/** Bytes of the audit tables (SQLite's dbstat, when the library has it) and the node count. */
function sizes(): AuditFigures['sizes'] {
  const file = sqliteFileOf(loadConfig({ KARVON_DATA_DIR: dataDir }));
  const db = new Database(file, { readonly: true });
  try {
    const bytesOf = (table: string): number | null => {
      try {
        return (db.prepare('SELECT sum(pgsize) AS n FROM dbstat WHERE name = ?').get(table) as { n: number | null }).n;
      } catch {
        return null;
      }
    };
    return {
      databaseBytes: fs.statSync(file).size,
      entryBytes: bytesOf('audit_entry'),
      nodeBytes: bytesOf('audit_node'),
      nodes: (db.prepare('SELECT count(*) AS n FROM audit_node').get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const machine = describeMachine();
  log(`${machine.cpuModel}, ${machine.cpus} CPUs, Node ${machine.node}, SQLite ${machine.sqlite}, load ${machine.loadAverage.toFixed(2)}`);
  fs.mkdirSync(outDir, { recursive: true });
  const fill = await ensureAuditStore(dataDir, options, log);
  log(`store: ${int(fill.entries)} entries, ${int(fill.events)} events${fill.reused ? ' (reused)' : `, filled in ${int(fill.seconds)} s`}`);
  const verify = await verifyRuns();
  const runtime = await openRuntime(loadConfig({ KARVON_DATA_DIR: dataDir }), { trackShipments: false });
  let proofs;
  try {
    proofs = await proofFigures(runtime);
  } finally {
    await runtime.close();
  }
  const figures: AuditFigures = {
    machine,
    date: new Date().toISOString().slice(0, 10),
    durationS: (performance.now() - started) / 1000,
    options,
    fill,
    sizes: sizes(),
    verify,
    ...proofs,
    loadAverageEnd: os.loadavg()[0]!,
  };
  const jsonFile = path.join(outDir, `audit-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(jsonFile, `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`\nKarvon audit-log benchmark, ${int(verify.entries)} entries\n`);
  console.log(auditConsoleSummary(figures));
  console.log(`\n--- for docs/benchmarks.md ---\n\n${renderAuditMarkdown(figures)}`);
  console.log(`figures written to ${jsonFile}`);
}

main().catch((error: unknown) => {
  console.error(`\naudit benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
