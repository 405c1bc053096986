/**
 * The one runner every follower of the event log goes through: it catches a follower up from its
 * checkpoint in batches, wakes it when the bus says events were captured, backs off on errors
 * (logged, counted, recorded in the store), and carries on from the stored checkpoint when another
 * process moved it (optimistic concurrency: nothing is folded twice, nothing is skipped).
 *
 * It relies on the store's contract (EventRepository.after in store.ts): after(position) returns
 * only committed rows below a gap-free high-water mark, so "the last sequence folded" is all a
 * follower has to remember.
 */
import type { EventBus } from '../bus/event-bus.js';
import { CheckpointConflict, type Store } from '../store/store.js';
import { SILENT_LOGGER, type Follower, type FollowerLogger, type FollowerStatus } from './follower.js';

export interface FollowerRunnerOptions {
  /** Rows read from the store and folded per apply() (default 10,000). */
  batchSize?: number;
  /** Rows per apply() during rebuild(): the whole store is behind, so bigger batches pay (default batchSize). */
  rebuildBatchSize?: number;
  /** First retry delay after an error, doubled on each error in a row up to maxBackoffMs (defaults 100 ms, 30 s). */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  logger?: FollowerLogger;
  now?: () => Date;
}

export class FollowerRunner {
  readonly name: string;
  private readonly batchSize: number;
  private readonly rebuildBatchSize: number;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly logger: FollowerLogger;
  private readonly now: () => Date;
  /** The batch size of the pass under way. */
  private passBatchSize: number;
  private pass: Promise<void> | undefined;
  private passAgain = false;
  /** The position this process last read or wrote: what caughtUpTo() compares with. */
  private known = 0;
  /** The position this process last wrote or saw; another one in the store means someone else moved it. */
  private lastSeen: number | undefined;
  private caughtUpOnce = false;
  private errorCount = 0;
  /** Errors in a row (the back-off exponent); 0 after a pass that caught up. */
  private failuresInRow = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private running = false;
  /** Rows this runner folded: what a rebuild reports. */
  private foldedRows = 0;

  constructor(
    readonly follower: Follower,
    private readonly store: Store,
    private readonly bus: EventBus | undefined,
    options: FollowerRunnerOptions = {},
  ) {
    this.name = follower.name;
    this.batchSize = Math.max(1, options.batchSize ?? 10_000);
    this.rebuildBatchSize = Math.max(1, options.rebuildBatchSize ?? this.batchSize);
    this.passBatchSize = this.batchSize;
    this.initialBackoffMs = Math.max(1, options.initialBackoffMs ?? 100);
    this.maxBackoffMs = Math.max(this.initialBackoffMs, options.maxBackoffMs ?? 30_000);
    this.logger = options.logger ?? SILENT_LOGGER;
    this.now = options.now ?? (() => new Date());
  }

  /** True once it has caught up with the store since this runner was made (readiness). */
  get ready(): boolean {
    return this.caughtUpOnce;
  }

  /** Errors met since start. */
  get errors(): number {
    return this.errorCount;
  }

  /** The last position this process knows the follower to be at. */
  get position(): number {
    return this.known;
  }

  /**
   * Follows the store: catches up now (in the background) and again whenever the bus says events
   * were captured; an error is retried after a back-off. Idempotent.
   */
  start(): void {
    if (this.running) return;
    this.running = true;
    if (this.bus) this.unsubscribe = this.bus.subscribe('epcis.captured', () => this.wake());
    this.wake();
  }

