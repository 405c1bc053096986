import { InvalidArgumentError, type Command } from 'commander';
import { openCliRuntime, withDataDirOption, type DataDirOption } from './cli-runtime.js';
import { runSimulation, type SimulationSummary } from '../sim/run-simulation.js';
import { ProgressBar } from './progress.js';

const DAY_MS = 86_400_000;

function numberOption(name: string, integer: boolean, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min) {
      throw new InvalidArgumentError(`--${name} must be ${integer ? 'a whole number' : 'a number'} of at least ${min}, got "${value}"`);
    }
    return n;
  };
}

function dateOption(value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new InvalidArgumentError(`--start must be an ISO 8601 date-time, got "${value}"`);
  return date;
}

/** The end-of-run report: totals and a line per corridor. */
export function formatSimulationSummary(summary: SimulationSummary): string {
  const lines = [
    `shipments: ${summary.shipments}, events: ${summary.total}, captured: ${summary.captured}, duplicates: ${summary.duplicates}, rejected: ${summary.rejected}`,
    'by corridor:',
    ...Object.entries(summary.byCorridor)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, c]) => `  ${id.padEnd(28)} ${String(c.shipments).padStart(6)} shipments ${String(c.events).padStart(8)} events`),
    ...summary.errors.map((e) => `  rejected: ${e}`),
  ];
  return lines.join('\n');
}

export function registerSimulateCommand(program: Command): void {
  withDataDirOption(program.command('simulate'))
    .description('Generate realistic corridor traffic (block trains, trucks, ferries, customs, incidents) and capture it as EPCIS events')
    .option('--shipments <n>', 'number of shipments', numberOption('shipments', true, 0), 100)
    .option('--days <d>', 'days over which shipments depart', numberOption('days', false, 0.01), 30)
    .option('--seed <s>', 'random seed: the same seed and start give the same events', numberOption('seed', true, 0), 1)
    .option('--speed <x>', 'play back in accelerated real time, x simulated seconds per second (default: capture everything at once as history ending now)', numberOption('speed', false, 0.001))
    .option('--start <date>', 'simulated start (default: now minus --days, or now with --speed)', dateOption)
    .action(async (options: { shipments: number; days: number; seed: number; speed?: number; start?: Date } & DataDirOption) => {
      const start = options.start ?? new Date(options.speed === undefined ? Date.now() - options.days * DAY_MS : Date.now());
      const runtime = await openCliRuntime(options, 'may-create');
      const progress = new ProgressBar('simulate', 1);
      try {
        const summary = await runSimulation(
          runtime,
          { shipments: options.shipments, days: options.days, seed: options.seed, start },
          { speed: options.speed, onProgress: (p) => progress.update(p.total ? p.sent / p.total : 1, `${p.captured} captured`) },
        );
        progress.finish();
        console.log(formatSimulationSummary(summary));
        if (summary.rejected > 0) process.exitCode = 1;
      } finally {
        await runtime.close();
      }
    });
}
