/**
 * The `karvon` command line: a thin shell over the features. Each command lives in its own file.
 */
import { Command } from 'commander';
import { registerAccessCommands } from './access.command.js';
import { registerAuditCommand } from './audit.command.js';
import { registerExportCommand } from './export.command.js';
import { registerDeviceCommands } from './device.command.js';
import { registerGovernanceCommands } from './governance.command.js';
import { registerHashCommand } from './hash.command.js';
import { registerImportCommand } from './import.command.js';
import { registerRebuildCommand } from './rebuild.command.js';
import { registerFollowersCommand } from './followers.command.js';
import { registerServeCommand } from './serve.command.js';
import { registerSimulateCommand } from './simulate.command.js';
import { registerValidateCommand } from './validate.command.js';
import { packageVersion } from './package-version.js';

/** Every command, registered and ready to parse (the tests read its help from here). */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name('karvon')
    .description('Karvon: integrated goods tracking for the trade corridors of Central Asia and the Caspian (GS1 EPCIS 2.0)')
    .version(packageVersion());
  registerServeCommand(program);
  registerImportCommand(program);
  registerExportCommand(program);
  registerHashCommand(program);
  registerValidateCommand(program);
  registerSimulateCommand(program);
  registerRebuildCommand(program);
  registerFollowersCommand(program);
  registerAccessCommands(program);
  registerGovernanceCommands(program);
  registerDeviceCommands(program);
  registerAuditCommand(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  await buildProgram().parseAsync(argv);
}
