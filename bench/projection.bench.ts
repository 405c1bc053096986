/**
 * The shipment-projection benchmark: a store filled with simulated corridor traffic through the
 * capture pipeline, then how fast `karvon rebuild` folds it into shipment state, how long the real
 * server takes to be ready on it, and the latency of GET /api/shipments/{id} at a fixed request
 * rate, with the server's memory. Everything Karvon does here runs as child processes of the CLI,
 * as an operator would run it.
 *
 *   node dist/bench/projection.bench.js [--events 1000000] [--data bench/out/projection-data]
 *     [--rate 1000] [--duration 30] [--runs 3] [--connections 10] [--sample 2000] [--warmup 5]
 *     [--seed 1] [--out-dir bench/out] [--server-log-level warn] [--ready-timeout 600]
 *
 * The store is kept and reused by later runs that ask for at most as many events. Results go to
 * <out-dir>/projection-<timestamp>.json; a section for docs/benchmarks.md is printed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { describeMachine } from './bench-machine.js';
import { int, mib } from './bench-stats.js';
import { collectShipmentIds, runLoad, shipmentPath, type LoadRun } from './http-load.js';
import { freePort, processMemory, runKarvon, startServer, type RunningServer } from './karvon-process.js';
import { medianOf, medianRunBy, parseRebuildLine } from './projection-figures.js';
import { BenchStore } from './projection-store.js';
import { projectionConsoleSummary, renderProjectionMarkdown, type ProjectionFigures, type RebuildRun } from './projection-report.js';
import { wholeNumberOption } from './bench-args.js';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    data: { type: 'string', default: 'bench/out/projection-data' },
    rate: { type: 'string', default: '1000' },
    duration: { type: 'string', default: '30' },
    runs: { type: 'string', default: '3' },
    connections: { type: 'string', default: '10' },
    sample: { type: 'string', default: '2000' },
    warmup: { type: 'string', default: '5' },
    seed: { type: 'string', default: '1' },
    'out-dir': { type: 'string', default: 'bench/out' },
    'server-log-level': { type: 'string', default: 'warn' },
    'ready-timeout': { type: 'string', default: '600' },
  },
});

const count = wholeNumberOption;

const options = {
  events: count('events', args.events, 1000),
  data: path.resolve(args.data),
  rate: count('rate', args.rate, 1),
  durationS: count('duration', args.duration, 1),
  runs: count('runs', args.runs, 1),
  connections: count('connections', args.connections, 1),
  sample: count('sample', args.sample, 1),
  warmupS: count('warmup', args.warmup, 0),
  seed: count('seed', args.seed, 0),
  serverLogLevel: args['server-log-level'],
};
const outDir = path.resolve(args['out-dir']);
const readyTimeoutS = count('ready-timeout', args['ready-timeout'], 1);

const log = (message: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
const dataEnv = { KARVON_DATA_DIR: options.data };
const store = new BenchStore(options.data, log);

/** Step 2: `karvon rebuild`, --runs times. */
async function foldRuns(): Promise<ProjectionFigures['rebuild']> {
  const runs: RebuildRun[] = [];
  for (let r = 1; r <= options.runs; r++) {
    const run = await runKarvon(['rebuild'], dataEnv, { heartbeat: (s) => log(`  rebuild running for ${Math.round(s)} s`) });
    const line = parseRebuildLine(run.stdout);
    if (line.events === 0) throw new Error('karvon rebuild folded no events');
    // The CLI prints tenths of a second; below that the rate would be noise, so the process time stands in.
    const seconds = line.seconds > 0 ? line.seconds : run.wallSeconds;
    runs.push({ ...line, wallSeconds: run.wallSeconds, eventsPerSecond: line.events / seconds });
    log(`rebuild ${r}/${options.runs}: ${int(line.shipments)} shipments from ${int(line.events)} events in ${line.seconds.toFixed(1)} s = ${int(line.events / seconds)} events/s (process ${run.wallSeconds.toFixed(1)} s)`);
  }
  return { runs, median: medianRunBy(runs, (r) => r.eventsPerSecond) };
}

function checkAnswers(run: LoadRun, label: string): void {
  if (run.non2xx > 0 || run.errors > 0) {
    throw new Error(
      `${label}: ${int(run.non2xx)} non-2xx answers (status codes ${JSON.stringify(run.statusCodes)}), ${int(run.errors)} errors, ${int(run.timeouts)} timeouts; ` +
        'figures that include failed requests are not a measurement of the projection',
    );
  }
}

