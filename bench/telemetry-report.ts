/** The telemetry benchmark's figures: their shape, a console summary and a section for docs/benchmarks.md. */
import type { Machine } from './bench-machine.js';
import { int, median, mib, percentile, textTable } from './bench-stats.js';
import type { HttpRunResult, MqttRunResult, RateResult } from './telemetry-load.js';

export interface TelemetryRun {
  http: HttpRunResult;
  mqtt: MqttRunResult;
  raw: RateResult & { stored: number };
  /** HTTP positions/s over raw insert rows/s. */
  ratio: number;
  probes: number;
  /** Server CPU (user + system) spent per reading during the HTTP run, probes' queries included. */
  serverCpuMicrosPerReading?: number;
  /** The baseline's CPU per row (its process). */
  rawCpuMicrosPerRow?: number;
  loadAverageStart: number;
  loadAverageEnd: number;
}

export interface TelemetryFigures {
  machine: Machine;
  date: string;
  durationS: number;
  options: Record<string, number>;
  workload: { shipments: number; events: number; devices: number; probes: number; windowHours: number; seedSeconds: number };
  runs: TelemetryRun[];
  latenciesMs: number[];
  /** How long each probe's POST took (the rest of its latency is the polling until the event was queryable). */
  probePostMs: number[];
  /** Probes whose event did not come within 30 s (counted in the percentiles at 30 s). */
  probesTimedOut: number;
  rssReady?: { rssBytes: number; peakRssBytes: number };
  rssEnd?: { rssBytes: number; peakRssBytes: number };
  loadAverageEnd: number;
}

const TARGETS = { httpRate: 50_000, ratio: 0.5, p99Ms: 1000 };

function medians(f: TelemetryFigures) {
  const latency = f.latenciesMs.length > 0 ? { p50: percentile(f.latenciesMs, 50), p99: percentile(f.latenciesMs, 99) } : undefined;
  return {
    http: median(f.runs.map((r) => r.http.rate)),
    mqtt: median(f.runs.map((r) => r.mqtt.rate)),
    raw: median(f.runs.map((r) => r.raw.rate)),
    ratio: median(f.runs.map((r) => r.ratio)),
    serverCpu: optionalMedian(f.runs.map((r) => r.serverCpuMicrosPerReading)),
    rawCpu: optionalMedian(f.runs.map((r) => r.rawCpuMicrosPerRow)),
    latency,
  };
}

function optionalMedian(values: (number | undefined)[]): number | undefined {
  const known = values.filter((v): v is number => v !== undefined);
  return known.length > 0 ? median(known) : undefined;
}

const verdict = (met: boolean) => (met ? 'met' : '**missed**');

function summaryRows(f: TelemetryFigures): string[][] {
  const m = medians(f);
  return [
    ['HTTP batches, end to end (median of runs)', `${int(m.http)} positions/s`, `≥ ${int(TARGETS.httpRate)}`, verdict(m.http >= TARGETS.httpRate)],
    ['MQTT, until stored (median of runs)', `${int(m.mqtt)} positions/s`, '', ''],
    ['Raw insert of the same rows (median of runs)', `${int(m.raw)} rows/s`, '', ''],
    ['HTTP / raw (median of the runs\' ratios)', m.ratio.toFixed(2), `≥ ${TARGETS.ratio}`, verdict(m.ratio >= TARGETS.ratio)],
    ...(m.serverCpu !== undefined && m.rawCpu !== undefined
      ? [
          ['Server CPU per reading over HTTP (median of runs)', `${m.serverCpu.toFixed(1)} µs`, '', ''],
          ['Baseline CPU per row (median of runs)', `${m.rawCpu.toFixed(1)} µs`, '', ''],
        ]
      : []),
    ...(m.latency
      ? [
          ['Reading entering Khorgos → derived event queryable, p50', `${int(m.latency.p50)} ms`, '', ''],
          [`… p99 (${f.latenciesMs.length} crossings under HTTP load${f.probesTimedOut ? `, ${f.probesTimedOut} without an event in 30 s` : ''})`, `${int(m.latency.p99)} ms`, `< ${int(TARGETS.p99Ms)} ms`, verdict(m.latency.p99 < TARGETS.p99Ms)],
        ]
      : []),
  ];
}

