/**
 * The alerts repository suite, written against the Store interface only: every store runs it
 * unchanged (test/store/stores.test.ts). `open` must give a new, empty store on each call.
 */
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src/model/alerts.js';
import { ALERTS_FOLLOWER, CheckpointConflict, type Store } from '../../src/store/store.js';
import { withStore } from './with-store.js';

export const alert = (id: string, extra: Partial<Alert> = {}): Alert => ({
  id,
  kind: 'seal-breached',
  severity: 'critical',
  status: 'open',
  key: `seal-breached|${id}`,
  shipmentKey: 's1',
  shipmentId: 'SHP-1',
  summary: 'Seal reports code 01',
  details: { sealCodes: ['01'] },
  audience: ['org:kz-rail'],
  since: '2026-03-01T10:00:00.000Z',
  lastSeen: '2026-03-01T10:00:00.000Z',
  occurrences: 1,
  eventIds: ['ni:///sha-256;a?ver=CBV2.0'],
  openedAt: '2026-03-01T10:00:05.000Z',
  updatedAt: '2026-03-01T10:00:05.000Z',
  notes: [],
  ...extra,
});

const checkpoint = (from: number, to: number) => ({ follower: ALERTS_FOLLOWER, from, to });

export function alertsSuite(name: string, open: () => Promise<Store>): void {
  describe(`alerts (${name})`, () => {
    it('writes alerts with the follower checkpoint, or nothing when the checkpoint moved', async () => {
      await withStore(open, async (store) => {
        await store.alerts.commit({ alerts: [alert('a1'), alert('a2', { key: 'route-deviation|s1', kind: 'route-deviation', severity: 'warning' })], checkpoint: checkpoint(0, 10) });
        expect((await store.followers.get(ALERTS_FOLLOWER))?.position).toBe(10);
        expect(await store.alerts.get('a1')).toEqual(alert('a1'));
        await expect(store.alerts.commit({ alerts: [alert('a3')], checkpoint: checkpoint(5, 12) })).rejects.toBeInstanceOf(CheckpointConflict);
        expect(await store.alerts.get('a3')).toBeUndefined();
        expect((await store.followers.get(ALERTS_FOLLOWER))?.position).toBe(10);
      });
    });

    it('keeps one unresolved alert per key, and resolved ones as history', async () => {
      await withStore(open, async (store) => {
        await store.alerts.commit({ alerts: [alert('a1', { key: 'k' })], checkpoint: checkpoint(0, 1) });
        expect([...(await store.alerts.unresolved(['k', 'other'])).keys()]).toEqual(['k']);
        // A second unresolved alert under the same key is refused by the store, whatever the caller does.
        await expect(store.alerts.commit({ alerts: [alert('a2', { key: 'k' })], checkpoint: checkpoint(1, 2) })).rejects.toThrow();
        expect(await store.alerts.get('a2')).toBeUndefined();
        await store.alerts.commit({ alerts: [alert('a1', { key: 'k', status: 'resolved', updatedAt: '2026-03-01T11:00:00.000Z' }), alert('a2', { key: 'k' })], checkpoint: checkpoint(1, 2) });
        expect((await store.alerts.unresolved(['k'])).get('k')?.id).toBe('a2');
        expect((await store.alerts.get('a1'))?.status).toBe('resolved');
      });
    });

    it('raises an alert found by a watch only when none is unresolved under its key', async () => {
      await withStore(open, async (store) => {
        expect(await store.alerts.raise(alert('w1', { key: 'border-dwell|s1', kind: 'border-dwell' }))).toBe(true);
        expect(await store.alerts.raise(alert('w2', { key: 'border-dwell|s1', kind: 'border-dwell' }))).toBe(false);
        expect(await store.alerts.get('w2')).toBeUndefined();
        await store.alerts.update({ ...(await store.alerts.get('w1'))!, status: 'resolved', updatedAt: '2026-03-01T12:00:00.000Z' }, '2026-03-01T10:00:05.000Z');
        expect(await store.alerts.raise(alert('w2', { key: 'border-dwell|s1', kind: 'border-dwell' }))).toBe(true);
        // Nor when an alert with its id exists, resolved or not.
        await store.alerts.update({ ...(await store.alerts.get('w2'))!, status: 'resolved', updatedAt: '2026-03-01T12:30:00.000Z' }, '2026-03-01T10:00:05.000Z');
        expect(await store.alerts.raise(alert('w2', { key: 'border-dwell|s1', kind: 'border-dwell' }))).toBe(false);
        // Raising writes no follower checkpoint.
        expect(await store.followers.get(ALERTS_FOLLOWER)).toBeUndefined();
      });
    });

    it('lists by filter, most recently updated first, page after page', async () => {
      await withStore(open, async (store) => {
        const minute = (m: number) => `2026-03-01T10:${String(m).padStart(2, '0')}:00.000Z`;
        const alerts = [
          alert('a1', { key: 'k1', updatedAt: minute(1), corridor: 'middle-corridor', country: 'KZ' }),
          alert('a2', { key: 'k2', updatedAt: minute(3), kind: 'signal-lost', severity: 'warning', deviceId: 'seal-2' }),
          alert('a3', { key: 'k3', updatedAt: minute(2), status: 'acknowledged', shipmentKey: 's2' }),
          alert('a4', { key: 'k4', updatedAt: minute(2), status: 'resolved', country: 'UZ' }),
        ];
        await store.alerts.commit({ alerts, checkpoint: checkpoint(0, 4) });
        const ids = (list: Alert[]) => list.map((a) => a.id);
        expect(ids(await store.alerts.list({}, { limit: 10 }))).toEqual(['a2', 'a4', 'a3', 'a1']);
        expect(ids(await store.alerts.list({ status: ['open', 'acknowledged'] }, { limit: 10 }))).toEqual(['a2', 'a3', 'a1']);
        expect(ids(await store.alerts.list({ kind: ['signal-lost'] }, { limit: 10 }))).toEqual(['a2']);
        expect(ids(await store.alerts.list({ severity: ['critical'], country: 'KZ' }, { limit: 10 }))).toEqual(['a1']);
        expect(ids(await store.alerts.list({ shipmentKey: 's2' }, { limit: 10 }))).toEqual(['a3']);
        expect(ids(await store.alerts.list({ deviceId: 'seal-2' }, { limit: 10 }))).toEqual(['a2']);
        expect(ids(await store.alerts.list({ corridor: 'middle-corridor' }, { limit: 10 }))).toEqual(['a1']);
        const first = await store.alerts.list({}, { limit: 2 });
        const last = first.at(-1)!;
        expect(ids(await store.alerts.list({}, { limit: 2, after: { updatedAt: last.updatedAt, id: last.id } }))).toEqual(['a3', 'a1']);
      });
    });

    it('writes a person\'s act only over the alert as it was read', async () => {
      await withStore(open, async (store) => {
        await store.alerts.commit({ alerts: [alert('a1')], checkpoint: checkpoint(0, 1) });
        const read = (await store.alerts.get('a1'))!;
        const acknowledged = { ...read, status: 'acknowledged' as const, acknowledged: { by: 'u1', at: '2026-03-01T10:05:00.000Z' }, updatedAt: '2026-03-01T10:05:00.000Z' };
        expect(await store.alerts.update(acknowledged, read.updatedAt)).toBe(true);
        // A second writer that read the alert before the first wrote: refused, nothing changed.
        const stale = { ...read, status: 'resolved' as const, updatedAt: '2026-03-01T10:06:00.000Z' };
        expect(await store.alerts.update(stale, read.updatedAt)).toBe(false);
        expect(await store.alerts.get('a1')).toEqual(acknowledged);
        expect(await store.alerts.update(alert('nobody'), read.updatedAt)).toBe(false);
      });
    });
  });
}
