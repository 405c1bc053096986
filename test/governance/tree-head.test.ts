import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuditKey, openAuditKey, readAuditKey } from '../../src/governance/audit-key-file.js';
import { headMessage, headProblem, keyIdOf, publicKeyFrom, publishedKeyOf, signHead, signingKeyOf } from '../../src/governance/tree-head.js';

const newKey = () => signingKeyOf(generateKeyPairSync('ed25519').privateKey);
const root = createHash('sha256').update('root').digest();
const at = new Date('2026-06-01T10:00:00Z');

describe('signed tree heads', () => {
  it('signs exactly the documented bytes, which any Ed25519 implementation checks', () => {
    const key = newKey();
    const head = signHead(42, root, at, key);
    expect(head).toMatchObject({ treeSize: 42, rootHash: root.toString('hex'), timestamp: '2026-06-01T10:00:00.000Z', keyId: key.keyId });
    const message = `{"keyId":"${key.keyId}","rootHash":"${root.toString('hex')}","timestamp":"2026-06-01T10:00:00.000Z","treeSize":42,"version":"karvon-tree-head/1"}`;
    expect(headMessage(head).toString('utf8')).toBe(message);
    expect(verify(null, Buffer.from(message), key.publicKey, Buffer.from(head.signature, 'base64'))).toBe(true);
    expect(headProblem(head, key.publicKey)).toBeUndefined();
  });

  it('refuses a head with any field changed, or signed by another key, naming why', () => {
    const key = newKey();
    const head = signHead(42, root, at, key);
    for (const forged of [
      { ...head, treeSize: 43 },
      { ...head, rootHash: createHash('sha256').update('other').digest('hex') },
      { ...head, timestamp: '2026-06-01T10:00:01.000Z' },
    ]) {
      expect(headProblem(forged, key.publicKey)).toMatch(/signature does not verify/);
    }
    const other = newKey();
    expect(headProblem(signHead(42, root, at, other), key.publicKey)).toMatch(/signed by key .*not by this node's key/);
    // A head re-labelled with the right key id but signed by another key.
    expect(headProblem({ ...signHead(42, root, at, other), keyId: key.keyId }, key.publicKey)).toMatch(/signature does not verify/);
    expect(headProblem({ ...head, treeSize: -1 }, key.publicKey)).toMatch(/treeSize/);
    expect(headProblem({ ...head, rootHash: 'ABC' }, key.publicKey)).toMatch(/rootHash/);
    expect(headProblem('nope', key.publicKey)).toMatch(/JSON object/);
  });

  it('publishes the public key as base64 DER with its id, and reads it back', () => {
    const key = newKey();
    const published = publishedKeyOf(key.publicKey);
    expect(published.keyId).toBe(createHash('sha256').update(key.publicKey.export({ format: 'der', type: 'spki' })).digest('hex'));
    expect(keyIdOf(publicKeyFrom(published))).toBe(key.keyId);
    expect(() => publicKeyFrom({ ...published, keyId: newKey().keyId })).toThrow(/is not the id of that public key/);
    expect(() => publicKeyFrom({ publicKey: 'bm9wZQ==' })).toThrow(/not a base64 DER/);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    expect(() => publicKeyFrom({ publicKey: rsa })).toThrow(/not Ed25519/);
  });
});

describe('the key file', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'karvon-key-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is made at first start with mode 0600 and read back as the same key', () => {
    const file = path.join(dir, 'keys', 'audit-key.pem');
    const made = openAuditKey(file, false);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(readAuditKey(file)!.keyId).toBe(made.keyId);
    expect(openAuditKey(file, true).keyId).toBe(made.keyId);
    // A second creation (another process starting at the same moment) keeps the first key.
    expect(createAuditKey(file).keyId).toBe(made.keyId);
  });

  it('is never made anew for a log that already has signed heads', () => {
    const file = path.join(dir, 'audit-key.pem');
    expect(() => openAuditKey(file, true)).toThrow(/signing key .*audit-key.pem is missing: restore that file/);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('refuses a file other users can read, and one that is not an Ed25519 key', () => {
    const file = path.join(dir, 'audit-key.pem');
    createAuditKey(file);
    fs.chmodSync(file, 0o644);
    expect(() => readAuditKey(file)).toThrow(/can be read or written by other users \(mode 644\): run chmod 600/);
    fs.writeFileSync(file, generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    fs.chmodSync(file, 0o600);
    expect(() => readAuditKey(file)).toThrow(/not an Ed25519 private key/);
  });
});
