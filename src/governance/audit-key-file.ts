/**
 * The node's signing key for audit heads, in a file OUTSIDE the database (KARVON_AUDIT_KEY_FILE): a
 * copy of the database alone, or someone who can only write to it, cannot sign a head. PEM PKCS#8,
 * Ed25519, mode 0600, made at the first start of a node whose log has no signed head yet.
 *
 * A node whose log HAS signed heads never makes a new key: a lost key file must be restored, since
 * heads signed by another key would not verify against the key other member states keep.
 */
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { signingKeyOf, type SigningKey } from './tree-head.js';

/** Reads the key file; undefined when there is none. Refuses a file other users can read. */
export function readAuditKey(file: string): SigningKey | undefined {
  let pem: string;
  try {
    const stat = fs.statSync(file);
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      throw new Error(
        `The audit signing key ${file} can be read or written by other users (mode ${(stat.mode & 0o777).toString(8)}): run chmod 600 ${file}`,
      );
    }
    pem = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return signingKeyOf(createPrivateKey(pem));
  } catch (error) {
    throw new Error(`The audit signing key ${file} is not an Ed25519 private key in PEM (PKCS#8): ${(error as Error).message}`);
  }
}

/** Makes a new key file (mode 0600; never overwrites one that appeared meanwhile). */
export function createAuditKey(file: string): SigningKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
  try {
    fs.writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process of this node made it first: use that one.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readAuditKey(file)!;
    throw error;
  }
  return signingKeyOf(privateKey);
}

/**
 * The node's key: read from `file`, or made there when the log has no signed head yet. A log with
 * heads and no key file stops start-up: making a new key would break every head handed out so far.
 */
export function openAuditKey(file: string, logHasHead: boolean): SigningKey {
  const existing = readAuditKey(file);
  if (existing) return existing;
  if (logHasHead) {
    throw new Error(
      `The audit log has signed heads but the signing key ${file} is missing: restore that file (KARVON_AUDIT_KEY_FILE); ` +
        'a new key would not match the heads other member states hold',
    );
  }
  return createAuditKey(file);
}
