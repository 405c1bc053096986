/**
 * The hash chain of the audit log, pure (no store, no clock): how an entry is sealed and how a
 * sequence of entries is checked. A member state can re-implement it from this comment alone.
 *
 * Sealing. An entry's hash is SHA-256 (lower-case hex) of the canonical JSON of the object
 * { seq, time, actor, action, target, outcome, details, prevHash } (target left out when absent):
 * object keys sorted by UTF-16 code units at every depth, no white space, strings and numbers as
 * JSON.stringify writes them, members whose value is undefined left out. prevHash is the hash of
 * the entry before, or GENESIS_HASH (64 zeros) for entry 1. Sequence numbers are 1, 2, 3... with
 * no gaps.
 *
 * Checking (verifyChain) walks the entries in the order given and stops at the FIRST problem.
 * Everything before it is a valid chain 1..p (p = the last good entry, "entry 0" being the genesis).
 * For the next entry e it first works out e's true number: e.seq when e's hash matches its content;
 * otherwise a number within RENUMBER_REACH of e.seq under which its hash does match (the row was
 * renumbered but not re-hashed); otherwise none. Then, in this order:
 *
 * 1. No true number: e's content does not match its hash → 'altered' at e.seq.
 * 2. True number p+1 but e.seq differs → 'altered' (its number alone was changed).
 * 3. True number p+1, e.prevHash = p.hash → good, carry on.
 * 4. True number p+1, e.prevHash = the hash of an earlier entry q → the entries q+1..p, which e
 *    does not follow, were 'inserted' (reported at q+1). If e.prevHash matches no entry seen,
 *    entry p was rewritten and its hash recomputed (e remembers a different hash for it) →
 *    'altered' at p. (Equally, e's own prevHash may have been rewritten and e re-hashed: either
 *    way the break is between p and e, and p is named as the first entry that cannot be trusted.)
 * 5. True number above p+1 (a gap): when the entry after e has a true number in p+1..e-1, the log
 *    is out of order → 'reordered' at p+1. Otherwise entries p+1..e-1 are gone → 'deleted' at p+1
 *    (a renumbered row closing the gap is a deletion too: its true number shows the gap).
 * 6. True number p or below (a number used already): e.prevHash = the hash of an earlier entry q
 *    → 'inserted' at q+1 (two branches follow q; the chain cannot tell which is genuine, so the
 *    report names both hashes); otherwise 'inserted' at e.seq (an extra entry that follows nothing).
 *
 * What the chain cannot show on its own: entries cut off the END (nothing follows them to notice),
 * and a tail rewritten entirely with recomputed hashes. That is the Merkle tree's and its signed
 * heads' job (log-append.ts, audit-verify.ts); the chain is kept beside them because it names the
 * first broken entry precisely and keeps logs sealed before the tree valid. verifyChain can still
 * compare with a chain head known from elsewhere (`expected`): fewer entries are reported as
 * 'deleted' at the first missing number, more as 'inserted', a different head as 'altered'.
 */
import { createHash } from 'node:crypto';
import type { AuditDraft, AuditEntry } from '../model/governance.js';

export const GENESIS_HASH = '0'.repeat(64);

/** How far from its stored number a row's true number is searched (renumbered rows). */
const RENUMBER_REACH = 16;
/** How many recent entries are remembered to recognise a prevHash pointing further back. */
const RECENT_WINDOW = 256;

/** JSON with object keys sorted at every depth: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return canonicalJson((value as { toJSON: () => unknown }).toJSON());
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`audit entries hold finite numbers only, got ${value}`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
      const record = value as Record<string, unknown>;
      const members = Object.keys(record)
        .filter((key) => record[key] !== undefined && typeof record[key] !== 'function')
        .sort()
        .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
      return `{${members.join(',')}}`;
    }
    default:
      throw new TypeError(`audit entries hold JSON values only, got ${typeof value}`);
  }
}

/**
 * The sealed content of an entry: the canonical JSON of every field but `hash`. Its SHA-256 is the
 * entry's hash, and its UTF-8 bytes are the entry's leaf in the Merkle tree (audit-tree.ts).
 */
