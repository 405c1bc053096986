/**
 * Migration of the access tables (src/access/): organisations, users, API keys, sessions and public
 * tracking links.
 *
 * - Lists (party ids, locations, key scopes) are JSON arrays: they are read with their row and never
 *   searched by value in SQL.
 * - Times are ISO 8601 UTC strings as `Date.toISOString()` writes them (fixed width), so they compare
 *   as text: `expires_at < ?` is a time comparison.
 * - No secret is stored: users keep a scrypt hash, keys the SHA-256 of their secret, sessions and
 *   public links the SHA-256 of the cookie value or token (a copy of the database opens nothing).
 * - Sessions go with their user (ON DELETE CASCADE). Public links name their organisation without a
 *   foreign key: the bootstrap network operator is not a stored organisation.
 */
export const ACCESS_SCHEMA = `
  CREATE TABLE organisation (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    country TEXT,
    status TEXT NOT NULL CHECK (status IN ('active', 'suspended')),
    party_ids TEXT NOT NULL,
    locations TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX organisation_by_country ON organisation (country, id);

  CREATE TABLE app_user (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisation (id),
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'disabled')),
    password_hash TEXT NOT NULL,
    failed_sign_ins INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    created_at TEXT NOT NULL
  );
  CREATE INDEX app_user_by_organisation ON app_user (organisation_id, email);

  CREATE TABLE api_key (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisation (id),
    name TEXT NOT NULL,
    scopes TEXT NOT NULL,
    secret_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT
  );
  CREATE INDEX api_key_by_organisation ON api_key (organisation_id, created_at);

  CREATE TABLE session (
    id_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
  );
  CREATE INDEX session_by_user ON session (user_id);
  CREATE INDEX session_by_expiry ON session (expires_at);

  CREATE TABLE public_link (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    shipment_id TEXT NOT NULL,
    organisation_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT
  );
  CREATE INDEX public_link_by_organisation ON public_link (organisation_id, created_at);
`;
