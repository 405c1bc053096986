/**
 * The followers of one runtime, by name: started and stopped together, waited for together
 * (readiness, tests), rebuilt one by one or all, and reported as one status list.
 */
import type { EventBus } from '../bus/event-bus.js';
import { KarvonError } from '../errors.js';
import type { Store } from '../store/store.js';
import type { Follower, FollowerStatus } from './follower.js';
import { FollowerRunner, type FollowerRunnerOptions } from './follower-runner.js';

export class Followers {
  private readonly runners = new Map<string, FollowerRunner>();

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus | undefined,
    /** Defaults for every follower added (logger, back-off...). */
    private readonly defaults: FollowerRunnerOptions = {},
  ) {}

  /** Adds a follower (not started); returns its runner. */
  add(follower: Follower, options: FollowerRunnerOptions = {}): FollowerRunner {
    if (this.runners.has(follower.name)) throw new Error(`a follower named '${follower.name}' is added already`);
    const runner = new FollowerRunner(follower, this.store, this.bus, { ...this.defaults, ...options });
    this.runners.set(follower.name, runner);
    return runner;
  }

  /** The runner of a follower; a clear error naming the known ones when there is none. */
  get(name: string): FollowerRunner {
    const runner = this.runners.get(name);
    if (!runner) throw new KarvonError('KRV_NO_SUCH_RESOURCE', `There is no follower named '${name}'; followers: ${this.names().join(', ')}`);
    return runner;
  }

  has(name: string): boolean {
    return this.runners.has(name);
  }

  names(): string[] {
    return [...this.runners.keys()];
  }

  /** Starts every follower: each catches up in the background and follows the bus. */
  start(): void {
    for (const runner of this.runners.values()) runner.start();
  }

  async stop(): Promise<void> {
    await Promise.all([...this.runners.values()].map((runner) => runner.stop()));
  }

  /** Resolves when every follower has folded everything stored when called (rejects on a follower's error). */
  async caughtUp(): Promise<void> {
    await Promise.all([...this.runners.values()].map((runner) => runner.catchUp()));
  }

  /** True when every follower has caught up once since start. */
  get ready(): boolean {
    return [...this.runners.values()].every((runner) => runner.ready);
  }

  /** The followers that have not caught up once yet. */
  pending(): string[] {
    return [...this.runners.values()].filter((runner) => !runner.ready).map((runner) => runner.name);
  }

  async status(): Promise<FollowerStatus[]> {
    return Promise.all([...this.runners.values()].map((runner) => runner.status()));
  }

  /** Resets and refolds one follower (by name) or all; returns the rows each folded. */
  async rebuild(name?: string): Promise<Map<string, number>> {
    const chosen = name === undefined ? [...this.runners.values()] : [this.get(name)];
    const folded = new Map<string, number>();
    for (const runner of chosen) folded.set(runner.name, await runner.rebuild());
    return folded;
  }
}