export function sealedContent(entry: Omit<AuditEntry, 'hash'>): string {
  const hashed: Record<string, unknown> = {
    seq: entry.seq,
    time: entry.time,
    actor: entry.actor,
    action: entry.action,
    outcome: entry.outcome,
    details: entry.details,
    prevHash: entry.prevHash,
  };
  if (entry.target !== undefined) hashed.target = entry.target;
  return canonicalJson(hashed);
}

/** The hash an entry must carry: SHA-256 hex over its sealed content. */
export function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  return createHash('sha256').update(sealedContent(entry)).digest('hex');
}

/** A JSON round trip: what is sealed is exactly what a store or a file gives back. */
function asStored<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The entry that follows `previous` (undefined: the first), with its number, time and hashes. */
export function sealEntry(previous: AuditEntry | undefined, draft: AuditDraft, time: Date): AuditEntry {
  const unsealed: Omit<AuditEntry, 'hash'> = {
    seq: (previous?.seq ?? 0) + 1,
    time: draft.time ?? time.toISOString(),
    actor: asStored(draft.actor),
    action: draft.action,
    ...(draft.target !== undefined ? { target: draft.target } : {}),
    outcome: draft.outcome,
    details: asStored(draft.details ?? {}),
    prevHash: previous?.hash ?? GENESIS_HASH,
  };
  return { ...unsealed, hash: entryHash(unsealed) };
}

export type ChainProblemKind = 'altered' | 'inserted' | 'deleted' | 'reordered';

export interface ChainProblem {
  /** The first entry number that cannot be trusted (see the rules at the top of this file). */
  readonly seq: number;
  readonly kind: ChainProblemKind;
  readonly detail: string;
}

export interface ChainVerification {
  readonly ok: boolean;
  /** Entries found good (before the problem, if any). */
  readonly checked: number;
  /** Hash of the last good entry; absent when there is none. */
  readonly head?: string;
  readonly problem?: ChainProblem;
}

/** A head known from elsewhere (an export's header): catches entries cut off the end. */
export interface ExpectedHead {
  readonly entries: number;
  readonly head?: string;
}

interface Known {
  readonly seq: number;
  readonly hash: string;
}

const short = (hash: unknown): string => (typeof hash === 'string' ? hash.slice(0, 12) : String(hash));

/** The entry's number as its hash vouches for it, or undefined when no nearby number does. */
function trueSeqOf(entry: AuditEntry): number | undefined {
  const hashOf = (seq: number): string | undefined => {
    try {
      return entryHash({ ...entry, seq });
    } catch {
      return undefined;
    }
  };
  if (!Number.isSafeInteger(entry.seq)) return undefined;
  if (hashOf(entry.seq) === entry.hash) return entry.seq;
  for (let distance = 1; distance <= RENUMBER_REACH; distance++) {
    for (const candidate of [entry.seq - distance, entry.seq + distance]) {
      if (candidate >= 1 && hashOf(candidate) === entry.hash) return candidate;
    }
  }
  return undefined;
}

async function* withLookahead<T>(items: Iterable<T> | AsyncIterable<T>): AsyncGenerator<[T, T | undefined]> {
  let held: { item: T } | undefined;
  for await (const item of items) {
    if (held) yield [held.item, item];
    held = { item };
  }
  if (held) yield [held.item, undefined];
}

/** Checks a chain given in order and reports its first problem (rules at the top of this file). */
export async function verifyChain(
  entries: Iterable<AuditEntry> | AsyncIterable<AuditEntry>,
  expected?: ExpectedHead,
): Promise<ChainVerification> {
  const walked = await walkChain(entries);
  return walked.ok && expected ? checkHead(walked, expected) : walked;
}

