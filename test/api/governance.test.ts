import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyScope } from '../../src/model/access.js';
import type { AuditEntry } from '../../src/model/governance.js';
import { coordinator, createOrganisations, HISTORY, ORGANISATIONS } from '../governance/governance-fixtures.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let test: TestApp;
/** API keys by organisation id (read and admin unless told otherwise). */
const keys = new Map<string, string>();

async function keyFor(organisationId: string, scopes: KeyScope[] = ['read', 'admin']): Promise<string> {
  const { secret } = await test.runtime.access.createApiKey('cli', { organisationId, name: `test ${scopes.join('+')}`, scopes });
  return secret;
}

beforeAll(async () => {
  // Requests go out exactly as written: without a key they are anonymous.
  test = await startTestApp({}, {}, { caller: 'anonymous' });
  await createOrganisations(test.runtime.store);
  await test.runtime.governance.seedDemoHistory({ ...HISTORY, coordinatorOf: coordinator });
  // Armenia, a candidate in the tests below, has its national coordinator ready (an admission needs one).
  await test.runtime.store.access.organisations.create({ ...ORGANISATIONS.find((o) => o.id === 'ge-coordinator')!, id: 'am-coordinator', name: 'am-coordinator', country: 'AM' });
  for (const id of ['kz-coordinator', 'kg-coordinator', 'tj-coordinator', 'tm-coordinator', 'uz-coordinator', 'az-coordinator', 'ge-coordinator', 'kz-customs', 'cn-carrier', 'secretariat', 'network-operator']) {
    keys.set(id, await keyFor(id));
  }
});
afterAll(() => test.close());

