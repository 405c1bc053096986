import type { Command } from 'commander';
import { openCliRuntime, withDataDirOption, type DataDirOption } from './cli-runtime.js';

export function registerFollowersCommand(program: Command): void {
  withDataDirOption(program.command('followers'))
    .description('List the followers of the event log with their position, lag behind the store and last error')
    .action(async (options: DataDirOption) => {
      // Open without following: this only reads the checkpoints.
      const runtime = await openCliRuntime(options, 'existing');
      try {
        for (const status of await runtime.followers.status()) {
          const moved = status.updatedAt ? `, moved ${status.updatedAt}` : '';
          const error = status.lastError ? `; last error ${status.lastErrorAt ?? ''}: ${status.lastError}` : '';
          console.log(`${status.name}: position ${status.position} of ${status.lastSequence}, lag ${status.lag}${moved}${error}`);
        }
      } finally {
        await runtime.close();
      }
    });
}
