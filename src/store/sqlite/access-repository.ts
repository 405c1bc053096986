/**
 * Organisations, users, API keys, sessions and public links in SQLite (tables: access-schema.ts;
 * party id claims: organisation-party-schema.ts).
 */
import type Database from 'better-sqlite3';
import type { ApiKey, KeyScope, Organisation, PublicLink, Session, StoredApiKey, StoredUser } from '../../model/access.js';
import { partyKey } from '../../model/visibility-scope.js';
import { PartyIdTaken, type AccessRepository } from '../store.js';

interface OrganisationRow {
  id: string;
  name: string;
  kind: string;
  country: string | null;
  status: string;
  party_ids: string;
  locations: string;
  created_at: string;
}

interface UserRow {
  id: string;
  organisation_id: string;
  email: string;
  name: string;
  role: string;
  status: string;
  password_hash: string;
  failed_sign_ins: number;
  locked_until: string | null;
  created_at: string;
}

interface KeyRow {
  id: string;
  organisation_id: string;
  name: string;
  scopes: string;
  secret_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

interface SessionRow {
  id_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

interface LinkRow {
  id: string;
  token_hash: string;
  shipment_id: string;
  organisation_id: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

function toOrganisation(row: OrganisationRow): Organisation {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as Organisation['kind'],
    ...(row.country !== null ? { country: row.country } : {}),
    status: row.status as Organisation['status'],
    partyIds: JSON.parse(row.party_ids) as string[],
    locations: JSON.parse(row.locations) as string[],
    createdAt: row.created_at,
  };
}

function toUser(row: UserRow): StoredUser {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    email: row.email,
    name: row.name,
    role: row.role as StoredUser['role'],
    status: row.status as StoredUser['status'],
    createdAt: row.created_at,
    passwordHash: row.password_hash,
    failedSignIns: row.failed_sign_ins,
    ...(row.locked_until !== null ? { lockedUntil: row.locked_until } : {}),
  };
}

function toKey(row: KeyRow): StoredApiKey {
  const key: ApiKey = {
    id: row.id,
    organisationId: row.organisation_id,
    name: row.name,
    scopes: JSON.parse(row.scopes) as KeyScope[],
    createdAt: row.created_at,
    ...(row.last_used_at !== null ? { lastUsedAt: row.last_used_at } : {}),
    ...(row.revoked_at !== null ? { revokedAt: row.revoked_at } : {}),
  };
  return { ...key, secretHash: row.secret_hash };
}

function toSession(row: SessionRow): Session {
  return { idHash: row.id_hash, userId: row.user_id, createdAt: row.created_at, expiresAt: row.expires_at, lastSeenAt: row.last_seen_at };
}

function toLink(row: LinkRow): PublicLink {
  return {
    id: row.id,
    tokenHash: row.token_hash,
    shipmentId: row.shipment_id,
    organisationId: row.organisation_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    ...(row.revoked_at !== null ? { revokedAt: row.revoked_at } : {}),
  };
}

/**
 * An UPDATE of the named columns only: `changes` maps property names to columns through `columns`
 * (a fixed whitelist, so no caller text reaches the SQL). A property given as undefined clears the
 * column (e.g. `lockedUntil: undefined` unlocks an account). Statements are cached per column set.
 */
function updater(db: Database.Database, table: string, keyColumn: string, columns: Record<string, { column: string; encode?: (value: unknown) => unknown }>) {
  const cache = new Map<string, Database.Statement>();
  return (key: string, changes: object): number => {
    const names = Object.keys(changes).filter((name) => name in columns).sort();
    if (names.length === 0) return 0;
    const signature = names.join(',');
    let statement = cache.get(signature);
    if (!statement) {
      statement = db.prepare(`UPDATE ${table} SET ${names.map((name) => `${columns[name]!.column} = ?`).join(', ')} WHERE ${keyColumn} = ?`);
      cache.set(signature, statement);
    }
    const values = names.map((name) => {
      const value = (changes as Record<string, unknown>)[name];
      if (value === undefined) return null;
      return columns[name]!.encode ? columns[name]!.encode!(value) : value;
    });
    return statement.run(...values, key).changes;
  };
}

const json = (value: unknown) => JSON.stringify(value);

/** The access repository over an open database. */
export function sqliteAccess(db: Database.Database): AccessRepository {
  const insertOrganisation = db.prepare(
    'INSERT INTO organisation (id, name, kind, country, status, party_ids, locations, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
  );
  const selectOrganisation = db.prepare<[string], OrganisationRow>('SELECT * FROM organisation WHERE id = ?');
  const selectOrganisations = db.prepare<[string | null, string | null, string | null, string | null], OrganisationRow>(
    'SELECT * FROM organisation WHERE (? IS NULL OR country = ?) AND (? IS NULL OR kind = ?) ORDER BY id',
  );
  const updateOrganisation = updater(db, 'organisation', 'id', {
    name: { column: 'name' },
    status: { column: 'status' },
    partyIds: { column: 'party_ids', encode: json },
    locations: { column: 'locations', encode: json },
  });
  // Party ids are claimed by their normalised key (organisation-party-schema.ts): the primary key
  // makes a party one organisation's, however many requests race for it.
  const insertClaim = db.prepare('INSERT INTO organisation_party (party_key, organisation_id) VALUES (?, ?) ON CONFLICT (party_key) DO NOTHING');
  const selectHolder = db.prepare<[string], { organisation_id: string }>('SELECT organisation_id FROM organisation_party WHERE party_key = ?');
  const deleteClaims = db.prepare('DELETE FROM organisation_party WHERE organisation_id = ?');
  /** Claims every party id for the organisation, or throws PartyIdTaken (inside a transaction, which it then undoes). */
  const claimParties = (organisationId: string, partyIds: readonly string[]): void => {
    for (const partyId of partyIds) {
      const key = partyKey(partyId);
      if (insertClaim.run(key, organisationId).changes === 1) continue;
      const holder = selectHolder.get(key)!.organisation_id;
      // Two spellings of one party on the same organisation are one claim.
      if (holder !== organisationId) throw new PartyIdTaken(partyId, holder);
    }
  };
  const createOrganisation = db.transaction((o: Organisation): boolean => {
    if (insertOrganisation.run(o.id, o.name, o.kind, o.country ?? null, o.status, json(o.partyIds), json(o.locations), o.createdAt).changes !== 1) return false;
    claimParties(o.id, o.partyIds);
    return true;
  });
  const changeOrganisation = db.transaction((id: string, changes: Partial<Pick<Organisation, 'name' | 'status' | 'partyIds' | 'locations'>>): void => {
    if (changes.partyIds !== undefined && selectOrganisation.get(id)) {
      deleteClaims.run(id);
      claimParties(id, changes.partyIds);
    }
    updateOrganisation(id, changes);
  });

  const insertUser = db.prepare(
    `INSERT INTO app_user (id, organisation_id, email, name, role, status, password_hash, failed_sign_ins, locked_until, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const selectUser = db.prepare<[string], UserRow>('SELECT * FROM app_user WHERE id = ?');
  const selectUserByEmail = db.prepare<[string], UserRow>('SELECT * FROM app_user WHERE email = ?');
  const selectUsers = db.prepare<[string], UserRow>('SELECT * FROM app_user WHERE organisation_id = ? ORDER BY email');
  const updateUser = updater(db, 'app_user', 'id', {
    name: { column: 'name' },
    role: { column: 'role' },
    status: { column: 'status' },
    passwordHash: { column: 'password_hash' },
    failedSignIns: { column: 'failed_sign_ins' },
    lockedUntil: { column: 'locked_until' },
  });

  const insertKey = db.prepare(
    'INSERT INTO api_key (id, organisation_id, name, scopes, secret_hash, created_at, last_used_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const selectKey = db.prepare<[string], KeyRow>('SELECT * FROM api_key WHERE id = ?');
  const selectKeys = db.prepare<[string], KeyRow>('SELECT * FROM api_key WHERE organisation_id = ? ORDER BY created_at, id');
  const updateKey = updater(db, 'api_key', 'id', { lastUsedAt: { column: 'last_used_at' }, revokedAt: { column: 'revoked_at' } });

  const insertSession = db.prepare('INSERT INTO session (id_hash, user_id, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?)');
  const selectSession = db.prepare<[string], SessionRow>('SELECT * FROM session WHERE id_hash = ?');
  const updateSession = updater(db, 'session', 'id_hash', { lastSeenAt: { column: 'last_seen_at' }, expiresAt: { column: 'expires_at' } });
  const deleteSession = db.prepare('DELETE FROM session WHERE id_hash = ?');
  const deleteUserSessions = db.prepare('DELETE FROM session WHERE user_id = ?');
  const deleteExpiredSessions = db.prepare('DELETE FROM session WHERE expires_at < ?');

  const insertLink = db.prepare(
    'INSERT INTO public_link (id, token_hash, shipment_id, organisation_id, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const selectLink = db.prepare<[string], LinkRow>('SELECT * FROM public_link WHERE id = ?');
  const selectLinkByToken = db.prepare<[string], LinkRow>('SELECT * FROM public_link WHERE token_hash = ?');
  const selectLinks = db.prepare<[string, string | null, string | null], LinkRow>(
    'SELECT * FROM public_link WHERE organisation_id = ? AND (? IS NULL OR shipment_id = ?) ORDER BY created_at DESC, id DESC',
  );
  const revokeLink = db.prepare('UPDATE public_link SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');

  return {
    organisations: {
      async create(o) {
        return createOrganisation(o);
      },
      async get(id) {
        const row = selectOrganisation.get(id);
        return row ? toOrganisation(row) : undefined;
      },
      async list(filter = {}) {
        const country = filter.country ?? null;
        const kind = filter.kind ?? null;
        return selectOrganisations.all(country, country, kind, kind).map(toOrganisation);
      },
      async update(id, changes) {
        changeOrganisation(id, changes);
        const row = selectOrganisation.get(id);
        return row ? toOrganisation(row) : undefined;
      },
    },
    users: {
      async create(u) {
        const outcome = insertUser.run(
          u.id, u.organisationId, u.email.toLowerCase(), u.name, u.role, u.status, u.passwordHash, u.failedSignIns, u.lockedUntil ?? null, u.createdAt,
        );
        return outcome.changes === 1;
      },
      async get(id) {
        const row = selectUser.get(id);
        return row ? toUser(row) : undefined;
      },
      async byEmail(email) {
        const row = selectUserByEmail.get(email.toLowerCase());
        return row ? toUser(row) : undefined;
      },
      async list(organisationId) {
        return selectUsers.all(organisationId).map(toUser);
      },
      async update(id, changes) {
        updateUser(id, changes);
        const row = selectUser.get(id);
        return row ? toUser(row) : undefined;
      },
    },
    apiKeys: {
      async create(k) {
        insertKey.run(k.id, k.organisationId, k.name, json(k.scopes), k.secretHash, k.createdAt, k.lastUsedAt ?? null, k.revokedAt ?? null);
      },
      async get(id) {
        const row = selectKey.get(id);
        return row ? toKey(row) : undefined;
      },
      async list(organisationId) {
        return selectKeys.all(organisationId).map(toKey);
      },
      async update(id, changes) {
        updateKey(id, changes);
      },
    },
    sessions: {
      async create(s) {
        insertSession.run(s.idHash, s.userId, s.createdAt, s.expiresAt, s.lastSeenAt);
      },
      async get(idHash) {
        const row = selectSession.get(idHash);
        return row ? toSession(row) : undefined;
      },
      async update(idHash, changes) {
        updateSession(idHash, changes);
      },
      async delete(idHash) {
        deleteSession.run(idHash);
      },
      async deleteForUser(userId) {
        deleteUserSessions.run(userId);
      },
      async deleteExpired(now) {
        return deleteExpiredSessions.run(now).changes;
      },
    },
    publicLinks: {
      async create(l) {
        insertLink.run(l.id, l.tokenHash, l.shipmentId, l.organisationId, l.createdAt, l.expiresAt, l.revokedAt ?? null);
      },
      async get(id) {
        const row = selectLink.get(id);
        return row ? toLink(row) : undefined;
      },
      async byTokenHash(tokenHash) {
        const row = selectLinkByToken.get(tokenHash);
        return row ? toLink(row) : undefined;
      },
      async list(organisationId, shipmentId) {
        const shipment = shipmentId ?? null;
        return selectLinks.all(organisationId, shipment, shipment).map(toLink);
      },
      async revoke(id, at) {
        revokeLink.run(at, id);
      },
    },
  };
}
