/**
 * Signed tree heads of the audit log, pure (the time to sign is given, keys are handed in).
 *
 * What is signed: the UTF-8 bytes of the canonical JSON (audit-chain.ts: keys sorted, no white
 * space) of
 *   {"keyId":"<hex>","rootHash":"<hex>","timestamp":"<ISO 8601>","treeSize":<n>,"version":"karvon-tree-head/1"}
 * with Ed25519 (RFC 8032, pure Ed25519: no pre-hash). The signature travels as base64.
 * keyId is SHA-256 (hex) of the public key's DER SubjectPublicKeyInfo, as CT's log ID is; the
 * public key itself is published as that DER in base64 (`publicKey`), so anyone can check a head
 * with any Ed25519 implementation: `crypto.verify(null, message, publicKey, signature)` in Node.
 *
 * The version string is part of the signed bytes so that a signature over a head can never be
 * taken for a signature over anything else Karvon may sign one day.
 */
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './audit-chain.js';
import type { TreeHead } from '../model/governance.js';

export const HEAD_VERSION = 'karvon-tree-head/1';

/** The node's key for signing heads. */
export interface SigningKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly keyId: string;
}

/** A public key as published beside heads (GET /api/audit/heads, export files, `karvon audit head`). */
export interface PublishedKey {
  readonly keyId: string;
  readonly algorithm: 'Ed25519';
  /** DER SubjectPublicKeyInfo, base64. */
  readonly publicKey: string;
}

const HEX64 = /^[0-9a-f]{64}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/** The id of a public key: SHA-256 hex of its DER SubjectPublicKeyInfo. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ format: 'der', type: 'spki' })).digest('hex');
}

/** A signing key from its private half (which must be Ed25519). */
export function signingKeyOf(privateKey: KeyObject): SigningKey {
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new TypeError(`the audit log signs with Ed25519 keys, this one is ${privateKey.asymmetricKeyType ?? privateKey.type}`);
  }
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

/** How a public key is published. */
export function publishedKeyOf(publicKey: KeyObject): PublishedKey {
  return { keyId: keyIdOf(publicKey), algorithm: 'Ed25519', publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64') };
}

/** The public key a published key stands for; throws with a clear message when it is not one, or its id does not match. */
export function publicKeyFrom(published: unknown): KeyObject {
  const candidate = published as Partial<PublishedKey> | null;
  if (typeof candidate !== 'object' || candidate === null || typeof candidate.publicKey !== 'string') {
    throw new TypeError('a published key is {"keyId", "algorithm": "Ed25519", "publicKey": "<base64 DER SubjectPublicKeyInfo>"}');
  }
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(candidate.publicKey, 'base64'), format: 'der', type: 'spki' });
  } catch {
    throw new TypeError('publicKey is not a base64 DER SubjectPublicKeyInfo');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError(`publicKey is a ${key.asymmetricKeyType} key, not Ed25519`);
  if (candidate.keyId !== undefined && candidate.keyId !== keyIdOf(key)) {
    throw new TypeError(`keyId ${String(candidate.keyId)} is not the id of that public key (${keyIdOf(key)})`);
  }
  return key;
}

/** The bytes a head's signature covers (see the top of this file). */
export function headMessage(head: Omit<TreeHead, 'signature'>): Buffer {
  return Buffer.from(
    canonicalJson({ keyId: head.keyId, rootHash: head.rootHash, timestamp: head.timestamp, treeSize: head.treeSize, version: HEAD_VERSION }),
    'utf8',
  );
}

/** Signs the head of a tree of `treeSize` entries with root `rootHash` at `time`. */
export function signHead(treeSize: number, rootHash: Buffer, time: Date, key: SigningKey): TreeHead {
  const unsigned = { treeSize, rootHash: rootHash.toString('hex'), timestamp: time.toISOString(), keyId: key.keyId };
  return { ...unsigned, signature: sign(null, headMessage(unsigned), key.privateKey).toString('base64') };
}

/** Just the fields of a head, in the order they are documented (a stored head carries more). */
export function headFields(head: TreeHead): TreeHead {
  return { treeSize: head.treeSize, rootHash: head.rootHash, timestamp: head.timestamp, keyId: head.keyId, signature: head.signature };
}

/**
 * Why `value` is not a head signed by `publicKey`, or undefined when it is one. Checks the shape of
 * every field first, so a hand-edited file gets a message naming the field.
 */
export function headProblem(value: unknown, publicKey: KeyObject): string | undefined {
  const head = value as Partial<TreeHead> | null;
  if (typeof head !== 'object' || head === null || Array.isArray(head)) return 'a head is a JSON object {treeSize, rootHash, timestamp, keyId, signature}';
  if (!Number.isSafeInteger(head.treeSize) || (head.treeSize as number) < 0) return `treeSize must be a whole number, got ${JSON.stringify(head.treeSize)}`;
  if (typeof head.rootHash !== 'string' || !HEX64.test(head.rootHash)) return 'rootHash must be 64 lower-case hex digits';
  if (typeof head.timestamp !== 'string' || !ISO_INSTANT.test(head.timestamp)) return 'timestamp must be an ISO 8601 instant in UTC';
  if (typeof head.keyId !== 'string' || !HEX64.test(head.keyId)) return 'keyId must be 64 lower-case hex digits';
  if (typeof head.signature !== 'string') return 'signature must be a base64 string';
  const expected = keyIdOf(publicKey);
  if (head.keyId !== expected) return `it was signed by key ${head.keyId.slice(0, 16)}…, not by this node's key ${expected.slice(0, 16)}…`;
  const signature = Buffer.from(head.signature, 'base64');
  if (signature.length !== 64 || !verify(null, headMessage(head as TreeHead), publicKey, signature)) return 'its signature does not verify: the head was altered or forged';
  return undefined;
}