export function telemetrySummary(f: TelemetryFigures): string {
  const rows = [['run', 'HTTP /s', 'MQTT /s', 'raw /s', 'HTTP/raw', 'derived', 'probes', 'load'],
    ...f.runs.map((r, i) => [String(i + 1), int(r.http.rate), int(r.mqtt.rate), int(r.raw.rate), r.ratio.toFixed(2), int(r.http.derivedEvents), String(r.probes), `${r.loadAverageStart.toFixed(2)}→${r.loadAverageEnd.toFixed(2)}`])];
  return `\nKarvon telemetry benchmark, ${int(f.workload.devices)} devices\n\n${textTable(rows)}\n\n${textTable(summaryRows(f).map((r) => r.map((c) => c.replace(/\*/g, ''))))}`;
}

function mdTable(head: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** A section for docs/benchmarks.md (the method and conclusions are written around it by hand). */
export function renderTelemetryMarkdown(f: TelemetryFigures): string {
  const m = f.machine;
  const o = f.options;
  const w = f.workload;
  const runRows = f.runs.map((r, i) => [
    String(i + 1),
    `${int(r.http.rate)} (${r.http.seconds.toFixed(1)} s)`,
    `${int(r.mqtt.rate)} (${r.mqtt.seconds.toFixed(1)} s; published in ${r.mqtt.publishSeconds.toFixed(1)} s)`,
    `${int(r.raw.rate)} (${r.raw.seconds.toFixed(1)} s)`,
    r.ratio.toFixed(2),
    r.serverCpuMicrosPerReading !== undefined && r.rawCpuMicrosPerRow !== undefined ? `${r.serverCpuMicrosPerReading.toFixed(1)} / ${r.rawCpuMicrosPerRow.toFixed(1)}` : '?',
    int(r.http.derivedEvents),
    String(r.probes),
    `${r.loadAverageStart.toFixed(2)} → ${r.loadAverageEnd.toFixed(2)}`,
  ]);
  return `Written by \`node dist/bench/telemetry.bench.js\` on ${f.date}, ${Math.round(f.durationS)} s in all.
Options: \`--shipments ${o.shipments} --days ${o.days} --period ${o.periodS} --readings ${o.readings} --batch ${o.batch} --clients ${o.clients} --qos ${o.qos} --runs ${o.runs} --probes ${o.probes} --seed ${o.seed}\`.

| | |
|---|---|
| CPU | ${m.cpuModel}, ${m.cpus} logical CPUs (server, load generator and raw insert share them) |
| Node.js / SQLite | ${m.node} / ${m.sqlite} (better-sqlite3 ${m.betterSqlite3}) |
| Load average (1 min) | ${m.loadAverage.toFixed(2)} at the start, ${f.loadAverageEnd.toFixed(2)} at the end |
| Store | ${int(w.shipments)} shipments, ${int(w.events)} events, ${int(w.devices)} e-seals + ${w.probes} probes, ${w.windowHours} h of readings (seeded in ${w.seedSeconds.toFixed(0)} s) |
| Server RSS | ${f.rssReady ? mib(f.rssReady.rssBytes) : '?'} when ready, ${f.rssEnd ? mib(f.rssEnd.rssBytes) : '?'} after the runs (peak ${f.rssEnd ? mib(f.rssEnd.peakRssBytes) : '?'}) |

${mdTable(['figure', 'value', 'target', ''], summaryRows(f))}

${mdTable(['run', 'HTTP positions/s', 'MQTT positions/s', 'raw rows/s', 'HTTP/raw', 'CPU µs: server per reading / raw per row', 'derived events (HTTP)', 'probes', 'load average'], runRows)}
`;
}
