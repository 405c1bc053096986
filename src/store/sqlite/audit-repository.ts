/**
 * The audit log in SQLite: entries (audit-schema.ts), the Merkle tree's nodes and the signed head
 * (audit-tree-schema.ts). How an entry is sealed and the tree grown is src/governance's business;
 * this file stores what it is given, in one transaction per append, and reads it back.
 */
import type Database from 'better-sqlite3';
import type { AuditTreeNode } from '../../model/governance.js';
import type { AuditRepository } from '../store.js';
import { auditWriter, toEntry, toHead, type EntryRow, type HeadRow } from './audit-append.js';

interface NodeRow {
  level: number;
  idx: number;
  hash: Buffer;
}

const toNode = (row: NodeRow): AuditTreeNode => ({ level: row.level, index: row.idx, hash: row.hash });

/** The audit repository over an open database. */
export function sqliteAudit(db: Database.Database): AuditRepository {
  const writer = auditWriter(db);
  const selectLast = db.prepare<[], EntryRow>('SELECT * FROM audit_entry ORDER BY seq DESC LIMIT 1');
  const selectPage = db.prepare<[number, number], EntryRow>('SELECT * FROM audit_entry WHERE seq > ? ORDER BY seq LIMIT ?');
  const selectHead = db.prepare<[], HeadRow>('SELECT * FROM audit_head WHERE one = 1');
  // The wanted nodes travel as one JSON array of [level, index] pairs: one statement for any number.
  const selectNodes = db.prepare<[string], NodeRow>(
    `SELECT n.level, n.idx, n.hash FROM json_each(?) j JOIN audit_node n ON n.level = j.value ->> 0 AND n.idx = j.value ->> 1`,
  );
  const selectLevelPage = db.prepare<[number, number, number], NodeRow>('SELECT level, idx, hash FROM audit_node WHERE level = ? AND idx > ? ORDER BY idx LIMIT ?');
  const insertNode = db.prepare('INSERT OR IGNORE INTO audit_node (level, idx, hash) VALUES (?, ?, ?)');

  const appendOne = db.transaction((build: Parameters<AuditRepository['append']>[0]) => {
    const tip = writer.tip();
    return writer.write(tip, build(tip));
  });
  const addNodes = db.transaction((nodes: readonly AuditTreeNode[]) => {
    for (const node of nodes) insertNode.run(node.level, node.index, node.hash);
  });

  return {
    async append(build) {
      // IMMEDIATE takes the write lock before reading the tip: another process appending at the
      // same time waits (busy_timeout) instead of sealing onto the same predecessor.
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
    async head() {
      const row = selectHead.get();
      return row ? toHead(row) : undefined;
    },
    async nodes(refs) {
      if (refs.length === 0) return [];
      return selectNodes.all(JSON.stringify(refs.map((ref) => [ref.level, ref.index]))).map(toNode);
    },
    async levelPage(level, afterIndex, limit) {
      return selectLevelPage.all(level, afterIndex, Math.max(1, Math.floor(limit))).map(toNode);
    },
    async addNodes(nodes) {
      addNodes(nodes);
    },
  };
}
