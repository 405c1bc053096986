/**
 * The audit repository suite, written against the Store interface only (see store-suite.ts):
 * registered for every store by stores.test.ts. `open` must give a new, empty store.
 * Appends are built with the governance's own pure functions (log-append.ts) and a test key.
 */
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, verifyChain } from '../../src/governance/audit-chain.js';
import { captureDraft } from '../../src/governance/capture-entry.js';
import { frontierRoot } from '../../src/governance/compact-range.js';
import { entryLeafHash, extendLog } from '../../src/governance/log-append.js';
import { treeHash } from '../../src/governance/merkle-proofs.js';
import type { AuditDraft, AuditTip } from '../../src/model/governance.js';
import { headFields, headProblem } from '../../src/governance/tree-head.js';
import type { CaptureAuditBuilder, Store } from '../../src/store/store.js';
import { testAuditKey } from '../helpers/audit-key.js';
import { asNew, legEvent, shipments } from './corridor-events.js';
import { withStore } from './with-store.js';

const at = new Date('2026-04-02T10:00:00Z');
const key = testAuditKey();

function draft(i: number, extra: Partial<AuditDraft> = {}): AuditDraft {
  return { actor: { organisationId: 'kz-customs', via: 'api-key', keyId: `k${i}` }, action: 'key.create', target: `key-${i}`, outcome: 'success', details: { i }, ...extra };
}

const build = (d: AuditDraft) => (tip: AuditTip) => extendLog(tip, d, at, key);
const append = (store: Store, d: AuditDraft) => store.audit.append(build(d));
const captureBuilder = (job?: string): CaptureAuditBuilder => (logged, tip) =>
  extendLog(tip, captureDraft({ binding: 'json', ...(job ? { captureJobID: job } : {}) }, logged), at, key);

/** The tree hash of the first `size` leaves, from the nodes the store keeps. */
async function storedRoot(store: Store, size: number): Promise<string> {
  const nodes = new Map<string, Buffer>();
  for (let level = 0; 2 ** level <= size; level++) {
    for (const node of await store.audit.levelPage(level, -1, 10_000)) nodes.set(`${node.level}:${node.index}`, node.hash);
  }
  return treeHash(size, ({ level, index }) => nodes.get(`${level}:${index}`)!).toString('hex');
}

