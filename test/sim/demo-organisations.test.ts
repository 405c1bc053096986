import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from '../../src/sim/demo.js';
import { readScopeOf } from '../../src/access/visibility.js';
import { partyKey } from '../../src/model/visibility-scope.js';
import { locationById } from '../../src/reference/index.js';
import { DEMO_MEMBER_STATES, DEMO_PASSWORD, demoEmailOf, demoOrganisations } from '../../src/sim/demo-organisations.js';
import { SIM_FORWARDERS } from '../../src/sim/sim-parties.js';
import { simulate } from '../../src/sim/simulate.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const settings = { shipments: 80, days: 6, seed: 11, speed: 1 };

describe('the demo organisations', () => {
  let t: TestApp;
  /** Every shipment with the party ids its events name, read without any scope. */
  const partiesByShipment = new Map<string, Set<string>>();

  beforeAll(async () => {
    t = await startTestApp({}, {}, { caller: 'anonymous' });
    const demo = (await startDemo(t.runtime, settings, () => {}))!;
    await demo.stop();
    await t.runtime.followers.caughtUp();
    const { shipments } = await t.runtime.shipments.list({ limit: 500 });
    for (const shipment of shipments) {
      const events = (await t.runtime.shipments.events(shipment.id)) ?? [];
      const parties = new Set(events.flatMap((event) => (event.sourceList ?? []).filter((source) => /party$/.test(source.type)).map((source) => source.source ?? '')));
      partiesByShipment.set(shipment.id, parties);
    }
  }, 120_000);
  afterAll(async () => t?.close());

  it('gives every member state a coordinator, customs and a railway, and ports where it has them', async () => {
    for (const country of DEMO_MEMBER_STATES) {
      const kinds = (await t.runtime.store.access.organisations.list({ country })).map((o) => o.kind);
      expect(kinds, country).toEqual(expect.arrayContaining(['national-coordinator', 'customs-authority', 'railway']));
    }
    const ports = (await t.runtime.store.access.organisations.list({ kind: 'port' })).flatMap((o) => o.locations).sort();
    expect(ports).toEqual(['aktau-port', 'alat-port', 'kuryk-port', 'turkmenbashi-port']);
    for (const kind of ['secretariat', 'council', 'network-operator'] as const) {
      expect(await t.runtime.store.access.organisations.list({ kind }), kind).toHaveLength(1);
    }
  });

  it('seeds the governance history: six members, Azerbaijan admitted, Turkmenistan in the chair', async () => {
    const members = await t.runtime.store.governance.listMembers();
    expect(members.filter((m) => m.status === 'member').map((m) => m.country).sort()).toEqual([...DEMO_MEMBER_STATES].sort());
    const terms = await t.runtime.store.governance.listChairTerms();
    expect(terms.at(-1)?.country).toBe('TM');
    const admissions = await t.runtime.store.governance.listProposals();
    const azerbaijan = admissions.find((p) => p.country === 'AZ');
    expect(azerbaijan?.status).toBe('accepted');
    expect(await t.runtime.store.governance.listVotes(azerbaijan!.id)).toHaveLength(5);
  });

  it('names carriers and forwarders on the events with the party ids of demo organisations', async () => {
    const named = new Set([...partiesByShipment.values()].flatMap((parties) => [...parties]));
    const organisations = await t.runtime.store.access.organisations.list();
    const carriers = organisations.filter((o) => o.kind === 'carrier' || o.kind === 'railway');
    expect(carriers.filter((o) => o.partyIds.some((id) => named.has(id))).length).toBeGreaterThanOrEqual(3);
    // Every party the events name belongs to a demo organisation.
    const held = new Set(organisations.flatMap((o) => o.partyIds));
    for (const party of named) expect(held.has(party), party).toBe(true);
    // Every forwarder has work in a longer simulation (the demo's history above is short).
    const longer = new Set(simulate({ shipments: 400, days: 20, seed: 2 }).events.flatMap((event) => (event.sourceList ?? []).map((source) => source.source)));
    for (const forwarder of SIM_FORWARDERS) expect(longer.has(forwarder.pgln), forwarder.id).toBe(true);
  });

  it('shows a carrier and a forwarder exactly the shipments that name them, in the service and through the API', async () => {
    const organisations = await t.runtime.store.access.organisations.list();
    const busiest = (kind: 'carrier' | 'forwarder') =>
      organisations
        .filter((o) => o.kind === kind)
        .map((o) => ({ o, count: [...partiesByShipment.values()].filter((parties) => o.partyIds.some((id) => parties.has(id))).length }))
        .sort((a, b) => b.count - a.count)[0]!.o;
    for (const organisation of [busiest('carrier'), busiest('forwarder')]) {
      const expected = [...partiesByShipment]
        .filter(([, parties]) => organisation.partyIds.some((id) => parties.has(id)))
        .map(([id]) => id)
        .sort();
      expect(expected.length, organisation.id).toBeGreaterThan(0);
      expect(expected.length, organisation.id).toBeLessThan(partiesByShipment.size);

      const signedIn = await t.runtime.access.signIn(demoEmailOf(organisation.id), DEMO_PASSWORD);
      expect(signedIn.principal.organisation.id).toBe(organisation.id);
      const seen = (await t.runtime.shipments.list({ limit: 500 }, readScopeOf(signedIn.principal))).shipments.map((s) => s.id).sort();
      expect(seen, organisation.id).toEqual(expected);

      const response = await t.app.inject({ method: 'GET', url: '/api/shipments?limit=500', cookies: { karvon_session: signedIn.sessionCookieValue } });
      expect(response.statusCode).toBe(200);
      const body = response.json() as { shipments: { id: string }[] };
      expect(body.shipments.map((s) => s.id).sort(), organisation.id).toEqual(expected);
    }
  });

  it('refuses a wrong password for a demo user', async () => {
    await expect(t.runtime.access.signIn(demoEmailOf('kz-customs'), 'not-the-demo-password')).rejects.toMatchObject({ code: 'KRV_UNAUTHORIZED' });
  });

  it('does not seed twice on a restart, even when the first start stopped half way', async () => {
    const before = (await t.runtime.store.access.organisations.list()).length;
    const users = (await t.runtime.store.access.users.list('kz-customs')).length;
    // As if the first start had stopped before recording that it seeded.
    const file = path.join(t.dataDir, 'demo.json');
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(saved.organisationsSeeded).toBe(true);
    fs.writeFileSync(file, JSON.stringify({ ...saved, organisationsSeeded: undefined }));
    const again = (await startDemo(t.runtime, settings, () => {}))!;
    await again.stop();
    expect((await t.runtime.store.access.organisations.list()).length).toBe(before);
    expect((await t.runtime.store.access.users.list('kz-customs')).length).toBe(users);
    expect(await t.runtime.store.governance.listProposals()).toHaveLength(1);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).organisationsSeeded).toBe(true);
  });
});

describe('the party ids and locations of the demo organisations', () => {
  it('give every party to one organisation only (party ids compared after normalisation)', () => {
    const holders = new Map<string, string[]>();
    for (const organisation of demoOrganisations()) {
      for (const partyId of organisation.partyIds ?? []) {
        const key = partyKey(partyId);
        holders.set(key, [...new Set([...(holders.get(key) ?? []), organisation.id])]);
      }
    }
    expect(holders.size).toBeGreaterThan(10);
    expect([...holders].filter(([, ids]) => ids.length > 1)).toEqual([]);
  });

  it('give each organisation of a country locations of that country only, as its coordinator could', () => {
    for (const organisation of demoOrganisations()) {
      if (organisation.country === undefined) continue;
      for (const id of organisation.locations ?? []) {
        expect(locationById(id)?.countries, `${organisation.id} ${id}`).toContain(organisation.country);
      }
    }
  });
});
