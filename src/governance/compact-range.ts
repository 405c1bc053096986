/**
 * The frontier of the audit log's Merkle tree (a "compact range" of [0, n)): the perfect subtrees
 * along its right edge, one per set bit of n, largest first. They are all a log of n entries needs
 * to take the next leaf and to give its root, so the node keeps them with its signed head and never
 * walks the tree to append. Pure.
 *
 * For n = 6 (binary 110) the frontier is node (2, 0) over leaves 0..3 and node (1, 2) over 4..5; the
 * root is nodeHash(node(2,0), node(1,2)). Appending leaf 6 adds node (0, 6); appending leaf 7 then
 * completes (1, 3) and (2, 1) and, with (2, 0), (3, 0): each completed node is returned so the
 * store can keep it for proofs.
 */
import { checkSize, EMPTY_TREE_HASH, nodeHash, type Hash, type NodeRef } from './merkle-hash.js';

export interface TreeNode extends NodeRef {
  readonly hash: Hash;
}

/** How many perfect subtrees the frontier of a tree of `size` leaves holds (the set bits of size). */
export function frontierLength(size: number): number {
  checkSize('the tree size', size);
  let count = 0;
  for (let rest = size; rest > 0; rest = Math.floor(rest / 2)) count += rest % 2;
  return count;
}

/** The nodes of the frontier of a tree of `size` leaves, largest first (what to fetch to rebuild it). */
export function frontierNodes(size: number): { level: number; index: number }[] {
  checkSize('the tree size', size);
  const nodes: { level: number; index: number }[] = [];
  let start = 0;
  for (let level = 52; level >= 0; level--) {
    const width = 2 ** level;
    if (start + width <= size) {
      nodes.push({ level, index: start / width });
      start += width;
    }
  }
  return nodes;
}

/** The root of the tree a frontier stands for: the subtrees folded from the right. */
export function frontierRoot(frontier: readonly Hash[]): Hash {
  if (frontier.length === 0) return EMPTY_TREE_HASH;
  let root = frontier[frontier.length - 1]!;
  for (let i = frontier.length - 2; i >= 0; i--) root = nodeHash(frontier[i]!, root);
  return root;
}

/**
 * Adds leaf number `size` (0-based) to the frontier of a tree of `size` leaves: the new frontier and
 * every node completed on the way (the leaf itself first, then each parent it completes).
 */
export function appendLeaf(frontier: readonly Hash[], size: number, leaf: Hash): { frontier: Hash[]; nodes: TreeNode[] } {
  if (frontier.length !== frontierLength(size)) {
    throw new RangeError(`a frontier of a tree of ${size} leaves holds ${frontierLength(size)} nodes, got ${frontier.length}`);
  }
  const kept = [...frontier];
  const nodes: TreeNode[] = [{ level: 0, index: size, hash: leaf }];
  let hash = leaf;
  let level = 0;
  let index = size;
  // Each trailing 1 bit of `size` is a perfect subtree the new leaf's subtree now completes.
  for (let rest = size; rest % 2 === 1; rest = Math.floor(rest / 2)) {
    hash = nodeHash(kept.pop()!, hash);
    level += 1;
    index = Math.floor(index / 2);
    nodes.push({ level, index, hash });
  }
  kept.push(hash);
  return { frontier: kept, nodes };
}
