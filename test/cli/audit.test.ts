/**
 * `karvon audit verify | head | export | list` on a real data folder, tampered with as someone with
 * access to the database file would: plain SQL, Karvon's own append-only triggers dropped first,
 * hashes recomputed with Karvon's own functions.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadConfig } from '../../src/config/config.js';
import { eventHashId } from '../../src/epcis/hash/index.js';
import type { EpcisDocument } from '../../src/epcis/model.js';
import { entryHash, sealEntry } from '../../src/governance/audit-chain.js';
import type { AuditEntry, TreeHead } from '../../src/model/governance.js';
import { openRuntime } from '../../src/runtime/runtime.js';
import { sqliteFileOf } from '../../src/store/open-store.js';
import { encodeHashID } from '../../src/store/sqlite/compact-ids.js';
import { enterCliSandbox, type CliSandbox } from '../helpers/cli-sandbox.js';
import { arriving, departing } from '../helpers/corridor-events.js';

let sandbox: CliSandbox;
let dir: string;
let output: string[];

beforeEach(() => {
  sandbox = enterCliSandbox('karvon-audit-cli-');
  ({ dir, output } = sandbox);
});
afterEach(() => sandbox.leave());

const doc = (events: EpcisDocument['events']): EpcisDocument => ({ namespaces: {}, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-11-30T00:00:00Z', events });

/** A data folder whose log holds `count` sign-ins and, between them, two captures of 3 events each. */
async function seed(count: number, dataDir = dir): Promise<AuditEntry[]> {
  const runtime = await openRuntime(loadConfig({ KARVON_DATA_DIR: dataDir, KARVON_AUDIT_KEY_FILE: path.join(dir, 'audit-key.pem') }), { trackShipments: false, onError: () => {} });
  try {
    for (let i = 0; i < count; i++) {
      await runtime.audit.record({ actor: { organisationId: 'tm-customs', userId: `u${i}`, via: 'session' }, action: 'auth.sign-in', outcome: 'success', details: { attempt: i } });
      if (i === 1 || i === 3) await runtime.capture.captureDocument(doc([departing(10 + i), arriving(10 + i), departing(20 + i)]), { binding: 'json', errorBehaviour: 'rollback' });
    }
    return await runtime.store.audit.list({ limit: 10_000 });
  } finally {
    await runtime.close();
  }
}

/** The database file opened with plain better-sqlite3, as someone with access to the disk would. */
function withDatabase<T>(body: (db: Database.Database) => T, dataDir = dir): T {
  const db = new Database(sqliteFileOf(loadConfig({ KARVON_DATA_DIR: dataDir })));
  try {
    return body(db);
  } finally {
    db.close();
  }
}

function insertEntry(db: Database.Database, entry: AuditEntry): void {
  db.prepare('INSERT INTO audit_entry (seq, time, actor, action, target, outcome, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    entry.seq, entry.time, JSON.stringify(entry.actor), entry.action, entry.target ?? null, entry.outcome, JSON.stringify(entry.details), entry.prevHash, entry.hash,
  );
}

async function karvon(...args: string[]): Promise<{ lines: string[]; exitCode: number }> {
  output.length = 0;
  process.exitCode = 0;
  await main(['node', 'karvon', ...args]);
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { lines: [...output], exitCode };
}

/** `karvon audit head` into a file, as a member state keeps it. */
async function keepHead(name: string): Promise<{ file: string; head: TreeHead }> {
  const printed = await karvon('audit', 'head');
  const file = path.join(dir, name);
  fs.writeFileSync(file, printed.lines.join('\n'));
  return { file, head: (JSON.parse(printed.lines.join('\n')) as { head: TreeHead }).head };
}

async function expectBroken(kind: string, where: RegExp, ...args: string[]): Promise<string> {
  const { lines, exitCode } = await karvon('audit', 'verify', ...args);
  expect(exitCode).toBe(1);
  expect(lines[0]).toMatch(new RegExp(`^audit log broken: ${where.source} ${kind}: `));
  return lines[0]!;
}

