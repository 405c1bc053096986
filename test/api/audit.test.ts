import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditExport } from '../../src/governance/audit-export.js';
import { entryLeafHash } from '../../src/governance/log-append.js';
import { verifyConsistency, verifyInclusion } from '../../src/governance/merkle-verify.js';
import type { AuditEntry, TreeHead } from '../../src/model/governance.js';
import { headProblem, publicKeyFrom, type PublishedKey } from '../../src/governance/tree-head.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const BOOTSTRAP = 'bootstrap-token-for-the-audit-test-0123456789';

let t: TestApp;
const keys: Record<string, string> = {};
const bearer = (who: string) => ({ authorization: `Bearer ${keys[who]!}` });

beforeAll(async () => {
  t = await startTestApp({ KARVON_BOOTSTRAP_TOKEN: BOOTSTRAP });
  const organisations = [
    { id: 'cacc-council', name: 'Council', kind: 'council' as const },
    { id: 'ops', name: 'Network operations', kind: 'network-operator' as const },
    { id: 'kz-carrier', name: 'A carrier', kind: 'carrier' as const, country: 'KZ' },
    { id: 'corridor-secretariat', name: 'Secretariat', kind: 'secretariat' as const },
    { id: 'kz-coordinator', name: 'Kazakhstan coordinator', kind: 'national-coordinator' as const, country: 'KZ' },
  ];
  for (const organisation of organisations) {
    await t.runtime.access.createOrganisation('cli', organisation);
    const { secret } = await t.runtime.access.createApiKey('cli', { organisationId: organisation.id, name: 'test', scopes: ['read'] });
    keys[organisation.id] = secret;
  }
}, 60_000);
afterAll(async () => {
  await t?.close();
});

async function entries(): Promise<AuditEntry[]> {
  return t.runtime.store.audit.list({ limit: 500 });
}

describe('GET /api/audit', () => {
  it('lets the council read the log page by page', async () => {
    const all = await entries();
    expect(all.length).toBeGreaterThanOrEqual(4);
    const first = await t.app.inject({ method: 'GET', url: '/api/audit?limit=2', headers: bearer('cacc-council') });
    expect(first.statusCode).toBe(200);
    const page = first.json() as { entries: AuditEntry[]; nextAfterSeq?: number };
    expect(page.entries).toEqual(all.slice(0, 2));
    expect(page.nextAfterSeq).toBe(2);
    const second = await t.app.inject({ method: 'GET', url: `/api/audit?afterSeq=2&limit=2`, headers: bearer('cacc-council') });
    expect((second.json() as { entries: AuditEntry[] }).entries.map((e) => e.seq)).toEqual([3, 4]);
  });

  it('lets the network operator read it, by its key or the bootstrap token', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/audit', headers: bearer('ops') })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/audit', headers: { authorization: `Bearer ${BOOTSTRAP}` } })).statusCode).toBe(200);
  });

  it('refuses a carrier and the secretariat with 403, and records the attempt', async () => {
    for (const who of ['kz-carrier', 'corridor-secretariat']) {
      for (const url of ['/api/audit', '/api/audit/verify', '/api/audit/export']) {
        const response = await t.app.inject({ method: 'GET', url, headers: bearer(who) });
        expect(response.statusCode, `${who} ${url}`).toBe(403);
      }
    }
    const denied = (await entries()).filter((e) => e.action === 'audit.read' && e.outcome === 'denied');
    expect(denied.map((e) => e.actor.organisationId)).toEqual(['kz-carrier', 'kz-carrier', 'kz-carrier', 'corridor-secretariat', 'corridor-secretariat', 'corridor-secretariat']);
  });

  it('answers 401 without credentials or with a wrong key', async () => {
    for (const url of ['/api/audit', '/api/audit/verify', '/api/audit/export']) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
      expect((await t.app.inject({ method: 'GET', url, headers: { authorization: 'Bearer krv_nope_nope' } })).statusCode).toBe(401);
    }
  });

  it('refuses a limit above 500', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/audit?limit=501', headers: bearer('cacc-council') });
    expect(response.statusCode).toBe(400);
  });
});

describe('GET /api/audit/verify and /export', () => {
  it('verifies the chain', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/audit/verify', headers: bearer('cacc-council') });
    expect(response.statusCode).toBe(200);
    const all = await entries();
    const head = (await t.runtime.store.audit.head())!;
    expect(response.json()).toMatchObject({ ok: true, entries: all.length, rootHash: head.rootHash, head: { treeSize: all.length, signature: head.signature }, events: 0 });
  });

  it('serves an export file that verifies offline and records the export', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/audit/export', headers: bearer('ops') });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="karvon-audit-\d{4}-\d{2}-\d{2}\.jsonl"/);
    const result = await verifyAuditExport(Readable.from([response.body]));
    expect(result.ok).toBe(true);
    const last = (await entries()).at(-1)!;
    expect(last).toMatchObject({ action: 'export', outcome: 'success', actor: { organisationId: 'ops', via: 'api-key' } });
    expect(result.entries).toBe(last.seq);
  });
});

