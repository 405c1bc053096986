/**
 * Followers of the event log (src/followers/): one named checkpoint per follower, replacing the
 * shipment read model's single-row `shipment_checkpoint`.
 *
 * - `followers` (name, position, updated_at, last_error, last_error_at): the last event sequence a
 *   follower folded, moved in the transaction that commits what it folded (so a reader or a restart
 *   sees a follower's effects and its position together, never one without the other), and the
 *   last error it met (history for `karvon followers` and /api/status).
 * - `shipment_key_counter` keeps the shipment linker's key counter, which lived beside the position
 *   in `shipment_checkpoint`: keys of merged shipments are gone from `shipment` but must never be
 *   handed out again, so the counter cannot be derived from the rows.
 * - `daily_event_count` (day, count): the daily counter follower's read model (stored events per UTC
 *   day of their eventTime); error declarations are not counted.
 *
 * The old checkpoint's position becomes the follower named `shipments`.
 */
export const FOLLOWERS_SCHEMA = `
  CREATE TABLE followers (
    name TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    last_error TEXT,
    last_error_at TEXT
  ) WITHOUT ROWID;
  INSERT INTO followers (name, position, updated_at)
    SELECT 'shipments', position, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM shipment_checkpoint;

  CREATE TABLE shipment_key_counter (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    counter INTEGER NOT NULL
  );
  INSERT INTO shipment_key_counter (one, counter) SELECT 1, key_counter FROM shipment_checkpoint;
  INSERT OR IGNORE INTO shipment_key_counter (one, counter) VALUES (1, 0);
  DROP TABLE shipment_checkpoint;

  CREATE TABLE daily_event_count (
    day TEXT PRIMARY KEY,
    count INTEGER NOT NULL
  ) WITHOUT ROWID;
`;
