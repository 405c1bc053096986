/**
 * The audit log: appends sealed entries through the store (one transaction each, so concurrent
 * writers still form one chain), verifies the stored chain, and writes and checks export files.
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
import { createHash } from 'node:crypto';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { EventBus } from '../bus/event-bus.js';
import type { Store } from '../store/store.js';
import { canonicalJson, GENESIS_HASH, sealEntry, verifyChain, walkChain, checkHead, type ChainVerification } from './audit-chain.js';
import type { AuditDraft, AuditEntry, AuditRecorder } from './model.js';

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

/** The digest of a capture batch: SHA-256 hex over its hash IDs, sorted, joined by line feeds. */
export function captureDigest(hashIDs: readonly string[]): string {
  return createHash('sha256').update([...hashIDs].sort().join('\n')).digest('hex');
}

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

export class AuditLog implements AuditRecorder {
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
  ) {}

  /** Appends one entry, sealed on the last one inside the store's transaction. */
  record(draft: AuditDraft): Promise<AuditEntry> {
    return this.store.audit.append((previous) => sealEntry(previous, draft, this.now()));
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

  /**
   * Records every captured batch: its event count, hash IDs and their digest. Returns the
   * unsubscribe function; failures go to the bus's onError (capture has succeeded by then).
   */
  followCaptures(bus: EventBus): () => void {
    return bus.subscribe('epcis.captured', (payload) => {
      const recorded = this.record({
        actor: payload.capturedBy ? { organisationId: payload.capturedBy, via: 'api' } : { via: 'system' },
        action: 'epcis.capture',
        ...(payload.captureJobID !== undefined ? { target: payload.captureJobID } : {}),
        outcome: 'success',
        details: { events: payload.hashIDs.length, hashIDs: payload.hashIDs, digest: captureDigest(payload.hashIDs) },
      }).catch((error: unknown) => bus.onError(error, 'epcis.captured (audit log)'));
      this.pending.add(recorded);
      void recorded.finally(() => this.pending.delete(recorded));
    });
  }

  /** Resolves once the entries followCaptures started are written (call before closing the store). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
