/** Member states, proposals, votes, chair terms and network settings in SQLite. */
import type Database from 'better-sqlite3';
import type { ChairTerm, MemberState, Proposal, Vote } from '../../model/governance.js';
import type { GovernanceRepository } from '../store.js';

interface MemberRow {
  country: string;
  status: MemberState['status'];
  admitted_at: string;
  admitted_by: string | null;
  coordinator_organisation_id: string | null;
}

interface ProposalRow {
  id: string;
  kind: Proposal['kind'];
  country: string;
  proposed_by: string;
  opened_at: string;
  electorate: string;
  status: Proposal['status'];
  closed_at: string | null;
  motivation: string | null;
}

interface VoteRow {
  proposal_id: string;
  country: string;
  vote: Vote['vote'];
  cast_at: string;
  organisation_id: string;
  user_id: string | null;
  key_id: string | null;
}

function toMember(row: MemberRow): MemberState {
  return {
    country: row.country,
    status: row.status,
    admittedAt: row.admitted_at,
    ...(row.admitted_by !== null ? { admittedBy: row.admitted_by } : {}),
    ...(row.coordinator_organisation_id !== null ? { coordinatorOrganisationId: row.coordinator_organisation_id } : {}),
  };
}

function toProposal(row: ProposalRow): Proposal {
  return {
    id: row.id,
    kind: row.kind,
    country: row.country,
    proposedBy: row.proposed_by,
    openedAt: row.opened_at,
    electorate: JSON.parse(row.electorate) as string[],
    status: row.status,
    ...(row.closed_at !== null ? { closedAt: row.closed_at } : {}),
    ...(row.motivation !== null ? { motivation: row.motivation } : {}),
  };
}

function toVote(row: VoteRow): Vote {
  return {
    proposalId: row.proposal_id,
    country: row.country,
    vote: row.vote,
    castAt: row.cast_at,
    castBy: {
      organisationId: row.organisation_id,
      ...(row.user_id !== null ? { userId: row.user_id } : {}),
      ...(row.key_id !== null ? { keyId: row.key_id } : {}),
    },
  };
}

/** The governance repository over an open database. */
export function sqliteGovernance(db: Database.Database): GovernanceRepository {
  const selectMembers = db.prepare<[], MemberRow>('SELECT * FROM governance_member ORDER BY country');
  const selectMember = db.prepare<[string], MemberRow>('SELECT * FROM governance_member WHERE country = ?');
  const upsertMember = db.prepare(
    `INSERT INTO governance_member (country, status, admitted_at, admitted_by, coordinator_organisation_id)
     VALUES (@country, @status, @admittedAt, @admittedBy, @coordinator)
     ON CONFLICT (country) DO UPDATE SET status = excluded.status, admitted_at = excluded.admitted_at,
       admitted_by = excluded.admitted_by, coordinator_organisation_id = excluded.coordinator_organisation_id`,
  );
  const insertProposal = db.prepare(
    `INSERT INTO governance_proposal (id, kind, country, proposed_by, opened_at, electorate, status, closed_at, motivation)
     VALUES (@id, @kind, @country, @proposedBy, @openedAt, @electorate, @status, @closedAt, @motivation)`,
  );
  const selectProposal = db.prepare<[string], ProposalRow>('SELECT * FROM governance_proposal WHERE id = ?');
  const selectProposals = db.prepare<[], ProposalRow>('SELECT * FROM governance_proposal ORDER BY opened_at DESC, id');
  const selectProposalsByStatus = db.prepare<[string], ProposalRow>('SELECT * FROM governance_proposal WHERE status = ? ORDER BY opened_at DESC, id');
  const insertVote = db.prepare(
    `INSERT INTO governance_vote (proposal_id, country, vote, cast_at, organisation_id, user_id, key_id)
     VALUES (@proposalId, @country, @vote, @castAt, @organisationId, @userId, @keyId)
     ON CONFLICT (proposal_id, country) DO NOTHING`,
  );
  const selectVotes = db.prepare<[string], VoteRow>('SELECT * FROM governance_vote WHERE proposal_id = ? ORDER BY cast_at, country');
  const selectTerms = db.prepare<[], { country: string; from_time: string }>('SELECT * FROM governance_chair_term');
  const insertTerm = db.prepare('INSERT INTO governance_chair_term (country, from_time) VALUES (?, ?)');
  const selectSetting = db.prepare<[string], { value: string }>('SELECT value FROM governance_setting WHERE name = ?');
  const selectSettings = db.prepare<[], { name: string; value: string }>('SELECT * FROM governance_setting ORDER BY name');
  const upsertSetting = db.prepare('INSERT INTO governance_setting (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value');

  return {
    async listMembers() {
      return selectMembers.all().map(toMember);
    },
    async getMember(country) {
      const row = selectMember.get(country);
      return row ? toMember(row) : undefined;
    },
    async putMember(member) {
      upsertMember.run({
        country: member.country,
        status: member.status,
        admittedAt: member.admittedAt,
        admittedBy: member.admittedBy ?? null,
        coordinator: member.coordinatorOrganisationId ?? null,
      });
    },

    async createProposal(proposal) {
      insertProposal.run({
        id: proposal.id,
        kind: proposal.kind,
        country: proposal.country,
        proposedBy: proposal.proposedBy,
        openedAt: proposal.openedAt,
        electorate: JSON.stringify(proposal.electorate),
        status: proposal.status,
        closedAt: proposal.closedAt ?? null,
        motivation: proposal.motivation ?? null,
      });
    },
    async getProposal(id) {
      const row = selectProposal.get(id);
      return row ? toProposal(row) : undefined;
    },
    async listProposals(filter) {
      const rows = filter?.status ? selectProposalsByStatus.all(filter.status) : selectProposals.all();
      return rows.map(toProposal);
    },
    async updateProposal(id, changes) {
      const sets: string[] = [];
      const values: Record<string, string | null> = { id };
      if (changes.status !== undefined) {
        sets.push('status = @status');
        values.status = changes.status;
      }
      if ('closedAt' in changes) {
        sets.push('closed_at = @closedAt');
        values.closedAt = changes.closedAt ?? null;
      }
      if (sets.length === 0) return;
      db.prepare(`UPDATE governance_proposal SET ${sets.join(', ')} WHERE id = @id`).run(values);
    },
    async addVote(vote) {
      const outcome = insertVote.run({
        proposalId: vote.proposalId,
        country: vote.country,
        vote: vote.vote,
        castAt: vote.castAt,
        organisationId: vote.castBy.organisationId,
        userId: vote.castBy.userId ?? null,
        keyId: vote.castBy.keyId ?? null,
      });
      return outcome.changes === 1;
    },
    async listVotes(proposalId) {
      return selectVotes.all(proposalId).map(toVote);
    },

    async listChairTerms() {
      // Sorted by instant rather than by text, so differently written times still order correctly.
      return selectTerms
        .all()
        .map((row): ChairTerm => ({ country: row.country, from: row.from_time }))
        .sort((a, b) => Date.parse(a.from) - Date.parse(b.from));
    },
    async addChairTerm(term) {
      insertTerm.run(term.country, term.from);
    },

    async getSetting(name) {
      const row = selectSetting.get(name);
      return row ? (JSON.parse(row.value) as unknown) : undefined;
    },
    async listSettings() {
      return Object.fromEntries(selectSettings.all().map((row) => [row.name, JSON.parse(row.value) as unknown]));
    },
    async putSetting(name, value) {
      upsertSetting.run(name, JSON.stringify(value));
    },
  };
}
