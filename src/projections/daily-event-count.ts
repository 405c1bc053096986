// The daily counter: stored events per UTC day of their eventTime, for /api/statistics. A follower
// of the event log with its own checkpoint and rebuild, small enough to show what a follower is
// when it is not the shipment read model.
//
// Why eventTime and not recordTime: the statistic answers "how much happened on the corridor that
// day", and events are often captured late (a railway's batch at night, an import of last year):
// counting by recordTime would describe Karvon's intake, not the traffic. Error declarations are
// not counted: they say an event already counted was wrong, not that something new happened.
import type { Follower } from '../followers/follower.js';
import type { Store, StoredEvent } from '../store/store.js';

export const DAILY_EVENT_COUNT_FOLLOWER = 'daily-event-count';

/** The UTC day (YYYY-MM-DD) of a stored row's eventTime; undefined for rows not counted. */
export function eventDay(row: Pick<StoredEvent, 'event'>): string | undefined {
  if (row.event.errorDeclaration !== undefined) return undefined;
  const time = Date.parse(String(row.event.eventTime));
  return Number.isFinite(time) ? new Date(time).toISOString().slice(0, 10) : undefined;
}

export class DailyEventCount implements Follower {
  readonly name = DAILY_EVENT_COUNT_FOLLOWER;

  constructor(private readonly store: Store) {}

  async apply(rows: readonly StoredEvent[], from: number): Promise<void> {
    const counts = new Map<string, number>();
    for (const row of rows) {
      const day = eventDay(row);
      if (day !== undefined) counts.set(day, (counts.get(day) ?? 0) + 1);
    }
    await this.store.dailyEventCounts.add(counts, { follower: this.name, from, to: rows[rows.length - 1]!.sequence });
  }

  reset(): Promise<void> {
    return this.store.dailyEventCounts.clear(this.name);
  }
}
