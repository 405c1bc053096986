/**
 * The audit repository suite, written against the Store interface only (see store-suite.ts):
 * `auditSuite('sqlite', () => openSqliteStore(...))`. `open` must give a new, empty store.
 */
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, sealEntry, verifyChain } from '../../src/governance/audit-chain.js';
import type { AuditDraft, AuditEntry } from '../../src/governance/model.js';
import type { Store } from '../../src/store/store.js';
import { withStore } from './with-store.js';


const at = new Date('2026-04-02T10:00:00Z');

function draft(i: number, extra: Partial<AuditDraft> = {}): AuditDraft {
  return { actor: { organisationId: 'kz-customs', via: 'api-key', keyId: `k${i}` }, action: 'key.create', target: `key-${i}`, outcome: 'success', details: { i }, ...extra };
}

const append = (store: Store, d: AuditDraft) => store.audit.append((previous) => sealEntry(previous, d, at));

export function auditSuite(name: string, open: () => Promise<Store>): void {
  describe(`audit suite: ${name}`, () => {
    it('starts empty, then appends entries chained onto the last one', () =>
      withStore(open, async (store) => {
        expect(await store.audit.last()).toBeUndefined();
        expect(await store.audit.list({ limit: 10 })).toEqual([]);
        let seenPrevious: AuditEntry | undefined | null = null;
        const first = await store.audit.append((previous) => {
          seenPrevious = previous;
          return sealEntry(previous, draft(1), at);
        });
        expect(seenPrevious).toBeUndefined();
        expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
        const second = await store.audit.append((previous) => {
          seenPrevious = previous;
          return sealEntry(previous, draft(2), at);
        });
        expect(seenPrevious).toEqual(first);
        expect(second).toMatchObject({ seq: 2, prevHash: first.hash });
        expect(await store.audit.last()).toEqual(second);
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

    it('pages by afterSeq and limit', () =>
      withStore(open, async (store) => {
        for (let i = 1; i <= 7; i++) await append(store, draft(i));
        expect((await store.audit.list({ limit: 3 })).map((e) => e.seq)).toEqual([1, 2, 3]);
        expect((await store.audit.list({ afterSeq: 3, limit: 3 })).map((e) => e.seq)).toEqual([4, 5, 6]);
        expect((await store.audit.list({ afterSeq: 6, limit: 3 })).map((e) => e.seq)).toEqual([7]);
        expect(await store.audit.list({ afterSeq: 7, limit: 3 })).toEqual([]);
      }));

    it('refuses an entry that is not sealed onto the last one, and stores nothing', () =>
      withStore(open, async (store) => {
        const first = await append(store, draft(1));
        await expect(store.audit.append(() => sealEntry(undefined, draft(2), at))).rejects.toThrow();
        await expect(store.audit.append(() => ({ ...sealEntry(first, draft(2), at), seq: 5 }))).rejects.toThrow();
        expect(await store.audit.last()).toEqual(first);
      }));

    it('a builder that throws appends nothing', () =>
      withStore(open, async (store) => {
        await append(store, draft(1));
        await expect(store.audit.append(() => { throw new Error('no'); })).rejects.toThrow('no');
        expect((await store.audit.list({ limit: 10 })).map((e) => e.seq)).toEqual([1]);
      }));

    it('many appends started at once form one chain', () =>
      withStore(open, async (store) => {
        await Promise.all(Array.from({ length: 200 }, (_, i) => append(store, draft(i))));
        const listed = await store.audit.list({ limit: 1000 });
        expect(listed.map((e) => e.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
        expect(await verifyChain(listed)).toMatchObject({ ok: true, checked: 200 });
      }));
  });
}
