/**
 * The customs officer's lists of the shipment read model: what stands at a location now (longest
 * waiting first), what is in a country now, what is coming to a location (soonest first), their
 * totals counted up to a cap, and search paged with a cursor; each within a visibility scope.
 * Part of shipmentViewSuite (shipment-view-suite.ts), against the Store interface; one test folds
 * registrations with the shipment projection into the store under test, so what a registered
 * itinerary puts in the read model is listed by every store alike.
 */
import { describe, expect, it } from 'vitest';
import type { ReadScope } from '../../src/model/visibility-scope.js';
import type { ShipmentListFilter, ShipmentRecord, ShipmentView, Store } from '../../src/store/store.js';
import { shipmentReadModel } from '../../src/projections/shipment-projection.js';
import { registrationEvent } from '../../src/tracking/register-shipment.js';
import { asNew, HOUR, uuid } from './corridor-events.js';
import { change, keys, record, T0, withStore } from './shipment-view-fixtures.js';

const customs = (country: string): ReadScope => ({ kind: 'audience', organisationId: `${country.toLowerCase()}-customs`, keys: [`customs:${country}`] });

/** Every page of a keyed list (expected arrival, waiting), following afterKey from each page's last row. */
async function allKeyedPages(store: Store, filter: Omit<ShipmentListFilter, 'afterKey'>): Promise<string[]> {
  const out: string[] = [];
  let afterKey: ShipmentListFilter['afterKey'];
  for (let i = 0; i < 1000; i++) {
    const page: ShipmentView[] = await store.shipments.list({ ...filter, ...(afterKey ? { afterKey } : {}) });
    out.push(...page.map((v) => v.key));
    if (page.length < filter.limit) return out;
    const last = page[page.length - 1]!;
    expect(last.sortKey).toBeTypeOf('number');
    afterKey = { sortKey: last.sortKey!, id: last.id };
  }
  throw new Error('paging did not end');
}

/** Every page of a search, following `after` from each page's last row. */
async function allSearchPages(store: Store, text: string, limit: number, byKey: Map<string, ShipmentRecord>, scope?: ReadScope): Promise<string[]> {
  const out: string[] = [];
  let after: { lastEventTime: number | null; id: string } | undefined;
  for (let i = 0; i < 1000; i++) {
    const page = await store.shipments.search(text, limit, scope, after);
    out.push(...page.map((v) => v.key));
    if (page.length < limit) return out;
    const last = byKey.get(page[page.length - 1]!.key)!;
    after = { lastEventTime: last.lastEventTime ?? null, id: last.id };
  }
  throw new Error('paging did not end');
}