/** Rules 1 to 6 only: the links between the entries given, without a head known from elsewhere. */
export async function walkChain(entries: Iterable<AuditEntry> | AsyncIterable<AuditEntry>): Promise<ChainVerification> {
  const recent: Known[] = [{ seq: 0, hash: GENESIS_HASH }];
  let previous: Known = recent[0]!;
  const fail = (problem: ChainProblem): ChainVerification => ({
    ok: false,
    checked: previous.seq,
    ...(previous.seq > 0 ? { head: previous.hash } : {}),
    problem,
  });
  const earlierWithHash = (hash: unknown): Known | undefined => recent.find((known) => known.hash === hash && known !== previous);

  for await (const [entry, next] of withLookahead(entries)) {
    const trueSeq = trueSeqOf(entry);
    const expectedSeq = previous.seq + 1;
    if (trueSeq === undefined) {
      const seq = Number.isSafeInteger(entry.seq) ? entry.seq : expectedSeq;
      return fail({ seq, kind: 'altered', detail: `entry ${seq}: its content does not match its hash` });
    }
    if (trueSeq === expectedSeq) {
      if (entry.seq !== trueSeq) {
        return fail({ seq: trueSeq, kind: 'altered', detail: `entry ${trueSeq} has been renumbered ${entry.seq}` });
      }
      if (entry.prevHash !== previous.hash) {
        const q = earlierWithHash(entry.prevHash);
        if (q) {
          return fail({
            seq: q.seq + 1,
            kind: 'inserted',
            detail: `entry ${trueSeq} follows entry ${q.seq}, not ${previous.seq}: entries ${q.seq + 1}..${previous.seq} were inserted`,
          });
        }
        if (previous.seq === 0) {
          return fail({ seq: 1, kind: 'altered', detail: `entry 1 does not start from the genesis hash` });
        }
        return fail({
          seq: previous.seq,
          kind: 'altered',
          detail: `entry ${trueSeq} records hash ${short(entry.prevHash)}… for entry ${previous.seq}, which now hashes to ${short(previous.hash)}…: entry ${previous.seq} was rewritten and re-hashed`,
        });
      }
      previous = { seq: trueSeq, hash: entry.hash };
      recent.push(previous);
      if (recent.length > RECENT_WINDOW) recent.shift();
      continue;
    }
    if (trueSeq > expectedSeq) {
      const nextSeq = next ? trueSeqOf(next) : undefined;
      if (nextSeq !== undefined && nextSeq >= expectedSeq && nextSeq < trueSeq) {
        return fail({ seq: expectedSeq, kind: 'reordered', detail: `entry ${nextSeq} comes after entry ${trueSeq}: the log is out of order` });
      }
      const missing = trueSeq - 1 === expectedSeq ? `entry ${expectedSeq} is` : `entries ${expectedSeq}..${trueSeq - 1} are`;
      return fail({ seq: expectedSeq, kind: 'deleted', detail: `${missing} missing: entry ${trueSeq} comes after entry ${previous.seq}` });
    }
    // A number used already.
    const q = earlierWithHash(entry.prevHash);
    if (q) {
      return fail({
        seq: q.seq + 1,
        kind: 'inserted',
        detail: `two entries numbered ${q.seq + 1} follow entry ${q.seq} (hashes ${short(recent.find((k) => k.seq === q.seq + 1)?.hash)}… and ${short(entry.hash)}…): one was inserted`,
      });
    }
    return fail({ seq: trueSeq, kind: 'inserted', detail: `a second entry numbered ${trueSeq} appears after entry ${previous.seq}` });
  }

  return { ok: true, checked: previous.seq, ...(previous.seq > 0 ? { head: previous.hash } : {}) };
}

/** Compares a sound chain's end with a head known from elsewhere (an export's header). */
export function checkHead(walked: ChainVerification, expected: ExpectedHead): ChainVerification {
  if (!walked.ok) return walked;
  const fail = (problem: ChainProblem): ChainVerification => ({ ...walked, ok: false, problem });
  if (walked.checked < expected.entries) {
    return fail({ seq: walked.checked + 1, kind: 'deleted', detail: `the log ends at entry ${walked.checked} but ${expected.entries} entries were recorded` });
  }
  if (walked.checked > expected.entries) {
    return fail({ seq: expected.entries + 1, kind: 'inserted', detail: `${walked.checked} entries, but ${expected.entries} were recorded` });
  }
  if (expected.head !== undefined && walked.head !== undefined && expected.head !== walked.head) {
    return fail({
      seq: walked.checked,
      kind: 'altered',
      detail: `the last entry hashes to ${short(walked.head)}…, but the recorded head is ${short(expected.head)}…`,
    });
  }
  return walked;
}
