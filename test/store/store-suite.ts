/**
 * The one store test suite, written against the Store interface only: every store implementation
 * runs it unchanged (test/store/stores.test.ts registers it for every store of KARVON_TEST_STORES). `open` must give a new,
 * empty store on each call.
 */
import { describe, it, expect } from 'vitest';
import { EpcisException } from '../../src/epcis/exceptions.js';
import type { Condition, EpcRole, EventQuery } from '../../src/epcis/query/event-query.js';
import { normaliseIdentifier, normaliseVocabulary } from '../../src/epcis/query/normalise.js';
import { CheckpointConflict, EventIDTaken, type Store, type StoredEvent } from '../../src/store/store.js';
import { asNew, container, hashOf, HOUR, iso, legEvent, loadingEvent, PLACES, shipments, uuid, wagon } from './corridor-events.js';
import { withStore } from './with-store.js';


/** All pages of a query, following nextPageToken. */
async function allPages(store: Store, query: EventQuery, perPage: number): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  let pageToken: string | undefined;
  for (let i = 0; i < 1000; i++) {
    const page = await store.events.query(query, { perPage, pageToken });
    expect(page.events.length).toBeLessThanOrEqual(perPage);
    out.push(...page.events);
    if (!page.nextPageToken) return out;
    pageToken = page.nextPageToken;
  }
  throw new Error('paging did not end');
}

const ids = (events: StoredEvent[]): string[] => events.map((e) => e.event.eventID!);
const q = (...conditions: Condition[]): EventQuery => ({ conditions });
const web = (kind: 'bizStep' | 'disposition' | 'bizTransactionType' | 'sourceDestinationType', v: string): string =>
  normaliseVocabulary(kind, v);