function call(method: 'GET' | 'POST' | 'PUT', url: string, as: string | undefined, body?: unknown) {
  return test.app.inject({
    method,
    url,
    headers: {
      ...(as ? { authorization: `Bearer ${keys.get(as) ?? as}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
}

describe('/api/governance', () => {
  it('runs an admission vote end to end with the API keys of the six coordinators', async () => {
    const opened = await call('POST', '/api/governance/proposals', 'tm-coordinator', { kind: 'admission', country: 'GE', motivation: 'Poti and Batumi' });
    expect(opened.statusCode).toBe(201);
    const proposal = opened.json();
    expect(proposal).toMatchObject({ kind: 'admission', country: 'GE', proposedBy: 'TM', status: 'open', electorate: ['AZ', 'KG', 'KZ', 'TJ', 'TM', 'UZ'] });
    expect(opened.headers.location).toBe(`/api/governance/proposals/${proposal.id}`);

    for (const country of ['kz', 'kg', 'tj', 'tm', 'uz']) {
      const voted = await call('POST', `/api/governance/proposals/${proposal.id}/votes`, `${country}-coordinator`, { vote: 'yes' });
      expect(voted.statusCode).toBe(201);
      expect(voted.json().status).toBe('open');
    }
    const last = await call('POST', `/api/governance/proposals/${proposal.id}/votes`, 'az-coordinator', { vote: 'yes' });
    expect(last.json()).toMatchObject({ status: 'accepted', tally: { outcome: 'accepted', pending: [] } });

    const shown = (await call('GET', `/api/governance/proposals/${proposal.id}`, 'kz-customs')).json();
    expect(shown.votes).toHaveLength(6);
    expect(shown.votes[0]).toEqual({ country: 'KZ', vote: 'yes', castAt: expect.any(String), organisationId: 'kz-coordinator' });
    const members = (await call('GET', '/api/governance/members', 'secretariat')).json().members as { country: string; status: string; admittedBy?: string }[];
    expect(members.find((m) => m.country === 'GE')).toMatchObject({ status: 'member', admittedBy: proposal.id });

    const late = await call('POST', `/api/governance/proposals/${proposal.id}/votes`, 'kz-coordinator', { vote: 'no' });
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toMatch(/is closed \(accepted on .*\): votes are no longer taken/);
  });

  it('refuses a vote by a non-member (403), a double vote (409), and wrong credentials (401)', async () => {
    const { id } = (await call('POST', '/api/governance/proposals', 'kz-coordinator', { kind: 'admission', country: 'AM' })).json();
    expect((await call('POST', `/api/governance/proposals/${id}/votes`, 'kg-coordinator', { vote: 'yes' })).statusCode).toBe(201);
    const twice = await call('POST', `/api/governance/proposals/${id}/votes`, 'kg-coordinator', { vote: 'no' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toMatch(/already/);
    expect((await call('POST', `/api/governance/proposals/${id}/votes`, 'kz-customs', { vote: 'yes' })).statusCode).toBe(403);
    expect((await call('POST', `/api/governance/proposals/${id}/votes`, 'cn-carrier', { vote: 'yes' })).statusCode).toBe(403);
    const anonymous = await call('POST', `/api/governance/proposals/${id}/votes`, undefined, { vote: 'yes' });
    expect(anonymous.statusCode, anonymous.body).toBe(401);
    expect((await call('POST', `/api/governance/proposals/${id}/votes`, 'karvon_not-a-key', { vote: 'yes' })).statusCode).toBe(401);
    expect((await call('POST', `/api/governance/proposals/${id}/votes`, 'kz-coordinator', { vote: 'maybe' })).statusCode).toBe(400);

    // A read-only key of a coordinator may read but not vote.
    const readOnly = await keyFor('tj-coordinator', ['read']);
    expect((await call('POST', `/api/governance/proposals/${id}/votes`, readOnly, { vote: 'yes' })).statusCode).toBe(403);
    expect((await call('GET', `/api/governance/proposals/${id}`, readOnly)).statusCode).toBe(200);

    const after = (await call('GET', `/api/governance/proposals/${id}`, 'kz-coordinator')).json();
    expect(after.votes.map((v: { country: string; vote: string }) => `${v.country}:${v.vote}`)).toEqual(['KG:yes']);
    expect(after.status).toBe('open');
  });

  it('shows governance to member organisations and network bodies only', async () => {
    expect((await call('GET', '/api/governance/proposals', 'kz-customs')).statusCode).toBe(200);
    expect((await call('GET', '/api/governance/proposals?status=accepted', 'secretariat')).json().proposals.length).toBeGreaterThanOrEqual(1);
    expect((await call('GET', '/api/governance/proposals?status=odd', 'secretariat')).statusCode).toBe(400);
    // China is a corridor neighbour, not a member state.
    expect((await call('GET', '/api/governance/members', 'cn-carrier')).statusCode).toBe(403);
    expect((await call('GET', '/api/governance/members', undefined)).statusCode).toBe(401);
    expect((await call('GET', '/api/governance/proposals/nope', 'kz-customs')).statusCode).toBe(404);
  });

  it('shows the chair and lets its coordinator schedule the hand-over and change settings', async () => {
    const chair = (await call('GET', '/api/governance/chair', 'kz-customs')).json();
    expect(chair.current).toMatchObject({ country: 'TM', name: 'Turkmenistan' });
    expect(chair.history.map((t: { country: string }) => t.country)).toEqual(['KZ', 'KG', 'TJ', 'TM']);

    const from = new Date(Date.now() + 90 * 86_400_000).toISOString();
    expect((await call('POST', '/api/governance/chair/hand-overs', 'kz-coordinator', { country: 'UZ', from })).statusCode).toBe(403);
    const handOver = await call('POST', '/api/governance/chair/hand-overs', 'tm-coordinator', { country: 'UZ', from });
    expect(handOver.statusCode).toBe(201);
    expect((await call('GET', `/api/governance/chair?at=${encodeURIComponent(from)}`, 'secretariat')).json().current.country).toBe('UZ');

    expect((await call('PUT', '/api/governance/settings/publicLinkMaxDays', 'kz-coordinator', { value: 12 })).statusCode).toBe(403);
    expect((await call('PUT', '/api/governance/settings/publicLinkMaxDays', 'tm-coordinator', { value: 'soon' })).statusCode).toBe(400);
    expect((await call('PUT', '/api/governance/settings/publicLinkMaxDays', 'tm-coordinator', { value: 12 })).json()).toMatchObject({ name: 'publicLinkMaxDays', value: 12 });
    const settings = (await call('GET', '/api/governance/settings', 'kg-coordinator')).json().settings as { name: string; value: unknown }[];
    expect(settings.find((s) => s.name === 'publicLinkMaxDays')?.value).toBe(12);

    const audit: AuditEntry[] = [];
    for await (const entry of test.runtime.audit.entries()) audit.push(entry);
    expect(audit.filter((e) => e.action === 'setting.change').map((e) => [e.actor.organisationId, e.outcome])).toEqual([
      ['kz-coordinator', 'denied'],
      ['tm-coordinator', 'failure'],
      ['tm-coordinator', 'success'],
    ]);
    expect(audit.find((e) => e.action === 'setting.change' && e.outcome === 'success')?.actor.via).toBe('api-key');
  });
});

describe('/api/governance: proposals that mean what they say', () => {
  it('refuses a proposal about a country code that is not assigned (ZZ, EU): 400 naming country, nothing opened', async () => {
    const before = (await call('GET', '/api/governance/proposals', 'kz-coordinator')).json().proposals.length;
    for (const country of ['ZZ', 'EU', 'zz']) {
      const refused = await call('POST', '/api/governance/proposals', 'kz-coordinator', { kind: 'admission', country });
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json().detail).toMatch(new RegExp(`country must be an assigned ISO 3166-1 alpha-2 country code .*got '${country}'`));
    }
    expect((await call('GET', '/api/governance/proposals', 'kz-coordinator')).json().proposals).toHaveLength(before);
  });

  it('refuses to open the admission of a state that has no national coordinator organisation (409)', async () => {
    const refused = await call('POST', '/api/governance/proposals', 'kz-coordinator', { kind: 'admission', country: 'MN' });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().detail).toMatch(/Mongolia \(MN\) has no active national coordinator organisation/);
  });

  it('leaves a member state without an active coordinator out of the electorate, so it cannot deadlock a unanimous vote', async () => {
    // As Georgia once was: admitted (here written straight into the store) with no coordinator organisation.
    await test.runtime.store.governance.putMember({ country: 'MD', status: 'member', admittedAt: new Date().toISOString(), admittedBy: 'outside-the-tests' });
    const opened = await call('POST', '/api/governance/proposals', 'uz-coordinator', { kind: 'suspension', country: 'TJ', motivation: 'test' });
    expect(opened.statusCode, opened.body).toBe(201);
    const { id, electorate } = opened.json() as { id: string; electorate: string[] };
    expect(electorate).not.toContain('MD');
    let last;
    for (const country of electorate) last = await call('POST', `/api/governance/proposals/${id}/votes`, `${country.toLowerCase()}-coordinator`, { vote: 'yes' });
    expect(last!.json()).toMatchObject({ status: 'accepted', tally: { outcome: 'accepted', pending: [] } });
    // Undo, for the tests after this one: Tajikistan reinstated, Moldova's record left harmless.
    const reinstatement = (await call('POST', '/api/governance/proposals', 'uz-coordinator', { kind: 'reinstatement', country: 'TJ' })).json() as { id: string; electorate: string[] };
    for (const country of reinstatement.electorate) await call('POST', `/api/governance/proposals/${reinstatement.id}/votes`, `${country.toLowerCase()}-coordinator`, { vote: 'yes' });
    expect((await call('GET', `/api/governance/proposals/${reinstatement.id}`, 'uz-coordinator')).json().status).toBe('accepted');
  });

  it('shows a withdrawn proposal with outcome withdrawn, not open, in the proposal and in the list', async () => {
    const { id } = (await call('POST', '/api/governance/proposals', 'kg-coordinator', { kind: 'suspension', country: 'TJ' })).json() as { id: string };
    expect(id).toBeDefined();
    await call('POST', `/api/governance/proposals/${id}/votes`, 'kz-coordinator', { vote: 'yes' });
    const withdrawn = await call('POST', `/api/governance/proposals/${id}/withdraw`, 'kg-coordinator');
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', tally: { outcome: 'withdrawn', yes: ['KZ'], pending: [] } });
    expect((await call('GET', `/api/governance/proposals/${id}`, 'kz-customs')).json().tally.outcome).toBe('withdrawn');
    const listed = (await call('GET', '/api/governance/proposals?status=withdrawn', 'secretariat')).json().proposals as { id: string; tally: { outcome: string } }[];
    expect(listed.find((p) => p.id === id)?.tally.outcome).toBe('withdrawn');
  });
});
