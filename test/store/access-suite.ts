/**
 * The access repository (organisations, users, API keys, sessions, public links), written against
 * the Store interface only, so every store implementation runs it unchanged. `open` must give a new,
 * empty store on each call.
 */
import { describe, expect, it } from 'vitest';
import type { Organisation, StoredApiKey, StoredUser } from '../../src/model/access.js';
import { PartyIdTaken, type Store } from '../../src/store/store.js';
import { withStore } from './with-store.js';


const T0 = '2026-03-01T08:00:00.000Z';

/** A party id of its own for each organisation id (a party belongs to one organisation). */
function pglnOf(id: string): string {
  let n = 0;
  for (const c of id) n = (n * 31 + c.charCodeAt(0)) % 100_000;
  return `urn:epc:id:pgln:4870001.${String(n).padStart(5, '0')}`;
}

function organisation(id: string, extra: Partial<Organisation> = {}): Organisation {
  return { id, name: `Organisation ${id}`, kind: 'carrier', country: 'KZ', status: 'active', partyIds: [pglnOf(id)], locations: [], createdAt: T0, ...extra };
}

function user(id: string, organisationId: string, email: string): StoredUser {
  return { id, organisationId, email, name: `User ${id}`, role: 'operator', status: 'active', createdAt: T0, passwordHash: 'scrypt$16384$8$1$c2FsdA==$aGFzaA==', failedSignIns: 0 };
}

function key(id: string, organisationId: string): StoredApiKey {
  return { id, organisationId, name: `key ${id}`, scopes: ['read', 'capture'], createdAt: T0, secretHash: 'ab'.repeat(32) };
}

