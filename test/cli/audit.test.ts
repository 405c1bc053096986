import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadConfig } from '../../src/config/config.js';
import { entryHash } from '../../src/governance/audit-chain.js';
import type { AuditEntry } from '../../src/governance/model.js';
import { openRuntime, sqlitePathOf } from '../../src/runtime/runtime.js';
import { enterCliSandbox, type CliSandbox } from '../helpers/cli-sandbox.js';

let sandbox: CliSandbox;
let dir: string;
let output: string[];

beforeEach(() => {
  sandbox = enterCliSandbox('karvon-audit-cli-');
  ({ dir, output } = sandbox);
});
afterEach(() => sandbox.leave());

/** A data folder whose audit log holds `count` sign-ins (after whatever the runtime records itself). */
async function seed(count: number): Promise<AuditEntry[]> {
  const runtime = await openRuntime(loadConfig({ KARVON_DATA_DIR: dir }), { trackShipments: false, onError: () => {} });
  try {
    for (let i = 0; i < count; i++) {
      await runtime.audit.record({ actor: { organisationId: 'tm-customs', userId: `u${i}`, via: 'session' }, action: 'auth.sign-in', outcome: 'success', details: { attempt: i } });
    }
    return await runtime.store.audit.list({ limit: 10_000 });
  } finally {
    await runtime.close();
  }
}

/** The database file opened with plain better-sqlite3, as someone with access to the disk would. */
function withDatabase(body: (db: Database.Database) => void): void {
  const db = new Database(sqlitePathOf(loadConfig({ KARVON_DATA_DIR: dir })));
  try {
    body(db);
  } finally {
    db.close();
  }
}

async function karvon(...args: string[]): Promise<{ lines: string[]; exitCode: number }> {
  output.length = 0;
  process.exitCode = 0;
  await main(['node', 'karvon', ...args]);
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { lines: [...output], exitCode };
}

describe('karvon audit verify', () => {
  it('reports an intact log with its length and head', async () => {
    const entries = await seed(12);
    const { lines, exitCode } = await karvon('audit', 'verify');
    expect(exitCode).toBe(0);
    expect(lines[0]).toBe(`audit log intact: ${entries.length} entries, head ${entries[entries.length - 1]!.hash}`);
  });

  it('detects a row edited with plain SQL (once the append-only trigger is out of the way)', async () => {
    const entries = await seed(10);
    const target = entries[entries.length - 6]!.seq;
    withDatabase((db) => {
      // Karvon's own guard refuses the edit...
      expect(() => db.prepare(`UPDATE audit_entry SET outcome = 'failure' WHERE seq = ?`).run(target)).toThrow(/append-only/);
      // ...but whoever holds the file can drop it.
      db.exec('DROP TRIGGER audit_entry_no_update');
      db.prepare(`UPDATE audit_entry SET outcome = 'failure' WHERE seq = ?`).run(target);
    });
    const { lines, exitCode } = await karvon('audit', 'verify');
    expect(exitCode).toBe(1);
    expect(lines[0]).toMatch(new RegExp(`^audit log broken: entry ${target} altered`));
  });

  it('detects a row edited with its hash recomputed, through the next row’s link', async () => {
    const entries = await seed(10);
    const target = entries[entries.length - 4]!;
    const forged = { ...target, details: { attempt: 1000 } };
    withDatabase((db) => {
      db.exec('DROP TRIGGER audit_entry_no_update');
      db.prepare('UPDATE audit_entry SET details = ?, hash = ? WHERE seq = ?').run(JSON.stringify(forged.details), entryHash(forged), target.seq);
    });
    const { lines, exitCode } = await karvon('audit', 'verify');
    expect(exitCode).toBe(1);
    expect(lines[0]).toMatch(new RegExp(`^audit log broken: entry ${target.seq} altered`));
  });

  it('detects a deleted row', async () => {
    const entries = await seed(10);
    const target = entries[entries.length - 3]!.seq;
    withDatabase((db) => {
      expect(() => db.prepare('DELETE FROM audit_entry WHERE seq = ?').run(target)).toThrow(/append-only/);
      db.exec('DROP TRIGGER audit_entry_no_delete');
      db.prepare('DELETE FROM audit_entry WHERE seq = ?').run(target);
    });
    const { lines, exitCode } = await karvon('audit', 'verify');
    expect(exitCode).toBe(1);
    expect(lines[0]).toMatch(new RegExp(`^audit log broken: entry ${target} deleted`));
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
      db.prepare('INSERT INTO audit_entry (seq, time, actor, action, outcome, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
        4, forged.time, JSON.stringify(forged.actor), forged.action, forged.outcome, '{}', forged.prevHash, entryHash(forged),
      );
    });
    const { lines, exitCode } = await karvon('audit', 'verify');
    expect(exitCode).toBe(1);
    expect(lines[0]).toMatch(/^audit log broken: entry 4 inserted/);
  });
});

describe('karvon audit export and verify --file', () => {
  it('exports a file that verifies offline, and fails once one character is changed', async () => {
    await seed(8);
    const file = path.join(dir, 'audit.jsonl');
    const exported = await karvon('audit', 'export', '--out', file);
    expect(exported.exitCode).toBe(0);
    const text = fs.readFileSync(file, 'utf8');
    const header = JSON.parse(text.split('\n')[0]!) as { entries: number; head: string };
    expect(exported.lines.at(-1)).toBe(`exported ${header.entries} audit entries to ${file}, head ${header.head}`);
    // The export records itself first, so the file ends with that fact.
    expect(JSON.parse(text.trimEnd().split('\n').at(-1)!)).toMatchObject({ action: 'export', actor: { via: 'cli' } });

    // Verified elsewhere: no data folder at all.
    process.env.KARVON_DATA_DIR = path.join(dir, 'nowhere');
    const intact = await karvon('audit', 'verify', '--file', file);
    expect(intact.exitCode).toBe(0);
    expect(intact.lines).toContain(`audit log intact: ${header.entries} entries, head ${header.head}`);
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
