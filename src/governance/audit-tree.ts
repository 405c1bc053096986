/**
 * The audit log's tree as others see it: the signed head, tree hashes of earlier sizes, and proofs
 * (inclusion of one entry, consistency between two sizes) composed from the nodes the store keeps
 * (merkle-proofs.ts): O(log n) reads each, whatever the size of the log. Proofs are served up to the
 * signed head only: what the node has not signed, it does not vouch for.
 */
import { KarvonError } from '../errors.js';
import type { Store } from '../store/store.js';
import { type Hash, type LeafRange } from './merkle-hash.js';
import { consistencyRanges, inclusionRanges, perfectNodesOf, rangeHash, type PerfectHash } from './merkle-proofs.js';
import type { TreeHead } from '../model/governance.js';
import { headFields } from './tree-head.js';

export interface InclusionAnswer {
  /** The entry's number; its leaf index is seq - 1. */
  readonly seq: number;
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly leafHash: string;
  readonly rootHash: string;
  /** RFC 9162 2.1.3.1 PATH, nearest sibling first (hex). */
  readonly inclusionPath: string[];
}

export interface ConsistencyAnswer {
  readonly from: number;
  readonly to: number;
  readonly fromRoot: string;
  readonly toRoot: string;
  /** RFC 9162 2.1.4.1 PROOF (hex); empty when from is 0 or equal to to. */
  readonly consistencyPath: string[];
}

const hex = (hash: Hash): string => hash.toString('hex');

export class AuditTree {
  constructor(private readonly store: Store) {}

  /** The head the node signed last; 404 while the log is empty. */
  async head(): Promise<TreeHead> {
    const stored = await this.store.audit.head();
    if (!stored) throw new KarvonError('KRV_NO_SUCH_RESOURCE', 'The audit log is empty: no head has been signed yet');
    return headFields(stored);
  }

  /** Reads the stored nodes these ranges are made of. */
  private async nodesFor(ranges: readonly LeafRange[]): Promise<PerfectHash> {
    const wanted = perfectNodesOf(ranges);
    const found = new Map((await this.store.audit.nodes(wanted)).map((node) => [`${node.level}:${node.index}`, node.hash]));
    return ({ level, index }) => {
      const hash = found.get(`${level}:${index}`);
      // The head is signed in the transaction that stores the nodes: a missing one was removed.
      if (!hash) throw new Error(`audit tree node (level ${level}, index ${index}) is missing: run karvon audit verify`);
      return hash;
    };
  }

  /** The inclusion proof of entry `seq` in the tree of `size` entries (default: the signed head's). */
  async inclusion(seq: number, size?: number): Promise<InclusionAnswer> {
    const head = await this.head();
    const treeSize = size ?? head.treeSize;
    if (treeSize > head.treeSize) throw new KarvonError('KRV_QUERY_PARAMETER', `size ${treeSize} is beyond the signed head, which covers ${head.treeSize} entries`);
    if (seq < 1 || seq > treeSize) throw new KarvonError('KRV_QUERY_PARAMETER', `seq must be an entry number from 1 to the tree size ${treeSize}, got ${seq}`);
    const path = inclusionRanges(seq - 1, treeSize);
    const whole = { start: 0, end: treeSize };
    const leaf = { start: seq - 1, end: seq };
    const perfect = await this.nodesFor([...path, whole, leaf]);
    return {
      seq,
      leafIndex: seq - 1,
      treeSize,
      leafHash: hex(rangeHash(leaf, perfect)),
      rootHash: hex(rangeHash(whole, perfect)),
      inclusionPath: path.map((range) => hex(rangeHash(range, perfect))),
    };
  }

  /** The consistency proof from the tree of `from` entries to that of `to` (default: the signed head's). */
  async consistency(from: number, to?: number): Promise<ConsistencyAnswer> {
    const head = await this.head();
    const second = to ?? head.treeSize;
    if (second > head.treeSize) throw new KarvonError('KRV_QUERY_PARAMETER', `to ${second} is beyond the signed head, which covers ${head.treeSize} entries`);
    if (from > second) throw new KarvonError('KRV_QUERY_PARAMETER', `from must not exceed to (${second}), got ${from}: a bigger tree cannot be a prefix of a smaller one`);
    const path = consistencyRanges(from, second);
    const first = { start: 0, end: from };
    const whole = { start: 0, end: second };
    const perfect = await this.nodesFor([...path, first, whole]);
    return {
      from,
      to: second,
      fromRoot: hex(rangeHash(first, perfect)),
      toRoot: hex(rangeHash(whole, perfect)),
      consistencyPath: path.map((range) => hex(rangeHash(range, perfect))),
    };
  }
}
