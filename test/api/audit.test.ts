import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditExport } from '../../src/governance/audit-log.js';
import type { AuditEntry } from '../../src/governance/model.js';
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
    expect(response.json()).toEqual({ ok: true, checked: all.length, head: all.at(-1)!.hash });
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
    expect(result.checked).toBe(last.seq);
  });
});
