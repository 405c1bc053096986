/**
 * Verifying a node's own audit log, in this order, stopping at the first problem:
 *
 * 1. Every entry, walked in order: the hash chain (content matches its hash, links, numbering), and
 *    the tree they make, node by node against the nodes the store keeps (those serve proofs).
 * 2. The node's signed head in the database: present, signed by the node's key, its frontier
 *    hashing to its root; the log must hold exactly the entries it covers (more: a forged append;
 *    fewer: a truncation) and hash to its root (else: rewritten). On a live node entries are
 *    appended while this runs: those beyond the head read first must be covered by the head read
 *    after the walk (every honest append signs one; after a forged entry no append succeeds).
 * 3. A head held elsewhere (`karvon audit verify --head`), when given: signed by the node's key, and
 *    its first treeSize entries must hash to its root — so a truncation back to an old head, or a
 *    rewrite with every hash recomputed by Karvon's own functions, are caught too.
 * 4. Every stored event (event-check.ts): logged by the capture entry it names, unedited, and no
 *    logged event missing.
 *
 * A tree leaf that differs from its entry is told apart from a rewritten entry by the signed root:
 * if the entries still hash to it, only the node was altered.
 */
import type { KeyObject } from 'node:crypto';
import type { Store } from '../store/store.js';
import type { AuditProblem, AuditVerification } from './audit-verification.js';
import type { TreeNode } from './compact-range.js';
import { checkEvents, listedHashIDs } from './event-check.js';
import { storedHeadProblem } from './log-append.js';
import type { AuditEntry, AuditTreeNode, TreeHead } from '../model/governance.js';
import { headFields, headProblem } from './tree-head.js';
import { beyondHead, chainProblem, headMismatch, TreeWalk, walkLog } from './tree-walk.js';

const PAGE = 1000;

/** Reads the stored nodes of each level in index order, a page at a time, as a walk completes them. */
class StoredNodes {
  private readonly levels = new Map<number, { page: AuditTreeNode[]; at: number; after: number; done: boolean }>();

  constructor(private readonly store: Store) {}

  async get(level: number, index: number): Promise<Buffer | undefined> {
    let cursor = this.levels.get(level);
    if (!cursor) this.levels.set(level, (cursor = { page: [], at: 0, after: -1, done: false }));
    for (;;) {
      while (cursor.at < cursor.page.length && cursor.page[cursor.at]!.index < index) cursor.at += 1;
      if (cursor.at < cursor.page.length) return cursor.page[cursor.at]!.index === index ? cursor.page[cursor.at]!.hash : undefined;
      if (cursor.done) return undefined;
      const page = await this.store.audit.levelPage(level, cursor.after, PAGE);
      if (page.length < PAGE) cursor.done = true;
      if (page.length > 0) cursor.after = page[page.length - 1]!.index;
      cursor.page = page;
      cursor.at = 0;
    }
  }
}

async function* storedEntries(store: Store): AsyncGenerator<AuditEntry> {
  for (let afterSeq = 0; ; ) {
    const page = await store.audit.list({ afterSeq, limit: 500 });
    yield* page;
    if (page.length < 500) return;
    afterSeq = page[page.length - 1]!.seq;
  }
}

