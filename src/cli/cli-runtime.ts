/**
 * How every command that works on a store finds and opens it: `--data-dir <folder>` (it wins over
 * KARVON_DATA_DIR), then the configuration, then the runtime. A command that needs existing data
 * (all but serve, import, simulate and org create) refuses a place holding no Karvon store: opening
 * would create an empty one, and a typo in the folder would then pass for an empty, intact node
 * ("audit log intact: 0 entries").
 */
import type { Command } from 'commander';
import { loadConfig, type KarvonConfig } from '../config/config.js';
import { openRuntime, type Runtime, type RuntimeOptions } from '../runtime/runtime.js';
import { missingStoreProblem } from '../store/open-store.js';

/** The option every store command takes; commander puts it in `options.dataDir`. */
export interface DataDirOption {
  dataDir?: string;
}

/** Whether a command needs a store that exists (it reads or changes what is there) or may create one (serve, import, simulate, org create). */
export type StoreUse = 'existing' | 'may-create';

/** Adds `--data-dir <folder>` to a command that opens a store. */
export function withDataDirOption(command: Command): Command {
  return command.option('--data-dir <folder>', "the node's data folder, where the store and audit key live (overrides KARVON_DATA_DIR; default ./data)");
}

/** The configuration from the environment, with `--data-dir` (when given) in place of KARVON_DATA_DIR. */
export function cliConfig(options: DataDirOption, env: Record<string, string | undefined> = process.env): KarvonConfig {
  return loadConfig(options.dataDir !== undefined ? { ...env, KARVON_DATA_DIR: options.dataDir } : env);
}

/** Says what is missing, before anything is opened or created, when a reading command has no store to read. */
export function checkStoreToRead(config: KarvonConfig): void {
  const problem = missingStoreProblem(config);
  if (problem === undefined) return;
  const folder = `the data folder ${config.dataDir} (--data-dir or KARVON_DATA_DIR)`;
  const chosenBy = process.env.KARVON_DATABASE_URL?.trim() ? `KARVON_DATABASE_URL (${folder})` : folder;
  throw new Error(`No Karvon store to read: ${problem}, as chosen by ${chosenBy}. Name the data folder of an existing node; this command does not create one.`);
}

/** Opens the runtime a command works on, without following the event log unless asked. */
export async function openCliRuntime(options: DataDirOption, use: StoreUse, runtimeOptions: RuntimeOptions = { trackShipments: false }): Promise<Runtime> {
  const config = cliConfig(options);
  if (use === 'existing') checkStoreToRead(config);
  return openRuntime(config, runtimeOptions);
}

/** Runs work on an opened runtime and closes it whatever happens. */
export async function withCliRuntime<T>(options: DataDirOption, use: StoreUse, work: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await openCliRuntime(options, use);
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}
