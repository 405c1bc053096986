/**
 * The ETA calibration benchmark: how often real arrivals fall inside Karvon's stated ranges, and how
 * far its likely time is from them, on seeded simulations (bench/eta-calibration.ts).
 *
 *   node dist/bench/eta.bench.js [--seeds 1,2,3] [--shipments 4000] [--days 120] [--warmup 30] [--tail 25] [--window 200]
 *
 * Prints a section for docs/benchmarks.md on stdout; progress goes to stderr.
 */
import { parseArgs } from 'node:util';
import { wholeNumberOption } from './bench-args.js';
import { runCalibration } from './eta-calibration.js';
import { calibrationTable, inScope } from './eta-metrics.js';
import { renderEtaMarkdown, type SeedTables } from './eta-report.js';

const { values: args } = parseArgs({
  options: {
    seeds: { type: 'string', default: '1,2,3' },
    shipments: { type: 'string', default: '4000' },
    days: { type: 'string', default: '120' },
    warmup: { type: 'string', default: '30' },
    tail: { type: 'string', default: '25' },
    window: { type: 'string', default: '200' },
  },
});

const seeds = args.seeds.split(',').map((s) => wholeNumberOption('seeds', s.trim(), 0));
const shipments = wholeNumberOption('shipments', args.shipments, 1);
const days = wholeNumberOption('days', args.days, 1);
const warmupDays = wholeNumberOption('warmup', args.warmup, 0);
const tailDays = wholeNumberOption('tail', args.tail, 0);
const window = wholeNumberOption('window', args.window, 1);
if (warmupDays + tailDays >= days) {
  console.error(`--warmup and --tail together must be fewer days than --days (${days}), got ${warmupDays} + ${tailDays}`);
  process.exit(2);
}

const log = (message: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
const began = performance.now();
const tables: SeedTables[] = [];
let heldOut = 0;
for (const seed of seeds) {
  const t0 = performance.now();
  const run = runCalibration({ seed, shipments, days, warmupDays, tailDays, window });
  heldOut += run.heldOut;
  tables.push(new Map((['destination', 'all stops'] as const).map((scope) => [scope, calibrationTable(inScope(run.observations, scope))])));
  const overall = tables.at(-1)!.get('destination')!.get('all')!.get('all')!;
  log(`seed ${seed}: ${run.heldOut} held-out shipments, ${run.observations.length} scored stops (${run.unscored} unscored, ${run.unfinished} cut off by the window) in ${((performance.now() - t0) / 1000).toFixed(1)} s; destination coverage ${(overall.coverage * 100).toFixed(1)} %, median relative error ${(overall.medianRelativeError * 100).toFixed(1)} %`);
}
const command = `npm run bench:eta -- --seeds ${seeds.join(',')} --shipments ${shipments} --days ${days} --warmup ${warmupDays} --tail ${tailDays} --window ${window}`;
console.log(renderEtaMarkdown({ command, seeds, shipments, days, warmupDays, tailDays, window, seconds: (performance.now() - began) / 1000, heldOut, tables }));
