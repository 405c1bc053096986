// The rules of network governance, as pure functions over the governance records: who may vote on a
// proposal, when a vote is decided, which proposals may be opened, who holds the chair on a date and
// who is next in the rotation. No store, no clock: the service passes in what the rules look at.
//
// Decisions written down here:
// - The electorate is fixed when a proposal opens: every member state whose status is 'member' at
//   that moment and that has an active national coordinator (the only organisation that can vote
//   for it: without one it would block every unanimous vote), without the subject of a suspension
//   (a state does not vote on its own suspension).
// - An admission is opened only for a state that has an active national coordinator already, so an
//   admitted state can vote from its first day.
//   A state admitted or suspended later does not change the electorate of a proposal already open.
// - The vote is unanimous: a proposal is accepted when every elector has voted yes and rejected by
//   the first no, so it may be decided before every elector has voted. Votes of states outside the
//   electorate never count (the service refuses them anyway).
// - The chair rotates in alphabetical order of the member states' English names (Azerbaijan,
//   Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan, Uzbekistan), wrapping round; suspended states
//   are skipped. Alphabetical order is chosen over admission order because it does not depend on
//   history that is easy to dispute (founding members were all admitted on the same day) and it is
//   the order the region's own format uses for its rotating presidencies.
import type { ErrorCode } from '../errors.js';
import { countryNameOf, isAssignedCountryCode } from '../domain/iso-3166.js';
import { countryByCode } from '../reference/index.js';
import type { ChairTerm, MemberState, Proposal, ProposalKind, Vote } from '../model/governance.js';

/** Why a governance action is refused: the error code it is reported under and a message for people. */
export interface GovernanceProblem {
  readonly code: ErrorCode;
  readonly message: string;
}

export type TallyOutcome = 'open' | 'accepted' | 'rejected' | 'withdrawn';

export interface Tally {
  readonly outcome: TallyOutcome;
  /** Electors that voted yes, no, and those yet to vote, each in alphabetical order of their codes. */
  readonly yes: readonly string[];
  readonly no: readonly string[];
  readonly pending: readonly string[];
}

/** The English name of a country (the reference data's, else the runtime's), or its code when neither knows it. */
export function englishNameOf(country: string): string {
  return countryByCode(country)?.names.en ?? countryNameOf(country) ?? country;
}

/**
 * An ISO 3166-1 alpha-2 code as the records keep it (upper case), or undefined when it is not an
 * assigned one: 'ZZ' or 'EU' name no country that could join the network.
 */
export function normaliseCountry(raw: string): string | undefined {
  const code = raw.trim().toUpperCase();
  return isAssignedCountryCode(code) ? code : undefined;
}

/**
 * The member states entitled to vote on a new proposal of `kind` about `country`. With `ableToVote`
 * (the states that have an active national coordinator), a member state without one is left out: it
 * could never cast a vote, and a unanimous vote waiting for it would stay open for ever.
 */
export function electorateFor(members: readonly MemberState[], kind: ProposalKind, country: string, ableToVote?: ReadonlySet<string>): string[] {
  return members
    .filter((member) => member.status === 'member')
    .filter((member) => !ableToVote || ableToVote.has(member.country))
    .filter((member) => !(kind === 'suspension' && member.country === country))
    .map((member) => member.country)
    .sort();
}

/** Where a vote stands: decided by the first no, or by the last missing yes. */
export function tallyVotes(electorate: readonly string[], votes: readonly Vote[]): Tally {
  const electors = new Set(electorate);
  const yes = new Set<string>();
  const no = new Set<string>();
  for (const vote of votes) {
    if (!electors.has(vote.country)) continue;
    (vote.vote === 'yes' ? yes : no).add(vote.country);
  }
  const pending = [...electors].filter((country) => !yes.has(country) && !no.has(country)).sort();
  // An empty electorate cannot accept anything: nobody is there to agree.
  const outcome: TallyOutcome = no.size > 0 ? 'rejected' : electors.size > 0 && pending.length === 0 ? 'accepted' : 'open';
  return { outcome, yes: [...yes].sort(), no: [...no].sort(), pending };
}

/**
 * Where a proposal stands: its tally, except that a withdrawn proposal shows outcome 'withdrawn' and
 * waits for nobody (its votes so far are still listed), not 'open' as its votes alone would say.
 */
export function tallyOf(proposal: Pick<Proposal, 'status' | 'electorate'>, votes: readonly Vote[]): Tally {
  const tally = tallyVotes(proposal.electorate, votes);
  return proposal.status === 'withdrawn' ? { ...tally, outcome: 'withdrawn', pending: [] } : tally;
}

/**
 * Whether a proposal of `kind` about `country` may be opened now, given the member states and the
 * proposals still open. Undefined when it may.
 */
