/**
 * The generic follower runner over a real (in-memory SQLite) store: catch-up in batches, wake-up
 * from the bus, back-off with errors logged and counted, a second runner of the same follower on
 * the same store, caughtUpTo, and rebuilding one follower of a registry.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventBus } from '../../src/bus/event-bus.js';
import { FollowerRunner } from '../../src/followers/follower-runner.js';
import { Followers } from '../../src/followers/followers.js';
import type { Follower } from '../../src/followers/follower.js';
import { DailyEventCount, DAILY_EVENT_COUNT_FOLLOWER, ShipmentProjection } from '../../src/projections/index.js';
import { openTestStore } from '../helpers/stores.js';
import type { Store, StoredEvent } from '../../src/store/store.js';
import { asNew, shipments } from '../store/corridor-events.js';

/** A follower that keeps what it folded in the store's checkpoint only, and remembers each batch. */
class RecordingFollower implements Follower {
  readonly batches: { from: number; sequences: number[] }[] = [];
  failuresLeft = 0;
  constructor(
    private readonly store: Store,
    readonly name = 'recorder',
  ) {}
  async apply(rows: readonly StoredEvent[], from: number): Promise<void> {
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      throw new Error(`the read model's disk is full (${this.failuresLeft} more)`);
    }
    await this.store.followers.advance(this.name, from, rows[rows.length - 1]!.sequence);
    this.batches.push({ from, sequences: rows.map((row) => row.sequence) });
  }
  async reset(): Promise<void> {
    this.batches.length = 0;
    await this.store.followers.reset(this.name);
  }
  folded(): number[] {
    return this.batches.flatMap((batch) => batch.sequences);
  }
}

let store: Store;
const runners: FollowerRunner[] = [];
const runnerOf = (follower: Follower, bus?: EventBus, options: ConstructorParameters<typeof FollowerRunner>[3] = {}) => {
  const runner = new FollowerRunner(follower, store, bus, options);
  runners.push(runner);
  return runner;
};
beforeEach(async () => {
  store = await openTestStore();
});
afterEach(async () => {
  for (const runner of runners.splice(0)) await runner.stop();
  await store.close();
});

/** The stored events per UTC day of eventTime, counted here without the follower's code. */
async function countedFromTheStore(): Promise<{ day: string; count: number }[]> {
  const counts = new Map<string, number>();
  for (const row of await store.events.after(0, 1_000_000)) {
    if (row.event.errorDeclaration) continue;
    const day = new Date(row.event.eventTime).toISOString().slice(0, 10);
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([day, count]) => ({ day, count }));
}

