// The facts of recently folded shipments, so that the next event of a shipment on the move does not
// read and decode its earlier events from the store again. Bounded by the number of facts held (not
// shipments), least recently used first out: memory stays flat whatever the size of the store.
import type { EventFacts } from './event-facts.js';

export class FactsCache {
  private readonly byKey = new Map<string, readonly EventFacts[]>();
  private held = 0;

  constructor(private readonly maxFacts: number) {}

  get(key: string): readonly EventFacts[] | undefined {
    const facts = this.byKey.get(key);
    if (facts) {
      // Map iteration order is insertion order: re-inserting marks the entry most recently used.
      this.byKey.delete(key);
      this.byKey.set(key, facts);
    }
    return facts;
  }

  set(key: string, facts: readonly EventFacts[]): void {
    this.delete(key);
    if (facts.length > this.maxFacts) return;
    this.byKey.set(key, facts);
    this.held += facts.length;
    for (const [oldest, list] of this.byKey) {
      if (this.held <= this.maxFacts) break;
      this.byKey.delete(oldest);
      this.held -= list.length;
    }
  }

  delete(key: string): void {
    const facts = this.byKey.get(key);
    if (!facts) return;
    this.byKey.delete(key);
    this.held -= facts.length;
  }

  clear(): void {
    this.byKey.clear();
    this.held = 0;
  }

  get size(): number {
    return this.held;
  }
}
