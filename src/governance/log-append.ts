/**
 * Appending one entry to the audit log, pure (the time and the key are handed in): what an append
 * writes in its transaction, from what that transaction read (the last entry and the signed head).
 *
 * The new entry is sealed onto the last one (the hash chain of audit-chain.ts), becomes leaf
 * number seq - 1 of the Merkle tree, and the node signs a new head. The new root is computed from
 * the frontier kept with the previous SIGNED head, never from the node table, and that head is
 * checked first (its signature, and that its frontier hashes to its root). So someone who can write
 * the database but has not the key cannot get a forged entry or a rewritten tree signed: the next
 * append refuses (a fault that stops writes, loudly) instead of vouching for it. The checks cost
 * ~0.15 ms; `trusted` skips them for a head this process signed or checked itself.
 */
import { canonicalJson, sealEntry, sealedContent } from './audit-chain.js';
import { appendLeaf, frontierLength, frontierRoot } from './compact-range.js';
import { leafHash, type Hash } from './merkle-hash.js';
import type { AuditAppend, AuditDraft, AuditEntry, AuditTip, StoredTreeHead } from '../model/governance.js';
import { headFields, headProblem, signHead, type SigningKey } from './tree-head.js';
import type { KeyObject } from 'node:crypto';

/** The log in the database is not the log this node wrote: nothing more is appended until it is looked into. */
export class AuditIntegrityError extends Error {
  override readonly name = 'AuditIntegrityError';
}

const HEX64 = /^[0-9a-f]{64}$/;

/** The leaf hash of an entry: SHA-256(0x00 || UTF-8 of its sealed content). */
export function entryLeafHash(entry: Omit<AuditEntry, 'hash'>): Hash {
  return leafHash(Buffer.from(sealedContent(entry), 'utf8'));
}

/** A stable text of a stored head, frontier included, to remember which one was checked. */
export function storedHeadKey(head: StoredTreeHead): string {
  return canonicalJson({ ...headFields(head), frontier: head.frontier });
}

/** Why a stored head cannot be built on, or undefined when it is sound. */
export function storedHeadProblem(head: StoredTreeHead, publicKey: KeyObject): string | undefined {
  const signed = headProblem(headFields(head), publicKey);
  if (signed) return `the signed head of size ${head.treeSize} in the database: ${signed}`;
  const frontier = head.frontier;
  if (!Array.isArray(frontier) || frontier.length !== frontierLength(head.treeSize) || !frontier.every((h) => typeof h === 'string' && HEX64.test(h))) {
    return `the frontier kept with the signed head of size ${head.treeSize} is malformed`;
  }
  if (frontierRoot(frontier.map((h) => Buffer.from(h, 'hex'))).toString('hex') !== head.rootHash) {
    return `the frontier kept with the signed head of size ${head.treeSize} does not hash to its root: it was altered`;
  }
  return undefined;
}

/** Why the tip cannot be extended (entries beyond the head, entries missing, no head), or undefined. */
export function tipProblem(tip: AuditTip): string | undefined {
  const last = tip.last?.seq ?? 0;
  const size = tip.head?.treeSize ?? 0;
  if (!tip.head && last > 0) return `the audit log holds ${last} entries but no signed head: the head was removed from the database`;
  if (last > size) return `entries ${size + 1}..${last} are not covered by the signed head (size ${size}): this node did not append them`;
  if (last < size) return `the signed head covers ${size} entries but the log ends at entry ${last}: entries were deleted`;
  return undefined;
}

/**
 * The append of `draft` onto `tip`, signed at `time` with `key`. Throws AuditIntegrityError when the
 * tip is not what this node signed last (see the top of this file).
 */
export function extendLog(tip: AuditTip, draft: AuditDraft, time: Date, key: SigningKey, trusted: (head: StoredTreeHead) => boolean = () => false): AuditAppend {
  const unsound = tipProblem(tip) ?? (tip.head && !trusted(tip.head) ? storedHeadProblem(tip.head, key.publicKey) : undefined);
  if (unsound) throw new AuditIntegrityError(`The audit log cannot be appended to: ${unsound}. Run \`karvon audit verify\`.`);
  const size = tip.head?.treeSize ?? 0;
  const frontier = (tip.head?.frontier ?? []).map((h) => Buffer.from(h, 'hex'));
  const entry = sealEntry(tip.last, draft, time);
  const grown = appendLeaf(frontier, size, entryLeafHash(entry));
  const head = signHead(entry.seq, frontierRoot(grown.frontier), time, key);
  return {
    entry,
    nodes: grown.nodes.map(({ level, index, hash }) => ({ level, index, hash })),
    head: { ...head, frontier: grown.frontier.map((h) => h.toString('hex')) },
  };
}
