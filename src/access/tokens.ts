/**
 * Random secrets and how they are compared. Every secret is 256 random bits, so a single SHA-256 is
 * enough to store it (no slow hash: there is nothing to guess), and every comparison of secrets is
 * constant-time so response timing does not reveal how much of a guess was right.
 *
 * API keys read `krv_<key id>_<secret>`: the key id (16 hex digits) finds the stored row directly,
 * then the secret's SHA-256 is compared with the stored one.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const SECRET_BYTES = 32;
const KEY_PREFIX = 'krv';
const KEY_ID_PATTERN = /^[0-9a-f]{16}$/;
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** 256 random bits in base64url (43 characters). */
export function randomSecret(): string {
  return randomBytes(SECRET_BYTES).toString('base64url');
}

/** SHA-256 in hex: how secrets (key secrets, session ids, link tokens) are stored. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/**
 * Compares two secrets in time that does not depend on where they differ. Both are hashed first so
 * the buffers have equal length whatever the input (timingSafeEqual needs that), which also hides
 * the expected secret's length.
 */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** Compares a hex SHA-256 stored earlier with the hash of a presented secret, in constant time. */
export function matchesHash(secret: string, storedHashHex: string): boolean {
  const presented = createHash('sha256').update(secret, 'utf8').digest();
  const stored = Buffer.from(storedHashHex, 'hex');
  return stored.length === presented.length && timingSafeEqual(presented, stored);
}

export interface NewApiKeySecret {
  keyId: string;
  /** What the client sends: `krv_<keyId>_<secret>`; shown once, never stored. */
  token: string;
  /** What is stored. */
  secretHash: string;
}

/** A new API key: its id, the token to hand out once, and the hash to keep. */
export function newApiKeySecret(): NewApiKeySecret {
  const keyId = randomBytes(8).toString('hex');
  const secret = randomSecret();
  return { keyId, token: `${KEY_PREFIX}_${keyId}_${secret}`, secretHash: sha256Hex(secret) };
}

/** The parts of a presented API key, or undefined when it does not have the shape of one. */
export function parseApiKey(token: string): { keyId: string; secret: string } | undefined {
  const first = token.indexOf('_');
  const second = token.indexOf('_', first + 1);
  if (first < 0 || second < 0 || token.slice(0, first) !== KEY_PREFIX) return undefined;
  const keyId = token.slice(first + 1, second);
  const secret = token.slice(second + 1);
  if (!KEY_ID_PATTERN.test(keyId) || !SECRET_PATTERN.test(secret)) return undefined;
  return { keyId, secret };
}

/** A new session id (the cookie value) and the hash the store keeps. */
export function newSessionId(): { value: string; idHash: string } {
  const value = randomSecret();
  return { value, idHash: sha256Hex(value) };
}

/** A new public tracking link token (the URL part) and the hash the store keeps. */
export function newPublicLinkToken(): { token: string; tokenHash: string } {
  const token = randomSecret();
  return { token, tokenHash: sha256Hex(token) };
}

/** Device tokens read `krvd_<secret>`: the prefix tells the authentication layer to leave them to the telemetry routes. */
export const DEVICE_TOKEN_PREFIX = 'krvd_';

/** A new device credential: the token the device sends (shown once) and the hash the store keeps. */
export function newDeviceToken(): { token: string; tokenHash: string } {
  const secret = randomSecret();
  return { token: `${DEVICE_TOKEN_PREFIX}${secret}`, tokenHash: sha256Hex(secret) };
}

/** The hash under which a presented device token is stored, or undefined when it does not have the shape of one. */
export function deviceTokenHash(token: string): string | undefined {
  if (!token.startsWith(DEVICE_TOKEN_PREFIX)) return undefined;
  const secret = token.slice(DEVICE_TOKEN_PREFIX.length);
  return SECRET_PATTERN.test(secret) ? sha256Hex(secret) : undefined;
}
