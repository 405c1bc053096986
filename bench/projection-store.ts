/**
 * The projection benchmark's store: a Karvon data directory filled by `karvon simulate`, kept
 * between runs. A record of the simulation passes (bench-fill.json beside the database) lets a
 * later run reuse the store, or top it up with passes of new seeds when it asks for more events; a
 * store whose last pass did not finish, or that the benchmark did not fill, is refused rather than
 * guessed about.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite-store.js';
import { int, mib } from './bench-stats.js';
import { databaseBytes } from './capture-run.js';
import { runKarvon } from './karvon-process.js';
import { nextSimulationPass, parseSimulateSummary } from './projection-figures.js';

export interface FillPass {
  seed: number;
  shipments: number;
  days: number;
  /** Events captured by the pass (unset while it runs). */
  events?: number;
  seconds?: number;
  finished: boolean;
}

export interface StoreFigures {
  events: number;
  databaseBytes: number;
  /** Whether this run simulated anything, or found the store filled already. */
  reused: boolean;
  /** Every simulation pass that filled the store, earlier runs' included. */
  fill: FillPass[];
}

const MAX_PASSES_PER_RUN = 5;

export class BenchStore {
  readonly databasePath: string;
  private readonly recordPath: string;

  constructor(
    readonly dataDir: string,
    private readonly log: (message: string) => void,
  ) {
    this.databasePath = path.join(dataDir, 'karvon.db');
    this.recordPath = path.join(dataDir, 'bench-fill.json');
  }

  /** Events in the store, without creating one where there is none. */
  async events(): Promise<number> {
    if (!fs.existsSync(this.databasePath)) return 0;
    const store = await openSqliteStore({ path: this.databasePath });
    try {
      return await store.events.total();
    } finally {
      await store.close();
    }
  }

  /** Database and WAL bytes. */
  bytes(): number {
    const sizes = databaseBytes(this.databasePath);
    return sizes.db + sizes.wal;
  }

  private readRecord(): FillPass[] | undefined {
    if (!fs.existsSync(this.recordPath)) return undefined;
    return (JSON.parse(fs.readFileSync(this.recordPath, 'utf8')) as { passes: FillPass[] }).passes;
  }

  private writeRecord(passes: readonly FillPass[]): void {
    fs.writeFileSync(this.recordPath, `${JSON.stringify({ passes }, null, 2)}\n`);
  }

  /** Makes sure the store holds at least `target` events, simulating through the capture pipeline what is missing. */
  async ensure(target: number, firstSeed: number): Promise<StoreFigures> {
    let stored = await this.events();
    const passes = stored > 0 ? this.readRecord() : [];
    if (stored >= target) {
      this.log(`reusing ${this.dataDir}: ${int(stored)} events (${mib(this.bytes())})`);
      return { events: stored, databaseBytes: this.bytes(), reused: true, fill: passes ?? [] };
    }
    const refuse = (why: string) =>
      new Error(`${this.dataDir} holds ${int(stored)} events, fewer than the ${int(target)} asked for, and ${why}; delete it (rm -rf ${this.dataDir}) or choose another --data`);
    if (!passes) throw refuse('the benchmark did not fill it (no bench-fill.json)');
    if (passes.some((p) => !p.finished)) throw refuse('a simulation pass into it did not finish');

    fs.mkdirSync(this.dataDir, { recursive: true });
    const startedWith = passes.length;
    let eventsPerShipment = passes.length > 0 ? stored / passes.reduce((a, p) => a + p.shipments, 0) : undefined;
    for (let plan = nextSimulationPass(target, stored, eventsPerShipment); plan; plan = nextSimulationPass(target, stored, eventsPerShipment)) {
      if (passes.length - startedWith === MAX_PASSES_PER_RUN) throw new Error(`${MAX_PASSES_PER_RUN} simulation passes left the store at ${int(stored)} events, short of ${int(target)}`);
      // Every pass its own seed: new shipment ids and references, never a repeat of an earlier pass.
      const seed = passes.length === 0 ? firstSeed : Math.max(...passes.map((p) => p.seed)) + 1;
      const pass: FillPass = { seed, shipments: plan.shipments, days: plan.days, finished: false };
      passes.push(pass);
      this.writeRecord(passes);
      this.log(`simulating ${int(plan.shipments)} shipments over ${plan.days} days (seed ${seed}) into ${this.dataDir}; a million events take several minutes`);
      const run = await runKarvon(['simulate', '--shipments', String(plan.shipments), '--days', String(plan.days), '--seed', String(seed)], { KARVON_DATA_DIR: this.dataDir }, {
        heartbeat: (s) => this.log(`  simulate running for ${Math.round(s)} s, store ${mib(this.bytes())}`),
      });
      const summary = parseSimulateSummary(run.stdout);
      if (summary.captured === 0) throw new Error(`karvon simulate captured no events: ${run.stdout.slice(0, 500)}`);
      Object.assign(pass, { events: summary.captured, seconds: run.wallSeconds, finished: true });
      this.writeRecord(passes);
      stored = await this.events();
      eventsPerShipment = stored / passes.reduce((a, p) => a + p.shipments, 0);
      this.log(`  captured ${int(summary.captured)} events in ${run.wallSeconds.toFixed(0)} s (${int(summary.captured / run.wallSeconds)} events/s); store: ${int(stored)} events, ${mib(this.bytes())}`);
    }
    return { events: stored, databaseBytes: this.bytes(), reused: false, fill: passes };
  }
}
