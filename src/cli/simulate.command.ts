import { InvalidArgumentError, type Command } from 'commander';
import { cliConfig, withDataDirOption, type DataDirOption } from './cli-runtime.js';
import { openRuntime } from '../runtime/runtime.js';
import { runSimulation, type SimulationSummary } from '../sim/run-simulation.js';
import { runTelemetry, type TelemetryRunSummary } from '../sim/run-telemetry.js';
import { DEFAULT_REPORTING_PERIOD_S } from '../sim/sim-telemetry.js';
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

/** The end-of-run report of `--telemetry`: devices, readings sent, stored and refused (by reason), derived events. */
export function formatTelemetrySummary(summary: TelemetryRunSummary): string {
  const lines = [
    `telemetry: ${summary.devices} e-seals (${summary.devicesRegistered} registered now, ${summary.ownersCreated} carrier organisations created); ` +
      `readings sent: ${summary.sent}, stored: ${summary.stored}, duplicates: ${summary.duplicates}, refused: ${summary.refused}; derived events: ${summary.derivedEvents}`,
    ...Object.entries(summary.refusedBy)
      .sort(([, a], [, b]) => b - a)
      .map(([reason, n]) => `  refused ${n}: ${reason}`),
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
    .option('--telemetry', "also register the containers' e-seals (for the demo carriers, created when missing) and send their readings through the telemetry pipeline, after the events")
    .option('--reporting-period <s>', `seconds between two readings of an e-seal, with --telemetry (default ${DEFAULT_REPORTING_PERIOD_S})`, numberOption('reporting-period', false, 1))
    .action(async (options: { shipments: number; days: number; seed: number; speed?: number; start?: Date; telemetry?: boolean; reportingPeriod?: number } & DataDirOption) => {
      if (options.reportingPeriod !== undefined && !options.telemetry) throw new InvalidArgumentError('--reporting-period goes with --telemetry');
      // Readings are sent as history once the events are in; playing them back live is the demo's work.
      if (options.telemetry && options.speed !== undefined) throw new InvalidArgumentError('--telemetry sends the readings as history: it does not go with --speed');
      const start = options.start ?? new Date(options.speed === undefined ? Date.now() - options.days * DAY_MS : Date.now());
      const config = cliConfig(options);
      // With telemetry the read model must know the shipments, so that readings find their unit's
      // shipment; and weeks of readings arrive at once, which is history, not a device flooding.
      const runtime = options.telemetry
        ? await openRuntime({ ...config, deviceReadingsPerMinute: Number.MAX_SAFE_INTEGER })
        : await openRuntime(config, { trackShipments: false });
      const progress = new ProgressBar('simulate', 1);
      try {
        const summary = await runSimulation(
          runtime,
          {
            shipments: options.shipments, days: options.days, seed: options.seed, start,
            ...(options.telemetry ? { telemetry: { deriveBorderEvents: true, ...(options.reportingPeriod !== undefined ? { reportingPeriodS: options.reportingPeriod } : {}) } } : {}),
          },
          { speed: options.speed, onProgress: (p) => progress.update(p.total ? p.sent / p.total : 1, `${p.captured} captured`) },
        );
        progress.finish();
        console.log(formatSimulationSummary(summary));
        if (summary.rejected > 0) process.exitCode = 1;
        if (summary.telemetry) {
          await runtime.followers.caughtUp();
          const bar = new ProgressBar('telemetry', 1);
          const telemetry = await runTelemetry(runtime, summary.telemetry, {
            now: Date.now(),
            onProgress: (p) => bar.update(0, `${p.sent} readings sent, ${p.stored} stored, ${p.derivedEvents} derived events`),
          });
          bar.finish();
          console.log(formatTelemetrySummary(telemetry));
        }
      } finally {
        await runtime.close();
      }
    });
}