describe('witnessing: GET /api/audit/heads, /consistency, /inclusion', () => {
  const get = (url: string, who = 'kz-coordinator') => t.app.inject({ method: 'GET', url, headers: bearer(who) });
  const buf = (hex: string) => Buffer.from(hex, 'hex');

  it('hands a national coordinator the signed head and the node’s public key, which verify', async () => {
    const response = await get('/api/audit/heads');
    expect(response.statusCode).toBe(200);
    const { head, publicKey } = response.json() as { head: TreeHead; publicKey: PublishedKey };
    expect(Object.keys(head).sort()).toEqual(['keyId', 'rootHash', 'signature', 'timestamp', 'treeSize']);
    expect(headProblem(head, publicKeyFrom(publicKey))).toBeUndefined();
    expect(head.treeSize).toBe((await entries()).length);
    for (const who of ['cacc-council', 'ops']) expect((await get('/api/audit/heads', who)).statusCode).toBe(200);
  });

  it('proves a head kept earlier is a prefix of the current tree, and that an entry is in it', async () => {
    const kept = (await get('/api/audit/heads')).json().head as TreeHead;
    // The log moves on.
    for (let i = 0; i < 5; i++) await t.runtime.audit.record({ actor: { via: 'system' }, action: 'test.tick', outcome: 'success', details: { i } });
    const current = (await get('/api/audit/heads')).json().head as TreeHead;
    expect(current.treeSize).toBe(kept.treeSize + 5);
    const proof = (await get(`/api/audit/consistency?from=${kept.treeSize}`)).json() as { from: number; to: number; fromRoot: string; toRoot: string; consistencyPath: string[] };
    expect(proof).toMatchObject({ from: kept.treeSize, to: current.treeSize, fromRoot: kept.rootHash, toRoot: current.rootHash });
    expect(verifyConsistency(kept.treeSize, current.treeSize, buf(kept.rootHash), buf(current.rootHash), proof.consistencyPath.map(buf))).toBe(true);
    // Between two explicit sizes too.
    const between = (await get(`/api/audit/consistency?from=2&to=${kept.treeSize}`)).json() as { toRoot: string; fromRoot: string; consistencyPath: string[] };
    expect(between.toRoot).toBe(kept.rootHash);
    expect(verifyConsistency(2, kept.treeSize, buf(between.fromRoot), buf(kept.rootHash), between.consistencyPath.map(buf))).toBe(true);

    const entry = (await entries())[2]!;
    const inclusion = (await get(`/api/audit/inclusion?seq=3&size=${kept.treeSize}`)).json() as { leafIndex: number; leafHash: string; rootHash: string; inclusionPath: string[] };
    expect(inclusion).toMatchObject({ leafIndex: 2, leafHash: entryLeafHash(entry).toString('hex'), rootHash: kept.rootHash });
    expect(verifyInclusion(entryLeafHash(entry), 2, kept.treeSize, inclusion.inclusionPath.map(buf), buf(kept.rootHash))).toBe(true);
    const latest = (await get('/api/audit/inclusion?seq=3')).json() as { treeSize: number; rootHash: string };
    expect(latest).toMatchObject({ treeSize: current.treeSize, rootHash: current.rootHash });
  });

  it('answers bad parameters with 400 and says what was wrong', async () => {
    const size = ((await get('/api/audit/heads')).json().head as TreeHead).treeSize;
    const cases: [string, RegExp][] = [
      ['/api/audit/consistency', /must have required property 'from'/],
      ['/api/audit/consistency?from=abc', /from must be integer/],
      ['/api/audit/consistency?from=-1', /from must be >= 0/],
      [`/api/audit/consistency?from=${size + 1}`, new RegExp(`from must not exceed to \\(${size}\\), got ${size + 1}`)],
      [`/api/audit/consistency?from=1&to=${size + 1}`, new RegExp(`to ${size + 1} is beyond the signed head, which covers ${size} entries`)],
      ['/api/audit/consistency?from=1&since=2', /Unknown query parameter 'since'/],
      ['/api/audit/inclusion', /must have required property 'seq'/],
      ['/api/audit/inclusion?seq=0', /seq must be >= 1/],
      [`/api/audit/inclusion?seq=${size + 1}`, new RegExp(`seq must be an entry number from 1 to the tree size ${size}, got ${size + 1}`)],
      ['/api/audit/inclusion?seq=3&size=2', /seq must be an entry number from 1 to the tree size 2, got 3/],
      ['/api/audit/heads?x=1', /Unknown query parameter 'x'/],
    ];
    for (const [url, message] of cases) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json(), url).toMatchObject({ code: 'KRV_QUERY_PARAMETER', type: 'https://ns.karvon.org/problems/query-parameter' });
      expect(response.json().detail, url).toMatch(message);
    }
  });

  it('keeps the entries, their verification and export from national coordinators; refuses others', async () => {
    for (const url of ['/api/audit', '/api/audit/verify', '/api/audit/export']) expect((await get(url)).statusCode, url).toBe(403);
    for (const url of ['/api/audit/heads', '/api/audit/consistency?from=1', '/api/audit/inclusion?seq=1']) {
      expect((await get(url, 'kz-carrier')).statusCode, url).toBe(403);
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
    }
  });

  it('is described in /openapi.json with its parameters and answers', async () => {
    const openapi = (await get('/openapi.json')).json() as { paths: Record<string, { get: { parameters?: { name: string; required?: boolean }[]; responses: Record<string, { content?: Record<string, { schema: { properties: Record<string, unknown> } }> }> } }> };
    const consistency = openapi.paths['/api/audit/consistency']!.get;
    expect(consistency.parameters!.map((p) => [p.name, p.required ?? false])).toEqual([['from', true], ['to', false]]);
    expect(Object.keys(consistency.responses['200']!.content!['application/json']!.schema.properties)).toEqual(['from', 'to', 'fromRoot', 'toRoot', 'consistencyPath']);
    expect(openapi.paths['/api/audit/inclusion']!.get.parameters!.map((p) => p.name)).toEqual(['seq', 'size']);
    expect(Object.keys(openapi.paths['/api/audit/heads']!.get.responses['200']!.content!['application/json']!.schema.properties)).toEqual(['head', 'publicKey']);
  });
});
