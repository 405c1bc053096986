/**
 * The audit log: appends entries through the store (one transaction each, sealing the entry, growing
 * the Merkle tree and signing the new head: log-append.ts), gives capture the builder of its entry
 * (written in the transaction that stores the events), adopts a log written before the tree
 * existed, and is the door to verification (audit-verify.ts), heads and proofs (audit-tree.ts) and
 * export files (audit-export.ts).
 */
import type { Readable, Writable } from 'node:stream';
import type { Store } from '../store/store.js';
import { walkChain } from './audit-chain.js';
import { verifyAuditExport, writeAuditExport, type AuditExportHeader, type ExportVerification } from './audit-export.js';
import { AuditTree } from './audit-tree.js';
import type { AuditVerification } from './audit-verification.js';
import { verifyStoredLog } from './audit-verify.js';
import { captureDraft } from './capture-entry.js';
import { appendLeaf, frontierRoot } from './compact-range.js';
import { AuditIntegrityError, entryLeafHash, extendLog, storedHeadKey } from './log-append.js';
import type { Hash } from './merkle-hash.js';
import type { AuditAppend, AuditDraft, AuditEntry, AuditRecorder, AuditTip, AuditTreeNode, CaptureAuditor, CaptureFacts, StoredTreeHead } from '../model/governance.js';
import { publishedKeyOf, type PublishedKey, type SigningKey } from './tree-head.js';

export { captureDigest } from './capture-entry.js';

const PAGE = 500;

export class AuditLog implements AuditRecorder, CaptureAuditor {
  /** The head this process signed last: an append on it skips checking its signature (it made it). */
  private trustedHead: string | undefined;

  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    /** The node's key: it signs every head. */
    readonly key: SigningKey,
  ) {}

  /** The builder of one append (log-append.ts), remembering the head it signs. */
  private appendOf(draft: AuditDraft): (tip: AuditTip) => AuditAppend {
    return (tip) => {
      const append = extendLog(tip, draft, this.now(), this.key, (head) => storedHeadKey(head) === this.trustedHead);
      this.trustedHead = storedHeadKey(append.head);
      return append;
    };
  }

  /** Appends one entry: sealed on the last one, a leaf of the tree, under a newly signed head, in one transaction. */
  record(draft: AuditDraft): Promise<AuditEntry> {
    return this.store.audit.append(this.appendOf(draft));
  }

  /** The builder of a capture's entry, for the transaction that stores its events (Store.events.insert). */
  captureEntry(facts: CaptureFacts): (logged: { hashIDs: readonly string[]; recovered: number }, tip: AuditTip) => AuditAppend {
    return (logged, tip) => this.appendOf(captureDraft(facts, logged))(tip);
  }

  /**
   * Gives a log written before the Merkle tree existed its tree and a first signed head (call once
   * at start). The entries are adopted as they are; the adoption is itself an entry, so a member
   * state comparing heads sees when it happened. Does nothing for a log that has a head, an empty
   * log, or one whose tree nodes exist without a head (that head was removed: appends refuse and
   * `karvon audit verify` says so).
   */
  async open(): Promise<void> {
    if (await this.store.audit.head()) return;
    const last = await this.store.audit.last();
    if (!last || (await this.store.audit.nodes([{ level: 0, index: 0 }])).length > 0) return;
    const walked = await walkChain(this.entries(last.seq));
    if (!walked.ok || walked.checked !== last.seq) {
      throw new AuditIntegrityError(
        `The audit log written before the Merkle tree is broken (${walked.problem?.detail ?? `it ends at entry ${walked.checked}`}); it cannot be adopted into the tree: run \`karvon audit verify\``,
      );
    }
    let frontier: Hash[] = [];
    let pending: AuditTreeNode[] = [];
    let size = 0;
    for await (const entry of this.entries(last.seq)) {
      const grown = appendLeaf(frontier, size, entryLeafHash(entry));
      frontier = grown.frontier;
      size += 1;
      pending.push(...grown.nodes);
      if (pending.length >= 10_000) {
        await this.store.audit.addNodes(pending);
        pending = [];
      }
    }
    await this.store.audit.addNodes(pending);
    const rootHash = frontierRoot(frontier).toString('hex');
    // Not signed: it is only the frontier the first real head is computed from.
    const adopted: StoredTreeHead = { treeSize: size, rootHash, timestamp: '', keyId: this.key.keyId, signature: '', frontier: frontier.map((h) => h.toString('hex')) };
    const draft: AuditDraft = { actor: { via: 'system' }, action: 'audit.tree-started', outcome: 'success', details: { adoptedEntries: size, rootHash } };
    await this.store.audit.append((tip) => {
      if (tip.head || tip.last?.seq !== size) throw new AuditIntegrityError('the audit log changed while its tree was being built; start again');
      const append = extendLog({ ...tip, head: adopted }, draft, this.now(), this.key, () => true);
      this.trustedHead = storedHeadKey(append.head);
      return append;
    });
  }

  /** The stored entries in order, a page at a time, up to `untilSeq` when given. */
  async *entries(untilSeq = Number.MAX_SAFE_INTEGER): AsyncGenerator<AuditEntry> {
    let afterSeq = 0;
    for (;;) {
      const page = await this.store.audit.list({ afterSeq, limit: PAGE });
      for (const entry of page) {
        if (entry.seq > untilSeq) return;
        yield entry;
      }
      if (page.length < PAGE) return;
      afterSeq = page[page.length - 1]!.seq;
    }
  }

  /**
   * Verifies the stored log, its tree, the node's signed head and every stored event (audit-verify.ts);
   * `expected` is a head held elsewhere (a member state's copy) that the log must still contain.
   */
  verify(expected?: unknown): Promise<AuditVerification> {
    return verifyStoredLog(this.store, this.key.publicKey, expected);
  }

  /** Heads and proofs, for member states (audit-tree.ts). */
  get tree(): AuditTree {
    return new AuditTree(this.store);
  }

  /** The node's public key as it is published beside heads. */
  publishedKey(): PublishedKey {
    return publishedKeyOf(this.key.publicKey);
  }

  /** Writes the log up to the signed head as an export file (audit-export.ts). Does not end `writable`. */
  export(writable: Writable): Promise<AuditExportHeader> {
    return writeAuditExport(this.store, writable, this.now(), this.publishedKey());
  }

  /** Checks an export file offline, against a head kept from earlier when given (audit-export.ts). */
  verifyExport(readable: Readable, expected?: unknown): Promise<ExportVerification> {
    return verifyAuditExport(readable, expected);
  }
}
