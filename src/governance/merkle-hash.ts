/**
 * The hashing of the audit log's Merkle tree, as RFC 9162 (Certificate Transparency 2.0) section
 * 2.1.1 defines it with SHA-256, and the shape every size of tree takes. Pure: no store, no clock.
 *
 * - A leaf's hash is SHA-256(0x00 || leaf bytes); an interior node's is SHA-256(0x01 || left || right).
 *   The two prefixes keep a leaf from ever passing for an interior node (second-preimage defence).
 * - The tree of n leaves (n > 1) is split at k, the largest power of two smaller than n: the left
 *   subtree holds leaves [0, k) and is perfect, the right one holds [k, n) and is split the same way.
 *   The empty tree hashes to SHA-256 of nothing.
 * - A perfect subtree of 2^level leaves starting at leaf index·2^level is "node (level, index)". Every
 *   left subtree of the recursion is such a node, so the store keeps each node once it is complete and
 *   any tree hash or proof is composed from O(log n) of them (merkle-proofs.ts).
 *
 * Sizes and indexes are plain numbers up to 2^53 - 1: the arithmetic below avoids JavaScript's 32-bit
 * bit operators on purpose.
 */
import { createHash } from 'node:crypto';

export type Hash = Buffer;

/** Leaves [start, end) of a tree. */
export interface LeafRange {
  readonly start: number;
  readonly end: number;
}

/** A perfect subtree: 2^level leaves starting at index·2^level. */
export interface NodeRef {
  readonly level: number;
  readonly index: number;
}

/** The hash of the empty tree: SHA-256 of the empty string. */
export const EMPTY_TREE_HASH: Hash = createHash('sha256').digest();

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** SHA-256(0x00 || data): the hash of one leaf. */
export function leafHash(data: Uint8Array | string): Hash {
  return createHash('sha256').update(LEAF_PREFIX).update(data).digest();
}

/** SHA-256(0x01 || left || right): the hash of an interior node. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Hash {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** The largest power of two smaller than n (n ≥ 2): where the RFC splits a tree of n leaves. */
export function splitPoint(n: number): number {
  if (!(n >= 2)) throw new RangeError(`a tree of ${n} leaves has no split point`);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** 2^level for a level of the tree (level ≤ 52). */
export function nodeWidth(level: number): number {
  return 2 ** level;
}

/** The perfect subtree a range is, when it is one (a power-of-two width, aligned on it); else undefined. */
export function perfectNodeOf(range: LeafRange): NodeRef | undefined {
  const width = range.end - range.start;
  if (width < 1) return undefined;
  let level = 0;
  while (nodeWidth(level) < width) level += 1;
  if (nodeWidth(level) !== width || range.start % width !== 0) return undefined;
  return { level, index: range.start / width };
}

/** Checks that a tree size or leaf count is a whole number the arithmetic here handles exactly. */
export function checkSize(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number of 0 or more, got ${value}`);
}
