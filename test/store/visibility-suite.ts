/**
 * The visibility policy applied by a store (src/access/visibility.ts): events are matched only when
 * the scope's organisation captured them or they belong to a shipment whose audience shares a key
 * with the scope; shipment lists and searches likewise; `aggregates` sees nothing, `all` everything.
 * Written against the Store interface; each store implementation calls `visibilitySuite`.
 */
import { describe, expect, it } from 'vitest';
import type { ReadScope } from '../../src/model/visibility-scope.js';
import type { EventQuery } from '../../src/epcis/query/event-query.js';
import { normaliseIdentifier } from '../../src/epcis/query/normalise.js';
import type { Store } from '../../src/store/store.js';
import { container as containerUrn, hashOf, legEvent, PLACES as PLACE_URNS } from './corridor-events.js';
import { change, record, withStore } from './shipment-view-fixtures.js';

// Stores keep (and list) identifiers in their normalised form, as queries give them.
const container = (n: number): string => normaliseIdentifier(containerUrn(n));
const PLACES = Object.fromEntries(Object.entries(PLACE_URNS).map(([name, sgln]) => [name, normaliseIdentifier(sgln)])) as Record<keyof typeof PLACE_URNS, string>;
const everything: EventQuery = { conditions: [] };
const audience = (organisationId: string, ...keys: string[]): ReadScope => ({ kind: 'audience', organisationId, keys: [`org:${organisationId}`, ...keys].sort() });

/**
 * Three shipments of two events each (sequences 1..6), plus an event no shipment claims (7):
 * shipment A (events 1, 2) captured by `alpha`, audience org:alpha and customs:KZ;
 * shipment B (3, 4) captured by `beta`, audience org:beta and party:P;
 * shipment C (5, 6) not captured by anybody known, audience customs:GE;
 * event 7 captured by `gamma`, in no shipment.
 */
async function seed(store: Store): Promise<void> {
  const rows = [
    { n: 1, leg: 0, by: 'alpha' },
    { n: 1, leg: 1, by: 'alpha' },
    { n: 2, leg: 0, by: 'beta' },
    { n: 2, leg: 1, by: 'beta' },
    { n: 3, leg: 0 },
    { n: 3, leg: 1 },
    { n: 4, leg: 2, by: 'gamma' },
  ];
  await store.events.insert(
    rows.map(({ n, leg, by }) => {
      const event = legEvent(n, leg);
      return { event, hashID: hashOf(event.eventID!), ...(by ? { capturedBy: by } : {}) };
    }),
  );
  await store.shipments.commit(
    change({
      upserts: [
        record('s1', 'SHP-A', { audience: ['customs:KZ', 'org:alpha'], searchTerms: ['SHIPMENTA'] }),
        record('s2', 'SHP-B', { audience: ['org:beta', 'party:P'], searchTerms: ['SHIPMENTB'] }),
        record('s3', 'SHP-C', { audience: ['customs:GE'], searchTerms: ['SHIPMENTC'] }),
      ],
      events: [
        { key: 's1', sequences: [1, 2] },
        { key: 's2', sequences: [3, 4] },
        { key: 's3', sequences: [5, 6] },
      ],
      position: 7,
      keyCounter: 3,
    }),
  );
}

const sequences = async (store: Store, scope?: ReadScope, query: EventQuery = everything): Promise<number[]> =>
  (await store.events.query(query, { perPage: 100 }, scope)).events.map((e) => e.sequence);