const byId = (a: ShipmentRecord, b: ShipmentRecord) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Registers the crossing tests (inside the suite's describe). */
export function shipmentCrossingTests(open: () => Promise<Store>): void {
  describe('crossing lists', () => {
    // 60 shipments: every 3rd stands at Khorgos (arrival times with ties), every 4th is coming to it
    // (expected times with ties, a few without one); a third are in KZ now; half are KZ customs' to see.
    const many: ShipmentRecord[] = Array.from({ length: 60 }, (_, i) => {
      const coming = i % 4 === 0;
      return record(`s${i + 1}`, `SHP-${String((i * 17) % 60).padStart(2, '0')}`, {
        ...(i % 3 === 0 ? { currentLocation: 'khorgos', currentSince: T0 + (i % 5) * HOUR } : { currentLocation: 'almaty', currentSince: T0 }),
        ...(i % 3 === 1 ? { currentCountry: 'KZ' } : i % 3 === 2 ? { currentCountry: 'UZ' } : {}),
        upcomingStops: coming ? ['khorgos', 'almaty'] : ['tashkent'],
        ...(coming && i % 16 !== 0 ? { expectedArrivals: { khorgos: T0 + (i % 7) * HOUR, almaty: T0 + 50 * HOUR } } : {}),
        audience: i % 2 === 0 ? ['customs:KZ'] : ['org:other'],
        searchTerms: [`MSKU${String(i).padStart(7, '0')}`],
        lastEventTime: i % 10 === 9 ? undefined : T0 + (i % 6) * HOUR,
      });
    });
    const byKey = new Map(many.map((r) => [r.key, r]));
    const seed = (store: Store) => store.shipments.commit(change({ upserts: many, position: 60, keyCounter: 60 }));
    const waitingOrder = (rs: ShipmentRecord[]) => [...rs].sort((a, b) => a.currentSince! - b.currentSince! || byId(a, b)).map((r) => r.key);
    const NONE = Number.MAX_SAFE_INTEGER;
    const comingOrder = (rs: ShipmentRecord[], at: string) =>
      [...rs].sort((a, b) => (a.expectedArrivals?.[at] ?? NONE) - (b.expectedArrivals?.[at] ?? NONE) || byId(a, b)).map((r) => r.key);

    it('lists what stands at a location now, longest waiting first, across pages and within a scope', () =>
      withStore(open, async (store) => {
        await seed(store);
        const at = many.filter((r) => r.currentLocation === 'khorgos');
        expect(keys(await store.shipments.list({ atLocation: 'khorgos', limit: 100 }))).toEqual(waitingOrder(at));
        for (const limit of [1, 4]) expect(await allKeyedPages(store, { atLocation: 'khorgos', limit })).toEqual(waitingOrder(at));
        const seen = at.filter((r) => r.audience.includes('customs:KZ'));
        expect(seen.length).toBeGreaterThan(0);
        expect(seen.length).toBeLessThan(at.length);
        expect(await allKeyedPages(store, { atLocation: 'khorgos', limit: 3, scope: customs('KZ') })).toEqual(waitingOrder(seen));
        expect(await store.shipments.count({ atLocation: 'khorgos', scope: customs('KZ') }, 1000)).toEqual({ total: seen.length, lowerBound: false });
      }));

    it('lists what is coming to a location by expected arrival, those without one last, across pages', () =>
      withStore(open, async (store) => {
        await seed(store);
        const coming = many.filter((r) => r.upcomingStops.includes('khorgos'));
        expect(coming.some((r) => r.expectedArrivals === undefined)).toBe(true);
        const views = await store.shipments.list({ upcomingStop: 'khorgos', limit: 100 });
        expect(keys(views)).toEqual(comingOrder(coming, 'khorgos'));
        expect(views[0]!.sortKey).toBe(Math.min(...coming.map((r) => r.expectedArrivals?.khorgos ?? NONE)));
        for (const limit of [1, 3]) expect(await allKeyedPages(store, { upcomingStop: 'khorgos', limit })).toEqual(comingOrder(coming, 'khorgos'));
        const seen = coming.filter((r) => r.audience.includes('customs:KZ'));
        expect(await allKeyedPages(store, { upcomingStop: 'khorgos', limit: 2, scope: customs('KZ') })).toEqual(comingOrder(seen, 'khorgos'));
        expect(await store.shipments.list({ upcomingStop: 'khorgos', limit: 10, scope: customs('GE') })).toEqual([]);
      }));

    it('combines at, in and coming-to with the other filters', () =>
      withStore(open, async (store) => {
        await seed(store);
        const inKz = many.filter((r) => r.currentCountry === 'KZ');
        const activity = (rs: ShipmentRecord[]) =>
          [...rs].sort((a, b) => (b.lastEventTime ?? -Infinity) - (a.lastEventTime ?? -Infinity) || byId(a, b)).map((r) => r.key);
        expect(keys(await store.shipments.list({ inCountry: 'KZ', limit: 100 }))).toEqual(activity(inKz));
        expect(keys(await store.shipments.list({ inCountry: 'KZ', activeFrom: T0 + 3 * HOUR, limit: 100 }))).toEqual(
          activity(inKz.filter((r) => (r.lastEventTime ?? -1) >= T0 + 3 * HOUR)),
        );
        const atAndIn = many.filter((r) => r.currentLocation === 'almaty' && r.currentCountry === 'UZ');
        expect(keys(await store.shipments.list({ atLocation: 'almaty', inCountry: 'UZ', limit: 100 }))).toEqual(waitingOrder(atAndIn));
        const comingAndAt = many.filter((r) => r.upcomingStops.includes('khorgos') && r.currentLocation === 'khorgos');
        expect(comingAndAt.length).toBeGreaterThan(0);
        expect(keys(await store.shipments.list({ upcomingStop: 'khorgos', atLocation: 'khorgos', limit: 100 }))).toEqual(comingOrder(comingAndAt, 'khorgos'));
      }));

    it('counts every page of a list exactly up to the cap, and says "more" beyond it', () =>
      withStore(open, async (store) => {
        await seed(store);
        expect(await store.shipments.count({}, 1000)).toEqual({ total: 60, lowerBound: false });
        expect(await store.shipments.count({}, 60)).toEqual({ total: 60, lowerBound: false });
        expect(await store.shipments.count({}, 59)).toEqual({ total: 59, lowerBound: true });
        expect(await store.shipments.count({ scope: customs('KZ') }, 1000)).toEqual({ total: 30, lowerBound: false });
        expect(await store.shipments.count({ scope: { kind: 'aggregates' } }, 1000)).toEqual({ total: 0, lowerBound: false });
        const coming = many.filter((r) => r.upcomingStops.includes('khorgos')).length;
        expect(await store.shipments.count({ upcomingStop: 'khorgos' }, 1000)).toEqual({ total: coming, lowerBound: false });
        expect(await store.shipments.count({ upcomingStop: 'khorgos' }, 2)).toEqual({ total: 2, lowerBound: true });
        expect(await store.shipments.count({ inCountry: 'UZ', activeFrom: T0 + 2 * HOUR }, 1000)).toEqual({
          total: many.filter((r) => r.currentCountry === 'UZ' && (r.lastEventTime ?? -1) >= T0 + 2 * HOUR).length,
          lowerBound: false,
        });
      }));

    it('pages a search with a cursor in activity order, untimed last, and counts it within a scope', () =>
      withStore(open, async (store) => {
        await seed(store);
        const order = [...many]
          .sort((a, b) => (b.lastEventTime ?? -Infinity) - (a.lastEventTime ?? -Infinity) || byId(a, b))
          .map((r) => r.key);
        expect(keys(await store.shipments.search('MSKU', 100))).toEqual(order);
        for (const limit of [1, 7]) expect(await allSearchPages(store, 'MSKU', limit, byKey), `limit ${limit}`).toEqual(order);
        const seen = order.filter((key) => byKey.get(key)!.audience.includes('customs:KZ'));
        expect(await allSearchPages(store, 'MSKU', 4, byKey, customs('KZ'))).toEqual(seen);
        expect(await store.shipments.searchCount('MSKU', 1000)).toEqual({ total: 60, lowerBound: false });
        expect(await store.shipments.searchCount('MSKU', 10)).toEqual({ total: 10, lowerBound: true });
        expect(await store.shipments.searchCount('MSKU', 1000, customs('KZ'))).toEqual({ total: 30, lowerBound: false });
        expect(await store.shipments.searchCount('NOTHING-LIKE-IT', 1000)).toEqual({ total: 0, lowerBound: false });
      }));

    it('lists a registered itinerary through a crossing as coming there, to the customs of its countries, as the projection folds it', () =>
      withStore(open, async (store) => {
        // Almaty → Saryagash–Keles → Tashkent, registered without a corridor: only the itinerary says where it goes.
        const plan = (departH: number) => [
          { mode: 'road' as const, from: 'almaty', to: 'saryagash-keles', plannedDeparture: new Date(T0 + departH * HOUR).toISOString(), plannedArrival: new Date(T0 + (departH + 10) * HOUR).toISOString() },
          { mode: 'road' as const, from: 'saryagash-keles', to: 'tashkent', plannedDeparture: new Date(T0 + (departH + 14) * HOUR).toISOString(), plannedArrival: new Date(T0 + (departH + 16) * HOUR).toISOString() },
        ];
        const registered = (booking: string, departH: number, n: number) => ({
          ...registrationEvent(
            {
              references: [{ kind: 'booking', value: booking }],
              parties: [{ role: 'consignor', name: 'Almaty Steel LLP', country: 'KZ' }],
              goods: [{ hsCode: '721049', description: 'steel', packages: 1, grossKg: 1000 }],
              transportUnits: [],
              itinerary: plan(departH),
            },
            new Date(T0),
          ),
          eventID: uuid(n, 77),
          recordTime: new Date(T0).toISOString(),
        });
        await store.events.insert(asNew([registered('BK-LATER', 30, 1), registered('BK-SOONER', 5, 2)]));
        await shipmentReadModel(store).runner.catchUp();
        const coming = await store.shipments.list({ upcomingStop: 'saryagash-keles', limit: 10, scope: customs('UZ') });
        expect(coming.map((v) => [v.id, v.sortKey])).toEqual([
          ['booking:BK-SOONER', T0 + 15 * HOUR],
          ['booking:BK-LATER', T0 + 40 * HOUR],
        ]);
        expect(keys(await store.shipments.list({ upcomingStop: 'saryagash-keles', limit: 10, scope: customs('KZ') }))).toEqual(keys(coming));
        expect(await store.shipments.list({ upcomingStop: 'saryagash-keles', limit: 10, scope: customs('GE') })).toEqual([]);
        expect(await store.shipments.count({ upcomingStop: 'tashkent', scope: customs('UZ') }, 1000)).toEqual({ total: 2, lowerBound: false });
        // Planned, not moving: standing nowhere, in no country yet.
        expect(await store.shipments.count({ inCountry: 'KZ' }, 1000)).toEqual({ total: 0, lowerBound: false });
      }));

    it('moves a shipment between lists as it moves: its stop rows follow its id and expected time', () =>
      withStore(open, async (store) => {
        await store.shipments.commit(change({ upserts: [record('s1', 'SHP-A', { upcomingStops: ['dostyk'], expectedArrivals: { dostyk: T0 + 9 * HOUR } })] }));
        await store.shipments.commit(
          change({ upserts: [record('s1', 'SHP-A2', { upcomingStops: ['dostyk'], expectedArrivals: { dostyk: T0 + 5 * HOUR } })], position: 2 }),
        );
        const coming = await store.shipments.list({ upcomingStop: 'dostyk', limit: 10 });
        expect(coming.map((v) => [v.id, v.sortKey])).toEqual([['SHP-A2', T0 + 5 * HOUR]]);
        await store.shipments.commit(change({ upserts: [record('s1', 'SHP-A2', { upcomingStops: [], currentLocation: 'dostyk', currentSince: T0 + 6 * HOUR, currentCountry: 'KZ' })], position: 3 }));
        expect(await store.shipments.list({ upcomingStop: 'dostyk', limit: 10 })).toEqual([]);
        expect((await store.shipments.list({ atLocation: 'dostyk', limit: 10 })).map((v) => [v.id, v.sortKey])).toEqual([['SHP-A2', T0 + 6 * HOUR]]);
        expect(keys(await store.shipments.list({ inCountry: 'KZ', limit: 10 }))).toEqual(['s1']);
        await store.shipments.commit(change({ upserts: [record('s1', 'SHP-A2', { upcomingStops: [] })], position: 4 }));
        expect(await store.shipments.list({ atLocation: 'dostyk', limit: 10 })).toEqual([]);
        expect(await store.shipments.list({ inCountry: 'KZ', limit: 10 })).toEqual([]);
      }));
  });
}
