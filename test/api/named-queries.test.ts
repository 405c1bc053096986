// Named queries belong to the organisation that created them: others cannot read, run, list or
// delete them, and are answered exactly as for a query that does not exist; each organisation has
// its own names; the network operator sees and deletes any; creation and deletion are audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/model/governance.js';
import { startTestApp, TEST_BOOTSTRAP_TOKEN, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
const keys: Record<string, string> = {};
const as = (who: string) => ({ authorization: `Bearer ${who === 'operator' ? TEST_BOOTSTRAP_TOKEN : keys[who]!}` });

beforeAll(async () => {
  t = await startTestApp();
  for (const [id, country] of [['kz-forwarder', 'KZ'], ['uz-forwarder', 'UZ']] as const) {
    await t.runtime.access.createOrganisation('cli', { id, name: id, kind: 'forwarder', country, partyIds: [], locations: [] });
    keys[id] = (await t.runtime.access.createApiKey('cli', { organisationId: id, name: 'k', scopes: ['read', 'capture'] })).secret;
  }
});
afterAll(async () => t?.close());

const create = (who: string, name: string, query: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/epcis/queries', headers: { ...as(who), 'content-type': 'application/json' }, payload: JSON.stringify({ name, query }) });
const request = (who: string, method: 'GET' | 'DELETE', url: string) => t.app.inject({ method, url, headers: as(who) });
const auditEntries = async (action: string): Promise<AuditEntry[]> => (await t.runtime.store.audit.list({ limit: 1000 })).filter((e) => e.action === action);

/** A problem body with the query name taken out, to compare two 404s. */
const withoutName = (body: string, name: string) => body.split(name).join('<name>');

describe('named queries belong to their organisation', () => {
  const containers = { MATCH_epc: ['urn:epc:id:sscc:4870001.0000000042'], EQ_bizTransaction_bol: ['urn:epcglobal:cbv:bt:4870001000018:BOOK-77'] };

  it("hides one organisation's query from another: 404 as for a query that does not exist, and not listed", async () => {
    expect((await create('kz-forwarder', 'my-containers', containers)).statusCode).toBe(201);
    expect((await request('kz-forwarder', 'GET', '/epcis/queries/my-containers')).json()).toMatchObject({ name: 'my-containers', query: containers });

    for (const [method, path] of [['GET', ''], ['GET', '/events'], ['DELETE', '']] as const) {
      const theirs = await request('uz-forwarder', method, `/epcis/queries/my-containers${path}`);
      const missing = await request('uz-forwarder', method, `/epcis/queries/no-such-query${path}`);
      expect(theirs.statusCode, `${method} ${path}`).toBe(404);
      expect(withoutName(theirs.body, 'my-containers')).toBe(withoutName(missing.body, 'no-such-query'));
      expect(theirs.body).not.toContain('BOOK-77');
    }
    // Naming the owner does not help either.
    expect((await request('uz-forwarder', 'GET', '/epcis/queries/my-containers?owner=kz-forwarder')).statusCode).toBe(404);
    expect((await request('uz-forwarder', 'GET', '/epcis/queries')).json()).toEqual([]);
    // Still there for its owner.
    expect((await request('kz-forwarder', 'GET', '/epcis/queries')).json().map((q: { name: string }) => q.name)).toEqual(['my-containers']);
  });

  it('gives each organisation its own names: a name another organisation uses just works', async () => {
    const mine = { EQ_bizStep: ['departing'] };
    expect((await create('uz-forwarder', 'my-containers', mine)).statusCode).toBe(201);
    expect((await request('uz-forwarder', 'GET', '/epcis/queries/my-containers')).json().query).toEqual(mine);
    expect((await request('kz-forwarder', 'GET', '/epcis/queries/my-containers')).json().query).toEqual(containers);
    // Within one organisation a name is still taken once.
    expect((await create('uz-forwarder', 'my-containers', mine)).statusCode).toBe(409);
  });

  it('lets the network operator list every query with its owner and delete any of them', async () => {
    expect((await create('kz-forwarder', 'to-remove', { EQ_bizStep: ['arriving'] })).statusCode).toBe(201);
    const listed = (await request('operator', 'GET', '/epcis/queries')).json() as { name: string; owner: string | null }[];
    expect(listed.map((q) => `${q.owner}/${q.name}`).sort()).toEqual(['kz-forwarder/my-containers', 'kz-forwarder/to-remove', 'uz-forwarder/my-containers']);
    expect((await request('operator', 'GET', '/epcis/queries/to-remove?owner=kz-forwarder')).json()).toMatchObject({ name: 'to-remove', owner: 'kz-forwarder' });
    expect((await request('operator', 'DELETE', '/epcis/queries/to-remove?owner=kz-forwarder')).statusCode).toBe(204);
    expect((await request('kz-forwarder', 'GET', '/epcis/queries/to-remove')).statusCode).toBe(404);
    const deleted = (await auditEntries('named-query.delete')).filter((e) => e.outcome === 'success');
    expect(deleted.at(-1)).toMatchObject({ actor: { organisationId: 'network-operator' }, target: 'kz-forwarder/to-remove' });
  });

  it('lets the owner delete its own, and leaves the same name of another organisation alone', async () => {
    expect((await request('uz-forwarder', 'DELETE', '/epcis/queries/my-containers')).statusCode).toBe(204);
    expect((await request('uz-forwarder', 'GET', '/epcis/queries/my-containers')).statusCode).toBe(404);
    expect((await request('kz-forwarder', 'GET', '/epcis/queries/my-containers')).statusCode).toBe(200);
  });

  it('writes creation and deletion to the audit log, never the definition, and records refused deletions', async () => {
    const created = (await auditEntries('named-query.create')).filter((e) => e.outcome === 'success');
    expect(created.map((e) => [e.actor.organisationId, e.target])).toEqual([
      ['kz-forwarder', 'kz-forwarder/my-containers'],
      ['uz-forwarder', 'uz-forwarder/my-containers'],
      ['kz-forwarder', 'kz-forwarder/to-remove'],
    ]);
    expect(JSON.stringify(created)).not.toContain('BOOK-77');
    const deletions = await auditEntries('named-query.delete');
    expect(deletions.filter((e) => e.outcome === 'success').map((e) => [e.actor.organisationId, e.target])).toEqual([
      ['network-operator', 'kz-forwarder/to-remove'],
      ['uz-forwarder', 'uz-forwarder/my-containers'],
    ]);
    // The uz forwarder's attempt on the kz forwarder's query in the first test.
    expect(deletions.some((e) => e.outcome !== 'success' && e.actor.organisationId === 'uz-forwarder')).toBe(true);
  });

  it('keeps queries made before they had owners for the network operator alone', async () => {
    await t.runtime.store.namedQueries.create({ owner: null, name: 'from-before', query: { EQ_bizStep: ['shipping'] }, createdAt: '2025-01-01T00:00:00.000Z' });
    expect((await request('kz-forwarder', 'GET', '/epcis/queries/from-before')).statusCode).toBe(404);
    expect((await request('kz-forwarder', 'GET', '/epcis/queries')).json().map((q: { name: string }) => q.name)).not.toContain('from-before');
    const listed = (await request('operator', 'GET', '/epcis/queries')).json() as { name: string; owner: string | null }[];
    expect(listed).toContainEqual(expect.objectContaining({ name: 'from-before', owner: null }));
    expect((await request('operator', 'GET', '/epcis/queries/from-before?owner=')).statusCode).toBe(200);
    expect((await request('operator', 'DELETE', '/epcis/queries/from-before?owner=')).statusCode).toBe(204);
  });
});
