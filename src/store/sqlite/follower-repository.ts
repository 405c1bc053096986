/**
 * Named follower checkpoints in SQLite (table `followers`, followers-schema.ts). The synchronous
 * `moveCheckpoint` is for the repositories whose commit moves a follower inside their own
 * transaction (shipment read model, daily counter): effects and position commit together.
 */
import type Database from 'better-sqlite3';
import { CheckpointConflict, type FollowerCheckpoint, type FollowerRepository } from '../store.js';

interface FollowerRow {
  name: string;
  position: number;
  updated_at: string;
  last_error: string | null;
  last_error_at: string | null;
}

const toCheckpoint = (row: FollowerRow): FollowerCheckpoint => ({
  name: row.name,
  position: row.position,
  updatedAt: row.updated_at,
  ...(row.last_error !== null ? { lastError: row.last_error } : {}),
  ...(row.last_error_at !== null ? { lastErrorAt: row.last_error_at } : {}),
});

export interface CheckpointStatements {
  /** The stored position of `name` (0 when it has none). */
  position(name: string): number;
  /**
   * Moves `name` from `from` to `to`; throws CheckpointConflict when it is elsewhere. Call inside
   * the transaction that writes what was folded (better-sqlite3 runs it synchronously).
   */
  move(name: string, from: number, to: number): void;
}

export function checkpointStatements(db: Database.Database): CheckpointStatements {
  const select = db.prepare<[string], { position: number }>('SELECT position FROM followers WHERE name = ?');
  const write = db.prepare<[string, number, string]>(
    `INSERT INTO followers (name, position, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
  );
  const position = (name: string): number => select.get(name)?.position ?? 0;
  return {
    position,
    move(name, from, to) {
      const found = position(name);
      if (found !== from) throw new CheckpointConflict(name, from, found);
      write.run(name, to, new Date().toISOString());
    },
  };
}

export function sqliteFollowers(db: Database.Database): FollowerRepository {
  const checkpoints = checkpointStatements(db);
  const selectOne = db.prepare<[string], FollowerRow>('SELECT * FROM followers WHERE name = ?');
  const selectAll = db.prepare<[], FollowerRow>('SELECT * FROM followers ORDER BY name');
  const recordError = db.prepare<[string, string, string, string]>(
    `INSERT INTO followers (name, position, updated_at, last_error, last_error_at) VALUES (?, 0, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET last_error = excluded.last_error, last_error_at = excluded.last_error_at`,
  );
  const advance = db.transaction((name: string, from: number, to: number) => checkpoints.move(name, from, to));
  const reset = db.transaction((name: string) => checkpoints.move(name, checkpoints.position(name), 0));
  return {
    async get(name) {
      const row = selectOne.get(name);
      return row ? toCheckpoint(row) : undefined;
    },
    async list() {
      return selectAll.all().map(toCheckpoint);
    },
    async advance(name, from, to) {
      advance(name, from, to);
    },
    async reset(name) {
      reset(name);
    },
    async recordError(name, error, at) {
      // A long stack is not what an operator needs on a status line.
      recordError.run(name, at, error.slice(0, 2000), at);
    },
  };
}