export function auditSuite(name: string, open: () => Promise<Store>): void {
  describe(`audit suite: ${name}`, () => {
    it('starts empty, then appends entries onto the tip it hands the builder, with the tree and head', () =>
      withStore(open, async (store) => {
        expect(await store.audit.last()).toBeUndefined();
        expect(await store.audit.head()).toBeUndefined();
        expect(await store.audit.list({ limit: 10 })).toEqual([]);
        const seen: AuditTip[] = [];
        const spy = (d: AuditDraft) => (tip: AuditTip) => {
          seen.push(tip);
          return extendLog(tip, d, at, key);
        };
        const first = await store.audit.append(spy(draft(1)));
        expect(seen[0]).toEqual({});
        expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
        const second = await store.audit.append(spy(draft(2)));
        expect(seen[1]!.last).toEqual(first);
        expect(seen[1]!.head).toMatchObject({ treeSize: 1, rootHash: entryLeafHash(first).toString('hex') });
        expect(second).toMatchObject({ seq: 2, prevHash: first.hash });
        expect(await store.audit.last()).toEqual(second);
        const head = (await store.audit.head())!;
        expect(head.treeSize).toBe(2);
        expect(headProblem(headFields(head), key.publicKey)).toBeUndefined();
        expect(frontierRoot(head.frontier.map((h) => Buffer.from(h, 'hex'))).toString('hex')).toBe(head.rootHash);
        expect(await storedRoot(store, 2)).toBe(head.rootHash);
      }));

    it('gives entries back exactly as sealed, with and without a target, with nested details', () =>
      withStore(open, async (store) => {
        const sealed = [
          await append(store, draft(1)),
          await append(store, { actor: { via: 'system' }, action: 'epcis.capture', outcome: 'success', details: { hashIDs: ['ni:///sha-256;ab?ver=CBV2.0'], deep: { b: [1, { c: null }], a: 'ü' } } }),
          await append(store, draft(3, { outcome: 'denied' })),
        ];
        const listed = await store.audit.list({ limit: 10 });
        expect(listed).toEqual(sealed);
        expect('target' in listed[1]!).toBe(false);
        expect(await verifyChain(listed)).toMatchObject({ ok: true, checked: 3 });
      }));

    it('pages entries by afterSeq and limit, and tree nodes by level and index', () =>
      withStore(open, async (store) => {
        for (let i = 1; i <= 7; i++) await append(store, draft(i));
        expect((await store.audit.list({ limit: 3 })).map((e) => e.seq)).toEqual([1, 2, 3]);
        expect((await store.audit.list({ afterSeq: 3, limit: 3 })).map((e) => e.seq)).toEqual([4, 5, 6]);
        expect((await store.audit.list({ afterSeq: 6, limit: 3 })).map((e) => e.seq)).toEqual([7]);
        expect(await store.audit.list({ afterSeq: 7, limit: 3 })).toEqual([]);
        expect((await store.audit.levelPage(0, -1, 4)).map((n) => n.index)).toEqual([0, 1, 2, 3]);
        expect((await store.audit.levelPage(0, 3, 4)).map((n) => n.index)).toEqual([4, 5, 6]);
        expect((await store.audit.levelPage(1, -1, 10)).map((n) => n.index)).toEqual([0, 1, 2]);
        expect((await store.audit.levelPage(2, -1, 10)).map((n) => n.index)).toEqual([0]);
        expect(await store.audit.levelPage(3, -1, 10)).toEqual([]);
        const wanted = await store.audit.nodes([{ level: 2, index: 0 }, { level: 0, index: 6 }, { level: 2, index: 1 }]);
        expect(wanted.map((n) => `${n.level}:${n.index}`).sort()).toEqual(['0:6', '2:0']);
        expect(await storedRoot(store, 7)).toBe((await store.audit.head())!.rootHash);
      }));

    it('refuses an append that does not follow the tip, and stores nothing of it', () =>
      withStore(open, async (store) => {
        const first = await append(store, draft(1));
        const headBefore = await store.audit.head();
        await expect(store.audit.append(() => extendLog({}, draft(2), at, key))).rejects.toThrow();
        await expect(store.audit.append((tip) => ({ ...extendLog(tip, draft(2), at, key), entry: { ...extendLog(tip, draft(2), at, key).entry, seq: 5 } }))).rejects.toThrow();
        await expect(store.audit.append((tip) => ({ ...extendLog(tip, draft(2), at, key), head: { ...extendLog(tip, draft(2), at, key).head, treeSize: 3 } }))).rejects.toThrow();
        expect(await store.audit.last()).toEqual(first);
        expect(await store.audit.head()).toEqual(headBefore);
        expect(await store.audit.levelPage(0, -1, 10)).toHaveLength(1);
      }));

    it('a builder that throws appends nothing', () =>
      withStore(open, async (store) => {
        await append(store, draft(1));
        await expect(store.audit.append(() => { throw new Error('no'); })).rejects.toThrow('no');
        expect((await store.audit.list({ limit: 10 })).map((e) => e.seq)).toEqual([1]);
      }));

    it('many appends started at once form one chain under one head', () =>
      withStore(open, async (store) => {
        await Promise.all(Array.from({ length: 200 }, (_, i) => append(store, draft(i))));
        const listed = await store.audit.list({ limit: 1000 });
        expect(listed.map((e) => e.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
        expect(await verifyChain(listed)).toMatchObject({ ok: true, checked: 200 });
        expect(await storedRoot(store, 200)).toBe((await store.audit.head())!.rootHash);
      }));

    it('adds nodes computed elsewhere, keeping those it has', () =>
      withStore(open, async (store) => {
        await append(store, draft(1));
        const stored = (await store.audit.nodes([{ level: 0, index: 0 }]))[0]!;
        await store.audit.addNodes([{ level: 0, index: 0, hash: Buffer.alloc(32, 7) }, { level: 0, index: 1, hash: Buffer.alloc(32, 9) }]);
        expect((await store.audit.nodes([{ level: 0, index: 0 }]))[0]!.hash).toEqual(stored.hash);
        expect((await store.audit.nodes([{ level: 0, index: 1 }]))[0]!.hash).toEqual(Buffer.alloc(32, 9));
      }));

    describe('capture entries in the transaction that stores the events', () => {
      it('appends one entry listing the stored events, and each row knows it', () =>
        withStore(open, async (store) => {
          await append(store, draft(1));
          const events = shipments(2);
          const outcome = await store.events.insert(asNew(events), captureBuilder('job-1'));
          expect(outcome.auditSeq).toBe(2);
          const entry = (await store.audit.last())!;
          expect(entry).toMatchObject({ seq: 2, action: 'epcis.capture', target: 'job-1', details: { events: 10, hashIDs: outcome.inserted, binding: 'json' } });
          const rows = await store.events.logged(0, 100);
          expect(rows.map((r) => r.auditSeq)).toEqual(Array(10).fill(2));
          expect(rows.map((r) => r.hashID)).toEqual(outcome.inserted);
          expect((await store.audit.head())!.treeSize).toBe(2);
        }));

      it('writes no entry when every event was stored already, and one per batch otherwise', () =>
        withStore(open, async (store) => {
          const events = shipments(1);
          await store.events.insert(asNew(events), captureBuilder());
          const again = await store.events.insert(asNew(events), captureBuilder());
          expect(again).toEqual({ inserted: [], insertedAt: [], duplicates: asNew(events).map((e) => e.hashID), aliased: [], conflicts: [] });
          const more = await store.events.insert(asNew([...events, legEvent(9, 0)]), captureBuilder());
          expect(more.auditSeq).toBe(2);
          expect((await store.audit.list({ limit: 10 })).map((e) => (e.details as { events: number }).events)).toEqual([5, 1]);
        }));

      it('stores neither the events nor the entry when the entry cannot be built', () =>
        withStore(open, async (store) => {
          const failing: CaptureAuditBuilder = () => {
            throw new Error('no key');
          };
          await expect(store.events.insert(asNew(shipments(1)), failing)).rejects.toThrow('no key');
          expect(await store.events.total()).toBe(0);
          expect(await store.audit.last()).toBeUndefined();
          // Nothing half-done blocks the next capture.
          expect((await store.events.insert(asNew(shipments(1)), captureBuilder())).inserted).toHaveLength(5);
        }));

      it('logs events the same capture job stored earlier without an entry, and no one else’s', () =>
        withStore(open, async (store) => {
          const events = shipments(2);
          const rows = asNew(events).map((row, i) => ({ ...row, captureJobID: i < 5 ? 'job-a' : 'job-b' }));
          // As an earlier version did: the events stored, their entry never written.
          await store.events.insert(rows);
          expect((await store.events.logged(0, 100)).every((r) => r.auditSeq === undefined)).toBe(true);
          const resumed = await store.events.insert(rows.map((row) => ({ ...row, captureJobID: 'job-a' })), captureBuilder('job-a'));
          expect(resumed.inserted).toEqual([]);
          expect(resumed.recovered).toEqual(rows.slice(0, 5).map((r) => r.hashID));
          expect((await store.audit.last())!.details).toMatchObject({ events: 5, recovered: 5, hashIDs: rows.slice(0, 5).map((r) => r.hashID) });
          expect((await store.events.logged(0, 100)).map((r) => r.auditSeq ?? null)).toEqual([1, 1, 1, 1, 1, null, null, null, null, null]);
        }));
    });
  });
}
