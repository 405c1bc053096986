/** The daily counter follower's read model in SQLite (table `daily_event_count`, followers-schema.ts). */
import type Database from 'better-sqlite3';
import type { DailyEventCountRepository } from '../store.js';
import { checkpointStatements } from './follower-repository.js';

export function sqliteDailyEventCounts(db: Database.Database): DailyEventCountRepository {
  const checkpoints = checkpointStatements(db);
  const addCount = db.prepare<[string, number]>(
    'INSERT INTO daily_event_count (day, count) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET count = count + excluded.count',
  );
  const selectRange = db.prepare<[string, string], { day: string; count: number }>(
    'SELECT day, count FROM daily_event_count WHERE day >= ? AND day <= ? ORDER BY day',
  );
  const deleteAll = db.prepare('DELETE FROM daily_event_count');
  const add = db.transaction((counts: ReadonlyMap<string, number>, checkpoint: { follower: string; from: number; to: number }) => {
    // The checkpoint first: a conflicting batch must add nothing.
    checkpoints.move(checkpoint.follower, checkpoint.from, checkpoint.to);
    for (const [day, count] of counts) addCount.run(day, count);
  });
  const clear = db.transaction((follower: string) => {
    deleteAll.run();
    checkpoints.move(follower, checkpoints.position(follower), 0);
  });
  return {
    async add(counts, checkpoint) {
      add(counts, checkpoint);
    },
    async list(range = {}) {
      return selectRange.all(range.from ?? '', range.to ?? '\uffff');
    },
    async clear(follower) {
      clear(follower);
    },
  };
}