/** Steps 3 and 4: the server's start-up, latency under load and memory. */
async function httpRuns(server: RunningServer): Promise<Pick<ProjectionFigures, 'server' | 'http'>> {
  const afterReady = processMemory(server.pid);
  const ids = await collectShipmentIds(server.baseUrl, options.sample);
  if (ids.length === 0) throw new Error('GET /api/shipments lists no shipments: the server sees an empty projection');
  if (ids.length < options.sample) log(`only ${int(ids.length)} shipments listed, fewer than --sample ${int(options.sample)}; using them all`);
  const paths = ids.map(shipmentPath);
  const load = { baseUrl: server.baseUrl, paths, rate: options.rate, connections: options.connections };
  if (options.warmupS > 0) {
    log(`warm-up: ${options.warmupS} s at ${int(options.rate)} req/s`);
    checkAnswers(await runLoad({ ...load, durationS: options.warmupS }), 'warm-up');
  }
  const runs: LoadRun[] = [];
  for (let r = 1; r <= options.runs; r++) {
    const run = await runLoad({ ...load, durationS: options.durationS });
    const l = run.latency;
    log(
      `HTTP ${r}/${options.runs}: ${int(run.achievedRate)} req/s, p50 ${l.p50.toFixed(3)} ms, p97.5 ${l.p97_5.toFixed(3)} ms, p99 ${l.p99.toFixed(3)} ms, max ${l.max.toFixed(1)} ms, ` +
        `non-2xx ${run.non2xx}, errors ${run.errors}, timeouts ${run.timeouts}`,
    );
    checkAnswers(run, `HTTP run ${r}`);
    if (run.achievedRate < 0.95 * options.rate) {
      log(`  warning: ${int(run.achievedRate)} req/s is short of the ${int(options.rate)} asked for: the server or the load generator (same machine) could not keep up`);
    }
    runs.push(run);
  }
  const afterLoad = processMemory(server.pid);
  const median = medianOf(
    runs.map((r) => ({ achievedRate: r.achievedRate, ...r.latency, non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts })),
    ['achievedRate', 'p50', 'p97_5', 'p99', 'max', 'non2xx', 'errors', 'timeouts'] as const,
  );
  return {
    server: {
      readySeconds: server.readySeconds,
      rssAfterReadyBytes: afterReady?.rssBytes ?? NaN,
      rssAfterLoadBytes: afterLoad?.rssBytes ?? NaN,
      peakRssBytes: afterLoad?.peakRssBytes ?? NaN,
      sampleIds: ids.length,
    },
    http: { runs, median },
  };
}

let server: RunningServer | undefined;

async function main(): Promise<void> {
  const started = performance.now();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const machine = describeMachine();
  log(`${machine.cpuModel}, ${machine.cpus} CPUs, Node ${machine.node}, SQLite ${machine.sqlite}, load ${machine.loadAverage.toFixed(2)}`);
  fs.mkdirSync(outDir, { recursive: true });

  // Step 1: a store with at least --events events.
  const filled = await store.ensure(options.events, options.seed);
  const rebuild = await foldRuns();

  const port = await freePort();
  const logFile = path.join(outDir, `projection-server-${stamp}.log`);
  log(`starting karvon serve --no-demo on port ${port} (log: ${logFile}); waiting up to ${readyTimeoutS} s for GET /ready`);
  server = await startServer({ dataDir: options.data, port, logFile, logLevel: options.serverLogLevel, readyTimeoutS });
  log(`server ready after ${server.readySeconds.toFixed(1)} s (rss ${mib(processMemory(server.pid)?.rssBytes ?? NaN)})`);
  const http = await httpRuns(server);
  await server.stop();
  server = undefined;

  const figures: ProjectionFigures = {
    machine,
    date: new Date().toISOString().slice(0, 10),
    durationS: (performance.now() - started) / 1000,
    options,
    store: filled,
    rebuild,
    ...http,
    loadAverageEnd: os.loadavg()[0]!,
  };
  const jsonFile = path.join(outDir, `projection-${stamp}.json`);
  fs.writeFileSync(jsonFile, `${JSON.stringify(figures, null, 2)}\n`);

  console.log(`\nKarvon shipment-projection benchmark, ${int(filled.events)} events\n`);
  console.log(projectionConsoleSummary(figures));
  console.log(`\n--- for docs/benchmarks.md ---\n\n${renderProjectionMarkdown(figures)}`);
  console.log(`figures written to ${jsonFile}`);
}

async function stopServerAndExit(code: number): Promise<never> {
  const running = server;
  server = undefined;
  await running?.stop();
  process.exit(code);
}

process.once('SIGINT', () => void stopServerAndExit(130));
process.once('SIGTERM', () => void stopServerAndExit(143));

main().catch(async (error: unknown) => {
  console.error(`\nprojection benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  await stopServerAndExit(1);
});
