/**
 * SQLite databases as releases before named migrations left them: the first `version` migrations
 * applied one after the other and counted in `PRAGMA user_version`, with no schema_migration
 * table. That was the whole of the old runner, so this is how it built a database at `version`.
 */
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../src/store/sqlite/schema.js';

/** Opens `file` as the old runner left it at `version`; the caller writes rows of that time, then closes it. */
export function legacySqliteDatabase(file: string, version: number): Database.Database {
  const db = new Database(file);
  for (const migration of MIGRATIONS.slice(0, version)) {
    db.transaction(() => {
      if (typeof migration.up === 'string') db.exec(migration.up);
      else migration.up(db);
    })();
  }
  db.pragma(`user_version = ${version}`);
  return db;
}

/** How many migrations come before the one named `name`: the version of a database just before it. */
export function versionBefore(name: string): number {
  const index = MIGRATIONS.findIndex((m) => m.name === name);
  if (index < 0) throw new Error(`no migration named '${name}'`);
  return index;
}
