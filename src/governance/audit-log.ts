/**
 * The audit log: appends entries through the store (one transaction each, sealing the entry, growing
 * the Merkle tree and signing the new head: log-append.ts), gives capture the builder of its entry
 * (written in the transaction that stores the events), adopts a log written before the tree
 * existed, verifies the stored log, and writes and checks export files.
 *
 * Export file (JSON Lines, UTF-8): line 1 is the header
 *   {"entries":N,"exportedAt":"…","format":"karvon-audit-log","head":"<hash of entry N>","version":1}
 * then entries 1..N, one per line, each in the canonical form of audit-chain.ts (keys sorted, no
 * white space) with its hash. A verifier recomputes every hash and link, and compares the last one
 * with the header: a file cut short, lengthened or edited anywhere in an entry fails. Lines must be
 * exactly canonical, so even an edit that leaves the JSON value unchanged (a space) is reported.
 * The header's exportedAt is informative only; compare `head` with the one the network publishes
 * (GET /api/audit/verify) to know the file is the whole log up to that point.
 */
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Store } from '../store/store.js';
import { canonicalJson, GENESIS_HASH, verifyChain, walkChain, checkHead, type ChainVerification } from './audit-chain.js';
import { captureDraft } from './capture-entry.js';
import { appendLeaf, frontierRoot } from './compact-range.js';
import { AuditIntegrityError, entryLeafHash, extendLog, storedHeadKey } from './log-append.js';
import type { Hash } from './merkle-hash.js';
import type { AuditAppend, AuditDraft, AuditEntry, AuditRecorder, AuditTip, AuditTreeNode, CaptureAuditor, CaptureFacts, StoredTreeHead } from './model.js';
import type { SigningKey } from './tree-head.js';

export { captureDigest } from './capture-entry.js';

export const EXPORT_FORMAT = 'karvon-audit-log';
export const EXPORT_VERSION = 1;

export interface AuditExportHeader {
  readonly format: typeof EXPORT_FORMAT;
  readonly version: typeof EXPORT_VERSION;
  readonly exportedAt: string;
  readonly entries: number;
  readonly head: string;
}

/** A file's verification: the chain's, plus the header when it could be read. */
export interface ExportVerification extends ChainVerification {
  readonly header?: AuditExportHeader;
}

/** Entries read per page while walking the stored log. */
const PAGE = 500;

function write(writable: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    writable.once('error', onError);
    const flushed = writable.write(text, (error) => {
      if (error) reject(error);
    });
    const done = () => {
      writable.off('error', onError);
      resolve();
    };
    if (flushed) done();
    else writable.once('drain', done);
  });
}

function isHeader(value: unknown): value is AuditExportHeader {
  const header = value as Partial<AuditExportHeader> | null;
  return (
    typeof header === 'object' &&
    header !== null &&
    header.format === EXPORT_FORMAT &&
    header.version === EXPORT_VERSION &&
    Number.isSafeInteger(header.entries) &&
    typeof header.head === 'string'
  );
}

/** Checks an export file offline, with no store: header, every line, the chain, and the head against the header. */
export async function verifyAuditExport(readable: Readable): Promise<ExportVerification> {
  const lines = readline.createInterface({ input: readable, crlfDelay: Infinity });
  const iterator = lines[Symbol.asyncIterator]();
  try {
    const first = await iterator.next();
    let header: unknown;
    try {
      header = first.done ? undefined : JSON.parse(first.value);
    } catch {
      header = undefined;
    }
    if (!isHeader(header)) {
      return {
        ok: false,
        checked: 0,
        problem: { seq: 1, kind: 'altered', detail: `line 1 is not the header of a ${EXPORT_FORMAT} version ${EXPORT_VERSION} file` },
      };
    }
    let lineProblem: { line: number; detail: string } | undefined;
    let lineNumber = 1;
    async function* parsed(): AsyncGenerator<AuditEntry> {
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        lineNumber += 1;
        if (next.value === '') continue;
        let entry: unknown;
        try {
          entry = JSON.parse(next.value);
        } catch {
          lineProblem = { line: lineNumber, detail: 'is not valid JSON' };
          return;
        }
        if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
          lineProblem = { line: lineNumber, detail: 'is not an audit entry' };
          return;
        }
        if (canonicalJson(entry) !== next.value) {
          lineProblem = { line: lineNumber, detail: 'is not in canonical form (it was edited)' };
          return;
        }
        yield entry as AuditEntry;
      }
    }
    const walked = await walkChain(parsed());
    if (!walked.ok) return { ...walked, header };
    if (lineProblem) {
      const { line, detail } = lineProblem;
      return {
        ...walked,
        ok: false,
        header,
        problem: { seq: walked.checked + 1, kind: 'altered', detail: `line ${line} (entry ${walked.checked + 1}) ${detail}` },
      };
    }
    return { ...checkHead(walked, header), header };
  } finally {
    lines.close();
  }
}

export class AuditLog implements AuditRecorder, CaptureAuditor {
  /** The stored head this process signed or checked last: appends on it skip the signature check. */
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

  /** Recomputes the whole stored chain and reports its first altered, inserted or deleted entry. */
  verify(): Promise<ChainVerification> {
    return verifyChain(this.entries());
  }

  /**
   * Writes the log up to its current last entry as an export file (see the top of this file);
   * entries appended meanwhile are left for the next export. Does not end `writable`.
   */
  async export(writable: Writable): Promise<AuditExportHeader> {
    const last = await this.store.audit.last();
    const header: AuditExportHeader = {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exportedAt: this.now().toISOString(),
      entries: last?.seq ?? 0,
      head: last?.hash ?? GENESIS_HASH,
    };
    await write(writable, canonicalJson(header) + '\n');
    if (last) {
      for await (const entry of this.entries(last.seq)) await write(writable, canonicalJson(entry) + '\n');
    }
    return header;
  }

  /** Checks an export file offline (see verifyAuditExport). */
  verifyExport(readable: Readable): Promise<ExportVerification> {
    return verifyAuditExport(readable);
  }
}
