/**
 * A database written before the Merkle tree (schema of the previous release, the chain only, capture
 * entries written after their events): the migration links events to the entries listing them, and
 * the first start gives the log its tree and a signed head.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sealEntry } from '../../src/governance/audit-chain.js';
import { AuditLog } from '../../src/governance/audit-log.js';
import { captureDigest } from '../../src/governance/capture-entry.js';
import { entryLeafHash } from '../../src/governance/log-append.js';
import { perfectFromLeaves, treeHash } from '../../src/governance/merkle-proofs.js';
import type { AuditDraft, AuditEntry } from '../../src/governance/model.js';
import { headFields, headProblem } from '../../src/governance/tree-head.js';
import { encodeHashID } from '../../src/store/sqlite/compact-ids.js';
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite-store.js';
import { MIGRATIONS } from '../../src/store/sqlite/schema.js';
import { AUDIT_TREE_SCHEMA } from '../../src/store/sqlite/audit-tree-schema.js';
import { testAuditKey } from '../helpers/audit-key.js';
import { hashOf } from '../store/corridor-events.js';

const clock = () => new Date('2026-05-04T12:00:00Z');
let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'karvon-adopt-'));
  file = path.join(dir, 'karvon.db');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A database at the schema before the tree, holding `drafts` as entries and `events` as rows. */
function legacyDatabase(drafts: AuditDraft[], events: { hashID: string; declared?: boolean }[]): AuditEntry[] {
  const db = new Database(file);
  try {
    // The migrations up to the tree's (later ones, such as the followers', are applied on open).
    const before = MIGRATIONS.indexOf(AUDIT_TREE_SCHEMA);
    expect(before).toBeGreaterThan(0);
    for (let v = 0; v < before; v++) {
      const migration = MIGRATIONS[v]!;
      if (typeof migration === 'string') db.exec(migration);
      else migration(db);
    }
    db.pragma(`user_version = ${before}`);
    const entries: AuditEntry[] = [];
    for (const draft of drafts) {
      const entry = sealEntry(entries.at(-1), draft, clock());
      entries.push(entry);
      db.prepare('INSERT INTO audit_entry (seq, time, actor, action, target, outcome, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
        entry.seq, entry.time, JSON.stringify(entry.actor), entry.action, entry.target ?? null, entry.outcome, JSON.stringify(entry.details), entry.prevHash, entry.hash,
      );
    }
    events.forEach(({ hashID, declared }, i) => {
      db.prepare(`INSERT INTO event (event_id, hash_id, declared, event_type, event_time, record_time, body) VALUES (?, ?, ?, 1, 0, 0, '{}')`).run(`urn:x:${i}`, encodeHashID(hashID), declared ? 1 : 0);
    });
    return entries;
  } finally {
    db.close();
  }
}

const capture = (hashIDs: string[]): AuditDraft => ({ actor: { via: 'system' }, action: 'epcis.capture', outcome: 'success', details: { events: hashIDs.length, hashIDs, digest: captureDigest(hashIDs) } });
const signIn = (i: number): AuditDraft => ({ actor: { via: 'session', userId: `u${i}` }, action: 'auth.sign-in', outcome: 'success', details: {} });

describe('a log written before the Merkle tree', () => {
  it('links each stored event to the first capture entry that lists it; events no entry lists stay unlinked', async () => {
    const [a, b, c, d] = [hashOf('a'), hashOf('b'), 'ni:///sha-256;NOT-CANONICAL?ver=CBV2.0', hashOf('d')];
    legacyDatabase([signIn(1), capture([a, b]), capture([c]), capture([a])], [{ hashID: a }, { hashID: b }, { hashID: c }, { hashID: d }, { hashID: a, declared: true }]);
    const store = await openSqliteStore({ path: file });
    try {
      // a (plain) → entry 2; a declared later → the last entry listing it (4); d was never logged.
      expect((await store.events.logged(0, 10)).map((e) => e.auditSeq ?? null)).toEqual([2, 2, 3, null, 4]);
    } finally {
      await store.close();
    }
  });

  it('gets its tree and a first signed head at start, recorded as an entry, and takes appends after', async () => {
    const entries = legacyDatabase([signIn(1), capture([hashOf('a')]), signIn(2), signIn(3), signIn(4)], []);
    const store = await openSqliteStore({ path: file });
    const key = testAuditKey();
    try {
      const log = new AuditLog(store, clock, key);
      await log.open();
      const adoption = (await store.audit.last())!;
      expect(adoption).toMatchObject({ seq: 6, action: 'audit.tree-started', actor: { via: 'system' }, details: { adoptedEntries: 5 } });
      const leaves = [...entries, adoption].map((e) => entryLeafHash(e));
      const head = (await store.audit.head())!;
      expect(head.treeSize).toBe(6);
      expect(head.rootHash).toBe(treeHash(6, perfectFromLeaves(leaves)).toString('hex'));
      expect((adoption.details as { rootHash: string }).rootHash).toBe(treeHash(5, perfectFromLeaves(leaves)).toString('hex'));
      expect(headProblem(headFields(head), key.publicKey)).toBeUndefined();
      expect((await store.audit.levelPage(0, -1, 100)).map((n) => n.hash)).toEqual(leaves);
      // Opening again changes nothing; appending goes on.
      await log.open();
      expect((await store.audit.last())!.seq).toBe(6);
      expect((await log.record(signIn(5))).seq).toBe(7);
    } finally {
      await store.close();
    }
  });

  it('is not adopted when its chain is broken: nothing is appended and the reason names the entry', async () => {
    legacyDatabase([signIn(1), signIn(2), signIn(3)], []);
    const db = new Database(file);
    db.exec('DROP TRIGGER audit_entry_no_update');
    db.prepare(`UPDATE audit_entry SET outcome = 'failure' WHERE seq = 2`).run();
    db.close();
    const store = await openSqliteStore({ path: file });
    try {
      const log = new AuditLog(store, clock, testAuditKey());
      await expect(log.open()).rejects.toThrow(/broken \(entry 2: its content does not match its hash\); it cannot be adopted/);
      await expect(log.record(signIn(4))).rejects.toThrow(/holds 3 entries but no signed head/);
      expect(await store.audit.head()).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});
