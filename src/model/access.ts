// Who is in the network and who is asking: organisations, users, API keys, sessions and the
// principal a request is made by. Pure types and the small rules that go with them.

export const ORGANISATION_KINDS = [
  'customs-authority',
  'railway',
  'port',
  'carrier',
  'forwarder',
  'shipper',
  'national-coordinator',
  'secretariat',
  'council',
  'network-operator',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const USER_ROLES = ['admin', 'operator', 'viewer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const KEY_SCOPES = ['capture', 'read', 'admin'] as const;
export type KeyScope = (typeof KEY_SCOPES)[number];

export interface Organisation {
  /** A readable, stable id: lower case letters, digits and dashes (e.g. `kz-customs`). */
  readonly id: string;
  readonly name: string;
  readonly kind: OrganisationKind;
  /** ISO 3166-1 alpha-2; absent for network-wide bodies (secretariat, council, network operator). */
  readonly country?: string;
  readonly status: 'active' | 'suspended';
  /** How events and registrations name this organisation: PGLNs (`urn:epc:id:pgln:...`), GLNs, party names. */
  readonly partyIds: readonly string[];
  /** Reference location ids it operates (terminals, ports, crossings): where it may capture. */
  readonly locations: readonly string[];
  readonly createdAt: string;
}

export interface User {
  readonly id: string;
  readonly organisationId: string;
  /** Sign-in name, stored lower case. */
  readonly email: string;
  readonly name: string;
  readonly role: UserRole;
  readonly status: 'active' | 'disabled';
  readonly createdAt: string;
}

/** A user as stored: with the scrypt hash of the password and the brute-force counters. */
export interface StoredUser extends User {
  /** `scrypt$<N>$<r>$<p>$<salt base64>$<hash base64>`; never logged, never returned. */
  readonly passwordHash: string;
  readonly failedSignIns: number;
  readonly lockedUntil?: string;
}

export interface ApiKey {
  readonly id: string;
  readonly organisationId: string;
  readonly name: string;
  readonly scopes: readonly KeyScope[];
  readonly createdAt: string;
  readonly lastUsedAt?: string;
  readonly revokedAt?: string;
}

/** A key as stored: only a SHA-256 of the secret (secrets are random, 256 bits: no slow hash needed). */
export interface StoredApiKey extends ApiKey {
  readonly secretHash: string;
}

export interface Session {
  /** SHA-256 of the cookie value: a stolen database gives no usable session. */
  readonly idHash: string;
  readonly userId: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly lastSeenAt: string;
}

/** A time-limited, revocable link that shows one shipment's status, last location and ETA to anyone holding it. */
export interface PublicLink {
  readonly id: string;
  readonly tokenHash: string;
  /** The shipment id it was created for (resolved through the read model, so it follows id changes). */
  readonly shipmentId: string;
  readonly organisationId: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly revokedAt?: string;
}

/** Who a request is made by, once authenticated. */
export interface Principal {
  readonly via: 'session' | 'api-key' | 'bootstrap';
  readonly organisation: Organisation;
  readonly userId?: string;
  readonly keyId?: string;
  readonly role?: UserRole;
  readonly scopes: readonly KeyScope[];
}

/** What a user's role allows, in the scopes API keys use. */
export function scopesOfRole(role: UserRole): KeyScope[] {
  return role === 'admin' ? ['read', 'capture', 'admin'] : role === 'operator' ? ['read', 'capture'] : ['read'];
}

export function hasScope(principal: Principal, scope: KeyScope): boolean {
  return principal.scopes.includes(scope);
}

/** The network operator's organisations administer the whole network and see everything. */
export function isNetworkAdmin(principal: Principal): boolean {
  return principal.organisation.kind === 'network-operator' && principal.organisation.status === 'active';
}

/** The secretariat and the council see aggregates only: no party names, declared values or references. */
export function seesAggregatesOnly(principal: Principal): boolean {
  return principal.organisation.kind === 'secretariat' || principal.organisation.kind === 'council';
}
