/** The store's contract, in part (store.ts gathers the parts into the Store): Followers' checkpoints and the daily event counter (src/followers/). */

/** The name of the shipment read model's follower (its checkpoint in the followers table). */
export const SHIPMENTS_FOLLOWER = 'shipments';

/** Where one follower of the event log is: its named checkpoint. */
export interface FollowerCheckpoint {
  name: string;
  /** The last event sequence it folded (0 before any). */
  position: number;
  /** When the position last moved (ISO instant). */
  updatedAt: string;
  /** The last error it recorded, and when; kept after later successes, as history. */
  lastError?: string;
  lastErrorAt?: string;
}

/**
 * Named checkpoints of the followers. A follower moves its checkpoint in the transaction that
 * commits what it folded (the shipment read model's commit, the daily counter's add): advance() is
 * for followers whose effects live elsewhere. Every move is optimistic: it names the position it
 * folded from and is refused with CheckpointConflict when the stored one is another.
 */
export interface FollowerRepository {
  /** The checkpoint of one follower; undefined when it never moved (it starts at 0). */
  get(name: string): Promise<FollowerCheckpoint | undefined>;
  /** Every follower that has a checkpoint, by name. */
  list(): Promise<FollowerCheckpoint[]>;
  /** Moves `name` from `from` to `to`; throws CheckpointConflict when it is not at `from`. */
  advance(name: string, from: number, to: number): Promise<void>;
  /** Sets `name` back to 0 (its read model must be emptied in the same breath: see the follower's reset). */
  reset(name: string): Promise<void>;
  /** Remembers the last error of `name` (status, `karvon followers`). */
  recordError(name: string, error: string, at: string): Promise<void>;
}

/** Stored events per UTC day of their eventTime (the daily counter follower, src/projections/events-per-day.ts). */
export interface DailyEventCountRepository {
  /**
   * Adds `counts` (day YYYY-MM-DD → events) and moves the follower `checkpoint.follower` from
   * `checkpoint.from` to `checkpoint.to`, in one transaction (CheckpointConflict when not at `from`).
   */
  add(counts: ReadonlyMap<string, number>, checkpoint: { follower: string; from: number; to: number }): Promise<void>;
  /** Days with their counts, in day order; within [from, to] (inclusive days) when given. */
  list(range?: { from?: string; to?: string }): Promise<{ day: string; count: number }[]>;
  /** Forgets every count and sets the follower back to 0, in one transaction. */
  clear(follower: string): Promise<void>;
}
