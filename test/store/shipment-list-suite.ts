/**
 * list() of the shipment read model: order with ties and missing times, keyset paging, filters.
 * Part of shipmentViewSuite (shipment-view-suite.ts), against the Store interface only.
 */
import { describe, expect, it } from 'vitest';
import type { ShipmentListFilter, ShipmentRecord, Store } from '../../src/store/store.js';
import { HOUR } from './corridor-events.js';
import { change, keys, record, T0, withStore } from './shipment-view-fixtures.js';

/** Every page of a listing, following `after` from the last row of each page. */
async function allPages(store: Store, filter: Omit<ShipmentListFilter, 'after'>, byKey: Map<string, ShipmentRecord>): Promise<string[]> {
  const out: string[] = [];
  let after: ShipmentListFilter['after'];
  for (let i = 0; i < 1000; i++) {
    const page = await store.shipments.list({ ...filter, ...(after ? { after } : {}) });
    expect(page.length).toBeLessThanOrEqual(filter.limit);
    out.push(...page.map((v) => v.key));
    if (page.length < filter.limit) return out;
    const last = byKey.get(page[page.length - 1]!.key)!;
    after = { lastEventTime: last.lastEventTime ?? null, id: last.id };
  }
  throw new Error('paging did not end');
}

/** The list order computed here: lastEventTime desc (absent last), then id asc. */
function listOrder(records: ShipmentRecord[]): string[] {
  return [...records]
    .sort((a, b) => {
      const ta = a.lastEventTime ?? -Infinity;
      const tb = b.lastEventTime ?? -Infinity;
      if (ta !== tb) return tb - ta;
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    })
    .map((r) => r.key);
}

/** Registers the list tests (inside the suite's describe); lists in other orders (coming to, waiting at) are shipment-crossing-suite.ts's. */
export function shipmentListTests(open: () => Promise<Store>): void {
  describe('list', () => {
    // 150 shipments: last times on 20 distinct values (many ties), every 7th without a time.
    const many: ShipmentRecord[] = Array.from({ length: 150 }, (_, i) => {
      const untimed = i % 7 === 0;
      return record(`s${i + 1}`, `SHP-${String((i * 37) % 150).padStart(3, '0')}`, {
        status: ['in_transit', 'held', 'delivered'][i % 3]!,
        ...(i % 4 === 0 ? {} : { corridor: i % 4 === 1 ? 'middle-corridor' : 'north' }),
        mode: i % 5 === 0 ? 'road' : 'rail',
        countries: i % 2 === 0 ? ['KZ', 'AZ'] : ['UZ'],
        upcomingStops: i % 6 === 0 ? ['loc:aktau'] : ['loc:other'],
        firstEventTime: untimed ? undefined : T0 + (i % 11) * HOUR,
        lastEventTime: untimed ? undefined : T0 + (20 + (i % 20)) * HOUR,
      });
    });
    const byKey = new Map(many.map((r) => [r.key, r]));
    const seed = (store: Store): Promise<void> => store.shipments.commit(change({ upserts: many, position: 150, keyCounter: 150 }));

    it('pages through every shipment in order with ties and missing times, whatever the page size', () =>
      withStore(open, async (store) => {
        await seed(store);
        const expected = listOrder(many);
        expect(keys(await store.shipments.list({ limit: 1000 }))).toEqual(expected);
        for (const limit of [1, 7, 50]) expect(await allPages(store, { limit }, byKey), `limit ${limit}`).toEqual(expected);
      }));

    const filters: [string, Omit<ShipmentListFilter, 'limit' | 'after'>, (r: ShipmentRecord) => boolean][] = [
      ['one status', { statuses: ['held'] }, (r) => r.status === 'held'],
      ['two statuses', { statuses: ['held', 'delivered'] }, (r) => r.status === 'held' || r.status === 'delivered'],
      ['corridor', { corridor: 'north' }, (r) => r.corridor === 'north'],
      ['mode', { mode: 'road' }, (r) => r.mode === 'road'],
      ['country', { country: 'AZ' }, (r) => r.countries.includes('AZ')],
      ['active from', { activeFrom: T0 + 30 * HOUR }, (r) => r.lastEventTime !== undefined && r.lastEventTime >= T0 + 30 * HOUR],
      ['active to', { activeTo: T0 + 4 * HOUR }, (r) => r.firstEventTime !== undefined && r.firstEventTime <= T0 + 4 * HOUR],
      [
        'several at once',
        { statuses: ['in_transit'], corridor: 'middle-corridor', country: 'UZ', activeFrom: T0 + 25 * HOUR },
        (r) => r.status === 'in_transit' && r.corridor === 'middle-corridor' && r.countries.includes('UZ') && (r.lastEventTime ?? -1) >= T0 + 25 * HOUR,
      ],
    ];
    for (const [label, filter, matches] of filters) {
      it(`filters by ${label}, across pages`, () =>
        withStore(open, async (store) => {
          await seed(store);
          const expected = listOrder(many.filter(matches));
          expect(expected.length).toBeGreaterThan(0);
          expect(expected.length).toBeLessThan(many.length);
          expect(keys(await store.shipments.list({ ...filter, limit: 1000 }))).toEqual(expected);
          expect(await allPages(store, { ...filter, limit: 4 }, byKey)).toEqual(expected);
        }));
    }

    it('answers an empty page for no match and for a page past the end', () =>
      withStore(open, async (store) => {
        await seed(store);
        expect(await store.shipments.list({ corridor: 'nowhere', limit: 10 })).toEqual([]);
        const last = byKey.get(listOrder(many).at(-1)!)!;
        expect(await store.shipments.list({ limit: 10, after: { lastEventTime: last.lastEventTime ?? null, id: last.id } })).toEqual([]);
      }));
  });
}
