// What an organisation may claim: a party id belongs to at most one organisation of the network
// (compared after normalisation), and a national coordinator assigns only unclaimed party ids and
// locations of its own country. Through the HTTP API, signed in as the demo's users.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDigitalLink } from '../../src/epcis/identifiers/index.js';
import { DEMO_PASSWORD, demoEmailOf, seedDemoOrganisations } from '../../src/sim/demo-organisations.js';
import { SIM_FORWARDERS } from '../../src/sim/sim-parties.js';
import { startTestApp, TEST_BOOTSTRAP_TOKEN, type TestApp } from '../helpers/test-app.js';

const TASHKENT = SIM_FORWARDERS.find((f) => f.city === 'Tashkent')!;
const json = { 'content-type': 'application/json' };

let t: TestApp;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp({}, {}, { caller: 'anonymous' });
  await seedDemoOrganisations(t.runtime.access, t.runtime.store);
  for (const who of ['kz-coordinator', 'karvon-operator']) {
    const signIn = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: json, payload: { email: demoEmailOf(who), password: DEMO_PASSWORD } });
    expect(signIn.statusCode, signIn.body).toBe(200);
    cookies[who] = /^(karvon_session=[^;]*)/.exec(String(signIn.headers['set-cookie']))![1]!;
  }
}, 60_000);
afterAll(async () => t?.close());

