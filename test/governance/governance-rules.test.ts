import { describe, expect, it } from 'vitest';
import {
  chairAt,
  electorateFor,
  handOverProblem,
  memberAfter,
  nextInRotation,
  normaliseCountry,
  proposalProblem,
  tallyVotes,
  termEnd,
} from '../../src/governance/governance-rules.js';
import type { ChairTerm, MemberState, Proposal, Vote } from '../../src/model/governance.js';
import { settingProblem } from '../../src/governance/network-settings.js';

const member = (country: string, status: MemberState['status'] = 'member'): MemberState => ({ country, status, admittedAt: '2020-01-01T00:00:00.000Z' });
const SIX = ['KZ', 'KG', 'TJ', 'TM', 'UZ', 'AZ'].map((c) => member(c));
const vote = (country: string, choice: 'yes' | 'no'): Vote => ({
  proposalId: 'p1',
  country,
  vote: choice,
  castAt: '2026-01-01T00:00:00.000Z',
  castBy: { organisationId: `${country.toLowerCase()}-coordinator` },
});
const openProposal = (country: string, kind: Proposal['kind'] = 'admission'): Proposal => ({
  id: `${kind}-${country}`,
  kind,
  country,
  proposedBy: 'KZ',
  openedAt: '2026-01-01T00:00:00.000Z',
  electorate: ['KZ'],
  status: 'open',
});

describe('electorate', () => {
  it('is every member state in good standing, sorted', () => {
    const members = [...SIX, member('GE', 'suspended')];
    expect(electorateFor(members, 'admission', 'AM')).toEqual(['AZ', 'KG', 'KZ', 'TJ', 'TM', 'UZ']);
  });

  it('leaves out the subject of a suspension, but not the proposer of other kinds', () => {
    expect(electorateFor(SIX, 'suspension', 'TJ')).toEqual(['AZ', 'KG', 'KZ', 'TM', 'UZ']);
    expect(electorateFor([...SIX, member('GE', 'suspended')], 'reinstatement', 'GE')).toHaveLength(6);
  });
});

describe('tally', () => {
  const electorate = ['KG', 'KZ', 'TJ'];

  it('stays open until every elector has voted yes', () => {
    const partial = tallyVotes(electorate, [vote('KZ', 'yes'), vote('KG', 'yes')]);
    expect(partial.outcome).toBe('open');
    expect(partial.pending).toEqual(['TJ']);
    const all = tallyVotes(electorate, [vote('KZ', 'yes'), vote('KG', 'yes'), vote('TJ', 'yes')]);
    expect(all).toEqual({ outcome: 'accepted', yes: ['KG', 'KZ', 'TJ'], no: [], pending: [] });
  });

  it('is rejected by the first no, even with votes still missing', () => {
    const tally = tallyVotes(electorate, [vote('KZ', 'yes'), vote('TJ', 'no')]);
    expect(tally.outcome).toBe('rejected');
    expect(tally.no).toEqual(['TJ']);
    expect(tally.pending).toEqual(['KG']);
  });

  it('ignores votes of states outside the electorate', () => {
    expect(tallyVotes(electorate, [vote('KZ', 'yes'), vote('KG', 'yes'), vote('GE', 'no')]).outcome).toBe('open');
    expect(tallyVotes(['KZ'], [vote('KZ', 'yes'), vote('GE', 'no')]).outcome).toBe('accepted');
  });

  it('never accepts with an empty electorate', () => {
    expect(tallyVotes([], []).outcome).toBe('open');
  });
});

describe('validation of a new proposal', () => {
  const check = (kind: Proposal['kind'], country: string, members = SIX, open: Proposal[] = []) =>
    proposalProblem({ kind, country, members, openProposals: open });

  it('accepts the admission of a state that is not a member', () => {
    expect(check('admission', 'GE')).toBeUndefined();
  });

  it('refuses the admission of a member, or of a suspended member (that is a reinstatement)', () => {
    expect(check('admission', 'AZ')?.message).toMatch(/Azerbaijan \(AZ\) is a member state already/);
    expect(check('admission', 'AZ', [...SIX.slice(0, 5), member('AZ', 'suspended')])?.message).toMatch(/reinstatement/);
  });

  it('refuses the suspension of a non-member or of a suspended state', () => {
    expect(check('suspension', 'GE')?.message).toMatch(/not a member state/);
    expect(check('suspension', 'AZ', [...SIX.slice(0, 5), member('AZ', 'suspended')])?.message).toMatch(/suspended already/);
    expect(check('suspension', 'TJ')).toBeUndefined();
  });

  it('refuses the reinstatement of a state that is not suspended', () => {
    expect(check('reinstatement', 'TJ')?.message).toMatch(/not a suspended member state/);
    expect(check('reinstatement', 'GE')?.message).toMatch(/not a suspended member state/);
    expect(check('reinstatement', 'AZ', [...SIX.slice(0, 5), member('AZ', 'suspended')])).toBeUndefined();
  });

  it('refuses a second open proposal about the same state, whatever its kind', () => {
    const problem = check('admission', 'GE', SIX, [openProposal('GE')]);
    expect(problem?.code).toBe('KRV_CONFLICT');
    expect(problem?.message).toContain('admission-GE');
    expect(check('suspension', 'TJ', SIX, [openProposal('GE')])).toBeUndefined();
    // A closed proposal about the same state does not block a new one.
    expect(check('admission', 'GE', SIX, [{ ...openProposal('GE'), status: 'rejected' }])).toBeUndefined();
  });

  it('refuses a proposal nobody could vote on', () => {
    expect(check('suspension', 'KZ', [member('KZ')])?.message).toMatch(/No member state/);
  });

  it('normalises country codes and refuses anything else', () => {
    expect(normaliseCountry(' ge ')).toBe('GE');
    expect(normaliseCountry('GEO')).toBeUndefined();
    expect(normaliseCountry('G1')).toBeUndefined();
  });
});

