/** The audit benchmark's figures: their shape, a console summary and a section for docs/benchmarks.md. */
import type { Machine } from './bench-machine.js';
import { mdTable } from './bench-report.js';
import { int, mib, ms, textTable } from './bench-stats.js';
import type { AuditFill } from './audit-store.js';

export interface VerifyRun {
  /** The whole `verify()`: entries, tree, signed head, events. */
  seconds: number;
  /** The events part alone (event-check.ts), timed on its own. */
  eventSeconds: number;
  peakRssBytes: number;
}

export interface Latency {
  p50: number;
  p99: number;
  max: number;
}

export interface AuditFigures {
  machine: Machine;
  date: string;
  durationS: number;
  options: { entries: number; captureEvery: number; eventsPerCapture: number; seed: number; runs: number; proofs: number };
  fill: AuditFill & { reused: boolean };
  sizes: { databaseBytes: number; entryBytes: number | null; nodeBytes: number | null; nodes: number };
  verify: { runs: VerifyRun[]; median: VerifyRun; entries: number; events: number };
  /** Milliseconds. */
  head: Latency;
  inclusion: Latency;
  consistency: Latency;
  /** Microseconds to check one proof, as a member state does. */
  checkInclusionMicros: number;
  checkConsistencyMicros: number;
  proofLength: { inclusion: number; consistency: number };
  loadAverageEnd: number;
}

function rows(f: AuditFigures): string[][] {
  const v = f.verify.median;
  const logPart = v.seconds - v.eventSeconds;
  return [
    ['Log', `${int(f.verify.entries)} entries (${int(f.fill.entries / f.options.captureEvery)} captures of ${f.options.eventsPerCapture} events), ${int(f.verify.events)} events`],
    [`verify, whole (median of ${f.verify.runs.length})`, `${v.seconds.toFixed(1)} s`],
    ['  entries, tree nodes, signed head', `${logPart.toFixed(1)} s = ${int(f.verify.entries / logPart)} entries/s`],
    ['  events (rehash each, check its entry)', `${v.eventSeconds.toFixed(1)} s = ${int(f.verify.events / v.eventSeconds)} events/s`],
    ['  peak RSS during verify', mib(v.peakRssBytes)],
    ['Append of a small entry (seal, tree nodes, signed head, commit)', `${f.fill.appendMicros.toFixed(0)} µs`],
    [`Capture of ${f.options.eventsPerCapture} events with its entry, in one transaction`, `${f.fill.captureMillis.toFixed(1)} ms`],
    ['Current signed head, p50 / p99', `${ms(f.head.p50)} / ${ms(f.head.p99)}`],
    [`Inclusion proof at ${int(f.verify.entries)}, p50 / p99 (${f.proofLength.inclusion} hashes)`, `${ms(f.inclusion.p50)} / ${ms(f.inclusion.p99)}`],
    [`Consistency proof to ${int(f.verify.entries)}, p50 / p99 (up to ${f.proofLength.consistency} hashes)`, `${ms(f.consistency.p50)} / ${ms(f.consistency.p99)}`],
    ['Checking a proof (inclusion / consistency)', `${f.checkInclusionMicros.toFixed(0)} µs / ${f.checkConsistencyMicros.toFixed(0)} µs`],
    ['Database file', mib(f.sizes.databaseBytes)],
    ['  audit entries / tree nodes', `${f.sizes.entryBytes === null ? 'n/a' : mib(f.sizes.entryBytes)} / ${f.sizes.nodeBytes === null ? 'n/a' : mib(f.sizes.nodeBytes)} (${int(f.sizes.nodes)} nodes)`],
  ];
}

export function auditConsoleSummary(f: AuditFigures): string {
  return textTable([['figure', 'value'], ...rows(f)]);
}

export function renderAuditMarkdown(f: AuditFigures): string {
  const m = f.machine;
  const o = f.options;
  const runRows = f.verify.runs.map((r, i) => [String(i + 1), `${r.seconds.toFixed(1)} s`, `${(r.seconds - r.eventSeconds).toFixed(1)} s`, `${r.eventSeconds.toFixed(1)} s`, mib(r.peakRssBytes)]);
  return `## Audit log benchmark

Written by \`node dist/bench/audit.bench.js\` (bench/audit.bench.ts) on ${f.date}, ${Math.round(f.durationS)} s in all${f.fill.reused ? ' (store filled by an earlier run)' : ''}.
Options: \`--entries ${o.entries} --capture-every ${o.captureEvery} --events-per-capture ${o.eventsPerCapture} --runs ${o.runs} --proofs ${o.proofs} --seed ${o.seed}\`.

### Machine

| | |
|---|---|
| CPU | ${m.cpuModel}, ${m.cpus} logical CPUs available |
| Node.js | ${m.node} |
| SQLite | ${m.sqlite} (better-sqlite3 ${m.betterSqlite3}) |
| Load average (1 min) | ${m.loadAverage.toFixed(2)} at the start, ${f.loadAverageEnd.toFixed(2)} at the end |

### Summary

${mdTable(['figure', 'value'], rows(f))}

### Method

- **The log.** ${int(o.entries)} entries written as a node writes them: every ${int(o.captureEvery)}th is a capture of
  ${o.eventsPerCapture} corridor events (bench/corridor-events.ts, seed ${o.seed}) through \`captureDocument\`, whose entry is
  written in the transaction that stores the events; the others are small administrative entries (sign-ins, key use,
  votes) through \`AuditLog.record\`. Every append seals the entry, stores the tree nodes it completes and signs a new
  Ed25519 head. Filling took ${int(f.fill.seconds)} s.
- **verify** is \`runtime.audit.verify()\`, what \`karvon audit verify\` runs, on a freshly opened store: every entry
  through the hash chain and the Merkle tree (each completed node compared with the stored one), the signed head, then
  every stored event rehashed from its stored body and found in its capture entry, and every logged event found stored.
  The events part is also timed alone (the same code, given the list of capture entries), so the log part is the
  difference. Peak RSS is sampled every 50 ms.
- **Heads and proofs** are what \`GET /api/audit/heads\`, \`/inclusion\` and \`/consistency\` answer (the route's
  \`AuditTree\`), in-process: ${int(o.proofs)} inclusion proofs of random entries in the tree of all entries, and
  ${int(o.proofs)} consistency proofs from a random earlier size to it, each reading O(log n) stored nodes by key.
  Checking is the member state's side (\`verifyInclusion\`, \`verifyConsistency\`).

### Verify runs

${mdTable(['run', 'whole', 'entries + tree + head', 'events', 'peak RSS'], runRows)}
`;
}
