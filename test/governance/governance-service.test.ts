import { afterEach, describe, expect, it } from 'vitest';
import { KarvonError } from '../../src/errors.js';
import { testAuditKey } from '../helpers/audit-key.js';
import { AuditLog } from '../../src/governance/audit-log.js';
import { GovernanceService } from '../../src/governance/governance-service.js';
import type { AuditEntry } from '../../src/model/governance.js';
import { openTestStore } from '../helpers/stores.js';
import type { Store } from '../../src/store/store.js';
import { coordinator, createOrganisations, HISTORY, MEMBERS_TODAY, NOW, principalOf } from './governance-fixtures.js';

interface Setup {
  store: Store;
  audit: AuditLog;
  service: GovernanceService;
  clock: { now: Date };
}

let opened: Store[] = [];
afterEach(async () => {
  for (const store of opened) await store.close();
  opened = [];
});

/** A store with the test organisations and, unless told otherwise, the demo history written. */
async function setup(seeded = true): Promise<Setup> {
  const store = await openTestStore();
  opened.push(store);
  const clock = { now: NOW };
  const audit = new AuditLog(store, () => clock.now, testAuditKey());
  const service = new GovernanceService({ store, audit, now: () => clock.now });
  await createOrganisations(store);
  if (seeded) await service.seedDemoHistory({ ...HISTORY, coordinatorOf: coordinator });
  return { store, audit, service, clock };
}

async function auditEntries(audit: AuditLog): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for await (const entry of audit.entries()) out.push(entry);
  return out;
}

/** The error a call fails with (it must fail). */
async function failure(call: Promise<unknown>): Promise<KarvonError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof KarvonError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** Everything governance keeps, to show that a refused action changed nothing. */
async function governanceState(store: Store) {
  const proposals = await store.governance.listProposals();
  return {
    members: await store.governance.listMembers(),
    proposals,
    votes: await Promise.all(proposals.map((p) => store.governance.listVotes(p.id))),
    terms: await store.governance.listChairTerms(),
    settings: await store.governance.listSettings(),
  };
}

describe('the demo history', () => {
  it('is today’s composition: six members, Azerbaijan admitted by five yes votes, Turkmenistan in the chair', async () => {
    const { service, audit } = await setup();
    const members = await service.listMembers();
    expect(members.map((m) => m.country).sort()).toEqual([...MEMBERS_TODAY].sort());
    expect(members.every((m) => m.status === 'member' && m.coordinatorOrganisationId === `${m.country.toLowerCase()}-coordinator`)).toBe(true);
    const azerbaijan = members.find((m) => m.country === 'AZ')!;
    expect(azerbaijan.admittedAt).toBe(HISTORY.azerbaijanAdmitted);

    const [admission] = await service.proposals();
    expect(admission!.proposal).toMatchObject({ id: azerbaijan.admittedBy, kind: 'admission', country: 'AZ', proposedBy: 'KZ', status: 'accepted', closedAt: HISTORY.azerbaijanAdmitted });
    expect(admission!.proposal.electorate).toEqual(['KG', 'KZ', 'TJ', 'TM', 'UZ']);
    expect(admission!.votes.map((v) => [v.country, v.vote])).toEqual([['KZ', 'yes'], ['KG', 'yes'], ['TJ', 'yes'], ['TM', 'yes'], ['UZ', 'yes']]);
    expect(admission!.votes.every((v) => v.castAt > admission!.proposal.openedAt && v.castAt <= HISTORY.azerbaijanAdmitted)).toBe(true);
    expect(admission!.tally.outcome).toBe('accepted');

    const chair = await service.chair();
    expect(chair.current).toMatchObject({ country: 'TM', from: HISTORY.chairFrom, name: 'Turkmenistan' });
    expect(chair.history.map((t) => t.country)).toEqual(['KZ', 'KG', 'TJ', 'TM']);
    expect(chair.history[0]!.from).toBe(HISTORY.founded);
    expect(chair.nextInRotation).toBe('UZ');

    const actions = (await auditEntries(audit)).map((e) => e.action);
    expect(actions.filter((a) => a === 'governance.vote')).toHaveLength(5);
    expect(actions.indexOf('governance.outcome')).toBe(actions.lastIndexOf('governance.vote') + 1);
    expect(actions.indexOf('governance.propose')).toBeLessThan(actions.indexOf('governance.vote'));
    expect((await audit.verify()).ok).toBe(true);
  });

  it('is written once: a second seeding leaves everything as it was', async () => {
    const { service, store } = await setup();
    const before = await governanceState(store);
    expect(await service.seedDemoHistory({ ...HISTORY, coordinatorOf: coordinator })).toEqual({ seeded: false });
    expect(await governanceState(store)).toEqual(before);
  });

  it('refuses dates that cannot make that history', async () => {
    const { service } = await setup(false);
    const error = await failure(service.seedDemoHistory({ ...HISTORY, chairFrom: '2027-01-01T00:00:00Z', coordinatorOf: coordinator }));
    expect(error.code).toBe('KRV_VALIDATION');
  });
});

