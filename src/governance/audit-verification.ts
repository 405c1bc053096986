/**
 * What verifying the audit log reports: the first problem found, with what kind of tampering it
 * shows and where (an entry number, an event's store sequence), and otherwise what was checked.
 * `karvon audit verify`, GET /api/audit/verify and the offline check of export files all answer in
 * this shape.
 */
import type { ChainProblemKind } from './audit-chain.js';
import type { TreeHead } from '../model/governance.js';

export type AuditProblemKind =
  /** Entries whose links or content are wrong (the hash chain's rules, audit-chain.ts). */
  | ChainProblemKind
  /** An entry no longer matches the tree leaf kept for it, or the log's root differs from a signed one: history rewritten. */
  | 'rewritten'
  /** The stored tree nodes (used for proofs) do not match the entries. */
  | 'tree-altered'
  /** Entries beyond the node's signed head: not appended by the node. */
  | 'forged-append'
  /** Fewer entries than a signed head covers. */
  | 'truncated'
  /** The node's head is missing from the database, or a head does not verify with the node's key. */
  | 'head-missing'
  | 'head-invalid'
  /** A stored event no capture entry lists. */
  | 'event-not-logged'
  /** A stored event whose body no longer hashes to its hash ID. */
  | 'event-edited'
  /** An event a capture entry lists that is no longer stored. */
  | 'event-deleted';

export interface AuditProblem {
  readonly kind: AuditProblemKind;
  /** The first entry that cannot be trusted, when the problem is in an entry. */
  readonly seq?: number;
  /** The store sequence of the event, when the problem is in an event row. */
  readonly sequence?: number;
  readonly detail: string;
}

export interface AuditVerification {
  readonly ok: boolean;
  /** Entries found sound (all of them when ok). */
  readonly entries: number;
  /** The tree hash of those entries (hex). */
  readonly rootHash?: string;
  /** The signed head the log was checked against (the node's, or an export file's). */
  readonly head?: TreeHead;
  /** The head held elsewhere it was also checked against (`--head`), when given. */
  readonly expected?: TreeHead;
  /** Stored events checked (verification of a node's own store). */
  readonly events?: number;
  readonly problem?: AuditProblem;
}

/** One line saying where a problem is and what it is. */
export function describeProblem(problem: AuditProblem): string {
  const where = problem.seq !== undefined ? `entry ${problem.seq}` : problem.sequence !== undefined ? `event ${problem.sequence}` : 'log';
  return `${where} ${problem.kind}: ${problem.detail}`;
}

/** A head in one line: size, time, key. */
export function describeHead(head: TreeHead): string {
  return `${head.treeSize} entries, root ${head.rootHash}, signed ${head.timestamp} by key ${head.keyId.slice(0, 16)}…`;
}