export function accessSuite(name: string, open: () => Promise<Store>): void {
  describe(`access repository: ${name}`, () => {
    it('creates organisations once, reads, lists by country and kind, and updates them', () =>
      withStore(open, async (store) => {
        const orgs = store.access.organisations;
        expect(await orgs.create(organisation('kz-rail', { kind: 'railway', locations: ['KZ-DOSTYK'] }))).toBe(true);
        expect(await orgs.create(organisation('kz-customs', { kind: 'customs-authority' }))).toBe(true);
        expect(await orgs.create(organisation('uz-customs', { kind: 'customs-authority', country: 'UZ' }))).toBe(true);
        const { country: _country, ...withoutCountry } = organisation('secretariat', { kind: 'secretariat' });
        expect(await orgs.create(withoutCountry)).toBe(true);
        expect(await orgs.create(organisation('kz-rail', { name: 'Another' }))).toBe(false);

        expect(await orgs.get('kz-rail')).toEqual(organisation('kz-rail', { kind: 'railway', locations: ['KZ-DOSTYK'] }));
        expect(await orgs.get('secretariat')).toEqual(withoutCountry);
        expect(await orgs.get('nobody')).toBeUndefined();
        expect((await orgs.list()).map((o) => o.id)).toEqual(['kz-customs', 'kz-rail', 'secretariat', 'uz-customs']);
        expect((await orgs.list({ country: 'KZ' })).map((o) => o.id)).toEqual(['kz-customs', 'kz-rail']);
        expect((await orgs.list({ kind: 'customs-authority' })).map((o) => o.id)).toEqual(['kz-customs', 'uz-customs']);
        expect((await orgs.list({ country: 'UZ', kind: 'customs-authority' })).map((o) => o.id)).toEqual(['uz-customs']);

        const updated = await orgs.update('kz-rail', { status: 'suspended', partyIds: ['a', 'b'] });
        expect(updated?.status).toBe('suspended');
        expect(updated?.partyIds).toEqual(['a', 'b']);
        expect(updated?.name).toBe('Organisation kz-rail');
        expect(await orgs.update('nobody', { status: 'suspended' })).toBeUndefined();
      }));

    it('gives a party to one organisation only, whatever its spelling, also on update', () =>
      withStore(open, async (store) => {
        const orgs = store.access.organisations;
        const pgln = 'urn:epc:id:pgln:4870001.00506';
        const digitalLink = 'https://id.gs1.org/417/4870001005061';
        // Both spellings on one organisation are one claim.
        expect(await orgs.create(organisation('uz-forwarder', { partyIds: [pgln, digitalLink] }))).toBe(true);
        const taken = await orgs.create(organisation('kz-spy', { partyIds: ['urn:epc:id:pgln:4870001.00999', digitalLink] })).catch((e: unknown) => e);
        expect(taken).toBeInstanceOf(PartyIdTaken);
        expect(taken).toMatchObject({ partyId: digitalLink, holder: 'uz-forwarder' });
        // Nothing of the refused organisation was kept: not the row, not its other party id.
        expect(await orgs.get('kz-spy')).toBeUndefined();
        expect(await orgs.create(organisation('kz-other', { partyIds: ['urn:epc:id:pgln:4870001.00999'] }))).toBe(true);
        // An id already taken is still reported as such.
        expect(await orgs.create(organisation('uz-forwarder', { partyIds: [] }))).toBe(false);

        const onUpdate = await orgs.update('kz-other', { partyIds: ['urn:epc:id:pgln:4870001.00999', pgln] }).catch((e: unknown) => e);
        expect(onUpdate).toBeInstanceOf(PartyIdTaken);
        expect((await orgs.get('kz-other'))?.partyIds).toEqual(['urn:epc:id:pgln:4870001.00999']);
        // Released by its holder, the party can be given to another organisation.
        await orgs.update('uz-forwarder', { partyIds: [] });
        expect((await orgs.update('kz-other', { partyIds: [pgln] }))?.partyIds).toEqual([pgln]);
        expect(await orgs.create(organisation('kz-third', { partyIds: ['urn:epc:id:pgln:4870001.00999'] }))).toBe(true);
      }));

    it('keeps users with unique lower-case emails and clears a lock when asked', () =>
      withStore(open, async (store) => {
        await store.access.organisations.create(organisation('kz-rail'));
        const users = store.access.users;
        expect(await users.create(user('u1', 'kz-rail', 'Aigerim@Example.KZ'))).toBe(true);
        expect(await users.create(user('u2', 'kz-rail', 'aigerim@example.kz'))).toBe(false);
        expect(await users.create(user('u3', 'kz-rail', 'bolat@example.kz'))).toBe(true);
        expect((await users.byEmail('AIGERIM@example.kz'))?.id).toBe('u1');
        expect((await users.get('u1'))?.email).toBe('aigerim@example.kz');
        expect((await users.list('kz-rail')).map((u) => u.id)).toEqual(['u1', 'u3']);
        expect(await users.list('other')).toEqual([]);

        const locked = await users.update('u1', { failedSignIns: 3, lockedUntil: '2026-03-01T09:00:00.000Z', role: 'admin' });
        expect(locked).toMatchObject({ failedSignIns: 3, lockedUntil: '2026-03-01T09:00:00.000Z', role: 'admin', name: 'User u1' });
        const unlocked = await users.update('u1', { failedSignIns: 0, lockedUntil: undefined });
        expect(unlocked?.failedSignIns).toBe(0);
        expect(unlocked && 'lockedUntil' in unlocked).toBe(false);
        expect((await users.update('u3', { status: 'disabled' }))?.status).toBe('disabled');
      }));

    it('stores API keys with their hash, last use and revocation', () =>
      withStore(open, async (store) => {
        await store.access.organisations.create(organisation('kz-rail'));
        await store.access.organisations.create(organisation('uz-rail', { country: 'UZ' }));
        await store.access.apiKeys.create(key('k1', 'kz-rail'));
        await store.access.apiKeys.create({ ...key('k2', 'kz-rail'), createdAt: '2026-03-02T00:00:00.000Z', scopes: ['admin'] });
        await store.access.apiKeys.create(key('k3', 'uz-rail'));
        expect(await store.access.apiKeys.get('k1')).toEqual(key('k1', 'kz-rail'));
        expect((await store.access.apiKeys.list('kz-rail')).map((k) => [k.id, k.scopes])).toEqual([['k1', ['read', 'capture']], ['k2', ['admin']]]);
        await store.access.apiKeys.update('k1', { lastUsedAt: '2026-03-03T00:00:00.000Z' });
        await store.access.apiKeys.update('k1', { revokedAt: '2026-03-04T00:00:00.000Z' });
        expect(await store.access.apiKeys.get('k1')).toMatchObject({ lastUsedAt: '2026-03-03T00:00:00.000Z', revokedAt: '2026-03-04T00:00:00.000Z', secretHash: 'ab'.repeat(32) });
        expect(await store.access.apiKeys.get('nope')).toBeUndefined();
      }));

    it('keeps sessions by hash, slides them, and forgets expired ones and those of a user', () =>
      withStore(open, async (store) => {
        await store.access.organisations.create(organisation('kz-rail'));
        await store.access.users.create(user('u1', 'kz-rail', 'a@example.kz'));
        await store.access.users.create(user('u2', 'kz-rail', 'b@example.kz'));
        const sessions = store.access.sessions;
        await sessions.create({ idHash: 'h1', userId: 'u1', createdAt: T0, expiresAt: '2026-03-01T10:00:00.000Z', lastSeenAt: T0 });
        await sessions.create({ idHash: 'h2', userId: 'u1', createdAt: T0, expiresAt: '2026-03-01T20:00:00.000Z', lastSeenAt: T0 });
        await sessions.create({ idHash: 'h3', userId: 'u2', createdAt: T0, expiresAt: '2026-03-01T20:00:00.000Z', lastSeenAt: T0 });
        expect(await sessions.get('h1')).toEqual({ idHash: 'h1', userId: 'u1', createdAt: T0, expiresAt: '2026-03-01T10:00:00.000Z', lastSeenAt: T0 });
        await sessions.update('h1', { lastSeenAt: '2026-03-01T09:00:00.000Z', expiresAt: '2026-03-01T21:00:00.000Z' });
        expect(await sessions.get('h1')).toMatchObject({ lastSeenAt: '2026-03-01T09:00:00.000Z', expiresAt: '2026-03-01T21:00:00.000Z' });
        expect(await sessions.deleteExpired('2026-03-01T20:30:00.000Z')).toBe(2);
        expect(await sessions.get('h1')).toBeDefined();
        expect(await sessions.get('h3')).toBeUndefined();
        await sessions.create({ idHash: 'h4', userId: 'u2', createdAt: T0, expiresAt: '2026-03-02T20:00:00.000Z', lastSeenAt: T0 });
        await sessions.deleteForUser('u1');
        expect(await sessions.get('h1')).toBeUndefined();
        expect(await sessions.get('h4')).toBeDefined();
        await sessions.delete('h4');
        expect(await sessions.get('h4')).toBeUndefined();
      }));

    it('keeps public links by token hash, lists them newest first, and revokes them once', () =>
      withStore(open, async (store) => {
        const links = store.access.publicLinks;
        const link = (id: string, shipmentId: string, createdAt: string) => ({
          id, tokenHash: `t-${id}`, shipmentId, organisationId: 'kz-rail', createdAt, expiresAt: '2026-04-01T00:00:00.000Z',
        });
        await links.create(link('l1', 's1', '2026-03-01T00:00:00.000Z'));
        await links.create(link('l2', 's2', '2026-03-02T00:00:00.000Z'));
        await links.create(link('l3', 's1', '2026-03-03T00:00:00.000Z'));
        expect(await links.get('l1')).toEqual(link('l1', 's1', '2026-03-01T00:00:00.000Z'));
        expect((await links.byTokenHash('t-l2'))?.id).toBe('l2');
        expect(await links.byTokenHash('t-none')).toBeUndefined();
        expect((await links.list('kz-rail')).map((l) => l.id)).toEqual(['l3', 'l2', 'l1']);
        expect((await links.list('kz-rail', 's1')).map((l) => l.id)).toEqual(['l3', 'l1']);
        expect(await links.list('uz-rail')).toEqual([]);
        await links.revoke('l1', '2026-03-05T00:00:00.000Z');
        await links.revoke('l1', '2026-03-06T00:00:00.000Z');
        expect((await links.get('l1'))?.revokedAt).toBe('2026-03-05T00:00:00.000Z');
      }));
  });
}
