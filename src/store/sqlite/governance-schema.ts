// Migration of the governance tables (member states, proposals, votes, chair terms, network settings).
// - `governance_vote` has the PRIMARY KEY (proposal_id, country): a member state votes once on a
//   proposal, and the store refuses a second vote itself, so two concurrent votes cannot both count.
// - A proposal's electorate is fixed when it opens, so it is kept with the proposal as a JSON list.
// - Proposals are listed newest first: `governance_proposal_by_time` serves that order.
export const GOVERNANCE_SCHEMA = `
  CREATE TABLE governance_member (
    country TEXT PRIMARY KEY,
    status TEXT NOT NULL CHECK (status IN ('member', 'suspended')),
    admitted_at TEXT NOT NULL,
    admitted_by TEXT,
    coordinator_organisation_id TEXT
  );
  CREATE TABLE governance_proposal (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    country TEXT NOT NULL,
    proposed_by TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    electorate TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'accepted', 'rejected', 'withdrawn')),
    closed_at TEXT,
    motivation TEXT
  );
  CREATE INDEX governance_proposal_by_time ON governance_proposal (opened_at DESC, id);
  CREATE TABLE governance_vote (
    proposal_id TEXT NOT NULL REFERENCES governance_proposal (id),
    country TEXT NOT NULL,
    vote TEXT NOT NULL CHECK (vote IN ('yes', 'no')),
    cast_at TEXT NOT NULL,
    organisation_id TEXT NOT NULL,
    user_id TEXT,
    key_id TEXT,
    PRIMARY KEY (proposal_id, country)
  ) WITHOUT ROWID;
  CREATE TABLE governance_chair_term (
    country TEXT NOT NULL,
    from_time TEXT NOT NULL PRIMARY KEY
  );
  CREATE TABLE governance_setting (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
`;
