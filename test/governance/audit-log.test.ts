import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { entryHash } from '../../src/governance/audit-chain.js';
import { entryLeafHash } from '../../src/governance/log-append.js';
import { testAuditKey } from '../helpers/audit-key.js';
import { AuditLog, captureDigest } from '../../src/governance/audit-log.js';
import type { AuditDraft, AuditEntry } from '../../src/governance/model.js';
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite-store.js';
import type { Store } from '../../src/store/store.js';

const clock = () => new Date('2026-05-04T12:00:00Z');
const key = testAuditKey();

function draft(i: number): AuditDraft {
  return { actor: { organisationId: 'uz-railway', userId: `u${i}`, via: 'session', address: '10.0.0.1' }, action: 'auth.sign-in', outcome: i % 5 ? 'success' : 'failure', details: { attempt: i } };
}

/** A writable that keeps what is written, as text. */
function sink(): Writable & { text(): string } {
  const chunks: Buffer[] = [];
  const writable = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(Buffer.from(chunk));
      callback();
    },
  });
  return Object.assign(writable, { text: () => Buffer.concat(chunks).toString('utf8') });
}

async function exported(log: AuditLog): Promise<string> {
  const out = sink();
  await log.export(out);
  return out.text();
}

const hashID = (i: number) => `ni:///sha-256;${createHash('sha256').update(String(i)).digest('hex')}?ver=CBV2.0`;

let store: Store;
let log: AuditLog;
beforeEach(async () => {
  store = await openSqliteStore({ memory: true });
  log = new AuditLog(store, clock, key);
});
afterEach(async () => {
  await store.close();
});

