/**
 * The audit log's Merkle tree against RFC 9162: the example tree of section 2.1.5 worked by hand,
 * an independent literal transcription of the RFC's recursions as the oracle for every size up to
 * 70, and the verification algorithms accepting every honest proof and refusing altered ones.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { appendLeaf, frontierNodes, frontierRoot } from '../../src/governance/compact-range.js';
import { EMPTY_TREE_HASH, leafHash, nodeHash, splitPoint, type Hash } from '../../src/governance/merkle-hash.js';
import {
  consistencyProof,
  consistencyRanges,
  inclusionProof,
  inclusionRanges,
  perfectFromLeaves,
  perfectNodesOf,
  treeHash,
} from '../../src/governance/merkle-proofs.js';
import { verifyConsistency, verifyInclusion } from '../../src/governance/merkle-verify.js';

const sha = (...parts: (number[] | Buffer | string)[]): Buffer => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(Array.isArray(part) ? Buffer.from(part) : part);
  return hash.digest();
};

// ---- the oracle: RFC 9162 2.1.1, 2.1.3.1 and 2.1.4.1 as written, over a list of leaf data ----------
const MTH = (d: Buffer[]): Buffer => {
  if (d.length === 0) return sha();
  if (d.length === 1) return sha([0], d[0]!);
  const k = 2 ** Math.ceil(Math.log2(d.length) - 1);
  return sha([1], MTH(d.slice(0, k)), MTH(d.slice(k)));
};
const PATH = (m: number, d: Buffer[]): Buffer[] => {
  if (d.length === 1) return [];
  const k = 2 ** Math.ceil(Math.log2(d.length) - 1);
  return m < k ? [...PATH(m, d.slice(0, k)), MTH(d.slice(k))] : [...PATH(m - k, d.slice(k)), MTH(d.slice(0, k))];
};
const SUBPROOF = (m: number, d: Buffer[], b: boolean): Buffer[] => {
  if (m === d.length) return b ? [] : [MTH(d)];
  const k = 2 ** Math.ceil(Math.log2(d.length) - 1);
  return m <= k ? [...SUBPROOF(m, d.slice(0, k), b), MTH(d.slice(k))] : [...SUBPROOF(m - k, d.slice(k), false), MTH(d.slice(0, k))];
};
const PROOF = (m: number, d: Buffer[]): Buffer[] => SUBPROOF(m, d, true);

const data = (n: number): Buffer[] => Array.from({ length: n }, (_, i) => Buffer.from(`entry ${i}`));
const hex = (hashes: Buffer[]): string[] => hashes.map((h) => h.toString('hex'));
const flip = (hash: Buffer): Buffer => {
  const copy = Buffer.from(hash);
  copy[copy.length - 1] ^= 1;
  return copy;
};

describe('the example tree of RFC 9162 section 2.1.5, by hand', () => {
  // Seven leaves d0..d6. a..f and j are leaf hashes; g, h, i, k, l interior nodes:
  //            root
  //          /      \
  //         k        l
  //        / \      / \
  //       g   h    i   j
  //      / \ / \  / \  |
  //      a b c d  e f  d6
  const d = data(7);
  const [a, b, c, dd, e, f, j] = d.map((x) => sha([0], x)) as [Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer];
  const g = sha([1], a, b);
  const h = sha([1], c, dd);
  const i = sha([1], e, f);
  const k = sha([1], g, h);
  const l = sha([1], i, j);
  const root = sha([1], k, l);
  const perfect = perfectFromLeaves(d.map((x) => leafHash(x)));

  it('hashes leaves, nodes and the trees of 1, 2, 3, 4, 6 and 7 leaves', () => {
    expect(leafHash(d[0]!)).toEqual(a);
    expect(nodeHash(a, b)).toEqual(g);
    expect(treeHash(0, perfect)).toEqual(sha());
    expect(EMPTY_TREE_HASH.toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(treeHash(1, perfect)).toEqual(a);
    expect(treeHash(2, perfect)).toEqual(g);
    expect(treeHash(3, perfect)).toEqual(sha([1], g, c));
    expect(treeHash(4, perfect)).toEqual(k);
    expect(treeHash(6, perfect)).toEqual(sha([1], k, i));
    expect(treeHash(7, perfect)).toEqual(root);
  });

  it('gives the RFC’s inclusion proofs: d0 [b, h, l], d3 [c, g, l], d4 [f, j, k], d6 [i, k]', () => {
    expect(inclusionProof(0, 7, perfect)).toEqual([b, h, l]);
    expect(inclusionProof(3, 7, perfect)).toEqual([c, g, l]);
    expect(inclusionProof(4, 7, perfect)).toEqual([f, j, k]);
    expect(inclusionProof(6, 7, perfect)).toEqual([i, k]);
    expect(verifyInclusion(dd, 3, 7, [c, g, l], root)).toBe(true);
    expect(verifyInclusion(j, 6, 7, [i, k], root)).toBe(true);
  });

  it('gives the RFC’s consistency proofs: 3→7 [c, d, g, l], 4→7 [l], 6→7 [i, j, k]', () => {
    expect(consistencyProof(3, 7, perfect)).toEqual([c, dd, g, l]);
    expect(consistencyProof(4, 7, perfect)).toEqual([l]);
    expect(consistencyProof(6, 7, perfect)).toEqual([i, j, k]);
    expect(verifyConsistency(3, 7, sha([1], g, c), root, [c, dd, g, l])).toBe(true);
    expect(verifyConsistency(4, 7, k, root, [l])).toBe(true);
    expect(verifyConsistency(6, 7, sha([1], k, i), root, [i, j, k])).toBe(true);
  });

  it('needs only stored perfect subtrees for a proof', () => {
    const nodes = perfectNodesOf(consistencyRanges(6, 7)).map(({ level, index }) => `${level}:${index}`);
    // i = (1, 2), j = leaf (0, 6), k = (2, 0)
    expect(nodes.sort()).toEqual(['0:6', '1:2', '2:0']);
  });
});

describe('every size up to 70 against the RFC’s recursions', () => {
  const sizes = Array.from({ length: 70 }, (_, n) => n + 1);

  it('splits where the RFC splits', () => {
    for (const n of sizes.slice(1)) expect(splitPoint(n)).toBe(2 ** Math.ceil(Math.log2(n) - 1));
  });

  it('tree hashes, inclusion proofs that verify, and refusal of any change', () => {
    for (const n of sizes) {
      const d = data(n);
      const perfect = perfectFromLeaves(d.map((x) => leafHash(x)));
      const root = treeHash(n, perfect);
      expect(root).toEqual(MTH(d));
      for (let m = 0; m < n; m++) {
        const path = inclusionProof(m, n, perfect);
        expect(hex(path), `PATH(${m}, D[${n}])`).toEqual(hex(PATH(m, d)));
        const leaf = leafHash(d[m]!);
        expect(verifyInclusion(leaf, m, n, path, root)).toBe(true);
        expect(verifyInclusion(flip(leaf), m, n, path, root)).toBe(false);
        expect(verifyInclusion(leaf, m, n, path, flip(root))).toBe(false);
        // (The size is bound through the root: the same path may fit a bigger size's shape, never its root.)
        expect(verifyInclusion(leaf, m, n + 1, path, MTH(data(n + 1)))).toBe(false);
        expect(verifyInclusion(leaf, n, n, path, root)).toBe(false);
        if (n > 1) expect(verifyInclusion(leaf, (m + 1) % n, n, path, root)).toBe(false);
        path.forEach((_, p) => {
          const altered = path.map((x, q) => (q === p ? flip(x) : x));
          expect(verifyInclusion(leaf, m, n, altered, root)).toBe(false);
        });
        expect(verifyInclusion(leaf, m, n, [...path, leaf], root)).toBe(false);
        if (path.length > 0) expect(verifyInclusion(leaf, m, n, path.slice(0, -1), root)).toBe(false);
      }
    }
  });

  it('consistency proofs between every pair of sizes that verify, and refusal of any change', () => {
    for (const n of sizes.slice(0, 45)) {
      const d = data(n);
      const perfect = perfectFromLeaves(d.map((x) => leafHash(x)));
      const second = treeHash(n, perfect);
      for (let m = 0; m <= n; m++) {
        const first = treeHash(m, perfect);
        const proof = consistencyProof(m, n, perfect);
        if (m > 0 && m < n) expect(hex(proof), `PROOF(${m}, D[${n}])`).toEqual(hex(PROOF(m, d)));
        else expect(proof).toEqual([]);
        expect(verifyConsistency(m, n, first, second, proof)).toBe(true);
        expect(verifyConsistency(m, n, flip(first), second, proof)).toBe(false);
        if (m > 0) expect(verifyConsistency(m, n, first, flip(second), proof)).toBe(false);
        if (m > 0 && m < n) {
          proof.forEach((_, p) => {
            const altered = proof.map((x, q) => (q === p ? flip(x) : x));
            expect(verifyConsistency(m, n, first, second, altered)).toBe(false);
          });
          expect(verifyConsistency(m, n, first, second, proof.slice(0, -1))).toBe(false);
          expect(verifyConsistency(m, n, first, second, [...proof, first])).toBe(false);
          expect(verifyConsistency(m, n + 1, first, MTH(data(n + 1)), proof)).toBe(false);
          // A rewritten leaf before m: the old root no longer extends into the new tree.
          const rewritten = [...d];
          rewritten[m - 1] = Buffer.from('forged');
          const forged = perfectFromLeaves(rewritten.map((x) => leafHash(x)));
          expect(verifyConsistency(m, n, first, treeHash(n, forged), consistencyProof(m, n, forged))).toBe(false);
        }
      }
      expect(verifyConsistency(n + 1, n, second, second, [])).toBe(false);
    }
  });
});

describe('the frontier (compact range)', () => {
  it('keeps the root of every size while leaves are appended, and yields each perfect subtree once', () => {
    const d = data(100);
    const leaves = d.map((x) => leafHash(x));
    const perfect = perfectFromLeaves(leaves);
    let frontier: Hash[] = [];
    const yielded = new Set<string>();
    expect(frontierRoot(frontier)).toEqual(EMPTY_TREE_HASH);
    leaves.forEach((leaf, size) => {
      const next = appendLeaf(frontier, size, leaf);
      for (const node of next.nodes) {
        expect(node.hash).toEqual(perfect(node));
        expect(yielded.has(`${node.level}:${node.index}`)).toBe(false);
        yielded.add(`${node.level}:${node.index}`);
      }
      frontier = next.frontier;
      expect(frontierRoot(frontier)).toEqual(MTH(d.slice(0, size + 1)));
      expect(frontier).toEqual(frontierNodes(size + 1).map((node) => perfect(node)));
    });
    // Every perfect subtree of a 100-leaf tree: 100 + 50 + 25 + 12 + 6 + 3 + 1.
    expect(yielded.size).toBe(197);
  });

  it('refuses a frontier that does not fit the size', () => {
    expect(() => appendLeaf([], 1, leafHash('x'))).toThrow(/holds 1 nodes, got 0/);
  });
});

describe('sizes beyond 32 bits', () => {
  it('plans proofs with exact arithmetic', () => {
    const n = 2 ** 40 + 3;
    const ranges = inclusionRanges(2 ** 40 + 1, n);
    expect(ranges).toEqual([
      { start: 2 ** 40, end: 2 ** 40 + 1 },
      { start: 2 ** 40 + 2, end: 2 ** 40 + 3 },
      { start: 0, end: 2 ** 40 },
    ]);
    expect(consistencyRanges(2 ** 40, n)).toEqual([{ start: 2 ** 40, end: n }]);
    expect(frontierNodes(n)).toEqual([
      { level: 40, index: 0 },
      { level: 1, index: 2 ** 39 },
      { level: 0, index: 2 ** 40 + 2 },
    ]);
  });
});