export function proposalProblem(input: {
  kind: ProposalKind;
  country: string;
  members: readonly MemberState[];
  openProposals: readonly Proposal[];
  /** The member states that have an active national coordinator (see electorateFor). */
  ableToVote?: ReadonlySet<string>;
  /** For an admission: whether the candidate state has an active national coordinator organisation. */
  candidateHasCoordinator?: boolean;
}): GovernanceProblem | undefined {
  const { kind, country } = input;
  const name = `${englishNameOf(country)} (${country})`;
  const subject = input.members.find((member) => member.country === country);
  const pendingAbout = input.openProposals.find((proposal) => proposal.status === 'open' && proposal.country === country);
  if (pendingAbout) {
    return {
      code: 'KRV_CONFLICT',
      message: `Proposal ${pendingAbout.id} (${pendingAbout.kind} of ${name}) is still open: it must be decided before another proposal about the same state`,
    };
  }
  if (kind === 'admission' && subject?.status === 'member') {
    return { code: 'KRV_CONFLICT', message: `${name} is a member state already` };
  }
  if (kind === 'admission' && subject?.status === 'suspended') {
    return { code: 'KRV_CONFLICT', message: `${name} is a suspended member state: propose its reinstatement, not its admission` };
  }
  if (kind === 'admission' && input.candidateHasCoordinator === false) {
    return {
      code: 'KRV_CONFLICT',
      message: `${name} has no active national coordinator organisation: create one (kind national-coordinator, country ${country}) before proposing its admission, so that it can vote once admitted`,
    };
  }
  if (kind === 'suspension' && !subject) return { code: 'KRV_CONFLICT', message: `${name} is not a member state, so it cannot be suspended` };
  if (kind === 'suspension' && subject?.status === 'suspended') return { code: 'KRV_CONFLICT', message: `${name} is suspended already` };
  if (kind === 'reinstatement' && subject?.status !== 'suspended') {
    return { code: 'KRV_CONFLICT', message: `${name} is not a suspended member state, so there is nothing to reinstate` };
  }
  if (electorateFor(input.members, kind, country, input.ableToVote).length === 0) {
    return { code: 'KRV_CONFLICT', message: 'No member state would be entitled to vote on this proposal' };
  }
  return undefined;
}

/** The member state record after an accepted proposal takes effect at `at`. */
export function memberAfter(proposal: Proposal, current: MemberState | undefined, at: string): MemberState {
  switch (proposal.kind) {
    case 'admission':
      return {
        country: proposal.country,
        status: 'member',
        admittedAt: at,
        admittedBy: proposal.id,
        ...(current?.coordinatorOrganisationId ? { coordinatorOrganisationId: current.coordinatorOrganisationId } : {}),
      };
    case 'suspension':
    case 'reinstatement':
      if (!current) throw new Error(`${proposal.kind} of ${proposal.country}, which has no member state record`);
      return { ...current, status: proposal.kind === 'suspension' ? 'suspended' : 'member' };
  }
}

const instant = (value: string | Date): number => (typeof value === 'string' ? Date.parse(value) : value.getTime());

/** Terms in order of their start (the order they took effect, whatever order they were written in). */
export function termsInOrder(terms: readonly ChairTerm[]): ChairTerm[] {
  return [...terms].sort((a, b) => instant(a.from) - instant(b.from));
}

/** The term in force at `at`: the one whose start is the latest not after `at`; undefined before the first. */
export function chairAt(terms: readonly ChairTerm[], at: string | Date): ChairTerm | undefined {
  const moment = instant(at);
  let current: ChairTerm | undefined;
  for (const term of termsInOrder(terms)) {
    if (instant(term.from) <= moment) current = term;
  }
  return current;
}

/** When the term in force at `at` ends: the start of the next term, if one is scheduled. */
export function termEnd(terms: readonly ChairTerm[], term: ChairTerm): string | undefined {
  return termsInOrder(terms).find((other) => instant(other.from) > instant(term.from))?.from;
}

/**
 * The member state that follows `current` in the rotation: the next in alphabetical order of the
 * English names among states with status 'member', wrapping round (so the only member follows
 * itself). The first in that order when there is no current chair; undefined without members.
 */
export function nextInRotation(members: readonly MemberState[], current: string | undefined): string | undefined {
  const byName = (a: string, b: string) => englishNameOf(a).localeCompare(englishNameOf(b), 'en');
  const eligible = members.filter((member) => member.status === 'member').map((member) => member.country).sort(byName);
  if (eligible.length === 0) return undefined;
  if (current === undefined) return eligible[0];
  // The current chair may be suspended (not in the list): take the first one after it by name.
  const after = eligible.find((country) => country !== current && byName(country, current) > 0);
  return after ?? eligible[0];
}

/** Whether a hand-over of the chair to `country` on `from` may be scheduled; undefined when it may. */
export function handOverProblem(input: {
  terms: readonly ChairTerm[];
  members: readonly MemberState[];
  country: string;
  from: string;
  now: Date;
}): GovernanceProblem | undefined {
  const { country, from } = input;
  const name = `${englishNameOf(country)} (${country})`;
  if (Number.isNaN(Date.parse(from))) {
    return { code: 'KRV_VALIDATION', message: `from must be a date-time such as 2027-01-01T00:00:00Z, got '${from}'` };
  }
  const member = input.members.find((m) => m.country === country);
  if (member?.status !== 'member') {
    return { code: 'KRV_CONFLICT', message: `${name} is not a member state in good standing, so it cannot hold the chair` };
  }
  if (instant(from) <= input.now.getTime()) {
    return { code: 'KRV_VALIDATION', message: `A hand-over is scheduled in the future; ${from} is not after now (${input.now.toISOString()})` };
  }
  const last = termsInOrder(input.terms).at(-1);
  if (last && instant(from) <= instant(last.from)) {
    return { code: 'KRV_CONFLICT', message: `A hand-over must come after the last scheduled term, which starts ${last.from}` };
  }
  if (last && last.country === country) {
    return { code: 'KRV_CONFLICT', message: `${name} holds the last scheduled term already` };
  }
  return undefined;
}