describe('karvon audit verify', () => {
  it('reports an intact log: entries, tree root, signed head, events', async () => {
    const entries = await seed(6);
    const { lines, exitCode } = await karvon('audit', 'verify');
    expect(exitCode).toBe(0);
    expect(lines[0]).toMatch(new RegExp(`^audit log intact: ${entries.length} entries, tree root [0-9a-f]{64}$`));
    expect(lines[1]).toMatch(new RegExp(`^signed head: ${entries.length} entries, root [0-9a-f]{64}, signed \\S+ by key [0-9a-f]{16}…$`));
    expect(lines[2]).toBe('6 stored events, each logged by its capture entry and unedited');
  });

  it('detects a row edited with plain SQL (once the append-only trigger is out of the way)', async () => {
    const entries = await seed(10);
    const target = entries[entries.length - 6]!.seq;
    withDatabase((db) => {
      expect(() => db.prepare(`UPDATE audit_entry SET outcome = 'failure' WHERE seq = ?`).run(target)).toThrow(/append-only/);
      db.exec('DROP TRIGGER audit_entry_no_update');
      db.prepare(`UPDATE audit_entry SET outcome = 'failure' WHERE seq = ?`).run(target);
    });
    await expectBroken('altered', new RegExp(`entry ${target}`));
  });

  it('detects a row edited with its hash recomputed, through the next row’s link', async () => {
    const entries = await seed(10);
    const target = entries[entries.length - 4]!;
    const forged = { ...target, details: { attempt: 1000 } };
    withDatabase((db) => {
      db.exec('DROP TRIGGER audit_entry_no_update');
      db.prepare('UPDATE audit_entry SET details = ?, hash = ? WHERE seq = ?').run(JSON.stringify(forged.details), entryHash(forged), target.seq);
    });
    await expectBroken('altered', new RegExp(`entry ${target.seq}`));
  });

  it('detects a deleted row', async () => {
    const entries = await seed(10);
    const target = entries[entries.length - 3]!.seq;
    withDatabase((db) => {
      expect(() => db.prepare('DELETE FROM audit_entry WHERE seq = ?').run(target)).toThrow(/append-only/);
      db.exec('DROP TRIGGER audit_entry_no_delete');
      db.prepare('DELETE FROM audit_entry WHERE seq = ?').run(target);
    });
    await expectBroken('deleted', new RegExp(`entry ${target}`));
  });

  it('detects an inserted row', async () => {
    const entries = await seed(6);
    const last = entries[entries.length - 1]!;
    withDatabase((db) => {
      // Room for one more row after entry 3: every later row moves up by one.
      db.exec('DROP TRIGGER audit_entry_no_update');
      db.prepare('UPDATE audit_entry SET seq = seq + 1000 WHERE seq > 3').run();
      db.prepare('UPDATE audit_entry SET seq = seq - 999 WHERE seq > 1000').run();
      const third = db.prepare('SELECT hash FROM audit_entry WHERE seq = 3').get() as { hash: string };
      const forged = { seq: 4, time: last.time, actor: { via: 'cli' }, action: 'key.revoke', outcome: 'success' as const, details: {}, prevHash: third.hash };
      insertEntry(db, { ...forged, hash: entryHash(forged) });
    });
    await expectBroken('inserted', /entry 4/);
  });

  it('detects the last entries deleted: the signed head covers more', async () => {
    const entries = await seed(8);
    const n = entries.length;
    withDatabase((db) => {
      db.exec('DROP TRIGGER audit_entry_no_delete');
      db.prepare('DELETE FROM audit_entry WHERE seq > ?').run(n - 2);
    });
    const line = await expectBroken('truncated', new RegExp(`entry ${n - 1}`));
    expect(line).toContain(`covers ${n} entries, the log holds ${n - 2}: entries ${n - 1}..${n} were deleted`);
  });

  it('detects the last entries deleted and the head put back to an earlier one, against a head kept from later', async () => {
    await seed(4);
    const earlier = withDatabase((db) => db.prepare('SELECT * FROM audit_head').get() as Record<string, unknown>);
    const size = earlier.tree_size as number;
    await seed(3);
    const kept = await keepHead('kept-head.json');
    withDatabase((db) => {
      db.exec('DROP TRIGGER audit_entry_no_delete');
      db.prepare('DELETE FROM audit_entry WHERE seq > ?').run(size);
      // A head the node really signed earlier, replayed: consistent with the truncated log.
      db.prepare('UPDATE audit_head SET tree_size = ?, root_hash = ?, timestamp = ?, signature = ?, frontier = ?').run(earlier.tree_size, earlier.root_hash, earlier.timestamp, earlier.signature, earlier.frontier);
    });
    // Against its own database only, the node cannot tell...
    expect((await karvon('audit', 'verify')).exitCode).toBe(0);
    // ...the head a member state kept can.
    const line = await expectBroken('truncated', new RegExp(`entry ${size + 1}`), '--head', kept.file);
    expect(line).toContain(`the head given to check against (signed ${kept.head.timestamp}) covers ${kept.head.treeSize} entries, the log holds ${size}`);
  });

  it('detects an entry appended with a correct hash by Karvon’s own sealing: no signed head covers it', async () => {
    const entries = await seed(5);
    const last = entries.at(-1)!;
    withDatabase((db) => insertEntry(db, sealEntry(last, { actor: { via: 'cli' }, action: 'key.revoke', outcome: 'success', details: {} }, new Date())));
    const line = await expectBroken('forged-append', new RegExp(`entry ${last.seq + 1}`));
    expect(line).toContain(`entry ${last.seq + 1} is not covered by the node's signed head (${last.seq} entries)`);
  });

  it('detects an entry edited with every later hash recomputed by Karvon’s own functions', async () => {
    const entries = await seed(6);
    const target = entries[2]!.seq;
    withDatabase((db) => {
      db.exec('DROP TRIGGER audit_entry_no_update');
      let previous: AuditEntry | undefined = entries[target - 2];
      for (const entry of entries.slice(target - 1)) {
        const resealed = sealEntry(previous, { ...entry, ...(entry.seq === target ? { outcome: 'denied' as const } : {}) }, new Date(entry.time));
        db.prepare('UPDATE audit_entry SET outcome = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(resealed.outcome, resealed.prevHash, resealed.hash, entry.seq);
        previous = resealed;
      }
    });
    const line = await expectBroken('rewritten', new RegExp(`entry ${target}`));
    expect(line).toContain(`entry ${target} is not the entry that was appended`);
  });

  it('detects a whole history rewritten by someone holding the node’s key, against a head kept from before', async () => {
    await seed(5);
    const kept = await keepHead('kept-head.json');
    // The same key, a log built again from scratch with one sign-in changed, put in place of the database.
    const rewrite = path.join(dir, 'rewrite');
    const runtime = await openRuntime(loadConfig({ KARVON_DATA_DIR: rewrite, KARVON_AUDIT_KEY_FILE: path.join(dir, 'audit-key.pem') }), { trackShipments: false, onError: () => {} });
    // As long as the kept head and longer (a later log), so only its content can give it away.
    for (let i = 0; i < 9; i++) {
      await runtime.audit.record({ actor: { organisationId: 'tm-customs', userId: `u${i}`, via: 'session' }, action: 'auth.sign-in', outcome: i === 2 ? 'failure' : 'success', details: { attempt: i } });
    }
    await runtime.close();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${sqliteFileOf(loadConfig({ KARVON_DATA_DIR: dir }))}${suffix}`, { force: true });
    fs.copyFileSync(sqliteFileOf(loadConfig({ KARVON_DATA_DIR: rewrite })), sqliteFileOf(loadConfig({ KARVON_DATA_DIR: dir })));
    // Signed with the right key and consistent with itself...
    expect((await karvon('audit', 'verify')).exitCode).toBe(0);
    // ...but not an extension of what a member state kept.
    const line = await expectBroken('rewritten', /log/, '--head', kept.file);
    expect(line).toContain(`entries 1..${kept.head.treeSize} hash to`);
  });

  it('refuses a head file signed by another key, or altered', async () => {
    await seed(3);
    const kept = await keepHead('kept-head.json');
    const altered = path.join(dir, 'altered.json');
    fs.writeFileSync(altered, JSON.stringify({ ...kept.head, treeSize: kept.head.treeSize - 1 }));
    await expectBroken('head-invalid', /log/, '--head', altered);
    await expect(karvon('audit', 'verify', '--head', path.join(dir, 'nowhere.json'))).rejects.toThrow(/There is no head file/);
  });
});

describe('karvon audit verify: the events', () => {
  it('detects an event row whose body was edited', async () => {
    await seed(4);
    expect(withDatabase((db) => db.prepare(`UPDATE event SET body = replace(body, '"departing"', '"arriving"') WHERE seq = 1`).run().changes)).toBe(1);
    const line = await expectBroken('event-edited', /event 1/);
    expect(line).toMatch(/its stored body hashes to ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0, not to the hash ID logged by entry \d+: it was edited after capture/);
  });

  it('detects an event inserted with plain SQL that no entry logs, even with a correct hash ID', async () => {
    await seed(4);
    const event = { ...departing(99), eventID: 'urn:uuid:11111111-2222-4333-8444-555555555555', recordTime: '2026-11-30T00:00:00.000Z' };
    const hashID = eventHashId(departing(99));
    withDatabase((db) =>
      db.prepare(`INSERT INTO event (event_id, hash_id, declared, event_type, event_time, record_time, body) VALUES (?, ?, 0, 1, 0, 0, ?)`).run(event.eventID, encodeHashID(hashID), JSON.stringify(event)),
    );
    const line = await expectBroken('event-not-logged', /event 7/);
    expect(line).toContain(`(eventID ${event.eventID}, hash ID ${hashID}) is stored but no audit entry logs it`);
  });

  it('detects an event row pointed at a capture entry that does not list it, and a deleted event', async () => {
    await seed(4);
    withDatabase((db) => db.prepare('UPDATE event SET audit_seq = (SELECT audit_seq FROM event WHERE seq = 6) WHERE seq = 1').run());
    await expectBroken('event-not-logged', /event 1/);
    withDatabase((db) => db.prepare('UPDATE event SET audit_seq = (SELECT audit_seq FROM event WHERE seq = 2) WHERE seq = 1').run());
    expect((await karvon('audit', 'verify')).exitCode).toBe(0);
    const gone = withDatabase((db) => {
      const row = db.prepare('SELECT hash_id, audit_seq FROM event WHERE seq = 5').get() as { hash_id: Buffer; audit_seq: number };
      db.prepare('DELETE FROM event_epc WHERE seq = 5').run();
      db.prepare('DELETE FROM event_biz_tx WHERE seq = 5').run();
      db.prepare('DELETE FROM event WHERE seq = 5').run();
      return row;
    });
    const line = await expectBroken('event-deleted', new RegExp(`entry ${gone.audit_seq}`));
    expect(line).toContain(`entry ${gone.audit_seq} logs 3 captured events, 2 are stored: ni:///sha-256;${gone.hash_id.toString('hex')}?ver=CBV2.0 is gone`);
  });
});

describe('karvon audit head, export and verify --file', () => {
  it('prints the signed head with the public key; an export verifies offline, against a kept head too, and fails once one character is changed', async () => {
    await seed(6);
    const kept = await keepHead('kept-head.json');
    expect(JSON.parse(fs.readFileSync(kept.file, 'utf8'))).toMatchObject({ head: { treeSize: kept.head.treeSize }, publicKey: { algorithm: 'Ed25519', keyId: kept.head.keyId } });
    const file = path.join(dir, 'audit.jsonl');
    const exported = await karvon('audit', 'export', '--out', file);
    expect(exported.exitCode).toBe(0);
    const text = fs.readFileSync(file, 'utf8');
    const header = JSON.parse(text.split('\n')[0]!) as { entries: number; head: TreeHead };
    expect(exported.lines.at(-1)).toBe(`exported ${header.entries} audit entries to ${file}, root ${header.head.rootHash}`);
    // The export records itself first, so the file ends with that fact.
    expect(JSON.parse(text.trimEnd().split('\n').at(-1)!)).toMatchObject({ action: 'export', actor: { via: 'cli' } });

    // Verified elsewhere: no data folder at all.
    process.env.KARVON_DATA_DIR = path.join(dir, 'nowhere');
    const intact = await karvon('audit', 'verify', '--file', file, '--head', kept.file);
    expect(intact.exitCode).toBe(0);
    expect(intact.lines).toContain(`audit log intact: ${header.entries} entries, tree root ${header.head.rootHash}`);
    expect(intact.lines.some((line) => line.startsWith(`contains the head given: ${kept.head.treeSize} entries`))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'nowhere'))).toBe(false);

    const edited = path.join(dir, 'edited.jsonl');
    fs.writeFileSync(edited, text.replace('"attempt":5', '"attempt":6'));
    const broken = await karvon('audit', 'verify', '--file', edited);
    expect(broken.exitCode).toBe(1);
    expect(broken.lines.some((line) => /^audit log broken: entry \d+ altered/.test(line))).toBe(true);
  });
});

describe('karvon audit list', () => {
  it('prints the most recent entries, optionally of one action', async () => {
    const entries = await seed(7);
    const recent = await karvon('audit', 'list', '--limit', '3');
    expect(recent.lines).toHaveLength(3);
    expect(recent.lines[2]).toMatch(new RegExp(`^#${entries.at(-1)!.seq} \\S+ auth.sign-in success org=tm-customs user=u6 via=session$`));
    const signIns = await karvon('audit', 'list', '--action', 'auth.sign-in', '--limit', '50');
    expect(signIns.lines).toHaveLength(7);
    expect(signIns.lines.every((line) => line.includes(' auth.sign-in '))).toBe(true);
    const none = await karvon('audit', 'list', '--action', 'no.such-action');
    expect(none.lines).toEqual(['no audit entries with action no.such-action']);
  });
});
