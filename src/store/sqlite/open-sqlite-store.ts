/** Opens (creating and migrating as needed) the embedded SQLite store. */
import Database from 'better-sqlite3';
import type { Store } from '../store.js';
import { sqliteAccess } from './access-repository.js';
import { sqliteAudit } from './audit-repository.js';
import { sqliteCaptureJobs } from './capture-job-repository.js';
import { sqliteGovernance } from './governance-repository.js';
import { sqliteEvents } from './event-repository.js';
import { sqliteMasterData } from './master-data-repository.js';
import { sqliteNamedQueries } from './named-query-repository.js';
import { MIGRATIONS } from './schema.js';
import { sqliteShipmentViews } from './shipment-view-repository.js';
import { migrateSqlite } from './sqlite-migrations.js';
import { sqliteFollowers } from './follower-repository.js';
import { sqliteDailyEventCounts } from './daily-event-count-repository.js';
import { sqliteAlerts } from './alert-repository.js';
import { sqliteTelemetry } from './telemetry-repository.js';

export type SqliteStoreOptions = ({ path: string } | { memory: true }) & {
  /**
   * NORMAL (default): commits survive a process crash (they are in the WAL before commit returns)
   * but the last ones may be lost on power loss. FULL: fsync on every commit, survives power loss.
   */
  synchronous?: 'NORMAL' | 'FULL';
  /** Page cache size in MiB (default 64). */
  cacheMiB?: number;
  /**
   * WAL size in pages before SQLite folds it back into the database (default 20,000, about 80 MiB).
   * SQLite's own default (1,000 pages) is smaller than what one capture of 1,000 corridor events
   * dirties (their random hash and EPC keys touch pages all over the indexes), so every commit paid
   * for a checkpoint; at 20,000 pages capture ran about 40 % faster (bench/, docs/benchmarks.md).
   */
  walAutocheckpointPages?: number;
};

/** Opens a SQLite store on a file (WAL mode) or in memory, applying pending migrations. */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  const db = new Database('memory' in options ? ':memory:' : options.path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
    db.pragma(`cache_size = ${-1024 * Math.max(1, Math.floor(options.cacheMiB ?? 64))}`);
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('temp_store = MEMORY');
    db.pragma(`wal_autocheckpoint = ${Math.max(1, Math.floor(options.walAutocheckpointPages ?? 20_000))}`);
    await migrateSqlite(db, MIGRATIONS);
  } catch (error) {
    db.close();
    throw error;
  }
  const events = sqliteEvents(db);
  let open = true;
  return {
    kind: 'sqlite',
    events,
    shipments: sqliteShipmentViews(db),
    followers: sqliteFollowers(db),
    dailyEventCounts: sqliteDailyEventCounts(db),
    access: sqliteAccess(db),
    audit: sqliteAudit(db),
    governance: sqliteGovernance(db),
    captureJobs: sqliteCaptureJobs(db),
    namedQueries: sqliteNamedQueries(db),
    masterData: sqliteMasterData(db),
    telemetry: sqliteTelemetry(db),
    alerts: sqliteAlerts(db),
    async ping() {
      if (!open) return false;
      try {
        return db.prepare('SELECT 1 AS ok').get() !== undefined;
      } catch {
        return false;
      }
    },
    async close() {
      if (!open) return;
      open = false;
      // Keeps planner statistics current for the next start; cheap when nothing changed.
      db.pragma('optimize');
      db.close();
    },
  };
}
