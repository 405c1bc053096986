import type { Command } from 'commander';
import { loadConfig } from '../config/config.js';
import { projectionDigest } from '../projections/state-digest.js';
import { openRuntime } from '../runtime/runtime.js';

export function registerRebuildCommand(program: Command): void {
  program
    .command('rebuild')
    .description('Fold every stored event into shipment state again and print what it holds, with a digest to compare with a running server')
    .action(async () => {
      const started = Date.now();
      // Opening the runtime rebuilds the projection from the store.
      const runtime = await openRuntime(loadConfig());
      try {
        const stats = runtime.shipments.stats();
        const seconds = (Date.now() - started) / 1000;
        console.log(`rebuilt ${stats.shipments} shipments from ${stats.events} events in ${seconds.toFixed(1)} s`);
        console.log(`by status: ${Object.entries(stats.byStatus).map(([status, n]) => `${status} ${n}`).join(', ')}`);
        console.log(`open customs holds: ${stats.openHolds}`);
        console.log(`state digest: ${projectionDigest(runtime.shipments)}`);
      } finally {
        await runtime.close();
      }
    });
}
