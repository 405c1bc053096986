/**
 * Tree hashes and proofs of the audit log's Merkle tree (RFC 9162 section 2.1), pure.
 *
 * The RFC defines MTH (the tree hash), PATH (the inclusion proof) and PROOF/SUBPROOF (the
 * consistency proof) as recursions over the list of leaves. Here each recursion is walked once to
 * find WHICH leaf ranges' tree hashes make up the proof (inclusionRanges, consistencyRanges); a range
 * hash is then composed from perfect subtrees (rangeHash), which the store keeps. So a proof costs
 * O(log² n) node reads at worst whatever the size of the log, and nothing is rehashed from leaves.
 * `perfectNodesOf` lists the nodes a set of ranges needs, so a caller fetches them in one go.
 */
import { checkSize, EMPTY_TREE_HASH, nodeHash, perfectNodeOf, splitPoint, type Hash, type LeafRange, type NodeRef } from './merkle-hash.js';

/** Gives the hash of a perfect subtree (a stored node). */
export type PerfectHash = (node: NodeRef) => Hash;

/** MTH of leaves [start, end) in the RFC's shape, from the perfect subtrees it is made of. */
export function rangeHash(range: LeafRange, perfect: PerfectHash): Hash {
  const width = range.end - range.start;
  if (width === 0) return EMPTY_TREE_HASH;
  const node = perfectNodeOf(range);
  if (node) return perfect(node);
  const k = splitPoint(width);
  return nodeHash(rangeHash({ start: range.start, end: range.start + k }, perfect), rangeHash({ start: range.start + k, end: range.end }, perfect));
}

/** The perfect subtrees rangeHash reads for these ranges, each once, in a stable order. */
export function perfectNodesOf(ranges: readonly LeafRange[]): NodeRef[] {
  const seen = new Map<string, NodeRef>();
  const walk = (range: LeafRange): void => {
    const width = range.end - range.start;
    if (width === 0) return;
    const node = perfectNodeOf(range);
    if (node) {
      seen.set(`${node.level}:${node.index}`, node);
      return;
    }
    const k = splitPoint(width);
    walk({ start: range.start, end: range.start + k });
    walk({ start: range.start + k, end: range.end });
  };
  ranges.forEach(walk);
  return [...seen.values()];
}

/**
 * The ranges whose tree hashes form the inclusion path of leaf `index` in the tree of `size` leaves:
 * PATH(m, D[n]) of RFC 9162 2.1.3.1, nearest sibling first. PATH(m, D[n]) is PATH(m, D[0:k]) followed
 * by MTH(D[k:n]) when m < k, else PATH(m - k, D[k:n]) followed by MTH(D[0:k]); PATH(0, D[1]) is empty.
 */
export function inclusionRanges(index: number, size: number): LeafRange[] {
  checkSize('the tree size', size);
  checkSize('the leaf index', index);
  if (index >= size) throw new RangeError(`leaf ${index} is not in a tree of ${size} leaves`);
  const topDown: LeafRange[] = [];
  let start = 0;
  let end = size;
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (index < start + k) {
      topDown.push({ start: start + k, end });
      end = start + k;
    } else {
      topDown.push({ start, end: start + k });
      start += k;
    }
  }
  return topDown.reverse();
}

/**
 * The ranges whose tree hashes form the consistency proof from the tree of `m` leaves to the tree of
 * `n` leaves: PROOF(m, D[n]) = SUBPROOF(m, D[n], true) of RFC 9162 2.1.4.1, deepest first.
 * SUBPROOF(m, D[m], true) is empty and SUBPROOF(m, D[m], false) is MTH(D[m]); for m < n it is
 * SUBPROOF(m, D[0:k], b) followed by MTH(D[k:n]) when m ≤ k, else SUBPROOF(m - k, D[k:n], false)
 * followed by MTH(D[0:k]). The RFC defines it for 0 < m < n; for m = 0 and m = n the proof is empty
 * (every tree extends the empty one; a tree is consistent with itself when the hashes are equal).
 */
export function consistencyRanges(m: number, n: number): LeafRange[] {
  checkSize('the first size', m);
  checkSize('the second size', n);
  if (m > n) throw new RangeError(`a tree of ${m} leaves cannot be a prefix of one of ${n}`);
  if (m === 0 || m === n) return [];
  const topDown: LeafRange[] = [];
  let start = 0;
  let end = n;
  let remaining = m;
  let whole = true;
  for (;;) {
    if (remaining === end - start) {
      if (!whole) topDown.push({ start, end });
      break;
    }
    const k = splitPoint(end - start);
    if (remaining <= k) {
      topDown.push({ start: start + k, end });
      end = start + k;
    } else {
      topDown.push({ start, end: start + k });
      start += k;
      remaining -= k;
      whole = false;
    }
  }
  return topDown.reverse();
}

/** MTH of the first `size` leaves. */
export function treeHash(size: number, perfect: PerfectHash): Hash {
  checkSize('the tree size', size);
  return rangeHash({ start: 0, end: size }, perfect);
}

/** The inclusion proof of leaf `index` in the tree of `size` leaves. */
export function inclusionProof(index: number, size: number, perfect: PerfectHash): Hash[] {
  return inclusionRanges(index, size).map((range) => rangeHash(range, perfect));
}

/** The consistency proof between the trees of `m` and `n` leaves. */
export function consistencyProof(m: number, n: number, perfect: PerfectHash): Hash[] {
  return consistencyRanges(m, n).map((range) => rangeHash(range, perfect));
}

/**
 * Perfect subtree hashes computed from a list of leaf hashes, remembered once computed: the same
 * functions then work over a list held in memory (tests, small logs) as over the store's nodes.
 */
export function perfectFromLeaves(leafHashes: readonly Hash[]): PerfectHash {
  const memo = new Map<string, Hash>();
  const perfect: PerfectHash = ({ level, index }) => {
    if (level === 0) {
      const leaf = leafHashes[index];
      if (!leaf) throw new RangeError(`there is no leaf ${index} among ${leafHashes.length}`);
      return leaf;
    }
    const key = `${level}:${index}`;
    let hash = memo.get(key);
    if (!hash) {
      hash = nodeHash(perfect({ level: level - 1, index: 2 * index }), perfect({ level: level - 1, index: 2 * index + 1 }));
      memo.set(key, hash);
    }
    return hash;
  };
  return perfect;
}
