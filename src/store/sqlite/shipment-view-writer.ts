/**
 * Writing the shipment read model: one commit() is one transaction, so a reader (or a restart)
 * sees either all of a change with its checkpoint or none of it. Order inside the transaction:
 * the checkpoint (refused when not at the change's `from`), then upserts, then event sequences,
 * then merges (a merge moves rows written just before it, and an upsert never resurrects a key
 * merged in the same change).
 */
import type Database from 'better-sqlite3';
import { SHIPMENTS_FOLLOWER, type ShipmentRecord, type ShipmentViewChange } from '../store.js';
import { checkpointStatements } from './follower-repository.js';
import { NO_EXPECTED_ARRIVAL } from './shipment-whereabouts-schema.js';

/** What the side tables hold for a shipment, each group as one string to compare with the last write. */
interface SideRows {
  id: string;
  links: string;
  lookups: string;
  countries: string;
  stops: string;
  search: string;
  /** The audience keys (visibility policy), as a JSON array. */
  audience: string;
}

function sideRowsOf(record: ShipmentRecord): SideRows {
  return {
    id: record.idLearnt ? `${record.id} (learnt)` : record.id,
    links: JSON.stringify([record.link.documents, record.link.units, record.link.privateDocuments ?? [], record.link.privateUnits ?? []]),
    lookups: JSON.stringify([record.lookupTerms, record.learntLookupTerms ?? []]),
    countries: JSON.stringify(record.countries),
    // The id is in the stop rows (the keyset of "coming to" lists), so a new id rewrites them too.
    stops: JSON.stringify([record.upcomingStops, record.expectedArrivals ?? {}, record.id]),
    search: record.searchTerms.join(' '),
    audience: JSON.stringify(record.audience),
  };
}