describe('the follower runner', () => {
  it('catches up from the checkpoint in batches, each folded from where the last one ended', async () => {
    await store.events.insert(asNew(shipments(5))); // 25 rows
    const follower = new RecordingFollower(store);
    const runner = runnerOf(follower, undefined, { batchSize: 10 });
    expect(runner.ready).toBe(false);
    await runner.catchUp();
    expect(follower.batches.map((b) => b.sequences.length)).toEqual([10, 10, 5]);
    const last = await store.events.lastSequence();
    expect(follower.batches.map((b) => b.from)).toEqual([0, follower.batches[0]!.sequences.at(-1), follower.batches[1]!.sequences.at(-1)]);
    expect(follower.folded()).toEqual((await store.events.after(0, 100)).map((row) => row.sequence));
    expect(runner.ready).toBe(true);
    expect(runner.position).toBe(last);
    expect(await runner.status()).toMatchObject({ name: 'recorder', position: last, lastSequence: last, lag: 0, ready: true, errors: 0 });

    // A new runner (a restart) resumes after the checkpoint: nothing is folded twice.
    await store.events.insert(asNew(shipments(6).slice(25)));
    const restarted = new RecordingFollower(store);
    await runnerOf(restarted, undefined, { batchSize: 10 }).catchUp();
    expect(restarted.batches).toEqual([{ from: last, sequences: [last + 1, last + 2, last + 3, last + 4, last + 5] }]);
  });

  it('wakes up when the bus says events were captured', async () => {
    const bus = new EventBus();
    const follower = new RecordingFollower(store);
    const runner = runnerOf(follower, bus);
    runner.start();
    await vi.waitFor(() => expect(runner.ready).toBe(true));
    const outcome = await store.events.insert(asNew(shipments(2)));
    bus.publish('epcis.captured', { events: [], hashIDs: outcome.inserted });
    const last = await store.events.lastSequence();
    await vi.waitFor(() => expect(runner.position).toBe(last));
    expect(follower.folded()).toHaveLength(10);
    // Stopped, it no longer listens.
    await runner.stop();
    await store.events.insert(asNew(shipments(3).slice(10)));
    bus.publish('epcis.captured', { events: [], hashIDs: [] });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(follower.folded()).toHaveLength(10);
  });

  it('backs off after errors (doubling, capped), logs and counts them, records the last one, then carries on', async () => {
    await store.events.insert(asNew(shipments(2)));
    const follower = new RecordingFollower(store);
    follower.failuresLeft = 4;
    const logged: { details: Record<string, unknown>; message: string }[] = [];
    const runner = runnerOf(follower, new EventBus(), {
      initialBackoffMs: 5,
      maxBackoffMs: 12,
      logger: { error: (details, message) => logged.push({ details, message }) },
    });
    runner.start();
    await vi.waitFor(() => expect(runner.ready).toBe(true), { timeout: 5000 });
    expect(runner.errors).toBe(4);
    expect(logged.map((entry) => entry.details['retryInMs'])).toEqual([5, 10, 12, 12]);
    expect(logged.every((entry) => entry.message === 'follower recorder failed' && entry.details['follower'] === 'recorder')).toBe(true);
    expect((logged[0]!.details['err'] as Error).message).toMatch(/disk is full/);
    expect(follower.folded()).toHaveLength(10);
    const status = await runner.status();
    expect(status).toMatchObject({ errors: 4, lag: 0, lastError: "the read model's disk is full (0 more)" });
    expect(Date.parse(status.lastErrorAt!)).not.toBeNaN();
  });

  it('rejects catchUp() with the error when not started, and does not retry by itself', async () => {
    await store.events.insert(asNew(shipments(1)));
    const follower = new RecordingFollower(store);
    follower.failuresLeft = 1;
    const runner = runnerOf(follower, undefined, { initialBackoffMs: 1 });
    await expect(runner.catchUp()).rejects.toThrow(/disk is full/);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(follower.folded()).toEqual([]);
    expect(runner.ready).toBe(false);
    await runner.catchUp();
    expect(follower.folded()).toHaveLength(5);
  });

  it('carries on from the stored checkpoint when a second runner on the same store folded first, folding nothing twice', async () => {
    await store.events.insert(asNew(shipments(4)));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let moved: number | undefined;
    // The second process's counter is slow: it has read its rows when the first one folds them.
    class SlowCounter extends DailyEventCount {
      override async apply(rows: readonly StoredEvent[], from: number): Promise<void> {
        await gate;
        return super.apply(rows, from);
      }
      moved(position: number): void {
        moved = position;
      }
    }
    const slow = runnerOf(new SlowCounter(store), undefined, { batchSize: 8 });
    const quick = runnerOf(new DailyEventCount(store), undefined, { batchSize: 8 });
    const slowPass = slow.catchUp();
    await quick.catchUp();
    release();
    await slowPass;
    const last = await store.events.lastSequence();
    expect(slow.position).toBe(last);
    expect(slow.errors).toBe(0);
    // It was told its read model moved under it (caches to drop).
    expect(moved).toBe(last);
    expect(await store.dailyEventCounts.list()).toEqual(await countedFromTheStore());
    expect((await store.followers.get(DAILY_EVENT_COUNT_FOLLOWER))?.position).toBe(last);
  });

  it('caughtUpTo(position) resolves once that position is folded, and does not wait for positions never stored', async () => {
    await store.events.insert(asNew(shipments(3)));
    const follower = new RecordingFollower(store);
    const runner = runnerOf(follower, undefined, { batchSize: 4 });
    await runner.caughtUpTo(6);
    expect(runner.position).toBeGreaterThanOrEqual(6);
    expect(follower.folded().slice(0, 6)).toEqual([1, 2, 3, 4, 5, 6]);
    await runner.caughtUpTo(10_000);
    expect(runner.position).toBe(15);
    // Already there: no pass at all.
    const batches = follower.batches.length;
    await runner.caughtUpTo(15);
    expect(follower.batches.length).toBe(batches);
  });
});

describe('the Followers registry', () => {
  it('rebuilds one follower without touching the checkpoint of another, and each rebuild equals the live fold', async () => {
    const followers = new Followers(store, undefined);
    followers.add(new ShipmentProjection(store));
    followers.add(new DailyEventCount(store));
    await store.events.insert(asNew(shipments(6)));
    await followers.caughtUp();
    expect(followers.ready).toBe(true);
    expect(followers.pending()).toEqual([]);
    const last = await store.events.lastSequence();
    const counted = await countedFromTheStore();
    expect(await store.dailyEventCounts.list()).toEqual(counted);
    const shipmentsBefore = await store.followers.get('shipments');
    const totals = await store.shipments.totals();

    expect(await followers.rebuild(DAILY_EVENT_COUNT_FOLLOWER)).toEqual(new Map([[DAILY_EVENT_COUNT_FOLLOWER, last]]));
    expect(await store.dailyEventCounts.list()).toEqual(counted);
    expect(await store.followers.get('shipments')).toEqual(shipmentsBefore);

    const countsBefore = await store.followers.get(DAILY_EVENT_COUNT_FOLLOWER);
    expect(await followers.rebuild('shipments')).toEqual(new Map([['shipments', last]]));
    expect(await store.shipments.totals()).toEqual(totals);
    expect(await store.followers.get(DAILY_EVENT_COUNT_FOLLOWER)).toEqual(countsBefore);

    expect((await followers.status()).map((s) => [s.name, s.position, s.lag])).toEqual([
      ['shipments', last, 0],
      [DAILY_EVENT_COUNT_FOLLOWER, last, 0],
    ]);
    await expect(followers.rebuild('nonesuch')).rejects.toThrow(/no follower named 'nonesuch'; followers: shipments, daily-event-count/);
    await followers.stop();
  });
});
