/**
 * The telemetry benchmark's baseline: the simplest thing that could store the same readings. One
 * prepared INSERT per row into the same `position` table (same columns, same indexes, the same
 * SQLite settings as Karvon's store), one transaction per batch, device ids turned into the
 * table's integer keys with a Map. No duplicate check, no latest position, no pipeline.
 */
import Database from 'better-sqlite3';
import type { Position } from '../src/model/telemetry.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite-store.js';

export interface RawPositions {
  /** Inserts one batch in one transaction; returns how many rows. */
  insert(readings: readonly Position[]): number;
  close(): void;
}

export async function openRawPositions(path: string): Promise<RawPositions> {
  // Karvon's store makes the schema and is closed; the baseline writes with better-sqlite3 alone.
  await (await openSqliteStore({ path })).close();
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`cache_size = ${-1024 * 64}`);
  db.pragma('wal_autocheckpoint = 20000');
  const keys = new Map<string, number>();
  const addKey = db.prepare<[string]>('INSERT INTO device_key (id) VALUES (?)');
  const insertRow = db.prepare<unknown[]>(
    `INSERT INTO position (device, fix_time, device_offset_ms, server_offset_ms, lat, lon, speed_kmh, heading_deg, altitude_m, accuracy_m, battery_pct, seal_codes, attributes)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insert = db.transaction((readings: readonly Position[]) => {
    for (const r of readings) {
      let device = keys.get(r.deviceId);
      if (device === undefined) {
        device = Number(addKey.run(r.deviceId).lastInsertRowid);
        keys.set(r.deviceId, device);
      }
      insertRow.run(
        device, r.fixTime, r.deviceTime - r.fixTime, r.serverTime - r.fixTime, r.lat, r.lon,
        r.speedKmh ?? null, r.headingDeg ?? null, r.altitudeM ?? null, r.accuracyM ?? null, r.batteryPct ?? null,
        r.sealCodes?.join('') ?? null, r.attributes === undefined ? null : JSON.stringify(r.attributes),
      );
    }
    return readings.length;
  });
  return { insert: (readings) => insert(readings), close: () => db.close() };
}
