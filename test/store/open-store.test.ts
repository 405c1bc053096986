import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { KarvonError } from '../../src/errors.js';
import { openRuntime } from '../../src/runtime/runtime.js';
import { openStore, POSTGRES_NOT_AVAILABLE } from '../../src/store/open-store.js';
import { testAuditKey } from '../helpers/audit-key.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'karvon-open-store-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('openStore', () => {
  it('opens the embedded store where KARVON_DATABASE_URL says, making the folder', async () => {
    const file = path.join(dir, 'nested', 'node.db');
    const store = await openStore(loadConfig({ KARVON_DATABASE_URL: `sqlite:${file}` }));
    try {
      expect(store.kind).toBe('sqlite');
      expect(await store.ping()).toBe(true);
      expect(fs.existsSync(file)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('opens an in-memory store that leaves no file behind', async () => {
    const store = await openStore(loadConfig({ KARVON_DATA_DIR: dir, KARVON_DATABASE_URL: 'sqlite::memory:' }));
    await store.events.insert([]);
    expect(await store.events.total()).toBe(0);
    await store.close();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses PostgreSQL at start with a clear error that does not repeat the URL', async () => {
    const config = loadConfig({ KARVON_DATA_DIR: dir, KARVON_DATABASE_URL: 'postgres://karvon:s3cret@db.example.org/karvon' });
    const error = await openStore(config).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(KarvonError);
    expect((error as Error).message).toBe(POSTGRES_NOT_AVAILABLE);
    expect(POSTGRES_NOT_AVAILABLE).toBe('the PostgreSQL store is not available in this build yet; use sqlite: or leave KARVON_DATABASE_URL unset');
    // The runtime opens the store through the same door.
    await expect(openRuntime(config, { auditKey: testAuditKey(), onError: () => {} })).rejects.toThrow(POSTGRES_NOT_AVAILABLE);
    await expect(openRuntime(config, { auditKey: testAuditKey(), onError: () => {} })).rejects.not.toThrow(/s3cret/);
  });

  it('is what the runtime opens: a runtime on a configured file stores there', async () => {
    const file = path.join(dir, 'elsewhere.db');
    const runtime = await openRuntime(loadConfig({ KARVON_DATA_DIR: path.join(dir, 'data'), KARVON_DATABASE_URL: `sqlite:${file}` }), { auditKey: testAuditKey(), onError: () => {} });
    await runtime.close();
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.existsSync(path.join(dir, 'data', 'karvon.db'))).toBe(false);
  });
});