describe('an admission vote', () => {
  it('admits a state once every member has voted yes, and audits each step', async () => {
    const { service, audit, store } = await setup();
    const opened = await service.propose(coordinator('KZ'), { kind: 'admission', country: 'ge', motivation: 'Black Sea ports' });
    const id = opened.proposal.id;
    expect(opened.proposal).toMatchObject({ kind: 'admission', country: 'GE', proposedBy: 'KZ', status: 'open', openedAt: NOW.toISOString(), motivation: 'Black Sea ports' });
    expect(opened.proposal.electorate).toEqual(['AZ', 'KG', 'KZ', 'TJ', 'TM', 'UZ']);

    for (const country of ['KZ', 'KG', 'TJ', 'TM', 'UZ']) {
      const after = await service.vote(coordinator(country), id, 'yes');
      expect(after.proposal.status).toBe('open');
    }
    expect(await store.governance.getMember('GE')).toBeUndefined();
    const decided = await service.vote(coordinator('AZ'), id, 'yes');
    expect(decided.proposal).toMatchObject({ status: 'accepted', closedAt: NOW.toISOString() });
    expect(decided.tally).toEqual({ outcome: 'accepted', yes: ['AZ', 'KG', 'KZ', 'TJ', 'TM', 'UZ'], no: [], pending: [] });
    expect(decided.votes.find((v) => v.country === 'AZ')?.castBy).toEqual({ organisationId: 'az-coordinator', keyId: 'key-of-az-coordinator' });
    expect(await store.governance.getMember('GE')).toEqual({ country: 'GE', status: 'member', admittedAt: NOW.toISOString(), admittedBy: id });
    // The new member's coordinator is found among the organisations and may now propose.
    expect((await service.listMembers()).find((m) => m.country === 'GE')?.coordinatorOrganisationId).toBe('ge-coordinator');

    const mine = (await auditEntries(audit)).filter((e) => e.target === id);
    expect(mine.map((e) => e.action)).toEqual(['governance.propose', ...Array(6).fill('governance.vote'), 'governance.outcome']);
    expect(mine.at(-1)).toMatchObject({ outcome: 'success', details: { result: 'accepted', country: 'GE' }, actor: { organisationId: 'az-coordinator', via: 'api-key' } });
    expect(mine[1]!.details).toMatchObject({ country: 'KZ', vote: 'yes' });
  });

  it('is rejected by one no, and a closed proposal takes no more votes', async () => {
    const { service, store } = await setup();
    const { proposal } = await service.propose(coordinator('UZ'), { kind: 'admission', country: 'GE' });
    await service.vote(coordinator('KZ'), proposal.id, 'yes');
    const rejected = await service.vote(coordinator('TJ'), proposal.id, 'no');
    expect(rejected.proposal.status).toBe('rejected');
    expect(rejected.tally).toMatchObject({ outcome: 'rejected', no: ['TJ'], yes: ['KZ'] });
    expect(await store.governance.getMember('GE')).toBeUndefined();

    const before = await governanceState(store);
    const late = await failure(service.vote(coordinator('AZ'), proposal.id, 'yes'));
    expect(late.status).toBe(409);
    expect(late.message).toMatch(/is closed \(rejected on .+\): votes are no longer taken/);
    expect(await governanceState(store)).toEqual(before);

    // Once decided, the same state may be proposed again.
    expect((await service.propose(coordinator('UZ'), { kind: 'admission', country: 'GE' })).proposal.status).toBe('open');
  });

  it('is withdrawn by the state that proposed it only, while open; then takes no votes', async () => {
    const { service, store } = await setup();
    const { proposal } = await service.propose(coordinator('UZ'), { kind: 'admission', country: 'GE' });
    await service.vote(coordinator('KZ'), proposal.id, 'yes');
    const before = await governanceState(store);
    expect((await failure(service.withdraw(coordinator('KZ'), proposal.id))).status).toBe(403);
    expect(await governanceState(store)).toEqual(before);
    const withdrawn = await service.withdraw(coordinator('UZ'), proposal.id);
    expect(withdrawn.proposal.status).toBe('withdrawn');
    expect((await failure(service.vote(coordinator('TJ'), proposal.id, 'yes'))).status).toBe(409);
    expect((await failure(service.withdraw(coordinator('UZ'), proposal.id))).status).toBe(409);
    expect(await store.governance.getMember('GE')).toBeUndefined();
  });

  it('refuses a vote by a state that is not a member, or by an organisation that is not its coordinator (403), changing nothing', async () => {
    const { service, store, audit } = await setup();
    const { proposal } = await service.propose(coordinator('KZ'), { kind: 'admission', country: 'GE' });
    await service.vote(coordinator('KG'), proposal.id, 'yes');
    const before = await governanceState(store);
    for (const actor of [coordinator('GE'), principalOf('kz-customs'), principalOf('network-operator'), principalOf('council')]) {
      const error = await failure(service.vote(actor, proposal.id, 'yes'));
      expect(error.status).toBe(403);
    }
    // The coordinator itself without the admin right.
    expect((await failure(service.vote(principalOf('kz-coordinator', ['read']), proposal.id, 'yes'))).status).toBe(403);
    expect(await governanceState(store)).toEqual(before);
    const denied = (await auditEntries(audit)).filter((e) => e.action === 'governance.vote' && e.outcome === 'denied');
    expect(denied.map((e) => e.actor.organisationId)).toEqual(['ge-coordinator', 'kz-customs', 'network-operator', 'council', 'kz-coordinator']);
  });

  it('refuses a second vote of the same state (409), keeping the first', async () => {
    const { service, store } = await setup();
    const { proposal } = await service.propose(coordinator('KZ'), { kind: 'admission', country: 'GE' });
    await service.vote(coordinator('KG'), proposal.id, 'yes');
    const before = await governanceState(store);
    const again = await failure(service.vote(coordinator('KG'), proposal.id, 'no'));
    expect(again.status).toBe(409);
    expect(again.message).toMatch(/Kyrgyzstan has voted on .+ already/);
    expect(await governanceState(store)).toEqual(before);
    expect((await service.proposal(proposal.id)).tally.outcome).toBe('open');
  });

  it('counts only two votes when a state votes twice at the same moment', async () => {
    const { service } = await setup();
    const { proposal } = await service.propose(coordinator('KZ'), { kind: 'admission', country: 'GE' });
    const outcomes = await Promise.allSettled([service.vote(coordinator('KG'), proposal.id, 'yes'), service.vote(coordinator('KG'), proposal.id, 'no')]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected']);
    expect((await service.proposal(proposal.id)).votes).toHaveLength(1);
  });

  it('answers 404 for an unknown proposal', async () => {
    const { service } = await setup();
    expect((await failure(service.vote(coordinator('KZ'), 'admission-xx-000000', 'yes'))).status).toBe(404);
    expect((await failure(service.proposal('nope'))).status).toBe(404);
  });
});

describe('who may propose, and what', () => {
  it('refuses a proposal by anyone but a member state’s national coordinator (403), creating nothing', async () => {
    const { service, store } = await setup();
    const before = await governanceState(store);
    for (const actor of [principalOf('kz-customs'), coordinator('GE'), principalOf('network-operator'), principalOf('secretariat'), principalOf('az-coordinator', ['read', 'capture'])]) {
      const error = await failure(service.propose(actor, { kind: 'admission', country: 'AM' }));
      expect(error.status).toBe(403);
    }
    expect(await governanceState(store)).toEqual(before);
  });

  it('refuses invalid or conflicting proposals with a clear reason', async () => {
    const { service } = await setup();
    expect((await failure(service.propose(coordinator('KZ'), { kind: 'admission', country: 'AZ' }))).message).toMatch(/member state already/);
    expect((await failure(service.propose(coordinator('KZ'), { kind: 'expulsion', country: 'TJ' }))).status).toBe(400);
    expect((await failure(service.propose(coordinator('KZ'), { kind: 'admission', country: 'Georgia' }))).status).toBe(400);
    expect((await failure(service.propose(coordinator('KZ'), { kind: 'reinstatement', country: 'TJ' }))).status).toBe(409);
    await service.propose(coordinator('KZ'), { kind: 'admission', country: 'GE' });
    const second = await failure(service.propose(coordinator('TM'), { kind: 'admission', country: 'GE' }));
    expect(second.status).toBe(409);
    expect(second.message).toMatch(/still open/);
  });
});

describe('suspension and reinstatement', () => {
  it('leave the subject out of the electorate; a suspended state neither proposes nor votes', async () => {
    const { service, store } = await setup();
    const { proposal } = await service.propose(coordinator('KZ'), { kind: 'suspension', country: 'TJ', motivation: 'test' });
    expect(proposal.electorate).toEqual(['AZ', 'KG', 'KZ', 'TM', 'UZ']);
    expect((await failure(service.vote(coordinator('TJ'), proposal.id, 'no'))).message).toMatch(/not entitled to vote/);
    for (const country of proposal.electorate) await service.vote(coordinator(country), proposal.id, 'yes');
    expect(await store.governance.getMember('TJ')).toMatchObject({ status: 'suspended', coordinatorOrganisationId: 'tj-coordinator' });

    expect((await failure(service.propose(coordinator('TJ'), { kind: 'admission', country: 'AM' }))).status).toBe(403);
    // A suspended state still reads the records (it follows its reinstatement).
    await expect(service.assertCanRead(coordinator('TJ'))).resolves.toBeUndefined();

    const reinstatement = await service.propose(coordinator('UZ'), { kind: 'reinstatement', country: 'TJ' });
    expect(reinstatement.proposal.electorate).toEqual(['AZ', 'KG', 'KZ', 'TM', 'UZ']);
    for (const country of reinstatement.proposal.electorate) await service.vote(coordinator(country), reinstatement.proposal.id, 'yes');
    expect((await store.governance.getMember('TJ'))?.status).toBe('member');
  });

  it('fixes the electorate at opening: a state admitted meanwhile does not vote', async () => {
    const { service } = await setup();
    const admission = await service.propose(coordinator('KZ'), { kind: 'admission', country: 'GE' });
    const suspension = await service.propose(coordinator('KZ'), { kind: 'suspension', country: 'UZ' });
    for (const country of admission.proposal.electorate) await service.vote(coordinator(country), admission.proposal.id, 'yes');
    expect((await failure(service.vote(coordinator('GE'), suspension.proposal.id, 'yes'))).status).toBe(403);
  });
});

describe('the chair', () => {
  it('hands over on a scheduled date, only by the chair’s coordinator, the council or the operator', async () => {
    const { service, clock, audit } = await setup();
    expect((await failure(service.scheduleHandOver(coordinator('KZ'), { country: 'UZ', from: '2026-07-01T00:00:00Z' }))).status).toBe(403);
    expect((await failure(service.scheduleHandOver(principalOf('secretariat'), { country: 'UZ', from: '2026-07-01T00:00:00Z' }))).status).toBe(403);
    expect((await failure(service.scheduleHandOver(coordinator('TM'), { country: 'GE', from: '2026-07-01T00:00:00Z' }))).status).toBe(409);
    expect((await failure(service.scheduleHandOver(coordinator('TM'), { country: 'UZ', from: '2026-01-01T00:00:00Z' }))).status).toBe(400);

    expect(await service.scheduleHandOver(coordinator('TM'), { country: 'uz', from: '2026-07-01T00:00:00Z' })).toEqual({ country: 'UZ', from: '2026-07-01T00:00:00.000Z' });
    const now = await service.chair();
    expect(now.current).toMatchObject({ country: 'TM', until: '2026-07-01T00:00:00.000Z' });
    expect(now.scheduled).toEqual([{ country: 'UZ', from: '2026-07-01T00:00:00.000Z' }]);
    expect(now.nextInRotation).toBe('AZ');
    expect((await service.chair('2026-07-02T00:00:00Z')).current?.country).toBe('UZ');
    expect((await service.chair('2024-01-01T00:00:00Z')).current?.country).toBe('TJ');

    // Not before the last scheduled term; the council may schedule the one after.
    expect((await failure(service.scheduleHandOver(principalOf('council'), { country: 'AZ', from: '2026-06-01T00:00:00Z' }))).status).toBe(409);
    await service.scheduleHandOver(principalOf('council'), { country: 'AZ', from: '2027-01-01T00:00:00Z' });

    // After the hand-over, the new chair's coordinator schedules and the old one no longer may.
    clock.now = new Date('2026-07-01T00:00:00Z');
    expect((await failure(service.scheduleHandOver(coordinator('TM'), { country: 'KZ', from: '2027-07-01T00:00:00Z' }))).status).toBe(403);
    await service.scheduleHandOver(coordinator('UZ'), { country: 'KZ', from: '2027-07-01T00:00:00Z' });
    const handOvers = (await auditEntries(audit)).filter((e) => e.action === 'chair.hand-over' && e.outcome === 'success' && e.actor.via !== 'system');
    expect(handOvers.map((e) => e.details.country)).toEqual(['UZ', 'AZ', 'KZ']);
  });
});

describe('network settings', () => {
  it('are changed by the chair’s coordinator or the operator only, audited', async () => {
    const { service, audit, store } = await setup();
    const defaults = await service.settings();
    expect(defaults.find((s) => s.name === 'publicLinkMaxDays')).toMatchObject({ value: 30, default: 30 });

    expect((await failure(service.changeSetting(coordinator('KZ'), 'publicLinkMaxDays', 7))).status).toBe(403);
    expect((await failure(service.changeSetting(principalOf('council'), 'publicLinkMaxDays', 7))).status).toBe(403);
    expect((await failure(service.changeSetting(coordinator('TM'), 'publicLinkMaxDays', -1))).status).toBe(400);
    expect((await failure(service.changeSetting(coordinator('TM'), 'noSuchThing', 1))).status).toBe(404);
    expect(await store.governance.listSettings()).toEqual({});

    expect(await service.changeSetting(coordinator('TM'), 'publicLinkMaxDays', 7)).toMatchObject({ name: 'publicLinkMaxDays', value: 7 });
    await service.changeSetting(principalOf('network-operator'), 'referenceDataVersion', '2026.1');
    const settings = await service.settings();
    expect(settings.find((s) => s.name === 'publicLinkMaxDays')?.value).toBe(7);
    expect(settings.find((s) => s.name === 'referenceDataVersion')?.value).toBe('2026.1');
    const changes = (await auditEntries(audit)).filter((e) => e.action === 'setting.change' && e.outcome === 'success');
    expect(changes.map((e) => e.details)).toEqual([
      { name: 'publicLinkMaxDays', previous: 30, value: 7 },
      { name: 'referenceDataVersion', previous: '1', value: '2026.1' },
    ]);
  });
});

describe('who may read', () => {
  it('organisations of member states and the network bodies, not others', async () => {
    const { service } = await setup();
    for (const id of ['kz-customs', 'az-coordinator', 'secretariat', 'council', 'network-operator']) {
      await expect(service.assertCanRead(principalOf(id))).resolves.toBeUndefined();
    }
    for (const id of ['ge-railway', 'ge-coordinator']) {
      expect((await failure(service.assertCanRead(principalOf(id)))).status).toBe(403);
    }
  });
});
