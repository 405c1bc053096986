import type { Command } from 'commander';
import { projectionDigest } from '../projections/state-digest.js';
import { openCliRuntime, withDataDirOption, type DataDirOption } from './cli-runtime.js';
import { SHIPMENTS_FOLLOWER } from '../store/store.js';

export function registerRebuildCommand(program: Command): void {
  withDataDirOption(program.command('rebuild'))
    .description(
      'Reset one follower of the event log (or all) and fold every stored event again; for the shipment read model, print what it holds with a digest to compare with a running server',
    )
    .option('-f, --follower <name>', 'rebuild only this follower (see `karvon followers`)')
    .action(async (options: { follower?: string } & DataDirOption) => {
      // Open without following: the rebuild below is the only fold.
      const runtime = await openCliRuntime(options, 'existing');
      try {
        const names = options.follower === undefined ? runtime.followers.names() : [runtime.followers.get(options.follower).name];
        for (const name of names) {
          const started = Date.now();
          const folded = (await runtime.followers.rebuild(name)).get(name) ?? 0;
          const seconds = ((Date.now() - started) / 1000).toFixed(1);
          if (name !== SHIPMENTS_FOLLOWER) {
            console.log(`rebuilt follower ${name} from ${folded} events in ${seconds} s`);
            continue;
          }
          const stats = await runtime.shipments.stats();
          console.log(`rebuilt ${stats.shipments} shipments from ${folded} events in ${seconds} s`);
          console.log(`by status: ${Object.entries(stats.byStatus).map(([status, n]) => `${status} ${n}`).join(', ')}`);
          console.log(`open customs holds: ${stats.openHolds}`);
          console.log(`state digest: ${await projectionDigest(runtime.shipments)}`);
        }
      } finally {
        await runtime.close();
      }
    });
}
