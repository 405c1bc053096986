/** The store's contract, in part (store.ts gathers the parts into the Store): Organisations, users, keys, sessions and public links (src/access/). */
import type { Organisation, PublicLink, Session, StoredApiKey, StoredUser } from '../../model/access.js';

/**
 * A party id another organisation holds already: a party belongs to at most one organisation, its
 * ids compared after normalisation (partyKey: a PGLN URN and its Digital Link are the same party).
 */
export class PartyIdTaken extends Error {
  override readonly name = 'PartyIdTaken';
  constructor(
    /** The party id as the caller wrote it. */
    readonly partyId: string,
    /** The organisation that holds it: for the network operator's eyes only. */
    readonly holder: string,
  ) {
    super(`party id '${partyId}' is held by another organisation`);
  }
}

export interface OrganisationRepository {
  /**
   * Creates an organisation; false when the id is taken. Throws PartyIdTaken (and creates nothing)
   * when another organisation holds one of its party ids, atomically: of two creations claiming the
   * same party at once, one fails.
   */
  create(organisation: Organisation): Promise<boolean>;
  get(id: string): Promise<Organisation | undefined>;
  /** By country and/or kind, ordered by id. */
  list(filter?: { country?: string; kind?: Organisation['kind'] }): Promise<Organisation[]>;
  /** Changes an organisation; new party ids are claimed like create()'s (PartyIdTaken), removed ones released. */
  update(id: string, changes: Partial<Pick<Organisation, 'name' | 'status' | 'partyIds' | 'locations'>>): Promise<Organisation | undefined>;
}

export interface UserRepository {
  /** Creates a user; false when the email is taken. */
  create(user: StoredUser): Promise<boolean>;
  get(id: string): Promise<StoredUser | undefined>;
  /** By sign-in name (stored lower case; the argument is lower-cased). */
  byEmail(email: string): Promise<StoredUser | undefined>;
  list(organisationId: string): Promise<StoredUser[]>;
  update(id: string, changes: Partial<Pick<StoredUser, 'name' | 'role' | 'status' | 'passwordHash' | 'failedSignIns' | 'lockedUntil'>>): Promise<StoredUser | undefined>;
}

export interface ApiKeyRepository {
  create(key: StoredApiKey): Promise<void>;
  get(id: string): Promise<StoredApiKey | undefined>;
  list(organisationId: string): Promise<StoredApiKey[]>;
  update(id: string, changes: Partial<Pick<StoredApiKey, 'lastUsedAt' | 'revokedAt'>>): Promise<void>;
}

export interface SessionRepository {
  create(session: Session): Promise<void>;
  get(idHash: string): Promise<Session | undefined>;
  update(idHash: string, changes: Partial<Pick<Session, 'lastSeenAt' | 'expiresAt'>>): Promise<void>;
  delete(idHash: string): Promise<void>;
  /** Signs a user out everywhere (password change, account disabled). */
  deleteForUser(userId: string): Promise<void>;
  /** Forgets sessions that expired before `now`; returns how many. */
  deleteExpired(now: string): Promise<number>;
}

export interface PublicLinkRepository {
  create(link: PublicLink): Promise<void>;
  get(id: string): Promise<PublicLink | undefined>;
  byTokenHash(tokenHash: string): Promise<PublicLink | undefined>;
  /** The links an organisation created, newest first; of one shipment when given. */
  list(organisationId: string, shipmentId?: string): Promise<PublicLink[]>;
  revoke(id: string, at: string): Promise<void>;
}

export interface AccessRepository {
  readonly organisations: OrganisationRepository;
  readonly users: UserRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly sessions: SessionRepository;
  readonly publicLinks: PublicLinkRepository;
}
