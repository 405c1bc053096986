/**
 * Password hashing with scrypt (node:crypto): a memory-hard function, so guessing passwords from a
 * stolen database costs memory as well as time. Stored as `scrypt$<N>$<r>$<p>$<salt>$<hash>` (salt
 * and hash in base64) so the cost can be raised later without breaking existing hashes.
 *
 * N = 2^14, r = 8, p = 1 needs 128·N·r = 16 MiB per hash and took 30 ms (median of 10) on the
 * development machine, against 170 ms for N = 2^15 (whose 32 MiB no longer fit the CPU cache): slow
 * for a guesser, unnoticeable at sign-in, and it keeps a burst of sign-ins from eating the server.
 * Node refuses scrypt above `maxmem` (32 MiB by default); maxmem is set from the parameters so the
 * cost can be raised without tripping over it.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const COST = { N: 2 ** 14, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const HASH_BYTES = 32;
/** Passwords longer than this are refused before hashing (a 1 MB "password" is an attack on CPU, not a password). */
export const MAX_PASSWORD_LENGTH = 1024;

/** Bounds on the parameters read back from a stored hash, so a corrupted row cannot ask for gigabytes. */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

function derive(password: string, salt: Buffer, length: number, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 2 * 128 * cost.N * cost.r * cost.p + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** A new salted scrypt hash of `password`, in the stored format. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, HASH_BYTES, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

interface ParsedHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

function parseHash(stored: string): ParsedHash | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map((x) => (/^\d+$/.test(x!) ? Number(x) : NaN)) as [number, number, number];
  const powerOfTwo = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0;
  if (!powerOfTwo || N > MAX_N || !(r >= 1 && r <= MAX_R) || !(p >= 1 && p <= MAX_P)) return undefined;
  const salt = Buffer.from(parts[4]!, 'base64');
  const hash = Buffer.from(parts[5]!, 'base64');
  if (salt.length < 8 || hash.length < 16) return undefined;
  return { N, r, p, salt, hash };
}

/** True when `password` matches the stored hash; false for a wrong password or an unreadable hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed || password.length > MAX_PASSWORD_LENGTH) {
    // Spend the same time as a real check, so a bad row or an absurd input is not told apart by timing.
    await spendPasswordTime(password);
    return false;
  }
  const candidate = await derive(password, parsed.salt, parsed.hash.length, parsed);
  return timingSafeEqual(candidate, parsed.hash);
}

let decoySalt: Buffer | undefined;

/**
 * Costs what one verification costs and learns nothing: used when the email is unknown or the account
 * is locked, so that the answer's timing does not tell whether an account exists.
 */
export async function spendPasswordTime(password: string): Promise<void> {
  decoySalt ??= randomBytes(SALT_BYTES);
  await derive(password.slice(0, MAX_PASSWORD_LENGTH), decoySalt, HASH_BYTES, COST);
}
