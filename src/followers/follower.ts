/**
 * What a follower of the event log is: a named fold over stored rows that commits its effects and
 * its checkpoint together. The runner (follower-runner.ts) decides which rows, when, and what to do
 * on errors and conflicts; a follower only folds.
 */
import type { StoredEvent } from '../store/store.js';

export interface Follower {
  /** Its checkpoint's name in the store (`shipments`, `daily-event-count`...). Unique per store. */
  readonly name: string;
  /**
   * Folds `rows` (stored after position `from`, in sequence order) and commits its effects with its
   * checkpoint moved from `from` to the last row's sequence, in one transaction. Throws the store's
   * CheckpointConflict, having written nothing, when the checkpoint is not at `from`.
   */
  apply(rows: readonly StoredEvent[], from: number): Promise<void>;
  /** Forgets its read model and sets its checkpoint back to 0, in one transaction (before a rebuild). */
  reset(): Promise<void>;
  /**
   * The checkpoint is not where this process last left it (another process folded, or a rebuild
   * reset it): in-memory caches of what was folded may be wrong now.
   */
  moved?(position: number): void;
}

/** The logger the runner reports to: pino's shape, so the runtime's logger fits as it is. */
export interface FollowerLogger {
  error(details: Record<string, unknown>, message: string): void;
  info?(details: Record<string, unknown>, message: string): void;
}

/** Reports nothing: the default, so background work never writes to the console by itself. */
export const SILENT_LOGGER: FollowerLogger = { error: () => {} };

export interface FollowerStatus {
  name: string;
  /** The last event sequence folded, as stored. */
  position: number;
  /** The store's last sequence when asked. */
  lastSequence: number;
  /** Rows stored and not folded yet. */
  lag: number;
  /** Has caught up with the store once since this process started it. */
  ready: boolean;
  /** Errors met by this process since start. */
  errors: number;
  /** The last error recorded in the store (by any process), and when. */
  lastError?: string;
  lastErrorAt?: string;
  updatedAt?: string;
}