/** Builds commit() and clear() of the shipment view repository. */
export function shipmentViewWriter(db: Database.Database): {
  commit: (change: ShipmentViewChange) => void;
  clear: () => void;
} {
  const upsertRow = db.prepare<unknown[], { n: number }>(
    `INSERT INTO shipment (key, id, status, corridor, mode, first_time, last_time, open_holds, event_count, completed_at,
                           link_first, link_delivered, samples, state, side_rows, at_location, at_since, in_country)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET
       id = excluded.id, status = excluded.status, corridor = excluded.corridor, mode = excluded.mode,
       first_time = excluded.first_time, last_time = excluded.last_time, open_holds = excluded.open_holds,
       event_count = excluded.event_count, completed_at = excluded.completed_at, link_first = excluded.link_first,
       link_delivered = excluded.link_delivered, samples = excluded.samples, state = excluded.state,
       side_rows = excluded.side_rows, at_location = excluded.at_location, at_since = excluded.at_since,
       in_country = excluded.in_country
     RETURNING n`,
  );
  const rowNumber = db.prepare<[string], { n: number }>('SELECT n FROM shipment WHERE key = ?');
  const previousRow = db.prepare<[string], { n: number; side_rows: string | null }>('SELECT n, side_rows FROM shipment WHERE key = ?');
  const deleteRow = db.prepare('DELETE FROM shipment WHERE key = ?');
  // An id may lead to several shipments (two organisations' shipments under one booking number, a
  // container's trips): readers pick among those they may see.
  const setAlias = db.prepare(
    'INSERT INTO shipment_alias (alias, key, private) VALUES (?, ?, ?) ON CONFLICT (alias, key) DO UPDATE SET private = excluded.private',
  );
  const copyAliases = db.prepare('INSERT OR IGNORE INTO shipment_alias (alias, key, private) SELECT alias, ?, private FROM shipment_alias WHERE key = ?');
  const deleteAliases = db.prepare('DELETE FROM shipment_alias WHERE key = ?');
  const deleteLinks = db.prepare('DELETE FROM shipment_link WHERE key = ?');
  const insertLink = db.prepare('INSERT INTO shipment_link (key, pos, value, kind, private) VALUES (?, ?, ?, ?, ?)');
  const deleteLookups = db.prepare('DELETE FROM shipment_lookup WHERE key = ?');
  const insertLookup = db.prepare('INSERT OR IGNORE INTO shipment_lookup (term, key, private) VALUES (?, ?, ?)');
  const deleteCountries = db.prepare('DELETE FROM shipment_country WHERE key = ?');
  const insertCountry = db.prepare('INSERT OR IGNORE INTO shipment_country (country, key) VALUES (?, ?)');
  const deleteStops = db.prepare('DELETE FROM shipment_stop WHERE key = ?');
  const insertStop = db.prepare('INSERT OR IGNORE INTO shipment_stop (location, key, expected, id) VALUES (?, ?, ?, ?)');
  const deleteAudience = db.prepare('DELETE FROM shipment_audience WHERE key = ?');
  const insertAudience = db.prepare('INSERT OR IGNORE INTO shipment_audience (member, key) VALUES (?, ?)');
  const deleteSearch = db.prepare('DELETE FROM shipment_search WHERE rowid = ?');
  const insertSearch = db.prepare('INSERT INTO shipment_search (rowid, terms) VALUES (?, ?)');
  const insertEvent = db.prepare('INSERT OR IGNORE INTO shipment_event (key, seq) VALUES (?, ?)');
  // Copy then delete: a sequence already attached to `into` stays once (the PK would refuse it twice).
  const copyEvents = db.prepare('INSERT OR IGNORE INTO shipment_event (key, seq) SELECT ?, seq FROM shipment_event WHERE key = ?');
  const deleteEvents = db.prepare('DELETE FROM shipment_event WHERE key = ?');
  // The position is the `shipments` follower's checkpoint; the key counter sits beside it.
  const checkpoints = checkpointStatements(db);
  const writeKeyCounter = db.prepare('UPDATE shipment_key_counter SET counter = ? WHERE one = 1');

  const upsert = (record: ShipmentRecord): void => {
    const { key, link } = record;
    const previous = previousRow.get(key);
    // Most events change a shipment's state but not what it is found by: the side rows are written
    // again only when their content changed (this halves the cost of folding an event).
    const sides = sideRowsOf(record);
    const before: Partial<SideRows> = previous?.side_rows ? (JSON.parse(previous.side_rows) as SideRows) : {};
    const n = upsertRow.get(
      key,
      record.id,
      record.status,
      record.corridor ?? null,
      record.mode ?? null,
      record.firstEventTime ?? null,
      record.lastEventTime ?? null,
      record.openHolds,
      record.eventCount,
      record.completedAt ?? null,
      link.first,
      link.delivered ?? null,
      record.samples === undefined ? null : JSON.stringify(record.samples),
      JSON.stringify(record.state),
      JSON.stringify(sides),
      // A location without a time cannot be waited at: both or neither.
      record.currentLocation !== undefined && record.currentSince !== undefined ? record.currentLocation : null,
      record.currentLocation !== undefined && record.currentSince !== undefined ? record.currentSince : null,
      record.currentCountry ?? null,
    )!.n;
    if (before.id !== sides.id) setAlias.run(record.id, key, record.idLearnt ? 1 : 0);

    if (before.links !== sides.links) {
      deleteLinks.run(key);
      let pos = 0;
      for (const [value, kind] of link.documents) insertLink.run(key, pos++, value, kind, 0);
      for (const unit of link.units) insertLink.run(key, pos++, unit, null, 0);
      for (const [value, kind] of link.privateDocuments ?? []) insertLink.run(key, pos++, value, kind, 1);
      for (const unit of link.privateUnits ?? []) insertLink.run(key, pos++, unit, null, 1);
    }
    if (before.lookups !== sides.lookups) {
      deleteLookups.run(key);
      for (const term of record.lookupTerms) insertLookup.run(term, key, 0);
      for (const term of record.learntLookupTerms ?? []) insertLookup.run(term, key, 1);
    }
    if (before.countries !== sides.countries) {
      deleteCountries.run(key);
      for (const country of record.countries) insertCountry.run(country, key);
    }
    if (before.stops !== sides.stops) {
      deleteStops.run(key);
      for (const stop of record.upcomingStops) insertStop.run(stop, key, record.expectedArrivals?.[stop] ?? NO_EXPECTED_ARRIVAL, record.id);
    }
    if (before.audience !== sides.audience) {
      deleteAudience.run(key);
      for (const member of record.audience) insertAudience.run(member, key);
    }
    if (before.search !== sides.search || previous?.n !== n) {
      if (previous !== undefined) deleteSearch.run(previous.n);
      insertSearch.run(n, sides.search);
    }
  };

  /** Removes everything a shipment row owns (a merged key may never have been stored: all no-ops then). */
  const removeShipment = (key: string): void => {
    const n = rowNumber.get(key)?.n;
    if (n !== undefined) deleteSearch.run(n);
    deleteRow.run(key);
    deleteLinks.run(key);
    deleteLookups.run(key);
    deleteCountries.run(key);
    deleteStops.run(key);
    deleteAudience.run(key);
  };

  const commit = db.transaction((change: ShipmentViewChange): void => {
    // The checkpoint first: a change folded from a position someone else has moved writes nothing.
    const from = change.from ?? checkpoints.position(SHIPMENTS_FOLLOWER);
    checkpoints.move(SHIPMENTS_FOLLOWER, from, change.checkpoint.position);
    writeKeyCounter.run(change.checkpoint.keyCounter);
    for (const record of change.upserts) upsert(record);
    for (const { key, sequences } of change.events) for (const seq of sequences) insertEvent.run(key, seq);

    // A chain within one change (a into b, b into c) ends where the last merge points, whatever order it came in.
    const mergedInto = new Map(change.merged.map((m) => [m.key, m.into] as const));
    const finalTarget = (into: string): string => {
      const seen = new Set<string>();
      let target = into;
      while (mergedInto.has(target) && !seen.has(target)) {
        seen.add(target);
        target = mergedInto.get(target)!;
      }
      return target;
    };
    for (const { key, into: direct } of change.merged) {
      const into = finalTarget(direct);
      if (into === key) continue;
      removeShipment(key);
      copyEvents.run(into, key);
      deleteEvents.run(key);
      copyAliases.run(into, key);
      deleteAliases.run(key);
      setAlias.run(key, into, 0);
    }
  });

  const READ_MODEL_TABLES = ['shipment', 'shipment_alias', 'shipment_link', 'shipment_lookup', 'shipment_country', 'shipment_stop', 'shipment_event', 'shipment_search', 'shipment_audience'];
  const emptyTables = READ_MODEL_TABLES.map((table) => db.prepare(`DELETE FROM ${table}`));
  const clear = db.transaction((): void => {
    for (const empty of emptyTables) empty.run();
    checkpoints.move(SHIPMENTS_FOLLOWER, checkpoints.position(SHIPMENTS_FOLLOWER), 0);
    writeKeyCounter.run(0);
  });

  return { commit: (change) => commit(change), clear: () => clear() };
}
