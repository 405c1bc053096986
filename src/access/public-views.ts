/** Users and API keys as they are shown outside the access module: never a secret or its hash. */
import type { ApiKey, StoredApiKey, StoredUser, User } from '../model/access.js';

/** A user as shown: no password hash, no brute-force counters. */
export function publicUser(user: StoredUser): User {
  return { id: user.id, organisationId: user.organisationId, email: user.email, name: user.name, role: user.role, status: user.status, createdAt: user.createdAt };
}

/** A key as shown: no secret hash. */
export function publicKey(key: StoredApiKey): ApiKey {
  const { secretHash: _secretHash, ...shown } = key;
  return shown;
}