export function visibilitySuite(name: string, open: () => Promise<Store>): void {
  describe(`visibility suite: ${name}`, () => {
    it('stores the capturing organisation with each event and reads it back', async () => {
      await withStore(open, async (store) => {
        await seed(store);
        const first = await store.events.get(legEvent(1, 0).eventID!);
        expect(first?.capturedBy).toBe('alpha');
        expect((await store.events.get(legEvent(3, 0).eventID!))?.capturedBy).toBeUndefined();
        expect((await store.events.bySequence([3, 7])).map((e) => e.capturedBy)).toEqual(['beta', 'gamma']);
        expect((await store.events.after(0, 10)).map((e) => e.capturedBy ?? null)).toEqual(['alpha', 'alpha', 'beta', 'beta', null, null, 'gamma']);
      });
    });

    it('matches only events the scope may see, in queries and counts', async () => {
      await withStore(open, async (store) => {
        await seed(store);
        expect(await sequences(store)).toEqual([1, 2, 3, 4, 5, 6, 7]);
        expect(await sequences(store, { kind: 'all' })).toEqual([1, 2, 3, 4, 5, 6, 7]);
        expect(await sequences(store, { kind: 'aggregates' })).toEqual([]);
        // Captured by alpha, and the shipment alpha is in the audience of.
        expect(await sequences(store, audience('alpha'))).toEqual([1, 2]);
        // A party named on B sees B's events though it captured none.
        expect(await sequences(store, audience('someone', 'party:P'))).toEqual([3, 4]);
        // Georgian customs sees C; Kazakh customs sees A.
        expect(await sequences(store, audience('ge-customs', 'customs:GE'))).toEqual([5, 6]);
        expect(await sequences(store, audience('kz-customs', 'customs:KZ'))).toEqual([1, 2]);
        // An event in no shipment: only its capturer sees it.
        expect(await sequences(store, audience('gamma'))).toEqual([7]);
        expect(await sequences(store, audience('nobody'))).toEqual([]);
        expect(await store.events.count(everything, 100, audience('alpha', 'party:P'))).toBe(4);
        expect(await store.events.count(everything, 100, { kind: 'aggregates' })).toBe(0);
        expect(await store.events.count(everything, 100, { kind: 'all' })).toBe(7);
      });
    });

    it('combines the scope with the query conditions, residual ones and orders, and pages through it', async () => {
      await withStore(open, async (store) => {
        await seed(store);
        const atDostyk: EventQuery = { conditions: [{ kind: 'in', field: 'readPoint', values: [PLACES.dostyk] }] };
        expect(await sequences(store, audience('beta'), atDostyk)).toEqual([4]);
        const byEpc: EventQuery = { conditions: [{ kind: 'epc', roles: ['epc'], patterns: [container(1)] }] };
        expect(await sequences(store, audience('beta'), byEpc)).toEqual([]);
        expect(await sequences(store, audience('alpha'), byEpc)).toEqual([1, 2]);
        const newestFirst: EventQuery = { conditions: [], orderBy: 'eventTime', orderDirection: 'DESC' };
        expect(await sequences(store, audience('alpha', 'party:P'), newestFirst)).toEqual([4, 3, 2, 1]);
        // An order without a column is sorted in memory, on the scoped candidates only.
        const byExtension: EventQuery = { conditions: [], orderBy: 'bizStep', orderDirection: 'ASC' };
        expect((await sequences(store, audience('beta'), byExtension)).sort()).toEqual([3, 4]);
        const seen: number[] = [];
        let pageToken: string | undefined;
        do {
          const page = await store.events.query(everything, { perPage: 1, ...(pageToken ? { pageToken } : {}) }, audience('alpha', 'customs:GE'));
          seen.push(...page.events.map((e) => e.sequence));
          pageToken = page.nextPageToken;
        } while (pageToken);
        expect(seen).toEqual([1, 2, 5, 6]);
      });
    });

    it('lets an alias match only what the scope may see of the stored event', async () => {
      await withStore(open, async (store) => {
        await seed(store);
        // beta sends alpha's first event (shipment A) again under its own eventID: a content duplicate.
        const original = legEvent(1, 0);
        const alias = 'urn:uuid:0a11a500-0000-4000-8000-00000000000b';
        const outcome = await store.events.insert([{ event: { ...original, eventID: alias }, hashID: hashOf(original.eventID!), capturedBy: 'beta' }]);
        expect(outcome.aliased).toHaveLength(1);
        const byAlias: EventQuery = { conditions: [{ kind: 'in', field: 'eventID', values: [alias] }] };
        // The stored event is alpha's, in shipment A: beta does not see it, by its alias either.
        expect(await sequences(store, audience('beta'), byAlias)).toEqual([]);
        expect(await store.events.count(byAlias, 10, audience('beta'))).toBe(0);
        expect(await sequences(store, audience('alpha'), byAlias)).toEqual([1]);
        expect(await sequences(store, audience('kz-customs', 'customs:KZ'), byAlias)).toEqual([1]);
        expect(await sequences(store, { kind: 'aggregates' }, byAlias)).toEqual([]);
        // The alias leads to the stored event as it was captured: alpha's, under alpha's eventID.
        const stored = await store.events.get(alias);
        expect(stored?.capturedBy).toBe('alpha');
        expect(stored?.event.eventID).toBe(original.eventID);
      });
    });

    it('lists distinct values of visible events only', async () => {
      await withStore(open, async (store) => {
        await seed(store);
        const epcs = async (scope?: ReadScope) => (await store.events.distinct('epc', { perPage: 100 }, scope)).values.sort();
        expect(await epcs()).toEqual([1, 2, 3, 4].map(container).sort());
        expect(await epcs({ kind: 'all' })).toEqual([1, 2, 3, 4].map(container).sort());
        expect(await epcs(audience('beta'))).toEqual([container(2)]);
        expect(await epcs({ kind: 'aggregates' })).toEqual([]);
        const readPoints = async (scope?: ReadScope) => (await store.events.distinct('readPoint', { perPage: 100 }, scope)).values.sort();
        // legEvent(4, 2) is at Aktau: only gamma, who captured it, sees that readPoint.
        expect(await readPoints(audience('gamma'))).toEqual([PLACES.aktau]);
        expect(await readPoints(audience('beta'))).toEqual([PLACES.almaty, PLACES.dostyk].sort());
        const page = await store.events.distinct('epc', { perPage: 1 }, audience('alpha', 'party:P'));
        expect(page.values).toHaveLength(1);
        const rest = await store.events.distinct('epc', { perPage: 10, pageToken: page.nextPageToken! }, audience('alpha', 'party:P'));
        expect([...page.values, ...rest.values].sort()).toEqual([container(1), container(2)].sort());
      });
    });

    it('reads audiences back and filters shipment lists and searches by scope', async () => {
      await withStore(open, async (store) => {
        await seed(store);
        expect((await store.shipments.byKey('s2'))?.audience).toEqual(['org:beta', 'party:P']);
        expect((await store.shipments.find(['SHP-A']))?.audience).toEqual(['customs:KZ', 'org:alpha']);
        const ids = async (scope?: ReadScope) => (await store.shipments.list({ limit: 10, ...(scope ? { scope } : {}) })).map((v) => v.id).sort();
        expect(await ids()).toEqual(['SHP-A', 'SHP-B', 'SHP-C']);
        expect(await ids({ kind: 'all' })).toEqual(['SHP-A', 'SHP-B', 'SHP-C']);
        expect(await ids({ kind: 'aggregates' })).toEqual([]);
        expect(await ids(audience('alpha'))).toEqual(['SHP-A']);
        expect(await ids(audience('x', 'party:P', 'customs:GE'))).toEqual(['SHP-B', 'SHP-C']);
        // The scope counts toward the limit in SQL: one visible shipment per page, in list order.
        const first = await store.shipments.list({ limit: 1, scope: audience('x', 'party:P', 'customs:GE') });
        expect(first).toHaveLength(1);
        expect((await store.shipments.list({ limit: 1, scope: audience('x', 'party:P', 'customs:GE'), country: 'KZ' })).length).toBe(1);
        const search = async (text: string, scope?: ReadScope) => (await store.shipments.search(text, 10, scope)).map((v) => v.id).sort();
        expect(await search('SHIPMENT')).toEqual(['SHP-A', 'SHP-B', 'SHP-C']);
        expect(await search('SHIPMENT', audience('beta'))).toEqual(['SHP-B']);
        expect(await search('SHIPMENTA', audience('beta'))).toEqual([]);
        expect(await search('SH', audience('ge', 'customs:GE'))).toEqual(['SHP-C']);
        expect(await search('SHIPMENT', { kind: 'aggregates' })).toEqual([]);
      });
    });

    it('finds by a reference only among the shipments the scope sees, the holder of the number first', async () => {
      await withStore(open, async (store) => {
        await seed(store);
        // s4 answers to BK-1 too, learnt privately, and is the more recent: lookups still prefer s1, which holds it.
        await store.shipments.commit(
          change({
            upserts: [
              record('s1', 'SHP-A', { audience: ['customs:KZ', 'org:alpha'], lookupTerms: ['BK-1'], lastEventTime: 1_000 }),
              record('s4', 'SHP-A~s4', { audience: ['org:mallory', 'org:alpha'], lookupTerms: [], learntLookupTerms: ['BK-1'], lastEventTime: 9_000 }),
            ],
            position: 8,
            keyCounter: 4,
          }),
        );
        expect((await store.shipments.find(['BK-1']))?.key).toBe('s1');
        expect((await store.shipments.find(['BK-1'], audience('alpha')))?.key).toBe('s1');
        expect((await store.shipments.find(['BK-1'], audience('mallory')))?.key).toBe('s4');
        expect((await store.shipments.find(['BK-1'], audience('kz', 'customs:KZ')))?.key).toBe('s1');
        expect(await store.shipments.find(['BK-1'], audience('nobody'))).toBeUndefined();
        expect(await store.shipments.find(['SHP-A'], audience('mallory'))).toBeUndefined();
        expect(await store.shipments.find(['BK-1'], { kind: 'aggregates' })).toBeUndefined();
      });
    });

    it('rewrites an audience when it changes, moves it on merge and forgets it on clear', async () => {
      await withStore(open, async (store) => {
        await seed(store);
        await store.shipments.commit(change({ upserts: [record('s2', 'SHP-B', { audience: ['org:beta', 'org:delta'] })], position: 8, keyCounter: 3 }));
        expect((await store.shipments.byKey('s2'))?.audience).toEqual(['org:beta', 'org:delta']);
        expect(await sequences(store, audience('delta'))).toEqual([3, 4]);
        expect(await sequences(store, audience('x', 'party:P'))).toEqual([]);
        // B merges into A: B's events now follow A's audience.
        await store.shipments.commit(
          change({ upserts: [record('s1', 'SHP-A', { audience: ['customs:KZ', 'org:alpha', 'org:beta'] })], merged: [{ key: 's2', into: 's1' }], position: 9, keyCounter: 3 }),
        );
        expect(await sequences(store, audience('delta'))).toEqual([]);
        expect(await sequences(store, audience('kz', 'customs:KZ'))).toEqual([1, 2, 3, 4]);
        await store.shipments.clear();
        expect(await sequences(store, audience('kz', 'customs:KZ'))).toEqual([]);
        // Captured events stay visible to their capturer whatever the read model holds.
        expect(await sequences(store, audience('beta'))).toEqual([3, 4]);
      });
    });
  });
}
