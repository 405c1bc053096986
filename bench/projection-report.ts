/** The projection benchmark's figures: their shape, a console summary and a section for docs/benchmarks.md. */
import type { Machine } from './bench-machine.js';
import { mdTable } from './bench-report.js';
import { int, mib, ms, textTable } from './bench-stats.js';
import type { LoadRun } from './http-load.js';
import type { StoreFigures } from './projection-store.js';

export interface RebuildRun {
  shipments: number;
  events: number;
  /** Fold time printed by `karvon rebuild` (store opened, every event folded). */
  seconds: number;
  /** The whole child process, Node start-up and closing the store included. */
  wallSeconds: number;
  eventsPerSecond: number;
}

export interface HttpMedian {
  achievedRate: number;
  p50: number;
  p97_5: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export interface ProjectionFigures {
  machine: Machine;
  date: string;
  durationS: number;
  options: { events: number; data: string; rate: number; durationS: number; runs: number; connections: number; sample: number; warmupS: number; seed: number; serverLogLevel: string };
  store: StoreFigures;
  rebuild: { runs: RebuildRun[]; /** The run with the median events/s. */ median: RebuildRun };
  server: { readySeconds: number; rssAfterReadyBytes: number; rssAfterLoadBytes: number; peakRssBytes: number; sampleIds: number };
  http: { runs: LoadRun[]; median: HttpMedian };
  loadAverageEnd: number;
}

function summaryRows(f: ProjectionFigures): string[][] {
  const h = f.http.median;
  const shipments = f.rebuild.median.shipments;
  return [
    ['Store', `${int(f.store.events)} events, ${int(shipments)} shipments, ${mib(f.store.databaseBytes)}`],
    [`Fold (karvon rebuild), median of ${f.rebuild.runs.length}`, `${int(f.rebuild.median.eventsPerSecond)} events/s (${f.rebuild.median.seconds.toFixed(1)} s)`],
    ['Server start-up to GET /ready = 200', `${f.server.readySeconds.toFixed(1)} s`],
    [`GET /api/shipments/{id} at ${int(f.options.rate)} req/s, achieved (median of ${f.http.runs.length})`, `${int(h.achievedRate)} req/s`],
    ['  latency p50', ms(h.p50)],
    ['  latency p97.5', ms(h.p97_5)],
    ['  latency p99', ms(h.p99)],
    ['  latency max', ms(h.max)],
    ['  non-2xx / errors / timeouts (all runs)', sumFailures(f.http.runs)],
    ['Server RSS after ready / after load / peak', `${mib(f.server.rssAfterReadyBytes)} / ${mib(f.server.rssAfterLoadBytes)} / ${mib(f.server.peakRssBytes)}`],
  ];
}

function sumFailures(runs: readonly LoadRun[]): string {
  const sum = (pick: (r: LoadRun) => number) => int(runs.reduce((a, r) => a + pick(r), 0));
  return `${sum((r) => r.non2xx)} / ${sum((r) => r.errors)} / ${sum((r) => r.timeouts)}`;
}

/** The console summary. */
export function projectionConsoleSummary(f: ProjectionFigures): string {
  return textTable([['figure', 'value'], ...summaryRows(f)]);
}

/** A section for docs/benchmarks.md. */
export function renderProjectionMarkdown(f: ProjectionFigures): string {
  const m = f.machine;
  const o = f.options;
  return `## Shipment projection benchmark

Written by \`node dist/bench/projection.bench.js\` (bench/projection.bench.ts) on ${f.date}, ${Math.round(f.durationS)} s in all.
Options: \`--events ${o.events} --rate ${o.rate} --duration ${o.durationS} --runs ${o.runs} --connections ${o.connections} --sample ${o.sample} --warmup ${o.warmupS} --seed ${o.seed}\`.

### Machine

| | |
|---|---|
| CPU | ${m.cpuModel}, ${m.cpus} logical CPUs available (server and load generator share them) |
| Memory | ${(m.memoryBytes / 2 ** 30).toFixed(1)} GiB |
| OS | ${m.os} |
| Node.js | ${m.node} |
| SQLite | ${m.sqlite} (better-sqlite3 ${m.betterSqlite3}) |
| Load average (1 min) | ${m.loadAverage.toFixed(2)} at the start, ${f.loadAverageEnd.toFixed(2)} at the end |

### Summary

${mdTable(['figure', 'value'], summaryRows(f))}

### Method

- **Store.** Filled by \`karvon simulate\` (the corridor simulator through the capture pipeline) as a child
  process, about 20 events per shipment, departures spread so that about ${int(1500)} shipments leave per day
  (at least 30 days), in passes of their own seeds: ${f.store.fill.map((p) => `seed ${p.seed}, ${int(p.shipments)} shipments over ${p.days} days`).join('; ') || 'not filled by the benchmark'}.
  ${f.store.reused ? 'This run reused the store an earlier run filled.' : 'This run filled the store.'} Database and WAL: ${mib(f.store.databaseBytes)}.
- **Fold.** \`karvon rebuild\` in a child process, ${o.runs} times: opens the store and folds every event into
  shipment state. Events/s = events / the time it prints (store opening included, Node start-up not).
- **HTTP.** \`karvon serve --no-demo\` (log level ${o.serverLogLevel}) on the same store. ${int(f.server.sampleIds)} shipment ids
  from \`GET /api/shipments?limit=500\` (following \`nextCursor\`), then autocannon with ${o.connections} connections at
  \`overallRate\` ${int(o.rate)} req/s for ${o.durationS} s, ${o.runs} runs after a ${o.warmupS} s warm-up, each request
  \`GET /api/shipments/{id}\` for the next id of the sample. autocannon sends each connection's share of a second's
  requests at the start of the second, back to back. Latencies are the response times of the 2xx answers,
  nearest-rank percentiles of each request's own time (autocannon's histogram keeps whole milliseconds;
  its figures are in the JSON file). With ${o.connections} connections up to ${o.connections} requests wait in the server at once,
  so the tail includes that queue. Medians are nearest rank (the lower middle of an even number of runs),
  per column for HTTP; for the fold, the run with the median rate.
- **Memory.** VmRSS and VmHWM of the server process (/proc/<pid>/status) once ready and after the last run.

### Fold runs

${mdTable(['run', 'shipments', 'events', 'fold time', 'events/s', 'process wall time'], f.rebuild.runs.map((r, i) => [
  String(i + 1),
  int(r.shipments),
  int(r.events),
  `${r.seconds.toFixed(1)} s`,
  int(r.eventsPerSecond),
  `${r.wallSeconds.toFixed(1)} s`,
]))}

### HTTP runs

${mdTable(['run', 'req/s achieved', 'p50', 'p97.5', 'p99', 'max', 'non-2xx', 'errors', 'timeouts'], [
  ...f.http.runs.map((r, i) => [
    String(i + 1),
    int(r.achievedRate),
    ms(r.latency.p50),
    ms(r.latency.p97_5),
    ms(r.latency.p99),
    ms(r.latency.max),
    int(r.non2xx),
    int(r.errors),
    int(r.timeouts),
  ]),
  ['median', int(f.http.median.achievedRate), ms(f.http.median.p50), ms(f.http.median.p97_5), ms(f.http.median.p99), ms(f.http.median.max), int(f.http.median.non2xx), int(f.http.median.errors), int(f.http.median.timeouts)],
])}
`;
}
