// How the network governs itself, as the member states govern their own format: member states with
// a national coordinator, a coordinating chair that rotates, proposals (admitting or suspending a
// member state) decided by a unanimous vote of the current members, and an append-only audit log
// whose entries are the leaves of a Merkle tree with signed heads (and each carries the hash of the
// one before).

export interface MemberState {
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  readonly status: 'member' | 'suspended';
  readonly admittedAt: string;
  /** The proposal that admitted it; absent for founding members. */
  readonly admittedBy?: string;
  /** Its national coordinator organisation, once there is one. */
  readonly coordinatorOrganisationId?: string;
}

export const PROPOSAL_KINDS = ['admission', 'suspension', 'reinstatement'] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];

export interface Proposal {
  readonly id: string;
  readonly kind: ProposalKind;
  /** The state to admit, suspend or reinstate. */
  readonly country: string;
  /** The member state that proposed it. */
  readonly proposedBy: string;
  readonly openedAt: string;
  /** The member states entitled to vote, fixed when it opened (the subject of a suspension excluded). */
  readonly electorate: readonly string[];
  readonly status: 'open' | 'accepted' | 'rejected' | 'withdrawn';
  readonly closedAt?: string;
  /** Why, in words, as the proposer gave it. */
  readonly motivation?: string;
}

export interface Vote {
  readonly proposalId: string;
  /** The member state voting (through its national coordinator). */
  readonly country: string;
  readonly vote: 'yes' | 'no';
  readonly castAt: string;
  /** The organisation (and user or key) that cast it. */
  readonly castBy: { readonly organisationId: string; readonly userId?: string; readonly keyId?: string };
}

export interface ChairTerm {
  readonly country: string;
  /** Hand-over date: the term starts then and ends when the next term starts. */
  readonly from: string;
}

/** Who did something, as the audit log records it. */
export interface AuditActor {
  readonly organisationId?: string;
  readonly userId?: string;
  readonly keyId?: string;
  /** 'session', 'api-key', 'bootstrap', 'cli', 'system' (the demo, the projection...). */
  readonly via: string;
  /** Client address, when over HTTP. */
  readonly address?: string;
}

export interface AuditEntry {
  /** 1, 2, 3... without gaps. */
  readonly seq: number;
  readonly time: string;
  readonly actor: AuditActor;
  /** What was done, e.g. `auth.sign-in`, `key.create`, `organisation.suspend`, `governance.vote`, `epcis.capture`, `export`. */
  readonly action: string;
  /** On what (an organisation id, a proposal id, a capture job id...). */
  readonly target?: string;
  readonly outcome: 'success' | 'failure' | 'denied';
  /** Facts of the action (never secrets): e.g. the event hash IDs and digest of a capture batch. */
  readonly details: Readonly<Record<string, unknown>>;
  /** The previous entry's hash (64 zeros for the first). */
  readonly prevHash: string;
  /** SHA-256 (hex) over the canonical form of every field above. */
  readonly hash: string;
}

/**
 * A signed tree head: the node's signature over the size and root of its audit log's Merkle tree at
 * a moment (src/governance/tree-head.ts says exactly what is signed).
 */
export interface TreeHead {
  readonly treeSize: number;
  /** The tree hash of entries 1..treeSize (lower-case hex). */
  readonly rootHash: string;
  /** When the node signed it (ISO 8601, UTC). */
  readonly timestamp: string;
  /** SHA-256 (hex) of the signing key's SubjectPublicKeyInfo (DER). */
  readonly keyId: string;
  /** Ed25519 signature (base64). */
  readonly signature: string;
}

/** The head as the node keeps it: with its frontier, so the next entry is appended without walking the tree. */
export interface StoredTreeHead extends TreeHead {
  /** The perfect subtrees on the tree's right edge, largest first (hex): see compact-range.ts. */
  readonly frontier: readonly string[];
}

/** A perfect subtree of the audit log's Merkle tree: the hash of leaves [index·2^level, (index+1)·2^level). */
export interface AuditTreeNode {
  readonly level: number;
  readonly index: number;
  /** 32 bytes. */
  readonly hash: Buffer;
}

/** What the store gives an append, read inside its transaction: the last entry and the signed head. */
export interface AuditTip {
  readonly last?: AuditEntry;
  readonly head?: StoredTreeHead;
}

/** What an append writes in one transaction: the entry, the tree nodes it completes, the new signed head. */
export interface AuditAppend {
  readonly entry: AuditEntry;
  readonly nodes: readonly AuditTreeNode[];
  readonly head: StoredTreeHead;
}

/** What callers hand to the audit log; sequence, time and hashes are its business. */
export type AuditDraft = Omit<AuditEntry, 'seq' | 'time' | 'prevHash' | 'hash'> & { readonly time?: string };

/** What the audit entry of a capture records besides its hash IDs. */
export interface CaptureFacts {
  /** The organisation capturing; absent for local captures (imports, the simulator, the demo). */
  readonly capturedBy?: string;
  readonly captureJobID?: string;
  /** The binding the events came in: an input of the event hash (src/epcis/hash/). */
  readonly binding: 'json' | 'xml';
}

/** How capture gets its audit entry appended in the transaction that stores its events (Store.events.insert). */
export interface CaptureAuditor {
  captureEntry(facts: CaptureFacts): (logged: { hashIDs: readonly string[]; recovered: number }, tip: AuditTip) => AuditAppend;
}

/** The one way features write to the audit log. */
export interface AuditRecorder {
  record(draft: AuditDraft): Promise<AuditEntry>;
}
