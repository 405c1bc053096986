/** The hash-chained audit log in SQLite (schema in audit-schema.ts, chain rules in governance/audit-chain.ts). */
import type Database from 'better-sqlite3';
import type { AuditActor, AuditEntry } from '../../governance/model.js';
import type { AuditRepository } from '../store.js';

interface Row {
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

function toEntry(row: Row): AuditEntry {
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

/**
 * The last entry as `append` hands it to the builder: its number and hash at once (all sealing
 * needs), the rest read on first use, so appending after a capture of 10,000 events does not
 * re-read and parse that entry's ~1 MB of details every time.
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

/** The audit repository over an open database. */
export function sqliteAudit(db: Database.Database): AuditRepository {
  const insert = db.prepare(
    `INSERT INTO audit_entry (seq, time, actor, action, target, outcome, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectHead = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1');
  const selectOne = db.prepare<[number], Row>('SELECT * FROM audit_entry WHERE seq = ?');
  const selectLast = db.prepare<[], Row>('SELECT * FROM audit_entry ORDER BY seq DESC LIMIT 1');
  const selectPage = db.prepare<[number, number], Row>('SELECT * FROM audit_entry WHERE seq > ? ORDER BY seq LIMIT ?');

  const appendOne = db.transaction((build: (previous: AuditEntry | undefined) => AuditEntry): AuditEntry => {
    const head = selectHead.get();
    const previous = head ? lazyEntry(head, () => toEntry(selectOne.get(head.seq)!)) : undefined;
    const entry = build(previous);
    const expectedSeq = (head?.seq ?? 0) + 1;
    if (entry.seq !== expectedSeq || (head && entry.prevHash !== head.hash)) {
      throw new Error(`audit entry ${entry.seq} does not follow entry ${head?.seq ?? 0}: it must be sealed on the last entry`);
    }
    insert.run(
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
    return entry;
  });

  return {
    async append(build) {
      // IMMEDIATE takes the write lock before reading the last entry: another process appending at
      // the same time waits (busy_timeout) instead of sealing onto the same predecessor.
      return appendOne.immediate(build);
    },
    async list(page) {
      const limit = Math.max(1, Math.floor(page.limit));
      return selectPage.all(Math.max(0, Math.floor(page.afterSeq ?? 0)), limit).map(toEntry);
    },
    async last() {
      const row = selectLast.get();
      return row ? toEntry(row) : undefined;
    },
  };
}
