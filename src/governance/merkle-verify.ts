/**
 * Checking Merkle proofs without the tree, as a member state's node or anyone holding a signed head
 * does: the two verification algorithms of RFC 9162, sections 2.1.3.2 (inclusion) and 2.1.4.2
 * (consistency), step by step. Pure. "Right-shift" and "LSB" are written with arithmetic so sizes
 * above 2^31 work.
 */
import { EMPTY_TREE_HASH, nodeHash, type Hash } from './merkle-hash.js';

const lsb = (value: number): boolean => value % 2 === 1;
const shift = (value: number): number => Math.floor(value / 2);
const isWhole = (value: number): boolean => Number.isSafeInteger(value) && value >= 0;

/**
 * True when `path` proves that the leaf with hash `leaf` is leaf `index` of the tree of `size` leaves
 * whose root is `root` (RFC 9162 2.1.3.2).
 */
export function verifyInclusion(leaf: Hash, index: number, size: number, path: readonly Hash[], root: Hash): boolean {
  if (!isWhole(index) || !isWhole(size) || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = shift(fn);
          sn = shift(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = shift(fn);
    sn = shift(sn);
  }
  return sn === 0 && r.equals(root);
}

/**
 * True when `proof` proves that the tree of `first` leaves with root `firstRoot` is a prefix of the
 * tree of `second` leaves with root `secondRoot` (RFC 9162 2.1.4.2). The RFC covers 0 < first <
 * second; here also first = second (an empty proof, equal roots) and first = 0 (an empty proof, the
 * empty tree's hash).
 */
export function verifyConsistency(first: number, second: number, firstRoot: Hash, secondRoot: Hash, proof: readonly Hash[]): boolean {
  if (!isWhole(first) || !isWhole(second) || first > second) return false;
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (first === 0) return proof.length === 0 && firstRoot.equals(EMPTY_TREE_HASH);
  // 1. An empty proof proves nothing.
  if (proof.length === 0) return false;
  // 2. When `first` is a power of two its root is the first node of the path, left implicit.
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
  // 3, 4.
  let fn = first - 1;
  let sn = second - 1;
  while (lsb(fn)) {
    fn = shift(fn);
    sn = shift(sn);
  }
  // 5.
  let fr = path[0]!;
  let sr = path[0]!;
  // 6.
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = shift(fn);
          sn = shift(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = shift(fn);
    sn = shift(sn);
  }
  // 7.
  return fr.equals(firstRoot) && sr.equals(secondRoot) && sn === 0;
}

function isPowerOfTwo(value: number): boolean {
  let power = 1;
  while (power < value) power *= 2;
  return power === value;
}
