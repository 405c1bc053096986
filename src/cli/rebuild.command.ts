import type { Command } from 'commander';
import { loadConfig } from '../config/config.js';
import { projectionDigest } from '../projections/state-digest.js';
import { openRuntime } from '../runtime/runtime.js';

export function registerRebuildCommand(program: Command): void {
  program
    .command('rebuild')
    .description('Forget the shipment read model, fold every stored event again, and print what it holds, with a digest to compare with a running server')
    .action(async () => {
      // Open without following: the rebuild below is the only fold.
      const runtime = await openRuntime(loadConfig(), { trackShipments: false });
      try {
        const started = Date.now();
        const folded = await runtime.shipments.rebuild();
        const seconds = (Date.now() - started) / 1000;
        const stats = await runtime.shipments.stats();
        console.log(`rebuilt ${stats.shipments} shipments from ${folded} events in ${seconds.toFixed(1)} s`);
        console.log(`by status: ${Object.entries(stats.byStatus).map(([status, n]) => `${status} ${n}`).join(', ')}`);
        console.log(`open customs holds: ${stats.openHolds}`);
        console.log(`state digest: ${await projectionDigest(runtime.shipments)}`);
      } finally {
        await runtime.close();
      }
    });
}