describe('AuditLog', () => {
  it('records entries sealed with the clock’s time and verifies the stored chain', async () => {
    const first = await log.record(draft(1));
    const second = await log.record({ ...draft(2), target: 'uz-railway' });
    expect(first).toMatchObject({ seq: 1, time: '2026-05-04T12:00:00.000Z', action: 'auth.sign-in' });
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash, target: 'uz-railway' });
    expect(await log.verify()).toEqual({ ok: true, checked: 2, head: second.hash });
  });

  it('walks a log longer than one page', async () => {
    for (let i = 0; i < 1_203; i++) await log.record(draft(i));
    const result = await log.verify();
    expect(result).toMatchObject({ ok: true, checked: 1_203 });
    expect(result.head).toBe((await store.audit.last())!.hash);
  });

  it('many concurrent record() calls form one chain', async () => {
    const recorded = await Promise.all(Array.from({ length: 500 }, (_, i) => log.record(draft(i))));
    expect(new Set(recorded.map((e) => e.seq)).size).toBe(500);
    expect(await log.verify()).toMatchObject({ ok: true, checked: 500 });
  });

  it('two connections to one database file append to one chain', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'karvon-audit-'));
    const file = path.join(dir, 'karvon.db');
    const a = await openSqliteStore({ path: file });
    const b = await openSqliteStore({ path: file });
    try {
      const logA = new AuditLog(a, clock, key);
      const logB = new AuditLog(b, clock, key);
      await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 3 ? logA : logB).record(draft(i))));
      expect(await logA.verify()).toMatchObject({ ok: true, checked: 100 });
      expect(await logB.verify()).toMatchObject({ ok: true, checked: 100 });
    } finally {
      await a.close();
      await b.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes each capture’s entry in the transaction that stores its events: hash IDs, digest, binding, job, capturer', async () => {
    const ids = [hashID(3), hashID(1), hashID(2)];
    const events = ids.map((id, i) => ({ event: { type: 'ObjectEvent' as const, eventTime: '2026-05-04T10:00:00Z', eventTimeZoneOffset: '+00:00', action: 'OBSERVE' as const, eventID: `urn:uuid:00000000-0000-4000-8000-00000000000${i}`, recordTime: '2026-05-04T12:00:00Z' }, hashID: id, captureJobID: 'job-7' }));
    await store.events.insert(events, log.captureEntry({ capturedBy: 'kz-railway', captureJobID: 'job-7', binding: 'xml' }));
    await store.events.insert([{ ...events[0]!, event: { ...events[0]!.event, eventID: 'urn:uuid:00000000-0000-4000-8000-000000000009' }, hashID: hashID(9) }], log.captureEntry({ binding: 'json' }));
    const entries = await store.audit.list({ limit: 10 });
    expect(entries).toHaveLength(2);
    const digest = createHash('sha256').update([...ids].sort().join('\n')).digest('hex');
    expect(entries[0]).toMatchObject({
      action: 'epcis.capture',
      target: 'job-7',
      outcome: 'success',
      actor: { organisationId: 'kz-railway', via: 'api' },
      details: { events: 3, hashIDs: ids, digest, binding: 'xml' },
    });
    expect(captureDigest(ids)).toBe(digest);
    expect(captureDigest([...ids].reverse())).toBe(digest);
    expect(entries[1]).toMatchObject({ actor: { via: 'system' }, details: { events: 1, binding: 'json' } });
    expect('target' in entries[1]!).toBe(false);
    expect((await store.events.logged(0, 10)).map((e) => e.auditSeq)).toEqual([1, 1, 1, 2]);
  });

  it('signs a head over the tree with every append; a node with another key refuses to build on it', async () => {
    await log.record(draft(1));
    const second = await log.record(draft(2));
    const head = (await store.audit.head())!;
    expect(head).toMatchObject({ treeSize: 2, keyId: key.keyId, timestamp: '2026-05-04T12:00:00.000Z' });
    expect(head.rootHash).toBe(createHash('sha256').update(Buffer.from([1])).update(entryLeafHash((await store.audit.list({ limit: 1 }))[0]!)).update(entryLeafHash(second)).digest('hex'));
    const impostor = new AuditLog(store, clock, testAuditKey());
    await expect(impostor.record(draft(3))).rejects.toThrow(/cannot be appended to: the signed head of size 2 in the database: it was signed by key/);
    expect((await store.audit.last())!.seq).toBe(2);
  });

  it('appends an entry of a 10,000-event capture (~900 KB of hash IDs) quickly, and the next one too', async () => {
    await log.record(draft(0));
    const ids = Array.from({ length: 10_000 }, (_, i) => hashID(i));
    const started = performance.now();
    const big = await log.record({ actor: { via: 'system' }, action: 'epcis.capture', outcome: 'success', details: { events: ids.length, hashIDs: ids, digest: captureDigest(ids) } });
    const bigMs = performance.now() - started;
    const nextStarted = performance.now();
    await log.record(draft(1));
    const nextMs = performance.now() - nextStarted;
    const verifyStarted = performance.now();
    expect(await log.verify()).toMatchObject({ ok: true, checked: 3 });
    const verifyMs = performance.now() - verifyStarted;
    const size = JSON.stringify(big.details).length;
    console.log(`audit entry of 10,000 hash IDs: ${(size / 1024).toFixed(0)} KiB, append ${bigMs.toFixed(1)} ms, next append ${nextMs.toFixed(1)} ms, verify ${verifyMs.toFixed(1)} ms`);
    expect(size).toBeGreaterThan(800_000);
    expect(bigMs).toBeLessThan(2_000);
    expect(nextMs).toBeLessThan(bigMs);
  });
});

