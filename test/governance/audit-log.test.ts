import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { eventHashId } from '../../src/epcis/hash/index.js';
import { canonicalJson, sealEntry } from '../../src/governance/audit-chain.js';
import { entryLeafHash } from '../../src/governance/log-append.js';
import { headFields } from '../../src/governance/tree-head.js';
import { testAuditKey } from '../helpers/audit-key.js';
import { AuditLog, captureDigest } from '../../src/governance/audit-log.js';
import type { AuditDraft, AuditEntry, TreeHead } from '../../src/model/governance.js';
import { openTestStore, testStorePlace } from '../helpers/stores.js';
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
  store = await openTestStore();
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
    const head = (await store.audit.head())!;
    expect(await log.verify()).toEqual({ ok: true, entries: 2, rootHash: head.rootHash, head: headFields(head), events: 0 });
  });

  it('walks a log longer than one page', async () => {
    for (let i = 0; i < 1_203; i++) await log.record(draft(i));
    const result = await log.verify();
    expect(result).toMatchObject({ ok: true, entries: 1_203, head: { treeSize: 1_203 } });
    expect(result.rootHash).toBe((await store.audit.head())!.rootHash);
  });

  it('many concurrent record() calls form one chain', async () => {
    const recorded = await Promise.all(Array.from({ length: 500 }, (_, i) => log.record(draft(i))));
    expect(new Set(recorded.map((e) => e.seq)).size).toBe(500);
    expect(await log.verify()).toMatchObject({ ok: true, entries: 500 });
  });

  it('two connections to one database append to one chain', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'karvon-audit-'));
    const place = testStorePlace(dir);
    const a = await place.open();
    const b = await place.open();
    try {
      const logA = new AuditLog(a, clock, key);
      const logB = new AuditLog(b, clock, key);
      await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 3 ? logA : logB).record(draft(i))));
      expect(await logA.verify()).toMatchObject({ ok: true, entries: 100 });
      expect(await logB.verify()).toMatchObject({ ok: true, entries: 100 });
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

  it('verifies a live log: entries and events appended while it runs are not taken for forgeries', async () => {
    for (let i = 0; i < 3; i++) await log.record(draft(i));
    const list = store.audit.list.bind(store.audit);
    let appended = 0;
    vi.spyOn(store.audit, 'list').mockImplementation(async (page) => {
      const entries = await list(page);
      // Right after the first page is read (so after the head was), the node appends: an entry, and a capture.
      if (appended < 1) {
        appended += 1;
        await log.record(draft(10 + appended));
        const event = { type: 'ObjectEvent' as const, eventTime: '2026-05-04T10:00:00Z', eventTimeZoneOffset: '+00:00', action: 'OBSERVE' as const, eventID: `urn:uuid:00000000-0000-4000-8000-00000000010${appended}`, recordTime: '2026-05-04T12:00:00Z' };
        await store.events.insert([{ event, hashID: eventHashId(event) }], log.captureEntry({ binding: 'json' }));
      }
      return entries;
    });
    const result = await log.verify();
    expect(result.problem).toBeUndefined();
    // The walk saw the 3 entries of its page; the capture's event is left for next time.
    expect(result).toMatchObject({ ok: true, entries: 3, events: 0 });
    vi.restoreAllMocks();
    expect(await log.verify()).toMatchObject({ ok: true, entries: 5, events: 1 });

    // Appended between reading the head and walking the entries: a later signed head covers them.
    const head = store.audit.head.bind(store.audit);
    let once = false;
    vi.spyOn(store.audit, 'head').mockImplementation(async () => {
      const read = await head();
      if (!once) {
        once = true;
        await log.record(draft(20));
        await log.record(draft(21));
      }
      return read;
    });
    expect(await log.verify()).toMatchObject({ ok: true, entries: 7, head: { treeSize: 7 } });
    vi.restoreAllMocks();
    // (An entry no signed head covers is still a forgery: test/cli/audit.test.ts appends one with SQL.)
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
    // The log is sound; the 10,000 events it says were captured are not in this store.
    expect(await log.verify()).toMatchObject({ ok: false, entries: 3, problem: { kind: 'event-deleted', seq: 2, detail: expect.stringMatching(/^entry 2 logs 10000 captured events, 0 are stored: .* and 9997 more are gone$/) } });
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
  const verifyText = (text: string, expected?: unknown) => log.verifyExport(Readable.from([text]), expected);

  it('writes a header with the signed head and public key, one canonical entry per line, and verifies offline', async () => {
    const recorded = await logWith(25);
    const text = await exported(log);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(26);
    const head = headFields((await store.audit.head())!);
    expect(JSON.parse(lines[0]!)).toEqual({ format: 'karvon-audit-log', version: 2, exportedAt: '2026-05-04T12:00:00.000Z', entries: 25, head, publicKey: log.publishedKey() });
    expect(JSON.parse(lines[3]!)).toEqual(recorded[2]);
    const result = await verifyText(text);
    expect(result).toMatchObject({ ok: true, entries: 25, rootHash: head.rootHash, head, header: { entries: 25 } });
    // Another Karvon (no store contents, another key) verifies it the same way.
    const other = new AuditLog(await openTestStore(), clock, testAuditKey());
    expect(await other.verifyExport(Readable.from([text]))).toMatchObject({ ok: true, entries: 25 });
  });

  it('refuses to export an empty log: nothing is signed yet', async () => {
    await expect(exported(log)).rejects.toThrow(/empty: there is no signed head/);
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
      const result = await verifyText(changed);
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
    expect((await verifyText(changed)).problem).toMatchObject({ seq: 4, kind: 'altered' });
    const spaced = text.replace('"attempt":3', '"attempt": 3');
    expect((await verifyText(spaced)).problem).toMatchObject({ seq: 4, kind: 'altered' });
  });

  it('a line removed, the last lines removed or one added, a header changed: each fails', async () => {
    await logWith(8);
    const lines = (await exported(log)).trimEnd().split('\n');
    const withoutThird = [...lines.slice(0, 3), ...lines.slice(4)].join('\n');
    expect((await verifyText(withoutThird)).problem).toMatchObject({ seq: 3, kind: 'deleted' });
    const withoutLast = lines.slice(0, -2).join('\n');
    expect((await verifyText(withoutLast)).problem).toMatchObject({ seq: 7, kind: 'truncated' });
    // An entry appended to the file with a correct hash, Karvon's own sealing: the signed head does not cover it.
    const last = JSON.parse(lines.at(-1)!) as AuditEntry;
    const forged = sealEntry(last, draft(99), clock());
    const appended = [...lines, canonicalJson(forged)].join('\n');
    expect((await verifyText(appended)).problem).toMatchObject({ seq: 9, kind: 'forged-append' });
    const header = JSON.parse(lines[0]!) as { head: TreeHead };
    const reSized = [JSON.stringify({ ...header, entries: 9, head: { ...header.head, treeSize: 9 } }), ...lines.slice(1), canonicalJson(forged)].join('\n');
    expect((await verifyText(reSized)).problem).toMatchObject({ kind: 'head-invalid', detail: expect.stringMatching(/signature does not verify/) });
    expect((await verifyText('not a header\n' + lines.slice(1).join('\n'))).problem).toMatchObject({ kind: 'head-invalid' });
    const version1 = [JSON.stringify({ ...header, version: 1 }), ...lines.slice(1)].join('\n');
    expect((await verifyText(version1)).problem!.detail).toMatch(/version 1 file; this Karvon reads version 2/);
  });

  it('a file rewritten with every hash recomputed and re-signed by another key fails against the key and a head kept from earlier', async () => {
    await logWith(6);
    const kept = headFields((await store.audit.head())!);
    // The node rewrites entry 3 and everything after it, then exports.
    const rewritten = await openTestStore();
    const liar = new AuditLog(rewritten, clock, testAuditKey());
    try {
      for (let i = 0; i < 6; i++) await liar.record(i === 2 ? { ...draft(i), outcome: 'denied' } : draft(i));
      const text = await exported(liar);
      // On its own, the file is consistent with the key in its own header...
      expect(await verifyText(text)).toMatchObject({ ok: true });
      // ...but not with the head a member state kept.
      expect((await verifyText(text, kept)).problem).toMatchObject({ kind: 'head-invalid', detail: expect.stringMatching(/not by this node's key/) });
    } finally {
      await rewritten.close();
    }
    // The node itself (same key) rewrites its history and signs it: only the kept head shows it.
    const ownRewrite = await openTestStore();
    const sameKey = new AuditLog(ownRewrite, clock, key);
    try {
      for (let i = 0; i < 7; i++) await sameKey.record(i === 2 ? { ...draft(i), outcome: 'denied' } : draft(i));
      const text = await exported(sameKey);
      expect(await verifyText(text)).toMatchObject({ ok: true });
      expect((await verifyText(text, kept)).problem).toMatchObject({ kind: 'rewritten', detail: expect.stringMatching(/entries 1\.\.6 hash to .*the log was rewritten after that head was signed/) });
    } finally {
      await ownRewrite.close();
    }
    // The honest file against the kept head, and against a later one: consistent.
    await log.record(draft(7));
    expect(await verifyText(await exported(log), kept)).toMatchObject({ ok: true, expected: kept });
  });

  it('leaves out entries appended during the export', async () => {
    await logWith(3);
    const out = sink();
    const exporting = log.export(out);
    await log.record(draft(99));
    const header = await exporting;
    expect(header.entries).toBeLessThanOrEqual(4);
    expect(await log.verifyExport(Readable.from([out.text()]))).toMatchObject({ ok: true, entries: header.entries });
  });
});