const as = (who: string) => (who === 'bootstrap' ? { authorization: `Bearer ${TEST_BOOTSTRAP_TOKEN}` } : { cookie: cookies[who]! });
const createOrganisation = (who: string, body: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/organisations', headers: { ...json, ...as(who) }, payload: body });
const editOrganisation = (who: string, id: string, body: Record<string, unknown>) =>
  t.app.inject({ method: 'PATCH', url: `/api/organisations/${id}`, headers: { ...json, ...as(who) }, payload: body });
const exists = async (id: string) => (await t.runtime.store.access.organisations.get(id)) !== undefined;

describe('a national coordinator creating an organisation', () => {
  it("cannot claim another company's party id, in any spelling, and is not told whose it is", async () => {
    expect(TASHKENT.pgln).toBe('urn:epc:id:pgln:4870001.00506');
    for (const spelling of [TASHKENT.pgln, toDigitalLink(TASHKENT.pgln)]) {
      const response = await createOrganisation('kz-coordinator', { id: 'kz-spy', name: 'Spy', kind: 'forwarder', country: 'KZ', partyIds: [spelling] });
      expect(response.statusCode, spelling).toBe(409);
      const problem = response.json();
      expect(problem.detail).toContain(`party id '${spelling}' is already assigned to another organisation; ask the network operator`);
      expect(problem.issues).toEqual([expect.objectContaining({ pointer: '/partyIds/0' })]);
      expect(response.body).not.toContain(TASHKENT.id);
      expect(response.body).not.toContain('Tashkent');
    }
    expect(await exists('kz-spy')).toBe(false);
  });

  it("cannot assign another country's location", async () => {
    const response = await createOrganisation('kz-coordinator', { id: 'kz-spy', name: 'Spy', kind: 'forwarder', country: 'KZ', locations: ['aktau-port', 'alat-port'] });
    expect(response.statusCode).toBe(403);
    expect(response.json().detail).toMatch(/'alat-port' is in AZ/);
    expect(response.json().issues).toEqual([expect.objectContaining({ pointer: '/locations/1' })]);
    expect(await exists('kz-spy')).toBe(false);
  });

  it('refuses the exact request of the finding', async () => {
    const response = await createOrganisation('kz-coordinator', { id: 'kz-spy', kind: 'forwarder', name: 'Spy', country: 'KZ', partyIds: ['urn:epc:id:pgln:4870001.00506'], locations: ['alat-port'] });
    expect([403, 409]).toContain(response.statusCode);
    expect(await exists('kz-spy')).toBe(false);
  });

  it('creates an organisation with unclaimed party ids and locations of its own country (a border crossing it shares too)', async () => {
    const response = await createOrganisation('kz-coordinator', {
      id: 'kz-new-forwarder', name: 'New forwarder', kind: 'forwarder', country: 'KZ', partyIds: ['urn:epc:id:pgln:4870001.00901'], locations: ['aktau-port', 'khorgos'],
    });
    expect(response.statusCode, response.body).toBe(201);
    // Now the party id is taken for everybody, in any spelling.
    const again = await createOrganisation('kz-coordinator', { id: 'kz-second', name: 'Second', kind: 'forwarder', country: 'KZ', partyIds: [toDigitalLink('urn:epc:id:pgln:4870001.00901')] });
    expect(again.statusCode).toBe(409);
  });
});

describe('the network operator', () => {
  it('cannot give one party id to two organisations either, and is told which organisation holds it', async () => {
    const response = await createOrganisation('karvon-operator', { id: 'uz-other', name: 'Other', kind: 'forwarder', country: 'UZ', partyIds: [TASHKENT.pgln] });
    expect(response.statusCode).toBe(409);
    expect(response.json().detail).toContain(`'${TASHKENT.id}'`);
    expect(await exists('uz-other')).toBe(false);
  });

  it('moves a party id by removing it from its holder first', async () => {
    const moving = 'urn:epc:id:pgln:4870001.00902';
    expect((await createOrganisation('bootstrap', { id: 'uz-old-name', name: 'Old', kind: 'forwarder', country: 'UZ', partyIds: [moving] })).statusCode).toBe(201);
    expect((await createOrganisation('karvon-operator', { id: 'uz-new-name', name: 'New', kind: 'forwarder', country: 'UZ', partyIds: [moving] })).statusCode).toBe(409);
    const released = await editOrganisation('karvon-operator', 'uz-old-name', { partyIds: [] });
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json().partyIds).toEqual([]);
    expect((await createOrganisation('karvon-operator', { id: 'uz-new-name', name: 'New', kind: 'forwarder', country: 'UZ', partyIds: [moving] })).statusCode).toBe(201);
    const audit = (await t.runtime.store.audit.list({ limit: 10_000 })).filter((e) => e.action === 'organisation.update');
    expect(audit.at(-1)).toMatchObject({ target: 'uz-old-name', outcome: 'success' });
  });

  it('lets only one of two concurrent creations claim a party id', async () => {
    const party = 'urn:epc:id:pgln:4870001.00903';
    const responses = await Promise.all(
      ['uz-race-a', 'uz-race-b', 'uz-race-c'].map((id) => createOrganisation('bootstrap', { id, name: id, kind: 'forwarder', country: 'UZ', partyIds: [party] })),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
  });
});

describe('a national coordinator editing an organisation', () => {
  it('follows the same rules: no claimed party id, no location abroad; what it had stays', async () => {
    // kz-port-aktau is a demo organisation of Kazakhstan.
    const claimed = await editOrganisation('kz-coordinator', 'kz-port-aktau', { partyIds: [TASHKENT.pgln] });
    expect(claimed.statusCode).toBe(409);
    expect(claimed.body).not.toContain(TASHKENT.id);
    const abroad = await editOrganisation('kz-coordinator', 'kz-port-aktau', { locations: ['aktau-port', 'alat-port'] });
    expect(abroad.statusCode).toBe(403);
    const fine = await editOrganisation('kz-coordinator', 'kz-port-aktau', { partyIds: ['urn:epc:id:pgln:4870001.00904'], locations: ['aktau-port', 'kuryk-port'] });
    expect(fine.statusCode, fine.body).toBe(200);
    expect(fine.json()).toMatchObject({ partyIds: ['urn:epc:id:pgln:4870001.00904'], locations: ['aktau-port', 'kuryk-port'] });
  });

  it("cannot edit another country's organisation (404, as for one it cannot see)", async () => {
    expect((await editOrganisation('kz-coordinator', TASHKENT.id, { partyIds: [] })).statusCode).toBe(404);
  });

  it('keeps a location abroad the network operator gave, when it edits something else', async () => {
    expect((await editOrganisation('karvon-operator', 'kz-new-forwarder', { locations: ['aktau-port', 'alat-port'] })).statusCode).toBe(200);
    const response = await editOrganisation('kz-coordinator', 'kz-new-forwarder', { name: 'Renamed forwarder', locations: ['aktau-port', 'alat-port'] });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ name: 'Renamed forwarder', locations: ['aktau-port', 'alat-port'] });
  });
});
