/**
 * The telemetry benchmark (`npm run bench:telemetry`): a real `karvon serve` (no demo, SQLite file,
 * its in-process MQTT broker on a free port) with tens of thousands of e-seals (about 1.25 per
 * shipment: 16,000 shipments give about 20,000) registered and attached to the containers of
 * simulated shipments on the way, their readings sent by each seal's owner with its own API key, then, side by side in each run:
 * positions/s end to end through HTTP batches, the same through MQTT, a plain insert of the same rows
 * into the same table (the baseline: telemetry-raw.ts), and the latency from a reading entering the Khorgos geofence to its
 * derived event being queryable, measured while the HTTP load runs. Medians of --runs runs.
 * Prints a section for docs/benchmarks.md and writes the figures as JSON under --out-dir.
 *
 *   node dist/bench/telemetry.bench.js [--shipments 16000] [--days 2] [--period 60]
 *     [--readings 300000] [--batch 2000] [--clients 4] [--qos 0] [--runs 3]
 *     [--probes 200] [--seed 1] [--out-dir bench/out] [--cpu-prof <dir>] [--keep]
 *     [--server-checkout <dir>]   serve with another checkout's build (an earlier commit, built), same harness
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/config.js';
import { openRuntime } from '../src/runtime/runtime.js';
import { wholeNumberOption } from './bench-args.js';
import { describeMachine } from './bench-machine.js';
import { int } from './bench-stats.js';
import { freePort, processCpuSeconds, processMemory, startServer } from './karvon-process.js';
import { httpBodies, httpRun, mqttRun, probeLatencies, rawRun, storedPositions, untilFolded, type ProbeLatency } from './telemetry-load.js';
import { openRawPositions } from './telemetry-raw.js';
import { renderTelemetryMarkdown, telemetrySummary, type TelemetryFigures, type TelemetryRun } from './telemetry-report.js';
import { seedWorkload } from './telemetry-workload.js';

const { values: args } = parseArgs({
  options: {
    shipments: { type: 'string', default: '16000' },
    days: { type: 'string', default: '2' },
    period: { type: 'string', default: '60' },
    readings: { type: 'string', default: '300000' },
    batch: { type: 'string', default: '2000' },
    clients: { type: 'string', default: '4' },
    qos: { type: 'string', default: '0' },
    runs: { type: 'string', default: '3' },
    probes: { type: 'string', default: '200' },
    'probe-concurrency': { type: 'string', default: '2' },
    seed: { type: 'string', default: '1' },
    'out-dir': { type: 'string', default: 'bench/out' },
    'cpu-prof': { type: 'string' },
    'server-checkout': { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});

const count = wholeNumberOption;
const options = {
  shipments: count('shipments', args.shipments, 10),
  days: count('days', args.days, 1),
  periodS: count('period', args.period, 1),
  readings: count('readings', args.readings, 1000),
  batch: count('batch', args.batch, 1),
  clients: count('clients', args.clients, 1),
  qos: count('qos', args.qos, 0) === 1 ? (1 as const) : (0 as const),
  runs: count('runs', args.runs, 1),
  probes: count('probes', args.probes, 1),
  probeConcurrency: count('probe-concurrency', args['probe-concurrency'], 1),
  seed: count('seed', args.seed, 0),
};
const WARM_UP_READINGS = 20_000;

const log = (message: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

async function main(): Promise<void> {
  const started = performance.now();
  const machine = describeMachine();
  log(`${machine.cpuModel}, ${machine.cpus} CPUs, load ${os.loadavg()[0]!.toFixed(2)}, Node ${machine.node}, SQLite ${machine.sqlite}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'karvon-bench-telemetry-'));
  const now = Math.floor(Date.now() / 1000) * 1000;
  // Enough hours of readings for a warm-up and every run's two chunks, with a quarter to spare.
  // About 1.25 seals per shipment, all on the way during the window.
  const perHour = options.shipments * 1.25 * (3600 / options.periodS);
  const windowHours = Math.ceil(((WARM_UP_READINGS + 2 * options.runs * options.readings) / perHour) * 1.25) + 1;

  // 1. The store, filled in this process before the server opens it.
  const runtime = await openRuntime(loadConfig({ ...process.env, KARVON_DATA_DIR: dir }), { onError: (error) => log(`seeding: ${String(error)}`) });
  const workload = await seedWorkload(runtime, { shipments: options.shipments, days: options.days, seed: options.seed, reportingPeriodS: options.periodS, windowHours, probes: options.probes, now }, log);
  await runtime.close();

  // 2. The baseline: a plain insert into the same table of another SQLite file, in this process.
  const raw = await openRawPositions(path.join(dir, 'raw.db'));

  // 3. The server.
  const port = await freePort();
  const mqttPort = await freePort();
  const logFile = path.join(dir, 'server.log');
  const nodeArgs = args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(args['cpu-prof'])}`] : [];
  const server = await startServer({ dataDir: path.join(dir), port, logFile, logLevel: 'warn', readyTimeoutS: 300, env: { KARVON_MQTT_PORT: String(mqttPort) }, nodeArgs, ...(args['server-checkout'] ? { bin: path.resolve(args['server-checkout'], 'bin/karvon.js') } : {}) });
  const mqttUrl = `mqtt://127.0.0.1:${mqttPort}`;
  if (args['server-checkout']) log(`serving with the build in ${path.resolve(args['server-checkout'])}`);
  log(`server ready in ${server.readySeconds.toFixed(1)} s on ${server.baseUrl}, MQTT on ${mqttUrl}`);
  const rssReady = processMemory(server.pid);

  const runs: TelemetryRun[] = [];
  const latencies: ProbeLatency[] = [];
  try {
    const warmUp = workload.nextChunk(WARM_UP_READINGS);
    await httpRun(server.baseUrl, httpBodies(warmUp, workload.ownerOf, workload.keys, options.batch), options.clients);
    rawRun(raw, warmUp, options.batch);
    await untilFolded(server.baseUrl);
    log(`warmed up with ${int(warmUp.length)} readings`);

    for (let r = 0; r < options.runs; r++) {
      await untilFolded(server.baseUrl);
      const load = os.loadavg()[0]!;
      const httpReadings = workload.nextChunk(options.readings);
      const bodies = httpBodies(httpReadings, workload.ownerOf, workload.keys, options.batch);
      let loading = true;
      const cpuBefore = processCpuSeconds(server.pid);
      const probes = probeLatencies(server.baseUrl, workload.keys, workload.probes.slice(latencies.length), () => loading, options.probeConcurrency);
      const http = await httpRun(server.baseUrl, bodies, options.clients).finally(() => {
        loading = false;
      });
      const cpuAfter = processCpuSeconds(server.pid);
      const probed = await probes;
      latencies.push(...probed);
      if (http.stored !== httpReadings.length) log(`run ${r + 1}: HTTP stored ${int(http.stored)} of ${int(httpReadings.length)} (refused ${http.refused})`);
      const rawResult = rawRun(raw, httpReadings, options.batch);

      const mqttReadings = workload.nextChunk(options.readings);
      const mqttResult = await mqttRun(server.baseUrl, mqttUrl, mqttReadings, workload.ownerOf, workload.keys, options.qos, 600);
      // The raw store gets the MQTT rows too, untimed, so both stores grow alike.
      rawRun(raw, mqttReadings, options.batch);
      const run: TelemetryRun = {
        http, mqtt: mqttResult, raw: rawResult, ratio: http.rate / rawResult.rate, probes: probed.length,
        rawCpuMicrosPerRow: rawResult.cpuMicrosPerRow,
        ...(cpuBefore !== undefined && cpuAfter !== undefined ? { serverCpuMicrosPerReading: ((cpuAfter - cpuBefore) * 1e6) / httpReadings.length } : {}),
        loadAverageStart: load, loadAverageEnd: os.loadavg()[0]!,
      };
      runs.push(run);
      log(`run ${r + 1}: HTTP ${int(http.rate)}/s (${http.derivedEvents} derived events), MQTT ${int(mqttResult.rate)}/s, raw ${int(rawResult.rate)}/s, HTTP/raw ${run.ratio.toFixed(2)}, CPU ${run.serverCpuMicrosPerReading?.toFixed(1) ?? '?'} µs/reading (server, HTTP) vs ${rawResult.cpuMicrosPerRow.toFixed(1)} µs/row (raw); ${probed.length} probes; load ${load.toFixed(2)} → ${run.loadAverageEnd.toFixed(2)}`);
    }
    const positions = await storedPositions(server.baseUrl);
    log(`${int(positions)} positions stored by the server`);
  } finally {
    const rssEnd = processMemory(server.pid);
    await server.stop();
    raw.close();
    const figures: TelemetryFigures = {
      machine, date: new Date().toISOString().slice(0, 10), durationS: (performance.now() - started) / 1000, options,
      workload: { shipments: workload.shipments, events: workload.events, devices: workload.devices, probes: workload.probes.length, windowHours, seedSeconds: workload.seedSeconds },
      runs, latenciesMs: latencies.map((l) => l.ms), probePostMs: latencies.map((l) => Math.round(l.postMs)), probesTimedOut: latencies.filter((l) => l.timedOut).length, rssReady, rssEnd, loadAverageEnd: os.loadavg()[0]!,
    };
    if (runs.length > 0) {
      console.log(telemetrySummary(figures));
      fs.mkdirSync(args['out-dir']!, { recursive: true });
      const file = path.join(args['out-dir']!, `telemetry-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
      fs.writeFileSync(file, JSON.stringify(figures, null, 2));
      console.log(`\n--- for docs/benchmarks.md ---\n\n${renderTelemetryMarkdown(figures)}`);
      log(`figures in ${file}`);
    }
    if (args.keep) log(`data kept in ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
