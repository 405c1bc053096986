/**
 * SQLite only, and so opening SQLite directly rather than through test/helpers/stores.ts: these
 * tests build database files as earlier releases left them (user_version counting migrations, rows
 * of that time) and check that this release's runner adopts and upgrades them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite-store.js';
import { MIGRATIONS } from '../../src/store/sqlite/schema.js';
import { LEGACY_VERSION_GUARD, migrateSqlite, type SqliteMigration } from '../../src/store/sqlite/sqlite-migrations.js';
import { PartyIdTaken } from '../../src/store/store.js';
import { legacySqliteDatabase, versionBefore } from './legacy-sqlite.js';

const dir = mkdtempSync(path.join(tmpdir(), 'karvon-migrations-'));
let files = 0;
const newFile = () => path.join(dir, `db-${++files}.db`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Everything the schema is: tables, indexes, triggers with their SQL, the recorded names, user_version. */
function schemaOf(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return {
      objects: db.prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name`).all(),
      migrations: db.prepare('SELECT name FROM schema_migration ORDER BY name').pluck().all(),
      userVersion: db.pragma('user_version', { simple: true }),
    };
  } finally {
    db.close();
  }
}

function recorded(file: string): { name: string; applied_at: string | null }[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT name, applied_at FROM schema_migration ORDER BY rowid').all() as { name: string; applied_at: string | null }[];
  } finally {
    db.close();
  }
}

/** Runs the runner on a raw connection to `file`, returning what it applied. */
async function migrateFile(file: string, migrations: readonly SqliteMigration[] = MIGRATIONS): Promise<string[]> {
  const db = new Database(file);
  try {
    return await migrateSqlite(db, migrations);
  } finally {
    db.close();
  }
}

describe('sqlite migrations recorded by name', () => {
  it('names every migration once, in lower case words with dashes', () => {
    const names = MIGRATIONS.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('records every migration of a fresh database, in order, with the time it was applied', async () => {
    const file = newFile();
    const store = await openSqliteStore({ path: file });
    await store.close();
    const rows = recorded(file);
    expect(rows.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
    for (const row of rows) expect(row.applied_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    // A release from before names reads user_version: it must refuse this file, not migrate it again.
    expect(schemaOf(file).userVersion).toBe(LEGACY_VERSION_GUARD);
    expect(await migrateFile(file)).toEqual([]);
  });

  it('adopts a database of every earlier release (user_version N): the first N are recorded, the rest applied, the schema ends as a fresh one', async () => {
    const fresh = newFile();
    await (await openSqliteStore({ path: fresh })).close();
    const expected = schemaOf(fresh);
    for (let version = 0; version <= MIGRATIONS.length; version++) {
      const file = newFile();
      legacySqliteDatabase(file, version).close();
      const store = await openSqliteStore({ path: file });
      await store.close();
      expect(schemaOf(file), `a database at version ${version}`).toEqual(expected);
      const rows = recorded(file);
      const adopted = rows.filter((r) => r.applied_at === null).map((r) => r.name);
      expect(rows.map((r) => r.name), `recorded at version ${version}`).toEqual(MIGRATIONS.map((m) => m.name));
      expect(adopted, `adopted at version ${version}`).toEqual(MIGRATIONS.slice(0, version).map((m) => m.name));
      // A second open applies nothing and leaves the record as it was.
      expect(await migrateFile(file), `second open at version ${version}`).toEqual([]);
      await (await openSqliteStore({ path: file })).close();
      expect(recorded(file)).toEqual(rows);
    }
  });

  it('applies only what is not recorded, in list order, and returns the names applied', async () => {
    const file = newFile();
    legacySqliteDatabase(file, 3).close();
    expect(await migrateFile(file)).toEqual(MIGRATIONS.slice(3).map((m) => m.name));
  });

  it('applies each migration in its own transaction: a failing one leaves nothing of itself and is not recorded', async () => {
    const file = newFile();
    const good: SqliteMigration = { name: 'first', up: 'CREATE TABLE first_table (x)' };
    const broken: SqliteMigration = { name: 'second', up: 'CREATE TABLE second_table (x); INSERT INTO no_such_table VALUES (1);' };
    await expect(migrateFile(file, [good, broken])).rejects.toThrow(/no_such_table/);
    const db = new Database(file, { readonly: true });
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all();
    db.close();
    expect(tables).toEqual(['first_table', 'schema_migration']);
    expect(recorded(file).map((r) => r.name)).toEqual(['first']);
    // Fixed, it is applied on the next run; the first is not applied again.
    expect(await migrateFile(file, [good, { name: 'second', up: 'CREATE TABLE second_table (x)' }])).toEqual(['second']);
  });

  it('runs function migrations in the same transaction as their record', async () => {
    const file = newFile();
    const computed: SqliteMigration = { name: 'computed', up: (db) => db.exec('CREATE TABLE computed_table (x)') };
    expect(await migrateFile(file, [computed])).toEqual(['computed']);
    expect(await migrateFile(file, [computed])).toEqual([]);
  });

  it('refuses a database that records a migration this release does not know, or a user_version beyond its list', async () => {
    const file = newFile();
    await (await openSqliteStore({ path: file })).close();
    const db = new Database(file);
    db.prepare('INSERT INTO schema_migration (name, applied_at) VALUES (?, ?)').run('from-the-future', '2030-01-01T00:00:00Z');
    db.close();
    await expect(openSqliteStore({ path: file })).rejects.toThrow(/records migrations this Karvon does not know \(from-the-future\).*upgrade Karvon/);

    const legacy = newFile();
    legacySqliteDatabase(legacy, 0).close();
    const raw = new Database(legacy);
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    await expect(openSqliteStore({ path: legacy })).rejects.toThrow(/newer than this Karvon.*upgrade Karvon/);
  });

  it('refuses a list with a name twice', async () => {
    await expect(migrateFile(newFile(), [{ name: 'a', up: 'SELECT 1' }, { name: 'a', up: 'SELECT 2' }])).rejects.toThrow(/unique; repeated: a/);
  });
});

describe('sqlite migrations of data', () => {
  it('keeps the named queries stored before queries had owners, owned by nobody', async () => {
    const file = newFile();
    // A database as the release before named-query owners left it.
    const old = legacySqliteDatabase(file, versionBefore('named-query-owners'));
    old.prepare('INSERT INTO named_query (name, query, created_at) VALUES (?, ?, ?)').run('legacy', '{"EQ_bizStep":["departing"]}', '2025-01-01T00:00:00Z');
    old.close();

    const store = await openSqliteStore({ path: file });
    try {
      expect(await store.namedQueries.get(null, 'legacy')).toEqual({ owner: null, name: 'legacy', query: { EQ_bizStep: ['departing'] }, createdAt: '2025-01-01T00:00:00Z' });
      // Its name is free in every organisation's own namespace.
      expect(await store.namedQueries.create({ owner: 'kz-rail', name: 'legacy', query: {}, createdAt: '2025-02-01T00:00:00Z' })).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('leaves a party shared by several organisations with the one created first', async () => {
    const file = newFile();
    const old = legacySqliteDatabase(file, versionBefore('organisation-party-claims'));
    const insert = old.prepare('INSERT INTO organisation (id, name, kind, country, status, party_ids, locations, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    insert.run('uz-forwarder', 'Tashkent forwarder', 'forwarder', 'UZ', 'active', JSON.stringify(['urn:epc:id:pgln:4870001.00506', 'urn:epc:id:pgln:4870001.00507']), '[]', '2025-01-01T00:00:00.000Z');
    insert.run('kz-spy', 'Spy', 'forwarder', 'KZ', 'active', JSON.stringify(['https://id.gs1.org/417/4870001005061', 'urn:epc:id:pgln:4870001.00508']), '[]', '2025-06-01T00:00:00.000Z');
    old.close();

    const store = await openSqliteStore({ path: file });
    try {
      expect((await store.access.organisations.get('uz-forwarder'))?.partyIds).toEqual(['urn:epc:id:pgln:4870001.00506', 'urn:epc:id:pgln:4870001.00507']);
      expect((await store.access.organisations.get('kz-spy'))?.partyIds).toEqual(['urn:epc:id:pgln:4870001.00508']);
      await expect(store.access.organisations.create({
        id: 'kz-again', name: 'Again', kind: 'forwarder', country: 'KZ', status: 'active', partyIds: ['urn:epc:id:pgln:4870001.00507'], locations: [], createdAt: '2026-01-01T00:00:00.000Z',
      })).rejects.toBeInstanceOf(PartyIdTaken);
    } finally {
      await store.close();
    }
  });
});

describe('sqlite migration to named follower checkpoints', () => {
  it("moves the shipment read model's checkpoint to the follower named shipments, key counter included", async () => {
    const file = newFile();
    const old = legacySqliteDatabase(file, versionBefore('followers'));
    old.prepare('UPDATE shipment_checkpoint SET position = 42, key_counter = 7 WHERE one = 1').run();
    old.close();

    // Up to this migration only: a later one (shipment-whereabouts) starts the follower again from 0.
    await migrateFile(file, MIGRATIONS.slice(0, versionBefore('followers') + 1));
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare("SELECT name, position FROM followers").all()).toEqual([{ name: 'shipments', position: 42 }]);
      expect(db.prepare('SELECT counter FROM shipment_key_counter').get()).toEqual({ counter: 7 });
      expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'shipment_checkpoint'").get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});

describe('sqlite migration to shipment whereabouts', () => {
  it('empties the shipment read model folded without them and starts the shipments follower again from the first event', async () => {
    const file = newFile();
    const old = legacySqliteDatabase(file, versionBefore('shipment-whereabouts'));
    old.prepare("UPDATE followers SET position = 42 WHERE name = 'shipments'").run();
    old.prepare('UPDATE shipment_key_counter SET counter = 7').run();
    old.prepare(`INSERT INTO shipment (key, id, status, open_holds, event_count, state) VALUES ('s1', 'SHP-A', 'in-transit', 0, 1, '{}')`).run();
    old.prepare(`INSERT INTO shipment_stop (location, key) VALUES ('dostyk', 's1')`).run();
    old.close();

    const store = await openSqliteStore({ path: file });
    try {
      expect(await store.shipments.checkpoint()).toEqual({ position: 0, keyCounter: 0 });
      expect(await store.shipments.count({}, 10)).toEqual({ total: 0, lowerBound: false });
      expect(await store.shipments.list({ upcomingStop: 'dostyk', limit: 10 })).toEqual([]);
    } finally {
      await store.close();
    }
  });
});

describe('sqlite migration to timeline entries with what happened as data', () => {
  it('empties the shipment read model folded without `what` and starts the shipments follower again from the first event', async () => {
    const file = newFile();
    const old = legacySqliteDatabase(file, versionBefore('shipment-timeline-what'));
    old.prepare("UPDATE followers SET position = 42 WHERE name = 'shipments'").run();
    old.prepare(`INSERT INTO shipment (key, id, status, open_holds, event_count, state) VALUES ('s1', 'SHP-A', 'in-transit', 0, 1, '{"timeline":[{"text":"Departed"}]}')`).run();
    old.close();

    const store = await openSqliteStore({ path: file });
    try {
      expect(await store.shipments.checkpoint()).toEqual({ position: 0, keyCounter: 0 });
      expect(await store.shipments.count({}, 10)).toEqual({ total: 0, lowerBound: false });
    } finally {
      await store.close();
    }
  });
});
