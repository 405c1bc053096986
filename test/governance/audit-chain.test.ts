import { describe, expect, it } from 'vitest';
import { canonicalJson, entryHash, GENESIS_HASH, sealEntry, verifyChain } from '../../src/governance/audit-chain.js';
import type { AuditDraft, AuditEntry } from '../../src/model/governance.js';

const T0 = Date.parse('2026-03-01T08:00:00Z');

function draft(i: number): AuditDraft {
  return {
    actor: { organisationId: `org-${i % 3}`, userId: `u${i}`, via: 'session' },
    action: i % 2 ? 'auth.sign-in' : 'key.create',
    target: `t${i}`,
    outcome: 'success',
    details: { n: i, nested: { z: 1, a: [i, 'x'] } },
  };
}

function chain(length: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (let i = 0; i < length; i++) entries.push(sealEntry(entries[i - 1], draft(i), new Date(T0 + i * 60_000)));
  return entries;
}

/** Rewrites an entry's content and recomputes its own hash (a careful forger). */
function rehashed(entry: Omit<AuditEntry, 'hash'>): AuditEntry {
  return { ...entry, hash: entryHash(entry) };
}

describe('sealing', () => {
  it('numbers entries from 1, starts from the genesis hash and links each to the one before', () => {
    const entries = chain(3);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    expect(entries[0]!.prevHash).toBe(GENESIS_HASH);
    expect(entries[1]!.prevHash).toBe(entries[0]!.hash);
    expect(entries[2]!.prevHash).toBe(entries[1]!.hash);
    expect(entries[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(entries[0]!.time).toBe('2026-03-01T08:00:00.000Z');
  });

  it('hashes the canonical form: key order does not matter, every value does', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: 'é' }, u: undefined })).toBe('{"a":{"c":"é","d":[1,{"x":1,"y":2}]},"b":1}');
    const [entry] = chain(1);
    const reordered = { details: entry!.details, prevHash: entry!.prevHash, seq: entry!.seq, outcome: entry!.outcome, action: entry!.action, actor: entry!.actor, time: entry!.time, target: entry!.target };
    expect(entryHash(reordered)).toBe(entry!.hash);
    expect(entryHash({ ...entry!, outcome: 'failure' })).not.toBe(entry!.hash);
    expect(entryHash({ ...entry!, details: { ...entry!.details, n: 1 } })).not.toBe(entry!.hash);
  });

  it('keeps only what survives a JSON round trip, so a stored entry hashes the same', () => {
    const entry = sealEntry(undefined, { actor: { via: 'cli', address: undefined }, action: 'export', outcome: 'success', details: { at: new Date(T0), gone: undefined } }, new Date(T0));
    const stored = JSON.parse(JSON.stringify(entry)) as AuditEntry;
    expect(stored).toEqual(entry);
    expect(entryHash(stored)).toBe(entry.hash);
  });

  it('uses the draft time when one is given', () => {
    const entry = sealEntry(undefined, { ...draft(0), time: '2025-01-01T00:00:00Z' }, new Date(T0));
    expect(entry.time).toBe('2025-01-01T00:00:00Z');
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain and reports its length and head, from arrays and async sources', async () => {
    const entries = chain(12);
    expect(await verifyChain(entries)).toEqual({ ok: true, checked: 12, head: entries[11]!.hash });
    async function* source() {
      yield* entries;
    }
    expect(await verifyChain(source())).toEqual({ ok: true, checked: 12, head: entries[11]!.hash });
    expect(await verifyChain([])).toEqual({ ok: true, checked: 0 });
  });

  it('altered: content edited without re-hashing', async () => {
    const entries = chain(10);
    entries[4] = { ...entries[4]!, outcome: 'failure' };
    const result = await verifyChain(entries);
    expect(result).toMatchObject({ ok: false, checked: 4, head: entries[3]!.hash, problem: { seq: 5, kind: 'altered' } });
  });

  it('altered: a nested detail edited, or the hash itself edited', async () => {
    const edited = chain(6);
    edited[2] = { ...edited[2]!, details: { ...edited[2]!.details, nested: { z: 2, a: [2, 'x'] } } };
    expect((await verifyChain(edited)).problem).toMatchObject({ seq: 3, kind: 'altered' });
    const badHash = chain(6);
    badHash[5] = { ...badHash[5]!, hash: 'f'.repeat(64) };
    expect((await verifyChain(badHash)).problem).toMatchObject({ seq: 6, kind: 'altered' });
  });

  it('altered: content edited and re-hashed is named at that entry, through the next entry’s link', async () => {
    const entries = chain(8);
    entries[3] = rehashed({ ...entries[3]!, action: 'auth.sign-out' });
    const result = await verifyChain(entries);
    expect(result.problem).toMatchObject({ seq: 4, kind: 'altered' });
    expect(result.problem!.detail).toMatch(/re-hashed/);
    expect(result.checked).toBe(4);
  });

  it('altered: the first entry re-sealed onto something other than the genesis hash', async () => {
    const entries = chain(3);
    entries[0] = rehashed({ ...entries[0]!, prevHash: 'a'.repeat(64) });
    expect((await verifyChain(entries)).problem).toMatchObject({ seq: 1, kind: 'altered' });
  });

  it('deleted: one entry, several entries, and the first entry', async () => {
    const one = chain(10);
    one.splice(6, 1);
    expect((await verifyChain(one)).problem).toMatchObject({ seq: 7, kind: 'deleted' });
    const several = chain(10);
    several.splice(2, 3);
    const result = await verifyChain(several);
    expect(result.problem).toMatchObject({ seq: 3, kind: 'deleted' });
    expect(result.problem!.detail).toMatch(/3\.\.5/);
    const first = chain(4).slice(1);
    expect((await verifyChain(first)).problem).toMatchObject({ seq: 1, kind: 'deleted' });
  });

  it('deleted: the rows after a deletion renumbered to close the gap', async () => {
    const entries = chain(10);
    entries.splice(4, 1);
    for (let i = 4; i < entries.length; i++) entries[i] = { ...entries[i]!, seq: entries[i]!.seq - 1 };
    expect((await verifyChain(entries)).problem).toMatchObject({ seq: 5, kind: 'deleted' });
  });

  it('deleted: the tail cut off is caught only against a head known from elsewhere', async () => {
    const entries = chain(10);
    const known = { entries: 10, head: entries[9]!.hash };
    expect(await verifyChain(entries.slice(0, 8))).toMatchObject({ ok: true, checked: 8 });
    expect((await verifyChain(entries.slice(0, 8), known)).problem).toMatchObject({ seq: 9, kind: 'deleted' });
    expect(await verifyChain(entries, known)).toMatchObject({ ok: true, checked: 10 });
  });

  it('inserted: a forged entry chained onto entry k, with the original k+1 after it', async () => {
    const entries = chain(8);
    const forged = sealEntry(entries[3], { ...draft(99), action: 'key.revoke' }, new Date(T0));
    entries.splice(4, 0, forged);
    const result = await verifyChain(entries);
    expect(result.problem).toMatchObject({ seq: 5, kind: 'inserted' });
    expect(result.checked).toBe(5);
  });

  it('inserted: a forged entry with the later rows renumbered (not re-hashed)', async () => {
    const entries = chain(8);
    const forged = sealEntry(entries[2], draft(99), new Date(T0));
    entries.splice(3, 0, forged);
    for (let i = 4; i < entries.length; i++) entries[i] = { ...entries[i]!, seq: entries[i]!.seq + 1 };
    expect((await verifyChain(entries)).problem).toMatchObject({ seq: 4, kind: 'inserted' });
  });

  it('inserted: an entry repeated', async () => {
    const entries = chain(6);
    entries.splice(3, 0, entries[2]!);
    expect((await verifyChain(entries)).problem).toMatchObject({ seq: 3, kind: 'inserted' });
  });

  it('inserted: more entries than the known head says', async () => {
    const entries = chain(6);
    const result = await verifyChain(entries, { entries: 5, head: entries[4]!.hash });
    expect(result.problem).toMatchObject({ seq: 6, kind: 'inserted' });
  });

  it('altered: a head that differs from the one known', async () => {
    const entries = chain(6);
    const result = await verifyChain(entries, { entries: 6, head: 'b'.repeat(64) });
    expect(result.problem).toMatchObject({ seq: 6, kind: 'altered' });
  });

  it('reordered: two entries swapped, as lines of a file or as rows keeping their numbers', async () => {
    const lines = chain(8);
    [lines[4], lines[5]] = [lines[5]!, lines[4]!];
    expect((await verifyChain(lines)).problem).toMatchObject({ seq: 5, kind: 'reordered' });
    const rows = chain(8);
    const [a, b] = [rows[4]!, rows[5]!];
    rows[4] = { ...b, seq: 5 };
    rows[5] = { ...a, seq: 6 };
    expect((await verifyChain(rows)).problem).toMatchObject({ seq: 5, kind: 'reordered' });
  });

  it('reports the first of several problems', async () => {
    const entries = chain(12);
    entries[9] = { ...entries[9]!, outcome: 'denied' };
    entries.splice(3, 1);
    expect((await verifyChain(entries)).problem).toMatchObject({ seq: 4, kind: 'deleted' });
  });
});
