/**
 * The suite of the persisted shipment read model (store.shipments) and of following the event store
 * in sequence order (events.after / bySequence / lastSequence), written against the Store interface
 * only: every store implementation runs it unchanged. `open` must give a new, empty store each call.
 */
import { describe, expect, it } from 'vitest';
import { CheckpointConflict, type Store } from '../../src/store/store.js';
import { asNew, HOUR, iso, legEvent, shipments } from './corridor-events.js';
import { shipmentCrossingTests } from './shipment-crossing-suite.js';
import { shipmentListTests } from './shipment-list-suite.js';
import { change, keys, record, T0, withStore } from './shipment-view-fixtures.js';

/** Registers the shipment read-model suite for one implementation. */
export function shipmentViewSuite(name: string, open: () => Promise<Store>): void {
  describe(`shipment view suite: ${name}`, () => {
    describe('following the event store', () => {
      it('returns rows after a sequence, by sequence, and the last sequence, declarations as rows of their own', () =>
        withStore(open, async (store) => {
          expect(await store.events.lastSequence()).toBe(0);
          expect(await store.events.after(0, 10)).toEqual([]);
          const events = shipments(2);
          await store.events.insert(asNew(events));
          const original = events[2]!;
          const declaration = { ...original, errorDeclaration: { declarationTime: iso(Date.parse(original.eventTime) + HOUR), reason: 'incorrect_data' } };
          await store.events.insert(asNew([declaration]));

          const all = await store.events.after(0, 100);
          expect(all).toHaveLength(11);
          const sequences = all.map((e) => e.sequence);
          expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
          expect(new Set(sequences).size).toBe(11);
          expect(all.slice(0, 10).map((e) => e.event)).toEqual(events);
          expect(all[10]!.event).toEqual(declaration);
          expect(all[10]!.hashID).toBe(all[2]!.hashID);
          expect(await store.events.lastSequence()).toBe(sequences[10]);

          // Paging by `after` visits every row once.
          const paged: number[] = [];
          let position = 0;
          for (;;) {
            const page = await store.events.after(position, 4);
            if (page.length === 0) break;
            paged.push(...page.map((e) => e.sequence));
            position = page[page.length - 1]!.sequence;
          }
          expect(paged).toEqual(sequences);
          expect(await store.events.after(sequences[8]!, 100)).toEqual(all.slice(9));

          const picked = await store.events.bySequence([sequences[10]!, sequences[2]!, 999_999, sequences[0]!]);
          expect(picked.map((e) => e.sequence)).toEqual([sequences[0], sequences[2], sequences[10]]);
          expect(picked[1]!.event.errorDeclaration).toBeUndefined();
          expect(picked[2]!.event.errorDeclaration).toBeDefined();
          expect(await store.events.bySequence([])).toEqual([]);
        }));
    });

    describe('commit and read back', () => {
      it('starts empty and round-trips rows, link entries, event sequences and the checkpoint', () =>
        withStore(open, async (store) => {
          expect(await store.shipments.checkpoint()).toEqual({ position: 0, keyCounter: 0 });
          const a = record('s1', 'SHP-A', {
            link: { key: 's1', documents: [['urn:bol:A', 'bill-of-lading'], ['BK-1', 'booking']], units: ['urn:c:1', 'urn:w:7'], first: T0, delivered: T0 + 9 * HOUR },
          });
          const b = record('s2', 'SHP-B', { link: { key: 's2', documents: [], units: ['urn:c:1'], first: null } });
          await store.shipments.commit(change({ upserts: [a, b], events: [{ key: 's1', sequences: [3, 1] }, { key: 's2', sequences: [2] }], position: 3, keyCounter: 2 }));

          expect(await store.shipments.checkpoint()).toEqual({ position: 3, keyCounter: 2 });
          expect(await store.shipments.byKey('s1')).toEqual({ key: 's1', id: 'SHP-A', state: a.state, audience: a.audience });
          expect(await store.shipments.byKey('s9')).toBeUndefined();
          const sequences = await store.shipments.eventSequences(['s1', 's2']);
          expect(sequences.get('s1')).toEqual([1, 3]);
          expect(sequences.get('s2')).toEqual([2]);

          const byDocument = await store.shipments.linkCandidates(['BK-1'], []);
          expect(byDocument).toEqual([a.link]);
          const byUnit = await store.shipments.linkCandidates([], ['urn:c:1']);
          expect(byUnit.sort((x, y) => x.key.localeCompare(y.key))).toEqual([a.link, b.link]);
          // A unit is not a document and a document is not a unit.
          expect(await store.shipments.linkCandidates(['urn:c:1'], ['BK-1'])).toEqual([]);
        }));

      it("reads the audiences of the shipments each event belongs to, together (a reader's share of a registration event)", () =>
        withStore(open, async (store) => {
          const a = record('s1', 'SHP-A', { audience: ['org:forwarder', 'location:aktau-port'] });
          const b = record('s2', 'SHP-B', { audience: ['customs:KZ', 'location:aktau-port'] });
          await store.shipments.commit(change({ upserts: [a, b], events: [{ key: 's1', sequences: [1, 2] }, { key: 's2', sequences: [2, 3] }], position: 4, keyCounter: 2 }));

          const audiences = await store.shipments.eventAudiences([1, 2, 3, 4, 2]);
          expect(audiences.get(1)).toEqual(['location:aktau-port', 'org:forwarder']);
          expect(audiences.get(2)).toEqual(['customs:KZ', 'location:aktau-port', 'org:forwarder']);
          expect(audiences.get(3)).toEqual(['customs:KZ', 'location:aktau-port']);
          // An event of no shipment is absent.
          expect(audiences.has(4)).toBe(false);
          expect(audiences.size).toBe(3);
          expect(await store.shipments.eventAudiences([])).toEqual(new Map());

          // And which shipments each event belongs to (an alert is about those).
          const shipments = await store.shipments.eventShipments([1, 2, 3, 4, 2]);
          expect(Object.fromEntries(shipments)).toEqual({ 1: ['s1'], 2: ['s1', 's2'], 3: ['s2'] });
          expect(await store.shipments.eventShipments([])).toEqual(new Map());
        }));

      it('replaces a row with its terms, links, countries and stops on upsert', () =>
        withStore(open, async (store) => {
          await store.shipments.commit(change({ upserts: [record('s1', 'SHP-A', { countries: ['KZ'], upcomingStops: ['loc:1'] })] }));
          await store.shipments.commit(
            change({
              upserts: [
                record('s1', 'SHP-A', {
                  status: 'delivered',
                  countries: ['AZ'],
                  upcomingStops: ['loc:2'],
                  lookupTerms: ['NEW-TERM'],
                  searchTerms: ['NEWSEARCH'],
                  link: { key: 's1', documents: [['urn:bol:new', 'bill-of-lading']], units: [], first: T0 },
                  state: { version: 2 },
                }),
              ],
              position: 2,
            }),
          );
          expect((await store.shipments.byKey('s1'))?.state).toEqual({ version: 2 });
          expect(await store.shipments.find(['BOL-SHP-A'])).toBeUndefined();
          expect((await store.shipments.find(['NEW-TERM']))?.key).toBe('s1');
          expect(await store.shipments.linkCandidates(['urn:bol:SHP-A'], ['unit-SHP-A'])).toEqual([]);
          expect(keys(await store.shipments.list({ country: 'KZ', limit: 10 }))).toEqual([]);
          expect(keys(await store.shipments.list({ country: 'AZ', limit: 10 }))).toEqual(['s1']);
          expect(keys(await store.shipments.list({ upcomingStop: 'loc:1', limit: 10 }))).toEqual([]);
          expect(keys(await store.shipments.list({ upcomingStop: 'loc:2', limit: 10 }))).toEqual(['s1']);
          expect(await store.shipments.search('SHP-A', 10)).toEqual([]);
          expect(keys(await store.shipments.search('WSEA', 10))).toEqual(['s1']);
          expect((await store.shipments.totals()).byStatus).toEqual({ delivered: 1 });
        }));

      it('changes nothing when a commit fails', () =>
        withStore(open, async (store) => {
          await store.shipments.commit(change({ upserts: [record('s1', 'SHP-A')], events: [{ key: 's1', sequences: [1] }], position: 1 }));
          // A BigInt cannot be written as JSON: the second upsert fails after the first was applied.
          const unwritable = record('s3', 'SHP-C', { state: { weight: 10n } });
          await expect(
            store.shipments.commit(
              change({
                upserts: [record('s1', 'SHP-A2', { state: { changed: true } }), record('s2', 'SHP-B'), unwritable],
                events: [{ key: 's1', sequences: [2] }],
                merged: [{ key: 's9', into: 's1' }],
                position: 5,
                keyCounter: 3,
              }),
            ),
          ).rejects.toThrow();
          expect(await store.shipments.checkpoint()).toEqual({ position: 1, keyCounter: 1 });
          expect(await store.shipments.byKey('s1')).toEqual({ key: 's1', id: 'SHP-A', state: record('s1', 'SHP-A').state, audience: record('s1', 'SHP-A').audience });
          expect(await store.shipments.byKey('s2')).toBeUndefined();
          expect(await store.shipments.find(['SHP-A2'])).toBeUndefined();
          expect((await store.shipments.eventSequences(['s1'])).get('s1')).toEqual([1]);
          expect((await store.shipments.totals()).shipments).toBe(1);
        }));
    });

    describe('ids, merges and find', () => {
      it('finds by the current id, every earlier id, a lookup term, and prefers ids to lookup terms', () =>
        withStore(open, async (store) => {
          await store.shipments.commit(change({ upserts: [record('s1', 'SHP-LATE')] }));
          // An earlier event arrived: the shipment's id changes; the first id keeps resolving.
          await store.shipments.commit(change({ upserts: [record('s1', 'SHP-EARLY')], position: 2 }));
          await store.shipments.commit(change({ upserts: [record('s1', 'SHP-EARLIEST')], position: 3 }));
          for (const ref of ['SHP-LATE', 'SHP-EARLY', 'SHP-EARLIEST', 'BOL-SHP-EARLIEST']) {
            expect((await store.shipments.find([ref]))?.id, ref).toBe('SHP-EARLIEST');
          }
          expect(await store.shipments.find(['nothing', 'SHP'])).toBeUndefined();
          expect(await store.shipments.find([])).toBeUndefined();
          // 'X-1' is the id of s2 and a lookup term of s3 (more recently active): the id wins.
          await store.shipments.commit(
            change({ upserts: [record('s2', 'X-1', { lastEventTime: T0 }), record('s3', 'SHP-3', { lookupTerms: ['X-1'], lastEventTime: T0 + 50 * HOUR })], position: 4 }),
          );
          expect((await store.shipments.find(['X-1']))?.key).toBe('s2');
          expect((await store.shipments.find(['nothing', 'X-1']))?.key).toBe('s2');
        }));

      it('resolves a lookup term shared by several shipments (a reused container) to the latest active', () =>
        withStore(open, async (store) => {
          const container = 'MSKU1234565';
          await store.shipments.commit(
            change({
              upserts: [
                record('s1', 'TRIP-1', { lookupTerms: [container], lastEventTime: T0 + 10 * HOUR }),
                record('s2', 'TRIP-2', { lookupTerms: [container], lastEventTime: T0 + 30 * HOUR }),
                record('s3', 'TRIP-3', { lookupTerms: [container], lastEventTime: T0 + 20 * HOUR }),
                record('s4', 'TRIP-4', { lookupTerms: [container], lastEventTime: undefined }),
              ],
            }),
          );
          expect((await store.shipments.find([container]))?.key).toBe('s2');
          expect((await store.shipments.find(['other', container]))?.key).toBe('s2');
          // Refs matching different shipments (a number as written and squashed): the latest active too.
          await store.shipments.commit(
            change({ upserts: [record('s5', 'TRIP-5', { lookupTerms: ['msku 123456-5'], lastEventTime: T0 + 35 * HOUR })], position: 2 }),
          );
          expect((await store.shipments.find([container, 'msku 123456-5']))?.key).toBe('s5');
          expect((await store.shipments.find(['msku 123456-5', container]))?.key).toBe('s5');
          await store.shipments.commit(change({ upserts: [record('s3', 'TRIP-3', { lookupTerms: [container], lastEventTime: T0 + 40 * HOUR })], position: 3 }));
          expect((await store.shipments.find([container]))?.key).toBe('s3');
        }));

      it('merges: the row goes, its ids, key, links and events lead to the target', () =>
        withStore(open, async (store) => {
          const a = record('s1', 'SHP-A');
          const b = record('s2', 'SHP-B', { countries: ['UZ'], upcomingStops: ['loc:9'] });
          await store.shipments.commit(change({ upserts: [a, b], events: [{ key: 's1', sequences: [1, 4] }, { key: 's2', sequences: [2, 3, 4] }], position: 4, keyCounter: 2 }));
          await store.shipments.commit(change({ upserts: [record('s2', 'SHP-B2', { countries: ['UZ'] })], position: 5, keyCounter: 2 }));

          // s1 absorbs s2 and takes its documents and units; the upsert comes in the same change as the merge.
          const merged = record('s1', 'SHP-B', {
            eventCount: 5,
            link: { key: 's1', documents: [...a.link.documents, ...b.link.documents], units: [...a.link.units, ...b.link.units], first: T0 },
          });
          await store.shipments.commit(change({ upserts: [merged], events: [{ key: 's1', sequences: [6] }], merged: [{ key: 's2', into: 's1' }], position: 6, keyCounter: 2 }));

          expect(await store.shipments.byKey('s2')).toBeUndefined();
          for (const ref of ['s2', 'SHP-B', 'SHP-B2', 'SHP-A']) expect((await store.shipments.find([ref]))?.key, ref).toBe('s1');
          const sequences = await store.shipments.eventSequences(['s1', 's2']);
          expect(sequences.get('s1')).toEqual([1, 2, 3, 4, 6]);
          expect(sequences.get('s2') ?? []).toEqual([]);
          expect(await store.shipments.linkCandidates(['urn:bol:SHP-B'], ['unit-SHP-B'])).toEqual([merged.link]);
          expect(keys(await store.shipments.list({ limit: 10 }))).toEqual(['s1']);
          expect(keys(await store.shipments.list({ country: 'UZ', limit: 10 }))).toEqual([]);
          expect(keys(await store.shipments.list({ upcomingStop: 'loc:9', limit: 10 }))).toEqual([]);
          expect((await store.shipments.totals()).shipments).toBe(1);

          // Merging the target onward carries the earlier redirects with it.
          await store.shipments.commit(change({ upserts: [record('s7', 'SHP-B', { eventCount: 6 })], merged: [{ key: 's1', into: 's7' }], position: 7, keyCounter: 7 }));
          for (const ref of ['s1', 's2', 'SHP-A', 'SHP-B2']) expect((await store.shipments.find([ref]))?.key, ref).toBe('s7');
          expect((await store.shipments.eventSequences(['s7'])).get('s7')).toEqual([1, 2, 3, 4, 6]);
        }));

      it('merges a key created within the same change that was never stored, and chains in any order', () =>
        withStore(open, async (store) => {
          await store.shipments.commit(change({ upserts: [record('s1', 'SHP-A')], events: [{ key: 's1', sequences: [1] }] }));
          // s2 was created and merged within one batch: only its events and redirect reach the store.
          await store.shipments.commit(
            change({ upserts: [record('s1', 'SHP-A', { eventCount: 2 })], events: [{ key: 's2', sequences: [2] }], merged: [{ key: 's2', into: 's1' }], position: 2, keyCounter: 2 }),
          );
          expect(await store.shipments.byKey('s2')).toBeUndefined();
          expect((await store.shipments.find(['s2']))?.key).toBe('s1');
          expect((await store.shipments.eventSequences(['s1'])).get('s1')).toEqual([1, 2]);

          // s3 into s4, then s4 into s1, listed the other way round.
          await store.shipments.commit(
            change({
              upserts: [record('s3', 'SHP-3'), record('s4', 'SHP-4')],
              events: [{ key: 's3', sequences: [3] }, { key: 's4', sequences: [4] }],
              position: 4,
              keyCounter: 4,
            }),
          );
          await store.shipments.commit(change({ merged: [{ key: 's4', into: 's1' }, { key: 's3', into: 's4' }], position: 5, keyCounter: 4 }));
          for (const ref of ['s3', 's4', 'SHP-3', 'SHP-4']) expect((await store.shipments.find([ref]))?.key, ref).toBe('s1');
          expect((await store.shipments.eventSequences(['s1'])).get('s1')).toEqual([1, 2, 3, 4]);
          expect(keys(await store.shipments.list({ limit: 10 }))).toEqual(['s1']);
        }));
    });

    shipmentListTests(open);
    shipmentCrossingTests(open);

    describe('search, totals, completed, clear', () => {
      it('finds shipments by a part of a search term, latest first; punctuation is plain text', () =>
        withStore(open, async (store) => {
          await store.shipments.commit(
            change({
              upserts: [
                record('s1', 'A', { searchTerms: ['URN:EPC:ID:SSCC:4870001.0000000001', 'MSKU1234565'], lastEventTime: T0 + HOUR }),
                record('s2', 'B', { searchTerms: ['MSKU7654321', 'BOL-"Q"*7'], lastEventTime: T0 + 2 * HOUR }),
                record('s3', 'C', { searchTerms: ['TCLU0000001'], lastEventTime: undefined }),
              ],
            }),
          );
          expect(keys(await store.shipments.search('MSKU', 10))).toEqual(['s2', 's1']);
          expect(keys(await store.shipments.search('MSKU', 1))).toEqual(['s2']);
          expect(keys(await store.shipments.search('SSCC:487', 10))).toEqual(['s1']);
          expect(keys(await store.shipments.search('0001.000', 10))).toEqual(['s1']);
          expect(keys(await store.shipments.search('-"Q"*', 10))).toEqual(['s2']);
          expect(keys(await store.shipments.search('0000001', 10))).toEqual(['s1', 's3']);
          // Not across two terms of one shipment.
          expect(await store.shipments.search('0001MSKU', 10)).toEqual([]);
          for (const odd of ['AND', 'OR NOT', '"', 'NEAR(', '***', 'sscc:']) await expect(store.shipments.search(odd, 10)).resolves.toBeDefined();
          expect(await store.shipments.search('NOTHING-LIKE-IT', 10)).toEqual([]);
        }));

      it('counts totals and lists the recently completed with their samples', () =>
        withStore(open, async (store) => {
          await store.shipments.commit(
            change({
              upserts: [
                record('s1', 'A', { status: 'in_transit', corridor: 'north', eventCount: 4, openHolds: 1 }),
                record('s2', 'B', { status: 'held', corridor: 'north', eventCount: 6, openHolds: 2 }),
                record('s3', 'C', { status: 'delivered', eventCount: 10, completedAt: T0 + 5 * HOUR, samples: { 'leg:a-b': 12.5 } }),
                record('s4', 'D', { status: 'arrived', corridor: 'middle', eventCount: 3, completedAt: T0 + 9 * HOUR }),
              ],
            }),
          );
          expect(await store.shipments.totals()).toEqual({
            shipments: 4,
            events: 23,
            openHolds: 3,
            completed: 2,
            byStatus: { in_transit: 1, held: 1, delivered: 1, arrived: 1 },
            byCorridor: { north: 2, middle: 1 },
          });
          expect(await store.shipments.recentlyCompleted(10)).toEqual([
            { key: 's4', completedAt: T0 + 9 * HOUR, samples: {} },
            { key: 's3', completedAt: T0 + 5 * HOUR, samples: { 'leg:a-b': 12.5 } },
          ]);
          expect((await store.shipments.recentlyCompleted(1)).map((c) => c.key)).toEqual(['s4']);
        }));

      it('refuses a change folded from a checkpoint another writer has moved, and changes nothing', () =>
        withStore(open, async (store) => {
          await store.shipments.commit(change({ upserts: [record('s1', 'SHP-A')], position: 5, keyCounter: 1, from: 0 }));
          const late = change({ upserts: [record('s2', 'SHP-B')], position: 9, keyCounter: 2, from: 0 });
          await expect(store.shipments.commit(late)).rejects.toBeInstanceOf(CheckpointConflict);
          expect(await store.shipments.byKey('s2')).toBeUndefined();
          expect(await store.shipments.checkpoint()).toEqual({ position: 5, keyCounter: 1 });
          await store.shipments.commit({ ...late, from: 5 });
          expect((await store.shipments.byKey('s2'))?.id).toBe('SHP-B');
        }));

      it('keeps lookups, links, countries, stops and search right when only some of them change between commits', () =>
        withStore(open, async (store) => {
          const first = record('s1', 'SHP-A', { countries: ['KZ'], upcomingStops: ['dostyk', 'aktau-port'], searchTerms: ['SHPA', 'MSKU1234565'] });
          await store.shipments.commit(change({ upserts: [first], position: 1 }));
          // Same side rows, new state: the rows stay findable.
          await store.shipments.commit(change({ upserts: [{ ...first, status: 'at-border', state: { id: 'SHP-A', v: 2 } }], position: 2 }));
          expect((await store.shipments.find(['BOL-SHP-A']))?.state).toEqual({ id: 'SHP-A', v: 2 });
          expect((await store.shipments.search('MSKU123', 10)).map((v) => v.key)).toEqual(['s1']);
          expect((await store.shipments.list({ limit: 10, upcomingStop: 'dostyk' })).map((v) => v.key)).toEqual(['s1']);
          // Only the stops and countries change.
          await store.shipments.commit(change({ upserts: [{ ...first, countries: ['KZ', 'AZ'], upcomingStops: ['aktau-port'] }], position: 3 }));
          expect(await store.shipments.list({ limit: 10, upcomingStop: 'dostyk' })).toEqual([]);
          expect((await store.shipments.list({ limit: 10, upcomingStop: 'aktau-port' })).map((v) => v.key)).toEqual(['s1']);
          expect((await store.shipments.list({ limit: 10, country: 'AZ' })).map((v) => v.key)).toEqual(['s1']);
          expect((await store.shipments.search('MSKU123', 10)).map((v) => v.key)).toEqual(['s1']);
          // Then the id and the search terms.
          await store.shipments.commit(change({ upserts: [{ ...first, id: 'SHP-A2', searchTerms: ['SHPA2', 'TGHU8765432'] }], position: 4 }));
          expect(await store.shipments.search('MSKU123', 10)).toEqual([]);
          expect((await store.shipments.search('TGHU876', 10)).map((v) => v.key)).toEqual(['s1']);
          expect((await store.shipments.find(['SHP-A2']))?.key).toBe('s1');
          expect((await store.shipments.find(['SHP-A']))?.key).toBe('s1');
        }));

      it('clear forgets the read model and resets the checkpoint, and the model can be rebuilt', () =>
        withStore(open, async (store) => {
          await store.events.insert(asNew([legEvent(1, 0)]));
          const build = change({ upserts: [record('s1', 'SHP-A', { completedAt: T0 })], events: [{ key: 's1', sequences: [1] }], merged: [{ key: 's0', into: 's1' }], position: 1, keyCounter: 1 });
          await store.shipments.commit(build);
          await store.shipments.clear();
          expect(await store.shipments.checkpoint()).toEqual({ position: 0, keyCounter: 0 });
          expect(await store.shipments.byKey('s1')).toBeUndefined();
          expect(await store.shipments.find(['SHP-A', 's0', 'BOL-SHP-A'])).toBeUndefined();
          expect(await store.shipments.list({ limit: 10 })).toEqual([]);
          expect(await store.shipments.search('SHP-A', 10)).toEqual([]);
          expect(await store.shipments.linkCandidates(['urn:bol:SHP-A'], ['unit-SHP-A'])).toEqual([]);
          expect((await store.shipments.eventSequences(['s1'])).get('s1') ?? []).toEqual([]);
          expect(await store.shipments.recentlyCompleted(10)).toEqual([]);
          expect((await store.shipments.totals()).shipments).toBe(0);
          // The events themselves stay: clearing the read model is the start of a rebuild.
          expect(await store.events.total()).toBe(1);
          await store.shipments.commit(build);
          expect((await store.shipments.find(['s0']))?.key).toBe('s1');
          expect(await store.shipments.checkpoint()).toEqual({ position: 1, keyCounter: 1 });
        }));
    });
  });
}
