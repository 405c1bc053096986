import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../../src/store/sqlite/open-sqlite-store.js';
import { NAMED_QUERY_OWNER_SCHEMA } from '../../src/store/sqlite/named-query-schema.js';
import { MIGRATIONS } from '../../src/store/sqlite/schema.js';
import { claimPartyIds } from '../../src/store/sqlite/organisation-party-schema.js';
import { FOLLOWERS_SCHEMA } from '../../src/store/sqlite/followers-schema.js';
import { PartyIdTaken } from '../../src/store/store.js';
import { asNew, container, shipments } from './corridor-events.js';
import { accessSuite } from './access-suite.js';
import { auditSuite } from './audit-suite.js';
import { shipmentViewSuite } from './shipment-view-suite.js';
import { governanceSuite } from './governance-suite.js';
import { storeSuite } from './store-suite.js';
import { visibilitySuite } from './visibility-suite.js';

const dir = mkdtempSync(path.join(tmpdir(), 'karvon-store-'));
let files = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

storeSuite('sqlite in memory', () => openSqliteStore({ memory: true }));
storeSuite('sqlite file', () => openSqliteStore({ path: path.join(dir, `suite-${++files}.db`) }));
shipmentViewSuite('sqlite in memory', () => openSqliteStore({ memory: true }));
auditSuite('sqlite in memory', () => openSqliteStore({ memory: true }));
accessSuite('sqlite in memory', () => openSqliteStore({ memory: true }));
visibilitySuite('sqlite in memory', () => openSqliteStore({ memory: true }));
governanceSuite('sqlite in memory', () => openSqliteStore({ memory: true }));

describe('sqlite migrations', () => {
  it('keeps the named queries stored before queries had owners, owned by nobody', async () => {
    const file = path.join(dir, 'before-owners.db');
    // A database as the release before named-query owners left it.
    const old = new Database(file);
    const before = MIGRATIONS.indexOf(NAMED_QUERY_OWNER_SCHEMA);
    expect(before).toBeGreaterThan(0);
    for (const migration of MIGRATIONS.slice(0, before)) {
      if (typeof migration === 'string') old.exec(migration);
      else migration(old);
    }
    old.pragma(`user_version = ${before}`);
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
});

describe('sqlite migration to named follower checkpoints', () => {
  it("moves the shipment read model's checkpoint to the follower named shipments, key counter included", async () => {
    const file = path.join(dir, 'before-followers.db');
    const old = new Database(file);
    const before = MIGRATIONS.indexOf(FOLLOWERS_SCHEMA);
    expect(before).toBeGreaterThan(0);
    for (const migration of MIGRATIONS.slice(0, before)) {
      if (typeof migration === 'string') old.exec(migration);
      else migration(old);
    }
    old.pragma(`user_version = ${before}`);
    old.prepare('UPDATE shipment_checkpoint SET position = 42, key_counter = 7 WHERE one = 1').run();
    old.close();

    const store = await openSqliteStore({ path: file });
    try {
      expect(await store.followers.get('shipments')).toMatchObject({ name: 'shipments', position: 42 });
      expect(await store.shipments.checkpoint()).toEqual({ position: 42, keyCounter: 7 });
      expect((await store.followers.list()).map((f) => f.name)).toEqual(['shipments']);
    } finally {
      await store.close();
    }
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'shipment_checkpoint'").get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('sqlite migration of party ids to claims', () => {
  it('leaves a party shared by several organisations with the one created first', async () => {
    const file = path.join(dir, 'before-claims.db');
    const old = new Database(file);
    const before = MIGRATIONS.indexOf(claimPartyIds);
    for (const migration of MIGRATIONS.slice(0, before)) {
      if (typeof migration === 'string') old.exec(migration);
      else migration(old);
    }
    old.pragma(`user_version = ${before}`);
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

describe('sqlite file store', () => {
  it('keeps events, jobs, queries and master data across close and reopen', async () => {
    const file = path.join(dir, 'durable.db');
    const events = shipments(3);
    const first = await openSqliteStore({ path: file });
    await first.events.insert(asNew(events));
    await first.captureJobs.create({ id: 'j1', errorBehaviour: 'proceed', contentType: 'application/xml', createdAt: '2025-03-01T00:00:00Z' }, Buffer.from('<x/>'));
    await first.namedQueries.create({ owner: 'kz-rail', name: 'n1', query: { MATCH_epc: [container(1)] }, createdAt: '2025-03-01T00:00:00Z' });
    await first.masterData.upsert([{ type: 'urn:epcglobal:epcis:vtype:ReadPoint', vocabularyElementList: [{ id: 'urn:epc:id:sgln:4870001.00003.0', children: ['urn:epc:id:sgln:4870001.00004.0'] }] }]);
    await first.close();
    expect(await first.ping()).toBe(false);

    const second = await openSqliteStore({ path: file });
    try {
      expect(await second.events.total()).toBe(15);
      expect((await second.events.get(events[4]!.eventID!))?.event).toEqual(events[4]);
      const page = await second.events.query({ conditions: [{ kind: 'epc', roles: ['epc', 'childEPC'], patterns: [container(2)] }] }, { perPage: 10 });
      expect(page.events).toHaveLength(5);
      // Interned values from the first session are reused, not duplicated.
      expect((await second.events.insert(asNew(shipments(4).slice(15)))).inserted).toHaveLength(5);
      expect(await second.events.count({ conditions: [{ kind: 'epc', roles: ['epc'], patterns: [container(4)] }] }, 100)).toBe(4);
      expect((await second.captureJobs.document('j1'))?.toString()).toBe('<x/>');
      expect((await second.captureJobs.unfinished()).map((j) => j.id)).toEqual(['j1']);
      expect(await second.namedQueries.get('kz-rail', 'n1')).toBeDefined();
      expect(await second.masterData.descendants('urn:epc:id:sgln:4870001.00003.0')).toHaveLength(2);
    } finally {
      await second.close();
    }
  });
});
