/**
 * One append to the audit log inside a transaction someone else holds: the audit repository's own
 * append, and the event writer's, which logs a capture in the transaction that stores its events.
 * `tip()` reads what the append is built on; `write()` stores the entry, the tree nodes it completes
 * and the new signed head, after checking they follow that tip.
 */
import type Database from 'better-sqlite3';
import type { AuditActor, AuditAppend, AuditEntry, AuditTip, StoredTreeHead } from '../../model/governance.js';

export interface EntryRow {
  seq: number;
  time: string;
  actor: string;
  action: string;
  target: string | null;
  outcome: AuditEntry['outcome'];
  details: string;
  prev_hash: string;
  hash: string;
}

export interface HeadRow {
  tree_size: number;
  root_hash: string;
  timestamp: string;
  key_id: string;
  signature: string;
  frontier: string;
}

export function toEntry(row: EntryRow): AuditEntry {
  return {
    seq: row.seq,
    time: row.time,
    actor: JSON.parse(row.actor) as AuditActor,
    action: row.action,
    ...(row.target !== null ? { target: row.target } : {}),
    outcome: row.outcome,
    details: JSON.parse(row.details) as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export function toHead(row: HeadRow): StoredTreeHead {
  let frontier: unknown;
  try {
    frontier = JSON.parse(row.frontier);
  } catch {
    frontier = undefined;
  }
  return {
    treeSize: row.tree_size,
    rootHash: row.root_hash,
    timestamp: row.timestamp,
    keyId: row.key_id,
    signature: row.signature,
    // A frontier that is not a list is kept as it is: the append's checks name it.
    frontier: Array.isArray(frontier) ? (frontier as string[]) : [String(row.frontier)],
  };
}

/**
 * The last entry as an append sees it: its number and hash at once (all sealing needs), the rest
 * read on first use, so appending after a capture of 10,000 events does not re-read and parse that
 * entry's ~1 MB of details every time.
 */
function lazyEntry(head: { seq: number; hash: string }, load: () => AuditEntry): AuditEntry {
  let full: AuditEntry | undefined;
  const field = <K extends keyof AuditEntry>(key: K) => ({ enumerable: true, get: () => (full ??= load())[key] });
  return Object.defineProperties({ seq: head.seq, hash: head.hash } as AuditEntry, {
    time: field('time'),
    actor: field('actor'),
    action: field('action'),
    target: field('target'),
    outcome: field('outcome'),
    details: field('details'),
    prevHash: field('prevHash'),
  });
}

export interface AuditWriter {
  /** What an append builds on; call inside a write transaction. */
  tip(): AuditTip;
  /** Stores an append built on `tip` (same transaction); throws when it does not follow it. */
  write(tip: AuditTip, append: AuditAppend): AuditEntry;
}

export function auditWriter(db: Database.Database): AuditWriter {
  const insertEntry = db.prepare(
    `INSERT INTO audit_entry (seq, time, actor, action, target, outcome, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertNode = db.prepare('INSERT INTO audit_node (level, idx, hash) VALUES (?, ?, ?)');
  const putHead = db.prepare(
    `INSERT INTO audit_head (one, tree_size, root_hash, timestamp, key_id, signature, frontier) VALUES (1, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (one) DO UPDATE SET tree_size = excluded.tree_size, root_hash = excluded.root_hash, timestamp = excluded.timestamp,
       key_id = excluded.key_id, signature = excluded.signature, frontier = excluded.frontier`,
  );
  const selectLastRef = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1');
  const selectOne = db.prepare<[number], EntryRow>('SELECT * FROM audit_entry WHERE seq = ?');
  const selectHead = db.prepare<[], HeadRow>('SELECT * FROM audit_head WHERE one = 1');

  return {
    tip() {
      const ref = selectLastRef.get();
      const head = selectHead.get();
      return {
        ...(ref ? { last: lazyEntry(ref, () => toEntry(selectOne.get(ref.seq)!)) } : {}),
        ...(head ? { head: toHead(head) } : {}),
      };
    },
    write(tip, { entry, nodes, head }) {
      const expectedSeq = (tip.last?.seq ?? 0) + 1;
      if (entry.seq !== expectedSeq || (tip.last && entry.prevHash !== tip.last.hash)) {
        throw new Error(`audit entry ${entry.seq} does not follow entry ${tip.last?.seq ?? 0}: it must be sealed on the last entry`);
      }
      if (head.treeSize !== entry.seq) throw new Error(`the head of an append of entry ${entry.seq} must cover ${entry.seq} entries, not ${head.treeSize}`);
      insertEntry.run(
        entry.seq,
        entry.time,
        JSON.stringify(entry.actor),
        entry.action,
        entry.target ?? null,
        entry.outcome,
        JSON.stringify(entry.details),
        entry.prevHash,
        entry.hash,
      );
      for (const node of nodes) insertNode.run(node.level, node.index, node.hash);
      putHead.run(head.treeSize, head.rootHash, head.timestamp, head.keyId, head.signature, JSON.stringify(head.frontier));
      return entry;
    },
  };
}
