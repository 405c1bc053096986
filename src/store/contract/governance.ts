/** The store's contract, in part (store.ts gathers the parts into the Store): The audit log and governance (src/governance/). */
import type { AuditAppend, AuditEntry, AuditTip, AuditTreeNode, ChairTerm, MemberState, Proposal, StoredTreeHead, Vote } from '../../model/governance.js';

export interface AuditRepository {
  /**
   * Appends one entry in one transaction: `build` gets the tip (the last entry and the signed head,
   * read under the write lock) and returns the entry sealed onto it, the tree nodes it completes and
   * the new signed head, which are all stored together, so no two entries can follow the same one
   * and the head always covers exactly the entries stored. The entry must be numbered last + 1,
   * carry the last entry's hash, and the head cover it.
   */
  append(build: (tip: AuditTip) => AuditAppend): Promise<AuditEntry>;
  /** Entries in sequence order after `afterSeq` (0 for the first page). */
  list(page: { afterSeq?: number; limit: number }): Promise<AuditEntry[]>;
  last(): Promise<AuditEntry | undefined>;
  /** The signed head the last append wrote; undefined before the first. */
  head(): Promise<StoredTreeHead | undefined>;
  /** The stored tree nodes among `refs`, in any order (missing ones are left out). */
  nodes(refs: readonly { level: number; index: number }[]): Promise<AuditTreeNode[]>;
  /** Up to `limit` nodes of one level with an index above `afterIndex` (-1 for the first), by index. */
  levelPage(level: number, afterIndex: number, limit: number): Promise<AuditTreeNode[]>;
  /**
   * Stores tree nodes of entries appended before the tree existed (the first start after the
   * upgrade, see AuditLog.open); nodes stored already are kept as they are.
   */
  addNodes(nodes: readonly AuditTreeNode[]): Promise<void>;
}

export interface GovernanceRepository {
  listMembers(): Promise<MemberState[]>;
  getMember(country: string): Promise<MemberState | undefined>;
  /** Creates or replaces the member state of `member.country`. */
  putMember(member: MemberState): Promise<void>;

  createProposal(proposal: Proposal): Promise<void>;
  getProposal(id: string): Promise<Proposal | undefined>;
  /** Newest first; only open ones when asked. */
  listProposals(filter?: { status?: Proposal['status'] }): Promise<Proposal[]>;
  updateProposal(id: string, changes: Partial<Pick<Proposal, 'status' | 'closedAt'>>): Promise<void>;
  /** Records a vote; false when that country has voted on that proposal already. */
  addVote(vote: Vote): Promise<boolean>;
  listVotes(proposalId: string): Promise<Vote[]>;

  /** Chair terms in order of start. */
  listChairTerms(): Promise<ChairTerm[]>;
  addChairTerm(term: ChairTerm): Promise<void>;

  /** Network-wide settings managed by the chair (thresholds...), as JSON values. */
  getSetting(name: string): Promise<unknown>;
  listSettings(): Promise<Record<string, unknown>>;
  putSetting(name: string, value: unknown): Promise<void>;
}