describe('applying an accepted proposal', () => {
  const proposal = (kind: Proposal['kind'], country: string): Proposal => ({ ...openProposal(country, kind), status: 'accepted' });

  it('admits, suspends and reinstates', () => {
    expect(memberAfter(proposal('admission', 'GE'), undefined, '2026-02-01T00:00:00.000Z')).toEqual({
      country: 'GE',
      status: 'member',
      admittedAt: '2026-02-01T00:00:00.000Z',
      admittedBy: 'admission-GE',
    });
    const suspended = memberAfter(proposal('suspension', 'TJ'), member('TJ'), '2026-02-01T00:00:00.000Z');
    expect(suspended).toEqual({ ...member('TJ'), status: 'suspended' });
    expect(memberAfter(proposal('reinstatement', 'TJ'), suspended, '2026-03-01T00:00:00.000Z')).toEqual(member('TJ'));
  });
});

describe('the chair', () => {
  const terms: ChairTerm[] = [
    { country: 'KG', from: '2022-01-01T00:00:00.000Z' },
    { country: 'KZ', from: '2021-01-01T00:00:00.000Z' },
    { country: 'TM', from: '2025-01-01T00:00:00.000Z' },
  ];

  it('is held by the term whose start is the latest not after the date', () => {
    expect(chairAt(terms, '2020-12-31T23:59:59Z')).toBeUndefined();
    expect(chairAt(terms, '2021-01-01T00:00:00Z')?.country).toBe('KZ');
    expect(chairAt(terms, '2024-12-31T23:59:59Z')?.country).toBe('KG');
    expect(chairAt(terms, new Date('2026-06-01T00:00:00Z'))?.country).toBe('TM');
  });

  it('knows when a term ends', () => {
    expect(termEnd(terms, terms[1]!)).toBe('2022-01-01T00:00:00.000Z');
    expect(termEnd(terms, terms[2]!)).toBeUndefined();
  });

  it('rotates alphabetically by English name, wrapping round and skipping suspended states', () => {
    // Azerbaijan, Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan, Uzbekistan.
    expect(nextInRotation(SIX, undefined)).toBe('AZ');
    expect(nextInRotation(SIX, 'AZ')).toBe('KZ');
    expect(nextInRotation(SIX, 'KZ')).toBe('KG');
    expect(nextInRotation(SIX, 'TM')).toBe('UZ');
    expect(nextInRotation(SIX, 'UZ')).toBe('AZ');
    const uzSuspended = SIX.map((m) => (m.country === 'UZ' ? member('UZ', 'suspended') : m));
    expect(nextInRotation(uzSuspended, 'TM')).toBe('AZ');
    // A suspended current chair is followed by the next state after it by name.
    expect(nextInRotation(uzSuspended, 'UZ')).toBe('AZ');
    expect(nextInRotation([], 'KZ')).toBeUndefined();
  });

  it('schedules a hand-over only to a member, in the future, after the last term', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const check = (country: string, from: string, members = SIX) => handOverProblem({ terms, members, country, from, now });
    expect(check('UZ', '2027-01-01T00:00:00Z')).toBeUndefined();
    expect(check('GE', '2027-01-01T00:00:00Z')?.message).toMatch(/not a member state/);
    expect(check('UZ', '2027-01-01T00:00:00Z', SIX.map((m) => (m.country === 'UZ' ? member('UZ', 'suspended') : m)))?.code).toBe('KRV_CONFLICT');
    expect(check('UZ', '2025-12-31T00:00:00Z')?.message).toMatch(/in the future/);
    expect(check('UZ', 'next year')?.code).toBe('KRV_VALIDATION');
    expect(check('TM', '2027-01-01T00:00:00Z')?.message).toMatch(/holds the last scheduled term/);
    const withScheduled = [...terms, { country: 'UZ', from: '2027-01-01T00:00:00.000Z' }];
    expect(handOverProblem({ terms: withScheduled, members: SIX, country: 'AZ', from: '2026-06-01T00:00:00Z', now })?.message).toMatch(/after the last scheduled term/);
  });
});

describe('network settings', () => {
  it('accepts known settings with valid values only', () => {
    expect(settingProblem('publicLinkMaxDays', 7)).toBeUndefined();
    expect(settingProblem('publicLinkMaxDays', -3)?.code).toBe('KRV_VALIDATION');
    expect(settingProblem('publicLinkMaxDays', '7')?.code).toBe('KRV_VALIDATION');
    expect(settingProblem('publicLinkMaxDays', 366)?.code).toBe('KRV_VALIDATION');
    expect(settingProblem('referenceDataVersion', '2026.1')).toBeUndefined();
    expect(settingProblem('noSuchSetting', 1)?.code).toBe('KRV_NO_SUCH_RESOURCE');
  });

  it('does not offer the alert thresholds, which no code reads until the alerts exist', () => {
    expect(settingProblem('borderDwellAlertHours', 36)).toMatchObject({ code: 'KRV_NO_SUCH_RESOURCE', message: expect.stringContaining('borderDwellAlertHours') });
    expect(settingProblem('delayAlertHours', 12)?.code).toBe('KRV_NO_SUCH_RESOURCE');
  });
});