/** Registers the store suite for one implementation. */
export function storeSuite(name: string, open: () => Promise<Store>): void {
  describe(`store suite: ${name}`, () => {
    describe('insert and get', () => {
      it('stores events and returns them as captured, by eventID and by hash ID', () =>
        withStore(open, async (store) => {
          const events = shipments(2);
          const outcome = await store.events.insert(asNew(events));
          expect(outcome.inserted).toEqual(events.map((e) => hashOf(e.eventID!)));
          expect(outcome.duplicates).toEqual([]);
          expect(await store.events.total()).toBe(10);
          const byId = await store.events.get(events[1]!.eventID!);
          expect(byId?.event).toEqual(events[1]);
          expect(byId?.hashID).toBe(hashOf(events[1]!.eventID!));
          const byHash = await store.events.get(hashOf(events[3]!.eventID!));
          expect(byHash?.event).toEqual(events[3]);
          expect(await store.events.get('urn:uuid:00000000-0000-4000-8000-000000000000')).toBeUndefined();
          const sequences = (await allPages(store, q(), 3)).map((e) => e.sequence);
          expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
          expect(new Set(sequences).size).toBe(10);
        }));

      it('keeps hash IDs and eventIDs of any spelling exactly', () =>
        withStore(open, async (store) => {
          const event = { ...legEvent(1, 0), eventID: 'urn:uuid:ABCDEF01-2345-4789-8BCD-EF0123456789' };
          const other = { ...legEvent(1, 1), eventID: 'https://karvon.example/events/77' };
          await store.events.insert([
            { event, hashID: 'ni:///sha-256;ABC?ver=CBV2.0' },
            { event: other, hashID: hashOf('x').toUpperCase() },
          ]);
          expect((await store.events.get(event.eventID))?.hashID).toBe('ni:///sha-256;ABC?ver=CBV2.0');
          expect((await store.events.get(other.eventID))?.hashID).toBe(hashOf('x').toUpperCase());
          expect((await store.events.get(other.eventID))?.event).toEqual(other);
        }));

      it('skips the very same event again (same eventID, same content), within one call and across calls', () =>
        withStore(open, async (store) => {
          const [a, b] = [legEvent(1, 0), legEvent(1, 1)];
          const first = await store.events.insert([
            { event: a, hashID: hashOf('a') },
            { event: a, hashID: hashOf('a') },
            { event: b, hashID: hashOf('b') },
          ]);
          expect(first).toEqual({ inserted: [hashOf('a'), hashOf('b')], insertedAt: [0, 2], duplicates: [hashOf('a')], aliased: [], conflicts: [] });
          const second = await store.events.insert([{ event: b, hashID: hashOf('b') }, { event: a, hashID: hashOf('a') }]);
          expect(second).toEqual({ inserted: [], insertedAt: [], duplicates: [hashOf('b'), hashOf('a')], aliased: [], conflicts: [] });
          expect(await store.events.total()).toBe(2);
        }));

      it("keeps the eventID of content stored already as an alias: get and EQ_eventID find the stored event by it", () =>
        withStore(open, async (store) => {
          const [a, b] = [legEvent(1, 0), legEvent(1, 1)];
          const alias = uuid(1, 9);
          const textAlias = 'https://sender.example/events/7';
          await store.events.insert([{ event: a, hashID: hashOf('a') }, { event: b, hashID: hashOf('b') }]);
          const again = await store.events.insert([
            { event: { ...a, eventID: alias }, hashID: hashOf('a') },
            { event: { ...b, eventID: textAlias }, hashID: hashOf('b') },
            // Without an eventID of its own an event is given its hash ID: nothing to keep.
            { event: { ...a, eventID: hashOf('a') }, hashID: hashOf('a') },
          ]);
          expect(again).toEqual({
            inserted: [],
            insertedAt: [],
            duplicates: [hashOf('a'), hashOf('b'), hashOf('a')],
            aliased: [
              { index: 0, eventID: alias, hashID: hashOf('a') },
              { index: 1, eventID: textAlias, hashID: hashOf('b') },
            ],
            conflicts: [],
          });
          expect(await store.events.total()).toBe(2);
          // The stored event comes back as stored, under its own eventID.
          expect((await store.events.get(alias))?.event).toEqual(a);
          expect((await store.events.get(textAlias))?.hashID).toBe(hashOf('b'));
          const byAlias = q({ kind: 'in', field: 'eventID', values: [alias] });
          expect(ids((await store.events.query(byAlias, { perPage: 10 })).events)).toEqual([a.eventID]);
          expect(await store.events.count(byAlias, 10)).toBe(1);
          // Both names of one event match it once; an unknown name adds nothing.
          const both = q({ kind: 'in', field: 'eventID', values: [a.eventID!, alias, textAlias, uuid(99)] });
          expect(ids(await allPages(store, both, 1))).toEqual([a.eventID, b.eventID]);
          // Sending it again under the alias is the same event again: a duplicate, nothing new kept.
          const resend = await store.events.insert([{ event: { ...a, eventID: alias }, hashID: hashOf('a') }]);
          expect(resend).toMatchObject({ inserted: [], duplicates: [hashOf('a')], aliased: [], conflicts: [] });
        }));

      it('refuses an eventID (or alias) that names an event of other content, and stores the rest', () =>
        withStore(open, async (store) => {
          const [a, b, c] = [legEvent(1, 0), legEvent(1, 1), legEvent(1, 2)];
          const alias = uuid(1, 9);
          await store.events.insert([{ event: a, hashID: hashOf('a') }, { event: { ...a, eventID: alias }, hashID: hashOf('a') }], undefined);
          const outcome = await store.events.insert([
            { event: c, hashID: hashOf('c') },
            { event: a, hashID: hashOf('a2') }, // a's eventID, other content
            { event: { ...b, eventID: alias }, hashID: hashOf('b') }, // the alias, other content
            { event: c, hashID: hashOf('c2') }, // within the call too
          ]);
          expect(outcome).toEqual({
            inserted: [hashOf('c')],
            insertedAt: [0],
            duplicates: [],
            aliased: [],
            conflicts: [
              { index: 1, eventID: a.eventID, hashID: hashOf('a2'), stored: { hashID: hashOf('a') } },
              { index: 2, eventID: alias, hashID: hashOf('b'), stored: { hashID: hashOf('a') } },
              { index: 3, eventID: c.eventID, hashID: hashOf('c2'), stored: { hashID: hashOf('c') } },
            ],
          });
          expect(await store.events.total()).toBe(2);
          expect((await store.events.get(a.eventID!))?.hashID).toBe(hashOf('a'));
          expect((await store.events.get(alias))?.hashID).toBe(hashOf('a'));
          expect(await store.events.get(hashOf('b'))).toBeUndefined();
        }));

      it("with conflicts: 'abort', stores nothing of a call that holds a conflict, aliases included", () =>
        withStore(open, async (store) => {
          const [a, b] = [legEvent(1, 0), legEvent(1, 1)];
          await store.events.insert([{ event: a, hashID: hashOf('a') }], undefined, { conflicts: 'abort' });
          const error = await store.events
            .insert(
              [
                { event: b, hashID: hashOf('b') },
                { event: { ...a, eventID: uuid(1, 9) }, hashID: hashOf('a') },
                { event: { ...b, eventID: a.eventID }, hashID: hashOf('b2') },
              ],
              undefined,
              { conflicts: 'abort' },
            )
            .catch((e: unknown) => e);
          expect(error).toBeInstanceOf(EventIDTaken);
          expect((error as EventIDTaken).conflicts).toEqual([{ index: 2, eventID: a.eventID, hashID: hashOf('b2'), stored: { hashID: hashOf('a') } }]);
          expect(await store.events.total()).toBe(1);
          expect(await store.events.get(b.eventID!)).toBeUndefined();
          expect(await store.events.get(uuid(1, 9))).toBeUndefined();
          // The same call without the conflict goes through afterwards.
          const retried = await store.events.insert([{ event: b, hashID: hashOf('b') }, { event: { ...a, eventID: uuid(1, 9) }, hashID: hashOf('a') }], undefined, { conflicts: 'abort' });
          expect(retried).toMatchObject({ inserted: [hashOf('b')], aliased: [{ index: 1, eventID: uuid(1, 9), hashID: hashOf('a') }] });
        }));

      it('tells who captured the event a conflict names, for the message', () =>
        withStore(open, async (store) => {
          const a = legEvent(1, 0);
          await store.events.insert([{ event: a, hashID: hashOf('a'), capturedBy: 'alpha' }]);
          const outcome = await store.events.insert([{ event: a, hashID: hashOf('a2'), capturedBy: 'beta' }]);
          expect(outcome.conflicts).toEqual([{ index: 0, eventID: a.eventID, hashID: hashOf('a2'), stored: { hashID: hashOf('a'), capturedBy: 'alpha' } }]);
        }));

      it('keeps an error declaration beside the event it declares erroneous, each once', () =>
        withStore(open, async (store) => {
          const original = legEvent(4, 0);
          const declaration = { ...original, errorDeclaration: { declarationTime: iso(Date.parse(original.eventTime) + HOUR), reason: 'incorrect_data' } };
          const first = await store.events.insert([{ event: original, hashID: hashOf('d') }]);
          const second = await store.events.insert([
            { event: declaration, hashID: hashOf('d') },
            { event: declaration, hashID: hashOf('d') },
          ]);
          expect(first.inserted).toEqual([hashOf('d')]);
          expect(second).toMatchObject({ inserted: [hashOf('d')], duplicates: [hashOf('d')], aliased: [], conflicts: [] });
          expect(await store.events.total()).toBe(2);
          // The eventID now answers with the declaration: the event is known to be erroneous.
          expect((await store.events.get(original.eventID!))?.event.errorDeclaration).toBeDefined();
          const both = await store.events.query(q({ kind: 'in', field: 'eventID', values: [original.eventID!] }), { perPage: 10 });
          expect(both.events.map((e) => e.event.errorDeclaration === undefined)).toEqual([true, false]);
        }));

      it("stores a declaration sent under an alias under the stored event's own eventID", () =>
        withStore(open, async (store) => {
          const original = legEvent(5, 0);
          const alias = uuid(5, 9);
          await store.events.insert([{ event: original, hashID: hashOf('e') }, { event: { ...original, eventID: alias }, hashID: hashOf('e') }]);
          const declaration = { ...original, eventID: alias, errorDeclaration: { declarationTime: iso(Date.parse(original.eventTime) + HOUR), reason: 'incorrect_data' } };
          const row = { event: declaration, hashID: hashOf('e') };
          const outcome = await store.events.insert([row]);
          expect(outcome).toMatchObject({ inserted: [hashOf('e')], conflicts: [] });
          // The row given says how it was stored.
          expect(row.event.eventID).toBe(original.eventID);
          for (const name of [alias, original.eventID!]) {
            const found = await store.events.get(name);
            expect(found?.event).toEqual({ ...declaration, eventID: original.eventID });
          }
          const both = await store.events.query(q({ kind: 'in', field: 'eventID', values: [alias] }), { perPage: 10 });
          expect(both.events.map((e) => [e.event.eventID, e.event.errorDeclaration !== undefined])).toEqual([
            [original.eventID, false],
            [original.eventID, true],
          ]);
        }));

      it('stores all events of a call or none', () =>
        withStore(open, async (store) => {
          await store.events.insert(asNew([legEvent(1, 0)]));
          const good = legEvent(2, 0, { epcList: [container(9999)], bizStep: 'https://karvon.example/BizStep-customs' });
          const bad = legEvent(2, 1, { eventTime: 'yesterday' });
          const error = await store.events.insert(asNew([good, bad, legEvent(2, 2)])).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(EpcisException);
          expect((error as EpcisException).type).toBe('ValidationException');
          expect((error as EpcisException).message).toContain('eventTime');
          expect(await store.events.total()).toBe(1);
          expect(await store.events.get(good.eventID!)).toBeUndefined();
          expect(await store.events.count(q({ kind: 'epc', roles: ['epc'], patterns: [container(9999)] }), 10)).toBe(0);
          const values = await store.events.distinct('bizStep', { perPage: 50 });
          expect(values.values).not.toContain('https://karvon.example/BizStep-customs');
          const noHash = await store.events.insert([{ event: legEvent(3, 0), hashID: '' }]).catch((e: unknown) => e);
          expect((noHash as EpcisException).type).toBe('ValidationException');
          // What the failed call would have created must be creatable afterwards.
          expect((await store.events.insert(asNew([good]))).inserted).toHaveLength(1);
          const found = await store.events.query(q({ kind: 'epc', roles: ['epc'], patterns: [container(9999)] }), { perPage: 5 });
          expect(ids(found.events)).toEqual([good.eventID]);
          expect((await store.events.distinct('bizStep', { perPage: 50 })).values).toContain('https://karvon.example/BizStep-customs');
        }));
    });

    describe('queries', () => {
      const loaded = async (store: Store): Promise<ReturnType<typeof shipments>> => {
        const events = shipments(6);
        await store.events.insert(asNew(events));
        return events;
      };
      const expectIds = async (store: Store, query: EventQuery, expected: string[]): Promise<void> => {
        expect(ids(await allPages(store, query, 4)).sort()).toEqual([...expected].sort());
        expect(await store.events.count(query, 1000)).toBe(expected.length);
      };

      it('finds all events of one shipment by its container, in any or one role', () =>
        withStore(open, async (store) => {
          const events = await loaded(store);
          const ofShipment3 = events.filter((e) => JSON.stringify(e).includes(container(3))).map((e) => e.eventID!);
          expect(ofShipment3).toHaveLength(5);
          const anyRole: EpcRole[] = ['epc', 'parentID', 'childEPC', 'inputEPC', 'outputEPC'];
          await expectIds(store, q({ kind: 'epc', roles: anyRole, patterns: [container(3)] }), ofShipment3);
          // The Digital Link spelling finds the same events as the URN.
          await expectIds(store, q({ kind: 'epc', roles: anyRole, patterns: [normaliseIdentifier(container(3))] }), ofShipment3);
          await expectIds(store, q({ kind: 'epc', roles: ['childEPC'], patterns: [container(3)] }), [loadingEvent(3, 1).eventID!]);
          await expectIds(
            store,
            q({ kind: 'epc', roles: ['parentID'], patterns: [wagon(0)] }),
            [2, 4, 6].map((n) => loadingEvent(n, 0).eventID!),
          );
          await expectIds(store, q({ kind: 'epc', roles: ['epc'], patterns: [container(77)] }), []);
          await expectIds(
            store,
            q({ kind: 'epc', roles: ['epc'], patterns: [container(1), container(2)] }),
            events.filter((e) => e.epcList?.[0] === container(1) || e.epcList?.[0] === container(2)).map((e) => e.eventID!),
          );
        }));

      it('matches EPC patterns and EPC classes', () =>
        withStore(open, async (store) => {
          const events = await loaded(store);
          const legs = events.filter((e) => e.type === 'ObjectEvent').map((e) => e.eventID!);
          await expectIds(store, q({ kind: 'epc', roles: ['epc'], patterns: ['urn:epc:idpat:sscc:4870001.*'] }), legs);
          await expectIds(store, q({ kind: 'epc', roles: ['epc'], patterns: ['urn:epc:idpat:sscc:4870002.*'] }), []);
          const lot1 = [1, 4].map((n) => loadingEvent(n, n % 2).eventID!);
          await expectIds(store, q({ kind: 'epcClass', roles: ['childQuantity'], patterns: ['urn:epc:class:lgtin:4870001.012345.LOT1'] }), lot1);
          await expectIds(store, q({ kind: 'epcClass', roles: ['quantity'], patterns: ['urn:epc:class:lgtin:4870001.012345.LOT1'] }), []);
          const allLoading = events.filter((e) => e.type === 'AggregationEvent').map((e) => e.eventID!);
          await expectIds(
            store,
            q({ kind: 'epcClass', roles: ['quantity', 'childQuantity', 'inputQuantity', 'outputQuantity'], patterns: ['urn:epc:idpat:sgtin:4870001.012345.*'] }),
            allLoading,
          );
        }));

      it('filters on single-valued fields, time windows and master-data hierarchies', () =>
        withStore(open, async (store) => {
          const events = await loaded(store);
          const where = (f: (e: (typeof events)[number]) => boolean): string[] => events.filter(f).map((e) => e.eventID!);
          await expectIds(store, q({ kind: 'in', field: 'eventType', values: ['AggregationEvent'] }), where((e) => e.type === 'AggregationEvent'));
          await expectIds(store, q({ kind: 'in', field: 'action', values: ['ADD'] }), where((e) => e.action === 'ADD'));
          await expectIds(
            store,
            q({ kind: 'in', field: 'bizStep', values: [web('bizStep', 'departing'), web('bizStep', 'arriving')] }),
            where((e) => e.bizStep === 'departing' || e.bizStep === 'arriving'),
          );
          await expectIds(store, q({ kind: 'in', field: 'disposition', values: [web('disposition', 'in_progress')] }), where((e) => e.disposition === 'in_progress'));
          await expectIds(store, q({ kind: 'in', field: 'readPoint', values: [normaliseIdentifier(PLACES.almaty)] }), where((e) => e.readPoint?.id === PLACES.almaty));
          await expectIds(store, q({ kind: 'in', field: 'bizLocation', values: [normaliseIdentifier(PLACES.dostyk)] }), where((e) => e.bizLocation?.id === PLACES.dostyk));
          await expectIds(store, q({ kind: 'in', field: 'eventID', values: [events[7]!.eventID!, uuid(12345)] }), [events[7]!.eventID!]);
          await expectIds(store, q({ kind: 'in', field: 'bizStep', values: [web('bizStep', 'void_shipping')] }), []);
          const from = Date.parse(events[5]!.eventTime);
          const to = Date.parse(events[12]!.eventTime);
          await expectIds(store, q({ kind: 'time', field: 'eventTime', ge: from, lt: to }), where((e) => Date.parse(e.eventTime) >= from && Date.parse(e.eventTime) < to));
          await expectIds(store, q({ kind: 'time', field: 'recordTime', ge: from + 60_000 }), where((e) => Date.parse(e.recordTime!) >= from + 60_000));
          // Aktau (the port) contains its berth.
          await store.masterData.upsert([
            { type: 'urn:epcglobal:epcis:vtype:BusinessLocation', vocabularyElementList: [{ id: PLACES.aktau, children: [PLACES.aktauBerth] }] },
          ]);
          await expectIds(
            store,
            q({ kind: 'within', field: 'bizLocation', values: [normaliseIdentifier(PLACES.aktau)] }),
            where((e) => e.bizLocation?.id === PLACES.aktau || e.bizLocation?.id === PLACES.aktauBerth),
          );
          await expectIds(store, q({ kind: 'in', field: 'bizLocation', values: [normaliseIdentifier(PLACES.aktau)] }), where((e) => e.bizLocation?.id === PLACES.aktau));
        }));

      it('filters on business transactions, sources and destinations, ANDed with other conditions', () =>
        withStore(open, async (store) => {
          const events = await loaded(store);
          const bol4 = normaliseIdentifier(`urn:epcglobal:cbv:bt:4870001000001:BOL-4`);
          const legsOf4 = events.filter((e) => e.type === 'ObjectEvent' && e.epcList?.[0] === container(4)).map((e) => e.eventID!);
          await expectIds(store, q({ kind: 'bizTransaction', type: web('bizTransactionType', 'bol'), values: [bol4] }), legsOf4);
          await expectIds(store, q({ kind: 'bizTransaction', type: web('bizTransactionType', 'po'), values: [bol4] }), []);
          const owner = web('sourceDestinationType', 'owning_party');
          await expectIds(store, q({ kind: 'destination', type: owner, values: [normaliseIdentifier('urn:epc:id:pgln:4870001.00024')] }), legsOf4);
          await expectIds(store, q({ kind: 'source', type: owner, values: [normaliseIdentifier('urn:epc:id:pgln:4870001.00024')] }), []);
          await expectIds(
            store,
            q(
              { kind: 'source', type: owner, values: [normaliseIdentifier('urn:epc:id:pgln:4870001.00010')] },
              { kind: 'in', field: 'bizStep', values: [web('bizStep', 'arriving')] },
              { kind: 'epc', roles: ['epc'], patterns: [container(2), container(5)] },
            ),
            [legEvent(2, 2).eventID!, legEvent(5, 2).eventID!],
          );
        }));

      it('evaluates residual conditions on the candidates, across pages', () =>
        withStore(open, async (store) => {
          const events = shipments(8);
          const declared = new Set([3, 17, 30]);
          const withErrors = events.map((e, i) =>
            declared.has(i) ? { ...e, errorDeclaration: { declarationTime: iso(Date.parse(e.eventTime) + HOUR), reason: 'incorrect_data' } } : e,
          );
          await store.events.insert(asNew(withErrors));
          const expected = [...declared].map((i) => withErrors[i]!.eventID!);
          const exists: Condition = { kind: 'exists', target: { scope: 'event', field: 'errorDeclaration' } };
          await expectIds(store, q(exists), expected);
          expect(ids(await allPages(store, q(exists), 1))).toEqual(expected);
          expect(await store.events.count(q(exists), 2)).toBe(2);
          await expectIds(store, q(exists, { kind: 'in', field: 'eventType', values: ['ObjectEvent'] }), expected.filter((id) => withErrors.find((e) => e.eventID === id)!.type === 'ObjectEvent'));
        }));

      it('orders by eventTime and recordTime both ways and pages without gaps or repeats', () =>
        withStore(open, async (store) => {
          // Ties in eventTime: two events of every shipment share one instant.
          const events = shipments(7).map((e, i) => (i % 5 === 2 ? { ...e, eventTime: shipments(7)[i - 1]!.eventTime } : e));
          await store.events.insert(asNew(events));
          const seqOrder = ids(await allPages(store, q(), 100));
          expect(seqOrder).toEqual(events.map((e) => e.eventID!));
          for (const orderBy of ['eventTime', 'recordTime'] as const) {
            for (const orderDirection of ['ASC', 'DESC'] as const) {
              const sorted = events
                .map((e, i) => ({ id: e.eventID!, key: Date.parse(e[orderBy]!), i }))
                .sort((a, b) => (a.key - b.key || a.i - b.i) * (orderDirection === 'ASC' ? 1 : -1))
                .map((x) => x.id);
              for (const perPage of [1, 4, 35, 36]) {
                expect(ids(await allPages(store, { conditions: [], orderBy, orderDirection }, perPage))).toEqual(sorted);
              }
            }
          }
          const desc = ids(await allPages(store, { conditions: [], orderDirection: 'DESC' }, 6));
          expect(desc).toEqual([...seqOrder].reverse());
        }));

      it('keeps its place when events arrive between pages, and honours eventCountLimit', () =>
        withStore(open, async (store) => {
          await store.events.insert(asNew(shipments(3)));
          const first = await store.events.query({ conditions: [], orderBy: 'eventTime' }, { perPage: 5 });
          await store.events.insert(asNew([legEvent(0, 0)])); // earlier than everything
          const rest = await allPagesFrom(store, { conditions: [], orderBy: 'eventTime' }, 5, first.nextPageToken!);
          expect([...ids(first.events), ...ids(rest)]).toEqual(shipments(3).sort((a, b) => Date.parse(a.eventTime) - Date.parse(b.eventTime)).map((e) => e.eventID!));
          const limited = await allPages(store, { conditions: [], eventCountLimit: 7 }, 3);
          expect(limited).toHaveLength(7);
        }));

      it('rejects a corrupt page token with a QueryParameterException', () =>
        withStore(open, async (store) => {
          await store.events.insert(asNew(shipments(2)));
          for (const pageToken of ['not a token!', 'e30', Buffer.from('{"s":"x","n":0}').toString('base64url'), 'AAAA']) {
            const error = await store.events.query(q(), { perPage: 2, pageToken }).catch((e: unknown) => e);
            expect(error).toBeInstanceOf(EpcisException);
            expect((error as EpcisException).type).toBe('QueryParameterException');
            expect((error as EpcisException).message).toBe('nextPageToken is not valid');
          }
          const token = (await store.events.query(q(), { perPage: 2 })).nextPageToken!;
          const mismatch = await store.events.query({ conditions: [], orderBy: 'eventTime' }, { perPage: 2, pageToken: token }).catch((e: unknown) => e);
          expect((mismatch as EpcisException).type).toBe('QueryParameterException');
          const distinct = await store.events.distinct('epc', { perPage: 2, pageToken: 'garbage' }).catch((e: unknown) => e);
          expect((distinct as EpcisException).type).toBe('QueryParameterException');
        }));

      it('counts up to a limit', () =>
        withStore(open, async (store) => {
          await loaded(store);
          expect(await store.events.count(q(), 1000)).toBe(30);
          expect(await store.events.count(q(), 7)).toBe(7);
          expect(await store.events.count(q({ kind: 'in', field: 'eventType', values: ['AggregationEvent'] }), 1000)).toBe(6);
        }));

      it('lists distinct values of the indexed fields, paged', () =>
        withStore(open, async (store) => {
          await loaded(store);
          const all = async (field: Parameters<Store['events']['distinct']>[0], perPage: number): Promise<string[]> => {
            const out: string[] = [];
            let pageToken: string | undefined;
            do {
              const page = await store.events.distinct(field, { perPage, pageToken });
              out.push(...page.values);
              pageToken = page.nextPageToken;
            } while (pageToken);
            return out.sort();
          };
          expect(await all('eventType', 1)).toEqual(['AggregationEvent', 'ObjectEvent']);
          expect(await all('bizStep', 2)).toEqual(['arriving', 'departing', 'loading', 'receiving', 'shipping'].map((s) => web('bizStep', s)).sort());
          expect(await all('disposition', 10)).toEqual(['in_progress', 'in_transit'].map((s) => web('disposition', s)).sort());
          expect(await all('readPoint', 3)).toEqual(Object.values(PLACES).map(normaliseIdentifier).sort());
          expect(await all('bizLocation', 3)).toEqual([PLACES.almaty, PLACES.dostyk, PLACES.aktau, PLACES.aktauBerth].map(normaliseIdentifier).sort());
          const epcs = [1, 2, 3, 4, 5, 6].map((n) => container(n)).concat([wagon(0), wagon(1)]).map(normaliseIdentifier).sort();
          expect(await all('epc', 3)).toEqual(epcs);
        }));
    });

    describe('capture jobs', () => {
      it('keeps a job with its document through its lifecycle, and lists unfinished ones', () =>
        withStore(open, async (store) => {
          const document = Buffer.from('{"type":"EPCISDocument","epcisBody":{"eventList":[]}}');
          for (const id of ['job-1', 'job-2', 'job-3']) {
            await store.captureJobs.create({ id, errorBehaviour: 'rollback', contentType: 'application/ld+json', createdAt: '2025-03-01T10:00:00.000Z' }, document);
          }
          expect(await store.captureJobs.get('job-1')).toEqual({
            id: 'job-1', status: 'queued', errorBehaviour: 'rollback', contentType: 'application/ld+json',
            createdAt: '2025-03-01T10:00:00.000Z', captured: 0, duplicates: 0, rejected: 0, errors: [],
          });
          expect((await store.captureJobs.document('job-2'))?.equals(document)).toBe(true);
          await store.captureJobs.update('job-1', { status: 'running' });
          await store.captureJobs.update('job-2', {
            status: 'failed', finishedAt: '2025-03-01T10:00:01.000Z', rejected: 1,
            errors: [{ pointer: '/epcisBody/eventList/0/eventTime', message: 'missing' }],
          });
          await store.captureJobs.update('job-3', { status: 'success', finishedAt: '2025-03-01T10:00:02.000Z', captured: 5, duplicates: 2 });
          expect((await store.captureJobs.unfinished()).map((j) => j.id)).toEqual(['job-1']);
          const failed = await store.captureJobs.get('job-2');
          expect(failed?.errors).toEqual([{ pointer: '/epcisBody/eventList/0/eventTime', message: 'missing' }]);
          expect(failed?.finishedAt).toBe('2025-03-01T10:00:01.000Z');
          expect(await store.captureJobs.get('job-3')).toMatchObject({ status: 'success', captured: 5, duplicates: 2 });
          const first = await store.captureJobs.list('all', { perPage: 2 });
          const second = await store.captureJobs.list('all', { perPage: 2, pageToken: first.nextPageToken });
          expect([...first.jobs, ...second.jobs].map((j) => j.id)).toEqual(['job-1', 'job-2', 'job-3']);
          expect(second.nextPageToken).toBeUndefined();
          expect(await store.captureJobs.get('nope')).toBeUndefined();
          const again = await store.captureJobs
            .create({ id: 'job-1', errorBehaviour: 'proceed', contentType: 'application/xml', createdAt: '2025-03-02T00:00:00Z' }, Buffer.from('<x/>'))
            .catch((e: unknown) => e);
          expect((again as EpcisException).type).toBe('ResourceAlreadyExistsException');
          expect((await store.captureJobs.get('job-1'))?.contentType).toBe('application/ld+json');
          expect(await store.captureJobs.document('nope')).toBeUndefined();
        }));

      it("pages one organisation's jobs in SQL: full pages of its own jobs while others' interleave, continued by the token", () =>
        withStore(open, async (store) => {
          const document = Buffer.from('{"type":"EPCISDocument","epcisBody":{"eventList":[]}}');
          // kz-rail's 7 jobs between uz-rail's and local ones: two of others' after each of its own.
          const submitted: { id: string; capturedBy?: string }[] = [];
          for (let i = 1; i <= 7; i++) {
            submitted.push({ id: `kz-${i}`, capturedBy: 'kz-rail' }, { id: `uz-${i}`, capturedBy: 'uz-rail' }, { id: `local-${i}` });
          }
          for (const job of submitted) {
            await store.captureJobs.create({ ...job, errorBehaviour: 'rollback', contentType: 'application/ld+json', createdAt: '2025-03-01T10:00:00.000Z' }, document);
          }
          const pages: string[][] = [];
          let token: string | undefined;
          do {
            const page = await store.captureJobs.list({ capturedBy: 'kz-rail' }, { perPage: 3, ...(token ? { pageToken: token } : {}) });
            pages.push(page.jobs.map((job) => job.id));
            token = page.nextPageToken;
          } while (token !== undefined && pages.length < 10);
          expect(pages).toEqual([['kz-1', 'kz-2', 'kz-3'], ['kz-4', 'kz-5', 'kz-6'], ['kz-7']]);
          // Exactly a page's worth left: the last full page says there is no next one.
          const six = await store.captureJobs.list({ capturedBy: 'uz-rail' }, { perPage: 6 });
          const rest = await store.captureJobs.list({ capturedBy: 'uz-rail' }, { perPage: 1, pageToken: six.nextPageToken });
          expect(rest).toEqual({ jobs: [expect.objectContaining({ id: 'uz-7', capturedBy: 'uz-rail' })] });
          expect((await store.captureJobs.list({ capturedBy: 'nobody' }, { perPage: 5 })).jobs).toEqual([]);
          const everything = await store.captureJobs.list('all', { perPage: 100 });
          expect(everything.jobs.map((job) => job.id)).toEqual(submitted.map((job) => job.id));
        }));
    });

    describe('named queries and master data', () => {
      it('creates, lists and deletes named queries; a taken name is refused', () =>
        withStore(open, async (store) => {
          const make = (name: string) => ({ owner: 'kz-rail', name, query: { EQ_bizStep: ['departing'] }, createdAt: '2025-03-01T00:00:00Z' });
          expect(await store.namedQueries.create(make('dostyk-departures'))).toBe(true);
          expect(await store.namedQueries.create({ ...make('dostyk-departures'), query: {} })).toBe(false);
          expect(await store.namedQueries.create(make('aktau-arrivals'))).toBe(true);
          expect(await store.namedQueries.get('kz-rail', 'dostyk-departures')).toEqual(make('dostyk-departures'));
          const page1 = await store.namedQueries.list({ perPage: 1 });
          const page2 = await store.namedQueries.list({ perPage: 1, pageToken: page1.nextPageToken });
          expect([...page1.queries, ...page2.queries].map((x) => x.name)).toEqual(['aktau-arrivals', 'dostyk-departures']);
          expect(page2.nextPageToken).toBeUndefined();
          expect(await store.namedQueries.delete('kz-rail', 'aktau-arrivals')).toBe(true);
          expect(await store.namedQueries.delete('kz-rail', 'aktau-arrivals')).toBe(false);
          expect(await store.namedQueries.get('kz-rail', 'aktau-arrivals')).toBeUndefined();
        }));

      it("keeps each owner's names apart, and the queries without an owner apart from all", () =>
        withStore(open, async (store) => {
          const make = (owner: string | null, name: string, step: string) => ({ owner, name, query: { EQ_bizStep: [step] }, createdAt: '2025-03-01T00:00:00Z' });
          for (const query of [make('kz-rail', 'arrivals', 'arriving'), make('uz-rail', 'arrivals', 'departing'), make(null, 'arrivals', 'shipping'), make('uz-rail', 'border', 'inspecting')]) {
            expect(await store.namedQueries.create(query)).toBe(true);
          }
          expect((await store.namedQueries.get('kz-rail', 'arrivals'))?.query).toEqual({ EQ_bizStep: ['arriving'] });
          expect((await store.namedQueries.get('uz-rail', 'arrivals'))?.query).toEqual({ EQ_bizStep: ['departing'] });
          expect((await store.namedQueries.get(null, 'arrivals'))?.owner).toBeNull();
          expect(await store.namedQueries.get('kz-rail', 'border')).toBeUndefined();
          const names = async (owner?: string | null) => {
            const out: string[] = [];
            let token: string | undefined;
            do {
              const page = await store.namedQueries.list({ perPage: 1, ...(token ? { pageToken: token } : {}), ...(owner !== undefined ? { owner } : {}) });
              out.push(...page.queries.map((q) => `${q.owner ?? '-'}/${q.name}`));
              token = page.nextPageToken;
            } while (token);
            return out;
          };
          expect(await names()).toEqual(['-/arrivals', 'kz-rail/arrivals', 'uz-rail/arrivals', 'uz-rail/border']);
          expect(await names('uz-rail')).toEqual(['uz-rail/arrivals', 'uz-rail/border']);
          expect(await names(null)).toEqual(['-/arrivals']);
          expect(await store.namedQueries.delete('kz-rail', 'arrivals')).toBe(true);
          expect(await store.namedQueries.get('uz-rail', 'arrivals')).toBeDefined();
          expect(await store.namedQueries.get(null, 'arrivals')).toBeDefined();
        }));

      it('resolves descendants transitively, replacing children on update', () =>
        withStore(open, async (store) => {
          const type = 'urn:epcglobal:epcis:vtype:BusinessLocation';
          await store.masterData.upsert([
            { type, vocabularyElementList: [
              { id: PLACES.aktau, attributes: [{ id: 'urn:epcglobal:cbv:mda#name', attribute: 'Aktau port' }], children: [PLACES.aktauBerth, PLACES.dostyk] },
              { id: PLACES.aktauBerth, children: [PLACES.almaty] },
              { id: PLACES.almaty, children: [PLACES.aktau] }, // a cycle must not loop
            ] },
          ]);
          const n = (v: string): string => normaliseIdentifier(v);
          expect((await store.masterData.descendants(PLACES.aktau)).sort()).toEqual(Object.values(PLACES).map(n).sort());
          await store.masterData.upsert([{ type, vocabularyElementList: [{ id: PLACES.aktauBerth }] }]);
          expect((await store.masterData.descendants(PLACES.aktau)).sort()).toEqual([n(PLACES.aktau), n(PLACES.aktauBerth), n(PLACES.dostyk)].sort());
          expect(await store.masterData.descendants(PLACES.dostyk)).toEqual([n(PLACES.dostyk)]);
        }));

      it('answers ping', () => withStore(open, async (store) => expect(await store.ping()).toBe(true)));
    });

    describe('the follower contract: after() stays below a committed, gap-free high-water mark', () => {
      it('shows a follower every committed row exactly once, in order, and no rolled-back row, while inserts are in flight', () =>
        withStore(open, async (store) => {
          const events = shipments(16);
          const batches: StoredEvent['event'][][] = [];
          for (let i = 0; i < events.length; i += 4) batches.push(events.slice(i, i + 4));
          const committed = new Set<string>();
          const rolledBack = new Set<string>();
          const seen: StoredEvent[] = [];
          let writing = true;
          const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));
          // A follower polling after() in small pages while the inserts below run.
          const follower = (async () => {
            let position = 0;
            for (;;) {
              const rows = await store.events.after(position, 3);
              seen.push(...rows);
              if (rows.length > 0) position = rows[rows.length - 1]!.sequence;
              else if (!writing) return;
              else await yieldNow();
            }
          })();
          // Several inserts in flight at once; every third one fails inside its transaction (its
          // audit builder throws after the rows were written), so its rows roll back.
          await Promise.all(
            batches.map(async (batch, i) => {
              for (let k = 0; k < i % 4; k++) await yieldNow();
              const rows = asNew(batch);
              if (i % 3 === 2) {
                await expect(
                  store.events.insert(rows, () => {
                    throw new Error('this capture fails before it commits');
                  }),
                ).rejects.toThrow(/fails before it commits/);
                for (const row of rows) rolledBack.add(row.hashID);
              } else {
                const outcome = await store.events.insert(rows);
                for (const hashID of outcome.inserted) committed.add(hashID);
              }
            }),
          );
          writing = false;
          await follower;
          expect(rolledBack.size).toBeGreaterThan(0);
          const sequences = seen.map((row) => row.sequence);
          expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
          expect(new Set(sequences).size).toBe(sequences.length);
          expect(seen.map((row) => row.hashID).sort()).toEqual([...committed].sort());
          expect(seen.some((row) => rolledBack.has(row.hashID))).toBe(false);
          // What a follower starting now reads is what the one that followed along read.
          expect((await store.events.after(0, 1000)).map((row) => row.sequence)).toEqual(sequences);
        }));
    });

    describe('follower checkpoints', () => {
      it('start at nothing, advance only from where they are, reset, and remember the last error', () =>
        withStore(open, async (store) => {
          expect(await store.followers.get('counter')).toBeUndefined();
          await store.followers.advance('counter', 0, 5);
          await store.followers.advance('counter', 5, 9);
          // A second process that folded from 5 too is refused, and nothing moves.
          const late = await store.followers.advance('counter', 5, 7).then(() => undefined, (error: unknown) => error);
          expect(late).toBeInstanceOf(CheckpointConflict);
          expect(late).toMatchObject({ follower: 'counter', expected: 5, found: 9 });
          expect((await store.followers.get('counter'))?.position).toBe(9);
          await store.followers.recordError('counter', 'disk full', '2026-12-07T05:00:00.000Z');
          const other = await store.followers.get('counter');
          expect(other).toMatchObject({ name: 'counter', position: 9, lastError: 'disk full', lastErrorAt: '2026-12-07T05:00:00.000Z' });
          expect(Date.parse(other!.updatedAt)).not.toBeNaN();
          await store.followers.reset('counter');
          expect((await store.followers.get('counter'))?.position).toBe(0);
          expect((await store.followers.list()).map((f) => f.name)).toContain('counter');
        }));

      it('keeps daily counts and their checkpoint in one transaction', () =>
        withStore(open, async (store) => {
          await store.dailyEventCounts.add(new Map([['2026-03-01', 2], ['2026-03-02', 1]]), { follower: 'days', from: 0, to: 3 });
          await store.dailyEventCounts.add(new Map([['2026-03-02', 4]]), { follower: 'days', from: 3, to: 8 });
          // A batch folded from a stale position adds nothing.
          await expect(store.dailyEventCounts.add(new Map([['2026-03-02', 100]]), { follower: 'days', from: 3, to: 9 })).rejects.toBeInstanceOf(CheckpointConflict);
          expect(await store.dailyEventCounts.list()).toEqual([{ day: '2026-03-01', count: 2 }, { day: '2026-03-02', count: 5 }]);
          expect(await store.dailyEventCounts.list({ from: '2026-03-02' })).toEqual([{ day: '2026-03-02', count: 5 }]);
          expect((await store.followers.get('days'))?.position).toBe(8);
          await store.dailyEventCounts.clear('days');
          expect(await store.dailyEventCounts.list()).toEqual([]);
          expect((await store.followers.get('days'))?.position).toBe(0);
        }));
    });
  });
}

async function allPagesFrom(store: Store, query: EventQuery, perPage: number, pageToken: string): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  let token: string | undefined = pageToken;
  while (token) {
    const page = await store.events.query(query, { perPage, pageToken: token });
    out.push(...page.events);
    token = page.nextPageToken;
  }
  return out;
}
