/**
 * The governance repository suite, written against the Store interface only: every store runs it
 * unchanged (test/store/stores.test.ts registers it for every store of KARVON_TEST_STORES). `open` must give a new, empty
 * store on each call.
 */
import { describe, expect, it } from 'vitest';
import type { Proposal, Vote } from '../../src/model/governance.js';
import type { Store } from '../../src/store/store.js';
import { withStore } from './with-store.js';


const proposal = (id: string, openedAt: string, extra: Partial<Proposal> = {}): Proposal => ({
  id,
  kind: 'admission',
  country: 'GE',
  proposedBy: 'KZ',
  openedAt,
  electorate: ['KG', 'KZ', 'TJ'],
  status: 'open',
  ...extra,
});

const vote = (proposalId: string, country: string, choice: Vote['vote'], castAt: string): Vote => ({
  proposalId,
  country,
  vote: choice,
  castAt,
  castBy: { organisationId: `${country.toLowerCase()}-coordinator`, userId: 'u1' },
});

export function governanceSuite(name: string, open: () => Promise<Store>): void {
  describe(`governance repository (${name})`, () => {
    it('creates, replaces and lists member states', async () => {
      await withStore(open, async (store) => {
        expect(await store.governance.listMembers()).toEqual([]);
        await store.governance.putMember({ country: 'KZ', status: 'member', admittedAt: '2020-01-01T00:00:00.000Z' });
        await store.governance.putMember({ country: 'AZ', status: 'member', admittedAt: '2024-01-01T00:00:00.000Z', admittedBy: 'p1', coordinatorOrganisationId: 'az-coordinator' });
        await store.governance.putMember({ country: 'KZ', status: 'suspended', admittedAt: '2020-01-01T00:00:00.000Z' });
        expect(await store.governance.listMembers()).toEqual([
          { country: 'AZ', status: 'member', admittedAt: '2024-01-01T00:00:00.000Z', admittedBy: 'p1', coordinatorOrganisationId: 'az-coordinator' },
          { country: 'KZ', status: 'suspended', admittedAt: '2020-01-01T00:00:00.000Z' },
        ]);
        expect(await store.governance.getMember('KZ')).toEqual({ country: 'KZ', status: 'suspended', admittedAt: '2020-01-01T00:00:00.000Z' });
        expect(await store.governance.getMember('GE')).toBeUndefined();
      });
    });

    it('keeps proposals with their electorate, newest first, filtered by status, and closes them', async () => {
      await withStore(open, async (store) => {
        await store.governance.createProposal(proposal('p1', '2026-01-01T00:00:00.000Z', { motivation: 'why' }));
        await store.governance.createProposal(proposal('p2', '2026-02-01T00:00:00.000Z', { kind: 'suspension', country: 'TJ', electorate: ['KZ'] }));
        expect(await store.governance.getProposal('p1')).toEqual(proposal('p1', '2026-01-01T00:00:00.000Z', { motivation: 'why' }));
        expect((await store.governance.listProposals()).map((p) => p.id)).toEqual(['p2', 'p1']);
        await store.governance.updateProposal('p1', { status: 'rejected', closedAt: '2026-01-05T00:00:00.000Z' });
        expect(await store.governance.getProposal('p1')).toMatchObject({ status: 'rejected', closedAt: '2026-01-05T00:00:00.000Z', electorate: ['KG', 'KZ', 'TJ'] });
        expect((await store.governance.listProposals({ status: 'open' })).map((p) => p.id)).toEqual(['p2']);
        expect((await store.governance.listProposals({ status: 'rejected' })).map((p) => p.id)).toEqual(['p1']);
        expect(await store.governance.getProposal('p3')).toBeUndefined();
      });
    });

    it('records one vote per state and proposal, refusing a second one without changing the first', async () => {
      await withStore(open, async (store) => {
        await store.governance.createProposal(proposal('p1', '2026-01-01T00:00:00.000Z'));
        await store.governance.createProposal(proposal('p2', '2026-01-02T00:00:00.000Z', { country: 'AM' }));
        expect(await store.governance.addVote(vote('p1', 'KZ', 'yes', '2026-01-02T00:00:00.000Z'))).toBe(true);
        expect(await store.governance.addVote(vote('p1', 'KG', 'no', '2026-01-03T00:00:00.000Z'))).toBe(true);
        expect(await store.governance.addVote(vote('p1', 'KZ', 'no', '2026-01-04T00:00:00.000Z'))).toBe(false);
        // The same state may vote on another proposal.
        expect(await store.governance.addVote(vote('p2', 'KZ', 'no', '2026-01-04T00:00:00.000Z'))).toBe(true);
        expect(await store.governance.listVotes('p1')).toEqual([vote('p1', 'KZ', 'yes', '2026-01-02T00:00:00.000Z'), vote('p1', 'KG', 'no', '2026-01-03T00:00:00.000Z')]);
        expect(await store.governance.listVotes('p3')).toEqual([]);
      });
    });

    it('lists chair terms in order of start', async () => {
      await withStore(open, async (store) => {
        await store.governance.addChairTerm({ country: 'KG', from: '2023-01-01T00:00:00.000Z' });
        await store.governance.addChairTerm({ country: 'KZ', from: '2021-01-01T00:00:00.000Z' });
        await store.governance.addChairTerm({ country: 'TM', from: '2025-06-01T00:00:00.000Z' });
        expect((await store.governance.listChairTerms()).map((t) => t.country)).toEqual(['KZ', 'KG', 'TM']);
      });
    });

    it('stores settings as JSON values', async () => {
      await withStore(open, async (store) => {
        expect(await store.governance.getSetting('x')).toBeUndefined();
        await store.governance.putSetting('borderDwellAlertHours', 36);
        await store.governance.putSetting('thresholds', { a: [1, 2] });
        await store.governance.putSetting('borderDwellAlertHours', 40);
        expect(await store.governance.getSetting('borderDwellAlertHours')).toBe(40);
        expect(await store.governance.listSettings()).toEqual({ borderDwellAlertHours: 40, thresholds: { a: [1, 2] } });
      });
    });
  });
}
