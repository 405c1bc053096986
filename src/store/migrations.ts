/**
 * The migration runner every store shares. A store's schema is an ordered list of named migrations
 * (never edit or rename a shipped one; append). The database records the name of each migration it
 * has applied, so a store applies exactly the ones it has not recorded, in list order, each in its
 * own transaction together with its record. A store supplies the journal: how to read the recorded
 * names, and how to apply one migration and record it atomically (SQLite: sqlite/sqlite-migrations.ts).
 */
import { EpcisException } from '../epcis/exceptions.js';

/**
 * One step of a store's schema: SQL, or a function over the store's connection for what SQL cannot
 * compute (run in the same transaction). `Result` is `void` for a synchronous driver (SQLite) and
 * `Promise<void>` for a networked one.
 */
export interface Migration<Connection, Result = void> {
  /** Stable forever: it is what the database records. Lower case words with dashes. */
  readonly name: string;
  readonly up: string | ((connection: Connection) => Result);
}

/** What a store gives the runner. */
export interface MigrationJournal<Connection, Result = void> {
  /** The names the database records as applied (making the record, or adopting an older one, first). */
  recorded(): Promise<readonly string[]>;
  /**
   * Applies `migration` and records its name in one transaction; does nothing if another process
   * recorded it meanwhile. Says whether it applied it.
   */
  applyAndRecord(migration: Migration<Connection, Result>): Promise<boolean>;
}

/** Applies the migrations the database has not recorded, in list order; returns the names applied. */
export async function runMigrations<Connection, Result>(
  migrations: readonly Migration<Connection, Result>[],
  journal: MigrationJournal<Connection, Result>,
): Promise<string[]> {
  const names = migrations.map((m) => m.name);
  const repeated = names.filter((name, i) => names.indexOf(name) !== i);
  if (repeated.length > 0) throw new Error(`migration names must be unique; repeated: ${repeated.join(', ')}`);
  const recorded = new Set(await journal.recorded());
  const unknown = [...recorded].filter((name) => !names.includes(name));
  if (unknown.length > 0) {
    throw new EpcisException(
      'ImplementationException',
      `the database records migrations this Karvon does not know (${unknown.join(', ')}): a newer Karvon wrote it; upgrade Karvon`,
    );
  }
  const applied: string[] = [];
  for (const migration of migrations) {
    if (recorded.has(migration.name)) continue;
    if (await journal.applyAndRecord(migration)) applied.push(migration.name);
  }
  return applied;
}