  /** Stops following and waits for the pass under way, if any (its error, if any, was already reported). */
  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    while (this.pass) await this.pass.catch(() => {});
  }

  /** Starts a pass in the background; errors are reported and retried, not thrown. */
  private wake(): void {
    this.catchUp().catch(() => {});
  }

  /**
   * Folds everything stored after the checkpoint. Resolves once every row committed before the call
   * is folded; concurrent calls share one pass (and ask for one more if it had started). Rejects
   * with the pass's error (reported and, while started, retried after a back-off).
   */
  catchUp(): Promise<void> {
    if (this.pass) {
      this.passAgain = true;
      return this.pass;
    }
    return this.runPass(async () => {});
  }

  /**
   * Resolves when the follower has folded every row up to store position `position` (rows
   * committed by then: a position never stored is not waited for beyond the store's end).
   */
  async caughtUpTo(position: number): Promise<void> {
    while (this.known < position) {
      await this.catchUp();
      if (this.known >= position) return;
      // A pass ended below `position`: only when the store does not hold it (yet) is that the end.
      if ((await this.store.events.lastSequence()) <= this.known) return;
    }
  }

  /** Forgets the follower's read model and folds every stored row again; returns the number of rows folded. */
  async rebuild(): Promise<number> {
    while (this.pass) await this.pass.catch(() => {});
    const before = this.foldedRows;
    this.passBatchSize = this.rebuildBatchSize;
    try {
      await this.runPass(async () => {
        await this.follower.reset();
        this.lastSeen = 0;
        this.known = 0;
      });
    } finally {
      this.passBatchSize = this.batchSize;
    }
    return this.foldedRows - before;
  }

  async status(): Promise<FollowerStatus> {
    const [stored, lastSequence] = await Promise.all([this.store.followers.get(this.name), this.store.events.lastSequence()]);
    const position = stored?.position ?? 0;
    return {
      name: this.name,
      position,
      lastSequence,
      lag: Math.max(0, lastSequence - position),
      ready: this.caughtUpOnce,
      errors: this.errorCount,
      ...(stored?.lastError !== undefined ? { lastError: stored.lastError } : {}),
      ...(stored?.lastErrorAt !== undefined ? { lastErrorAt: stored.lastErrorAt } : {}),
      ...(stored ? { updatedAt: stored.updatedAt } : {}),
    };
  }

  /** One pass at a time: `first`, then fold until the store has nothing new. */
  private runPass(first: () => Promise<void>): Promise<void> {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const pass = (async () => {
      try {
        await first();
        do {
          this.passAgain = false;
          await this.drain();
        } while (this.passAgain);
        this.caughtUpOnce = true;
        this.failuresInRow = 0;
      } catch (error) {
        await this.failed(error);
        throw error;
      }
    })();
    this.pass = pass.finally(() => {
      this.pass = undefined;
    });
    return this.pass;
  }

  private async drain(): Promise<void> {
    let position = await this.storedPosition();
    for (;;) {
      if (position !== this.lastSeen) {
        // Someone else moved the checkpoint since this process last did (another process folded,
        // or `karvon rebuild` reset it): what the follower cached of its read model may be stale.
        if (this.lastSeen !== undefined) this.follower.moved?.(position);
        this.lastSeen = position;
      }
      this.known = position;
      const rows = await this.store.events.after(position, this.passBatchSize);
      if (rows.length === 0) return;
      try {
        await this.follower.apply(rows, position);
        position = rows[rows.length - 1]!.sequence;
        this.lastSeen = position;
        this.foldedRows += rows.length;
      } catch (error) {
        if (!(error instanceof CheckpointConflict)) throw error;
        // Another process folded these rows first: carry on from where it got to.
        position = await this.storedPosition();
      }
    }
  }

  private async storedPosition(): Promise<number> {
    return (await this.store.followers.get(this.name))?.position ?? 0;
  }

  /** Logs, counts and records an error, and retries after a back-off while started. */
  private async failed(error: unknown): Promise<void> {
    this.errorCount += 1;
    this.failuresInRow += 1;
    const message = error instanceof Error ? error.message : String(error);
    const delay = Math.min(this.maxBackoffMs, this.initialBackoffMs * 2 ** Math.min(30, this.failuresInRow - 1));
    this.logger.error({ follower: this.name, err: error, errors: this.errorCount, retryInMs: this.running ? delay : undefined }, `follower ${this.name} failed`);
    await this.store.followers.recordError(this.name, message, this.now().toISOString()).catch(() => {});
    if (this.running) {
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined;
        if (this.running) this.wake();
      }, delay);
      this.retryTimer.unref?.();
    }
  }
}
