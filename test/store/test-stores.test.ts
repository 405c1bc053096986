import { describe, expect, it } from 'vitest';
import { testStoreKinds } from '../helpers/stores.js';

describe('KARVON_TEST_STORES', () => {
  it('defaults to sqlite and reads a comma-separated list, once each', () => {
    expect(testStoreKinds({})).toEqual(['sqlite']);
    expect(testStoreKinds({ KARVON_TEST_STORES: '' })).toEqual(['sqlite']);
    expect(testStoreKinds({ KARVON_TEST_STORES: ' SQLite , sqlite,' })).toEqual(['sqlite']);
  });

  it('fails a run asked for a store that is not built or does not exist, saying which', () => {
    expect(() => testStoreKinds({ KARVON_TEST_STORES: 'sqlite,postgres' })).toThrow("KARVON_TEST_STORES names 'postgres', but the PostgreSQL store is not available in this build yet");
    expect(() => testStoreKinds({ KARVON_TEST_STORES: 'mysql' })).toThrow("KARVON_TEST_STORES names 'mysql', which is no store; known: sqlite, postgres");
  });
});
