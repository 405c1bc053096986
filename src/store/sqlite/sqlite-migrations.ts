/**
 * The SQLite journal of the shared migration runner (../migrations.ts): `schema_migration` records
 * each applied migration by name.
 *
 * Before names, this store counted applied migrations in `PRAGMA user_version` (N = the first N of
 * MIGRATIONS). A database with user_version N and no `schema_migration` table is adopted: the first
 * N names are recorded as applied (applied_at NULL: the time was not kept), then the runner goes on.
 * Afterwards user_version is set to LEGACY_VERSION_GUARD so that a release from before names, which
 * still reads user_version, refuses the database as "newer than this Karvon" instead of re-running
 * its migrations over tables that exist.
 */
import type Database from 'better-sqlite3';
import { EpcisException } from '../../epcis/exceptions.js';
import { runMigrations, type Migration, type MigrationJournal } from '../migrations.js';

export type SqliteMigration = Migration<Database.Database>;

/** What user_version holds once names are recorded: more than any release counting migrations had. */
export const LEGACY_VERSION_GUARD = 1_000_000;

function sqliteJournal(db: Database.Database, migrations: readonly SqliteMigration[], now: () => Date): MigrationJournal<Database.Database> {
  return {
    async recorded() {
      // IMMEDIATE: two processes opening one old file adopt it once.
      db.transaction(() => {
        const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migration'`).get() !== undefined;
        if (exists) return;
        const version = db.pragma('user_version', { simple: true }) as number;
        if (version > migrations.length) {
          throw new EpcisException(
            'ImplementationException',
            `the database schema is version ${version}, newer than this Karvon (${migrations.length}); upgrade Karvon`,
          );
        }
        // A rowid table: rowid order is the order of application.
        db.exec(`CREATE TABLE schema_migration (name TEXT PRIMARY KEY, applied_at TEXT)`);
        const adopt = db.prepare('INSERT INTO schema_migration (name, applied_at) VALUES (?, NULL)');
        for (const migration of migrations.slice(0, version)) adopt.run(migration.name);
        db.pragma(`user_version = ${LEGACY_VERSION_GUARD}`);
      }).immediate();
      return (db.prepare('SELECT name FROM schema_migration').pluck().all() as string[]);
    },
    async applyAndRecord(migration) {
      return db.transaction(() => {
        if (db.prepare('SELECT 1 FROM schema_migration WHERE name = ?').get(migration.name) !== undefined) return false;
        if (typeof migration.up === 'string') db.exec(migration.up);
        else migration.up(db);
        db.prepare('INSERT INTO schema_migration (name, applied_at) VALUES (?, ?)').run(migration.name, now().toISOString());
        return true;
      }).immediate();
    },
  };
}

/** Brings a SQLite database up to `migrations` (adopting a user_version one); returns the names applied. */
export function migrateSqlite(db: Database.Database, migrations: readonly SqliteMigration[], now: () => Date = () => new Date()): Promise<string[]> {
  return runMigrations(migrations, sqliteJournal(db, migrations, now));
}