describe('export files', () => {
  async function logWith(entries: number): Promise<AuditEntry[]> {
    const recorded: AuditEntry[] = [];
    for (let i = 0; i < entries; i++) recorded.push(await log.record(draft(i)));
    return recorded;
  }

  it('writes a header and one canonical entry per line, and verifies offline', async () => {
    const recorded = await logWith(25);
    const text = await exported(log);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(26);
    expect(JSON.parse(lines[0]!)).toEqual({ format: 'karvon-audit-log', version: 1, exportedAt: '2026-05-04T12:00:00.000Z', entries: 25, head: recorded[24]!.hash });
    expect(JSON.parse(lines[3]!)).toEqual(recorded[2]);
    const result = await log.verifyExport(Readable.from([text]));
    expect(result).toMatchObject({ ok: true, checked: 25, head: recorded[24]!.hash, header: { entries: 25 } });
    // Another Karvon (no store contents at all) verifies it the same way.
    const other = new AuditLog(await openSqliteStore({ memory: true }), clock, testAuditKey());
    expect(await other.verifyExport(Readable.from([text]))).toMatchObject({ ok: true, checked: 25 });
  });

  it('an export of an empty log verifies', async () => {
    const text = await exported(log);
    expect(await log.verifyExport(Readable.from([text]))).toMatchObject({ ok: true, checked: 0 });
  });

  it('any one character changed in an entry line fails verification', async () => {
    await logWith(10);
    const text = await exported(log);
    const lines = text.split('\n');
    const line = lines[6]!; // entry 6
    let failures = 0;
    let tried = 0;
    // Every position of the line, replaced by a different character.
    for (let at = 0; at < line.length; at++) {
      const replacement = line[at] === 'a' ? 'b' : 'a';
      const changed = [...lines.slice(0, 6), line.slice(0, at) + replacement + line.slice(at + 1), ...lines.slice(7)].join('\n');
      const result = await log.verifyExport(Readable.from([changed]));
      tried += 1;
      if (!result.ok) {
        failures += 1;
        expect(result.problem!.seq).toBe(6);
      }
    }
    expect(failures).toBe(tried);
  });

  it('a digit changed in a value is reported as entry altered; a space added too', async () => {
    await logWith(5);
    const text = await exported(log);
    const changed = text.replace('"attempt":3', '"attempt":8');
    expect(changed).not.toBe(text);
    expect((await log.verifyExport(Readable.from([changed]))).problem).toMatchObject({ seq: 4, kind: 'altered' });
    const spaced = text.replace('"attempt":3', '"attempt": 3');
    expect((await log.verifyExport(Readable.from([spaced]))).problem).toMatchObject({ seq: 4, kind: 'altered' });
  });

  it('a line removed, the last line removed, or a header changed fails verification', async () => {
    const recorded = await logWith(8);
    const lines = (await exported(log)).trimEnd().split('\n');
    const withoutThird = [...lines.slice(0, 3), ...lines.slice(4)].join('\n');
    expect((await log.verifyExport(Readable.from([withoutThird]))).problem).toMatchObject({ seq: 3, kind: 'deleted' });
    const withoutLast = lines.slice(0, -1).join('\n');
    expect((await log.verifyExport(Readable.from([withoutLast]))).problem).toMatchObject({ seq: 8, kind: 'deleted' });
    const header = JSON.parse(lines[0]!) as Record<string, unknown>;
    const otherHead = [JSON.stringify({ ...header, head: recorded[6]!.hash }), ...lines.slice(1)].join('\n');
    expect((await log.verifyExport(Readable.from([otherHead]))).problem).toMatchObject({ seq: 8, kind: 'altered' });
    expect((await log.verifyExport(Readable.from(['not a header\n' + lines.slice(1).join('\n')]))).problem).toMatchObject({ seq: 1, kind: 'altered' });
  });

  it('an entry rewritten with its hash recomputed is still caught', async () => {
    await logWith(6);
    const lines = (await exported(log)).trimEnd().split('\n');
    const entry = JSON.parse(lines[2]!) as AuditEntry;
    const forged = { ...entry, outcome: 'success' as const, details: { attempt: 99 } };
    const { hash: _old, ...unsealed } = forged;
    const resealed = { ...unsealed, hash: entryHash(unsealed) };
    const keys = Object.keys(resealed).sort() as (keyof typeof resealed)[];
    const canonicalLine = JSON.stringify(Object.fromEntries(keys.map((k) => [k, resealed[k]])));
    const text = [...lines.slice(0, 2), canonicalLine, ...lines.slice(3)].join('\n');
    expect((await log.verifyExport(Readable.from([text]))).problem).toMatchObject({ seq: 2, kind: 'altered' });
  });

  it('leaves out entries appended during the export', async () => {
    await logWith(3);
    const out = sink();
    const exporting = log.export(out);
    await log.record(draft(99));
    const header = await exporting;
    expect(header.entries).toBeLessThanOrEqual(4);
    expect(await log.verifyExport(Readable.from([out.text()]))).toMatchObject({ ok: true, checked: header.entries });
  });
});
