/**
 * Walking a log's entries in order to check them: the hash chain's rules (audit-chain.ts) and, at
 * the same time, the Merkle tree they make (its root at the sizes a signed head names, and every node
 * each entry completes, so a caller can compare them with stored ones). Then comparing the result
 * with a signed head. Pure: the entries and the comparison of nodes are handed in.
 */
import { walkChain, type ChainVerification } from './audit-chain.js';
import type { AuditProblem } from './audit-verification.js';
import { appendLeaf, frontierRoot, type TreeNode } from './compact-range.js';
import { entryLeafHash } from './log-append.js';
import type { Hash } from './merkle-hash.js';
import type { AuditEntry, TreeHead } from '../model/governance.js';

/** The tree of the entries walked so far, with its root remembered at chosen sizes. */
export class TreeWalk {
  private frontier: Hash[] = [];
  private readonly wanted: Set<number>;
  private readonly roots = new Map<number, string>();
  size = 0;

  constructor(sizesOfInterest: readonly number[]) {
    this.wanted = new Set(sizesOfInterest);
    if (this.wanted.has(0)) this.roots.set(0, frontierRoot([]).toString('hex'));
  }

  /** Adds the next entry as the next leaf; returns the nodes it completes. */
  add(entry: AuditEntry): TreeNode[] {
    const grown = appendLeaf(this.frontier, this.size, entryLeafHash(entry));
    this.frontier = grown.frontier;
    this.size += 1;
    if (this.wanted.has(this.size)) this.roots.set(this.size, this.root());
    return grown.nodes;
  }

  /** The root of the entries walked so far (hex). */
  root(): string {
    return frontierRoot(this.frontier).toString('hex');
  }

  /** The root the tree had at `size` entries, when that size was asked for and reached. */
  rootAt(size: number): string | undefined {
    return this.roots.get(size);
  }
}

/** What a walk found: the chain's verdict, and the first problem the per-entry check reported. */
export interface LogWalk {
  readonly chain: ChainVerification;
  readonly entryProblem?: AuditProblem;
}

/**
 * Walks `entries` through the chain rules and `walk`; `check` sees each entry with the nodes it
 * completed and may report a problem (the first one is kept; the walk goes on, so the tree is
 * complete for the comparison with heads).
 */
export async function walkLog(
  entries: AsyncIterable<AuditEntry>,
  walk: TreeWalk,
  check: (entry: AuditEntry, nodes: TreeNode[]) => AuditProblem | undefined | Promise<AuditProblem | undefined> = () => undefined,
): Promise<LogWalk> {
  let entryProblem: AuditProblem | undefined;
  async function* tapped(): AsyncGenerator<AuditEntry> {
    for await (const entry of entries) {
      const nodes = walk.add(entry);
      if (!entryProblem) entryProblem = await check(entry, nodes);
      yield entry;
    }
  }
  const chain = await walkChain(tapped());
  return { chain, ...(entryProblem ? { entryProblem } : {}) };
}

/** The chain's problem in the report's shape. */
export function chainProblem(chain: ChainVerification): AuditProblem | undefined {
  return chain.problem ? { kind: chain.problem.kind, seq: chain.problem.seq, detail: chain.problem.detail } : undefined;
}

/**
 * How the walked log disagrees with a signed head it must contain (`whose` names the head in the
 * message): fewer entries than the head covers, or its first treeSize entries hashing to another root.
 */
export function headMismatch(walk: TreeWalk, head: TreeHead, whose: string): AuditProblem | undefined {
  if (walk.size < head.treeSize) {
    const missing = walk.size + 1 === head.treeSize ? `entry ${head.treeSize} was` : `entries ${walk.size + 1}..${head.treeSize} were`;
    return { kind: 'truncated', seq: walk.size + 1, detail: `${whose} (signed ${head.timestamp}) covers ${head.treeSize} entries, the log holds ${walk.size}: ${missing} deleted` };
  }
  const root = walk.rootAt(head.treeSize);
  if (root !== head.rootHash) {
    return {
      kind: 'rewritten',
      detail:
        `entries 1..${head.treeSize} hash to ${root?.slice(0, 16) ?? '?'}…, but ${whose} (signed ${head.timestamp}) says ${head.rootHash.slice(0, 16)}…: ` +
        'the log was rewritten after that head was signed',
    };
  }
  return undefined;
}

/** Entries beyond the head that must cover the whole log: not appended by whoever signed it. */
export function beyondHead(walk: TreeWalk, head: TreeHead, whose: string): AuditProblem | undefined {
  if (walk.size <= head.treeSize) return undefined;
  const extra = walk.size === head.treeSize + 1 ? `entry ${walk.size} is` : `entries ${head.treeSize + 1}..${walk.size} are`;
  return { kind: 'forged-append', seq: head.treeSize + 1, detail: `${extra} not covered by ${whose} (${head.treeSize} entries): they were not appended by the node` };
}
