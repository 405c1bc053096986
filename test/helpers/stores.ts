/**
 * The stores the tests run on, chosen once by KARVON_TEST_STORES, as Kysely runs one suite over
 * every dialect: a comma-separated list of store kinds (default `sqlite`). The store suites
 * (test/store/stores.test.ts) register every suite for every variant of every kind listed; tests of
 * the features get a fresh store, or a place to open one more than once, of the first kind listed.
 *
 * A kind that does not exist, or is not built yet (`postgres`), fails the run with a message saying
 * so: a run asked for a store must not go green having tested another one, or none.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/config.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';

/** One way of opening a store that suites run on, e.g. `sqlite in memory`. */
export interface TestStore {
  /** Shown in the suites' names. */
  readonly name: string;
  /** A new, empty store. */
  open(): Promise<Store>;
}

/** Storage that outlives a store: opened twice at once, or closed and opened again. */
export interface TestStorePlace {
  /** What KARVON_DATABASE_URL names it by, for a runtime or a CLI command opening it through the configuration. */
  readonly databaseUrl: string;
  /** A store on this storage (creating it the first time). */
  open(): Promise<Store>;
}

interface StoreKind {
  readonly variants: readonly TestStore[];
  place(folder: string): TestStorePlace;
}

let scratch: string | undefined;
/** A folder for store files, removed when the test process ends. */
function scratchFolder(): string {
  if (scratch === undefined) {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'karvon-test-stores-'));
    scratch = folder;
    process.once('exit', () => fs.rmSync(folder, { recursive: true, force: true }));
  }
  return scratch;
}

let files = 0;
/** Opens what a KARVON_DATABASE_URL names, through the same factory the runtime uses. */
const openUrl = (databaseUrl: string) => openStore(loadConfig({ KARVON_DATABASE_URL: databaseUrl }));

function sqlitePlace(folder: string): TestStorePlace {
  const databaseUrl = `sqlite:${path.join(folder, 'karvon.db')}`;
  return { databaseUrl, open: () => openUrl(databaseUrl) };
}

const KINDS: Record<string, StoreKind | string> = {
  sqlite: {
    variants: [
      { name: 'sqlite in memory', open: () => openUrl('sqlite::memory:') },
      { name: 'sqlite file', open: () => openUrl(`sqlite:${path.join(scratchFolder(), `store-${process.pid}-${++files}.db`)}`) },
    ],
    place: sqlitePlace,
  },
  postgres: 'the PostgreSQL store is not available in this build yet',
};

/** The kinds KARVON_TEST_STORES asks for, in its order; throws on a kind that cannot be tested. */
export function testStoreKinds(env: Record<string, string | undefined> = process.env): string[] {
  const raw = env.KARVON_TEST_STORES?.trim() || 'sqlite';
  const kinds = [...new Set(raw.split(',').map((k) => k.trim().toLowerCase()).filter((k) => k !== ''))];
  for (const kind of kinds) {
    const known = KINDS[kind];
    if (known === undefined) {
      throw new Error(`KARVON_TEST_STORES names '${kind}', which is no store; known: ${Object.keys(KINDS).join(', ')} (comma-separated, default sqlite)`);
    }
    if (typeof known === 'string') throw new Error(`KARVON_TEST_STORES names '${kind}', but ${known}; run with KARVON_TEST_STORES=sqlite (the default)`);
  }
  return kinds;
}

function kindOf(name: string): StoreKind {
  return KINDS[name] as StoreKind;
}

/** Every store variant the store suites run on: each variant of each kind asked for. */
export function testStores(): TestStore[] {
  return testStoreKinds().flatMap((kind) => kindOf(kind).variants);
}

/** A new, empty store of the first kind asked for (its fastest variant). */
export function openTestStore(): Promise<Store> {
  return kindOf(testStoreKinds()[0]!).variants[0]!.open();
}

/**
 * Storage that can be opened more than once, of `kind` (default: the first kind asked for). For
 * SQLite it is the file `karvon.db` in `folder` (a new scratch folder when none is given): where the
 * runtime keeps its store when KARVON_DATABASE_URL is unset, so tests that alter the file find it there.
 */
export function testStorePlace(folder?: string, kind: string = testStoreKinds()[0]!): TestStorePlace {
  return kindOf(kind).place(folder ?? fs.mkdtempSync(path.join(scratchFolder(), 'place-')));
}
