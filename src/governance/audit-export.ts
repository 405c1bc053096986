/**
 * Export files of the audit log, and their verification offline (no store, no node key needed).
 *
 * Format (JSON Lines, UTF-8). Line 1 is the header, in canonical JSON (audit-chain.ts):
 *   {"entries":N,"exportedAt":"…","format":"karvon-audit-log",
 *    "head":{"keyId":…,"rootHash":…,"signature":…,"timestamp":…,"treeSize":N},
 *    "publicKey":{"algorithm":"Ed25519","keyId":…,"publicKey":"<base64 DER SPKI>"},"version":2}
 * then entries 1..N, one per line, each in canonical form with its hash. `head` is the node's signed
 * head of exactly those N entries (tree-head.ts says what is signed).
 *
 * A verifier checks the head's signature with `publicKey` (and should compare its keyId with the
 * one it keeps for that node), every line (canonical, so even an added space is reported), the
 * hash chain, and recomputes the tree of the N entries: its root must be the signed one. Given a
 * head it kept from earlier (a witness's head, same key), it also checks that the file's first
 * treeSize entries hash to that head's root: the node has not rewritten history since.
 * exportedAt is informative only.
 */
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Store } from '../store/store.js';
import { canonicalJson } from './audit-chain.js';
import type { AuditVerification } from './audit-verification.js';
import type { AuditEntry, TreeHead } from '../model/governance.js';
import { headFields, headProblem, publicKeyFrom, type PublishedKey } from './tree-head.js';
import { beyondHead, chainProblem, headMismatch, TreeWalk, walkLog } from './tree-walk.js';

export const EXPORT_FORMAT = 'karvon-audit-log';
export const EXPORT_VERSION = 2;

export interface AuditExportHeader {
  readonly format: typeof EXPORT_FORMAT;
  readonly version: typeof EXPORT_VERSION;
  readonly exportedAt: string;
  readonly entries: number;
  readonly head: TreeHead;
  readonly publicKey: PublishedKey;
}

/** A file's verification, with its header when it could be read. */
export interface ExportVerification extends AuditVerification {
  readonly header?: AuditExportHeader;
}

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

/**
 * Writes the log up to the node's signed head as an export file; entries appended meanwhile are
 * left for the next export. Does not end `writable`. Refuses an empty log (nothing is signed).
 */
export async function writeAuditExport(store: Store, writable: Writable, exportedAt: Date, publicKey: PublishedKey): Promise<AuditExportHeader> {
  const stored = await store.audit.head();
  if (!stored) throw new Error('The audit log is empty: there is no signed head to export');
  const header: AuditExportHeader = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: exportedAt.toISOString(),
    entries: stored.treeSize,
    head: headFields(stored),
    publicKey,
  };
  await write(writable, canonicalJson(header) + '\n');
  for (let afterSeq = 0; afterSeq < stored.treeSize; ) {
    const page = (await store.audit.list({ afterSeq, limit: PAGE })).filter((entry) => entry.seq <= stored.treeSize);
    for (const entry of page) await write(writable, canonicalJson(entry) + '\n');
    if (page.length === 0) break;
    afterSeq = page[page.length - 1]!.seq;
  }
  return header;
}

function headerProblem(value: unknown): string | undefined {
  const header = value as Partial<AuditExportHeader> | null;
  if (typeof header !== 'object' || header === null || header.format !== EXPORT_FORMAT) return `line 1 is not the header of a ${EXPORT_FORMAT} file`;
  if (header.version !== EXPORT_VERSION) return `this is a version ${String(header.version)} file; this Karvon reads version ${EXPORT_VERSION} (export it again)`;
  if (!Number.isSafeInteger(header.entries)) return 'the header does not say how many entries the file holds';
  return undefined;
}

/** Checks an export file offline (see the top of this file); `expected` is a head kept from earlier. */
export async function verifyAuditExport(readable: Readable, expected?: unknown): Promise<ExportVerification> {
  const lines = readline.createInterface({ input: readable, crlfDelay: Infinity });
  const iterator = lines[Symbol.asyncIterator]();
  const broken = (kind: 'head-invalid' | 'altered', detail: string, seq?: number): ExportVerification => ({
    ok: false,
    entries: 0,
    problem: { kind, ...(seq !== undefined ? { seq } : {}), detail },
  });
  try {
    const first = await iterator.next();
    let header: unknown;
    try {
      header = first.done ? undefined : JSON.parse(first.value);
    } catch {
      header = undefined;
    }
    const malformed = headerProblem(header);
    if (malformed) return broken('head-invalid', malformed);
    const file = header as AuditExportHeader;
    let key;
    try {
      key = publicKeyFrom(file.publicKey);
    } catch (error) {
      return { ...broken('head-invalid', `the header's publicKey: ${(error as Error).message}`), header: file };
    }
    const unsigned = headProblem(file.head, key);
    if (unsigned) return { ...broken('head-invalid', `the header's head: ${unsigned}`), header: file };
    if (file.head.treeSize !== file.entries) return { ...broken('head-invalid', `the header says ${file.entries} entries but its head covers ${file.head.treeSize}`), header: file };

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
    const expectedSize = (expected as Partial<TreeHead> | undefined)?.treeSize;
    const walk = new TreeWalk([file.head.treeSize, ...(typeof expectedSize === 'number' ? [expectedSize] : [])]);
    const walked = await walkLog(parsed(), walk);
    const report = (problem?: ExportVerification['problem']): ExportVerification => ({
      ok: problem === undefined,
      entries: walked.chain.ok ? walk.size : walked.chain.checked,
      ...(walked.chain.ok ? { rootHash: walk.root() } : {}),
      head: file.head,
      ...(expected !== undefined ? { expected: expected as TreeHead } : {}),
      header: file,
      ...(problem ? { problem } : {}),
    });
    const chain = chainProblem(walked.chain);
    if (chain) return report(chain);
    if (lineProblem) {
      const { line, detail } = lineProblem;
      return report({ kind: 'altered', seq: walk.size + 1, detail: `line ${line} (entry ${walk.size + 1}) ${detail}` });
    }
    const own = "the file's signed head";
    const againstFile = beyondHead(walk, file.head, own) ?? headMismatch(walk, file.head, own);
    if (againstFile) return report(againstFile);
    if (expected !== undefined) {
      const invalid = headProblem(expected, key);
      if (invalid) return report({ kind: 'head-invalid', detail: `the head given to check against: ${invalid}` });
      const mismatch = headMismatch(walk, expected as TreeHead, 'the head given to check against');
      if (mismatch) return report(mismatch);
    }
    return report();
  } finally {
    lines.close();
  }
}