/** Verifies the stored log and events (see the top of this file); `expected` is a head held elsewhere. */
export async function verifyStoredLog(store: Store, publicKey: KeyObject, expected?: unknown): Promise<AuditVerification> {
  const stored = await store.audit.head();
  const signedSize = stored?.treeSize ?? 0;
  const expectedSize = (expected as Partial<TreeHead> | undefined)?.treeSize;
  const walk = new TreeWalk([signedSize, ...(typeof expectedSize === 'number' ? [expectedSize] : [])]);
  const nodes = new StoredNodes(store);
  const listed = new Map<number, number>();
  let mismatch: { entry: AuditEntry; node: TreeNode; missing: boolean } | undefined;

  const walked = await walkLog(storedEntries(store), walk, async (entry, completed) => {
    if (entry.action === 'epcis.capture') listed.set(entry.seq, listedHashIDs(entry).length);
    // Nodes beyond the signed head serve no proof; entries there are reported as a forged append.
    if (mismatch || walk.size > signedSize) return undefined;
    for (const node of completed) {
      const kept = await nodes.get(node.level, node.index);
      if (!kept || !kept.equals(node.hash)) {
        mismatch = { entry, node, missing: !kept };
        break;
      }
    }
    return undefined;
  });

  let head = stored ? headFields(stored) : undefined;
  const report = (problem?: AuditProblem, events?: number): AuditVerification => ({
    ok: problem === undefined,
    entries: walked.chain.ok ? walk.size : walked.chain.checked,
    ...(walked.chain.ok ? { rootHash: walk.root() } : {}),
    ...(head ? { head } : {}),
    ...(expected !== undefined ? { expected: expected as TreeHead } : {}),
    ...(events !== undefined ? { events } : {}),
    ...(problem ? { problem } : {}),
  });

  const chain = chainProblem(walked.chain);
  const nodeProblem = (rootsAgree: boolean): AuditProblem | undefined => {
    if (!mismatch) return undefined;
    const { entry, node, missing } = mismatch;
    const which = node.level === 0 ? `the tree leaf kept for entry ${entry.seq}` : `tree node (level ${node.level}, index ${node.index}), completed by entry ${entry.seq},`;
    if (missing) return { kind: 'tree-altered', seq: entry.seq, detail: `${which} is missing from the store` };
    if (rootsAgree || node.level > 0) {
      return { kind: 'tree-altered', seq: entry.seq, detail: `${which} was altered (the entries still hash to the signed root): proofs served from it would be wrong` };
    }
    return { kind: 'rewritten', seq: entry.seq, detail: `entry ${entry.seq} is not the entry that was appended: it no longer matches its leaf in the tree, and the log no longer hashes to the signed root` };
  };
  if (chain) {
    // An earlier entry that differs from its leaf comes first, whatever the chain says later.
    const early = mismatch && mismatch.entry.seq < chain.seq! ? nodeProblem(false) : undefined;
    return report(early ?? chain);
  }

  const own = "the node's signed head";
  if (stored) {
    const unsound = storedHeadProblem(stored, publicKey);
    if (unsound) return report({ kind: 'head-invalid', detail: unsound });
    const againstOwn = headMismatch(walk, stored, own);
    const problem = nodeProblem(againstOwn === undefined) ?? againstOwn;
    if (problem) return report(problem);
  }
  if (walk.size > signedSize) {
    // Entries beyond the head read at the start are fine if the node appended them while this ran:
    // then a head signed since covers them (a forged entry stops every later append, so none would).
    const later = await store.audit.head();
    if (!later) return report({ kind: 'head-missing', detail: `the log holds ${walk.size} entries but the database has no signed head: it was removed` });
    if (later.treeSize < walk.size) return report(beyondHead(walk, later, own));
    const unsound = storedHeadProblem(later, publicKey);
    if (unsound) return report({ kind: 'head-invalid', detail: unsound });
    if (later.treeSize === walk.size) {
      if (later.rootHash !== walk.root()) return report({ kind: 'rewritten', detail: `entries 1..${walk.size} hash to ${walk.root().slice(0, 16)}…, but ${own} says ${later.rootHash.slice(0, 16)}…` });
      head = headFields(later);
    }
  }

  if (expected !== undefined) {
    const invalid = headProblem(expected, publicKey);
    if (invalid) return report({ kind: 'head-invalid', detail: `the head given to check against: ${invalid}` });
    const mismatchExpected = headMismatch(walk, expected as TreeHead, 'the head given to check against');
    if (mismatchExpected) return report(mismatchExpected);
  }

  const entryAt = async (seq: number) => (await store.audit.list({ afterSeq: seq - 1, limit: 1 }))[0];
  // Events logged by entries appended after the walk are checked next time, if a signed head covers them.
  const events = await checkEvents(store, listed, entryAt, { after: walk.size, covered: async () => (await store.audit.head())?.treeSize ?? 0 });
  return report(events.problem, events.events);
}
