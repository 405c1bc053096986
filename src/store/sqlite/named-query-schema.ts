/**
 * Migration of named queries to owners: each named query belongs to the organisation that created
 * it, and each organisation has its own names (the primary key is (owner, name)). Queries stored
 * before this migration had no owner; they keep `owner = ''` (nobody), which only the network
 * operator sees. '' rather than NULL: a primary key column may not be NULL, and '' is no
 * organisation id (ids start with a letter or digit).
 */
export const NAMED_QUERY_OWNER_SCHEMA = `
  CREATE TABLE named_query_owned (
    owner TEXT NOT NULL,
    name TEXT NOT NULL,
    query TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (owner, name)
  ) WITHOUT ROWID;
  CREATE INDEX named_query_by_name ON named_query_owned (name, owner);
  INSERT INTO named_query_owned (owner, name, query, created_at) SELECT '', name, query, created_at FROM named_query;
  DROP TABLE named_query;
  ALTER TABLE named_query_owned RENAME TO named_query;
`;
