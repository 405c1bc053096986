/**
 * The one place that picks a store implementation: from the configured location
 * (KARVON_DATABASE_URL, read by src/config/database-url.ts). Everything above works on `Store`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { KarvonConfig } from '../config/config.js';
import { describeDatabase } from '../config/database-url.js';
import { KarvonError } from '../errors.js';
import { openSqliteStore } from './sqlite/open-sqlite-store.js';
import type { Store } from './store.js';

/** Said when KARVON_DATABASE_URL names PostgreSQL, until its store lands. */
export const POSTGRES_NOT_AVAILABLE =
  'the PostgreSQL store is not available in this build yet; use sqlite: or leave KARVON_DATABASE_URL unset';

/** Opens (creating and migrating as needed) the store the configuration names. */
export async function openStore(config: Pick<KarvonConfig, 'database'>): Promise<Store> {
  const location = config.database;
  switch (location.kind) {
    case 'sqlite-memory':
      return openSqliteStore({ memory: true });
    case 'sqlite-file':
      fs.mkdirSync(path.dirname(location.file), { recursive: true });
      return openSqliteStore({ path: location.file });
    case 'postgres':
      // Said at start, before anything is served; the URL (it may hold a password) is not repeated.
      throw new KarvonError('KRV_NOT_READY', POSTGRES_NOT_AVAILABLE);
  }
}

/**
 * Why the configured place holds no Karvon store to read, or undefined when it may: opening would
 * create an empty store there, which a command that only reads must not do. Says the place without
 * credentials (describeDatabase).
 */
export function missingStoreProblem(config: Pick<KarvonConfig, 'database'>): string | undefined {
  const location = config.database;
  switch (location.kind) {
    case 'sqlite-memory':
      return 'sqlite::memory: starts empty in every process';
    case 'sqlite-file':
      return fs.existsSync(location.file) ? undefined : `there is no ${describeDatabase(location)}`;
    case 'postgres':
      // Opening says it is not available, before anything is made.
      return undefined;
  }
}

/** The embedded store's file, for tools that work on the file itself (benchmarks, tests that alter it). */
export function sqliteFileOf(config: Pick<KarvonConfig, 'database'>): string {
  if (config.database.kind !== 'sqlite-file') throw new Error(`this needs the SQLite store on a file; KARVON_DATABASE_URL names ${config.database.kind}`);
  return config.database.file;
}
