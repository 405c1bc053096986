/**
 * In-memory brute-force bookkeeping of sign-ins that is not the account's own counter (that one is
 * stored with the user): failures per client address, and one attempt at a time per account.
 * Memory is bounded: at most MAX_ADDRESSES addresses are remembered, the stalest forgotten first.
 */
const MAX_ADDRESSES = 10_000;

interface AddressRecord {
  failures: number;
  lastFailureAt: number;
  blockedUntil?: number;
}

export class SignInThrottle {
  private readonly addresses = new Map<string, AddressRecord>();
  private readonly queues = new Map<string, Promise<void>>();

  constructor(private readonly limits: { maxFailures: number; blockMs: number }) {}

  /** Milliseconds the address stays blocked (0 when it may try). */
  blockedFor(address: string | undefined, now: number): number {
    if (address === undefined) return 0;
    const record = this.addresses.get(address);
    return record?.blockedUntil !== undefined && record.blockedUntil > now ? record.blockedUntil - now : 0;
  }

  /** Counts a failure; true when it has just blocked the address. Failures older than the block time are forgotten. */
  failed(address: string | undefined, now: number): boolean {
    if (address === undefined) return false;
    const previous = this.addresses.get(address);
    const stale = !previous || now - previous.lastFailureAt > this.limits.blockMs || (previous.blockedUntil !== undefined && previous.blockedUntil <= now);
    const failures = (stale ? 0 : previous.failures) + 1;
    const record: AddressRecord = { failures, lastFailureAt: now };
    if (failures >= this.limits.maxFailures) record.blockedUntil = now + this.limits.blockMs;
    // Re-inserting moves the address to the end of the Map's order: the first entries are the stalest.
    this.addresses.delete(address);
    this.addresses.set(address, record);
    if (this.addresses.size > MAX_ADDRESSES) this.addresses.delete(this.addresses.keys().next().value!);
    return record.blockedUntil !== undefined;
  }

  succeeded(address: string | undefined): void {
    if (address !== undefined) this.addresses.delete(address);
  }

  /** Runs `work` after every earlier attempt on the same account has finished. */
  async oneAtATime<T>(account: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(account) ?? Promise.resolve();
    const run = previous.then(work);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(account, tail);
    try {
      return await run;
    } finally {
      if (this.queues.get(account) === tail) this.queues.delete(account);
    }
  }
}
