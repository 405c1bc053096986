/**
 * Positions in SQLite (tables `position`, `position_latest`, `device_key`: telemetry-schema.ts):
 * the high-volume time series, appended in batches through one prepared statement and one
 * transaction per batch.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import type { Position, SealCode, StoredPosition } from '../../model/telemetry.js';
import type { PositionRepository } from '../store.js';
import type { DeviceKeys } from './device-keys.js';

interface PositionRow {
  sequence: number;
  device: number;
  fix_time: number;
  device_offset_ms: number;
  server_offset_ms: number;
  lat: number;
  lon: number;
  speed_kmh: number | null;
  heading_deg: number | null;
  altitude_m: number | null;
  accuracy_m: number | null;
  battery_pct: number | null;
  seal_codes: string | null;
  attributes: string | null;
}

const COLUMNS = 'sequence, device, fix_time, device_offset_ms, server_offset_ms, lat, lon, speed_kmh, heading_deg, altitude_m, accuracy_m, battery_pct, seal_codes, attributes';
/** The same columns of `position p`, for joins. */
const P_COLUMNS = COLUMNS.split(', ').map((column) => `p.${column}`).join(', ');

/** Rows deleted per transaction by retention: short enough that captures waiting on the lock barely notice. */
const DELETE_CHUNK = 5_000;

/** Seal codes run together ('0105'): each is two digits, so no separator is needed. */
const encodeSealCodes = (codes: readonly SealCode[] | undefined): string | null => (codes === undefined ? null : codes.join(''));
const decodeSealCodes = (stored: string): SealCode[] => (stored.match(/../g) as SealCode[] | null) ?? [];

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A stored position with only the fields it has. Built field by field: object spreads with
 * conditional parts cost about a microsecond per position in V8, as much as the insert itself.
 */
function withSequence(p: Position, sequence: number): StoredPosition {
  const stored: Writable<StoredPosition> = { sequence, deviceId: p.deviceId, fixTime: p.fixTime, deviceTime: p.deviceTime, serverTime: p.serverTime, lat: p.lat, lon: p.lon };
  if (p.speedKmh !== undefined) stored.speedKmh = p.speedKmh;
  if (p.headingDeg !== undefined) stored.headingDeg = p.headingDeg;
  if (p.altitudeM !== undefined) stored.altitudeM = p.altitudeM;
  if (p.accuracyM !== undefined) stored.accuracyM = p.accuracyM;
  if (p.batteryPct !== undefined) stored.batteryPct = p.batteryPct;
  if (p.sealCodes !== undefined) stored.sealCodes = p.sealCodes;
  if (p.attributes !== undefined) stored.attributes = p.attributes;
  return stored;
}

function toStoredPosition(row: PositionRow, deviceId: string): StoredPosition {
  const stored: Writable<StoredPosition> = {
    sequence: row.sequence,
    deviceId,
    fixTime: row.fix_time,
    deviceTime: row.fix_time + row.device_offset_ms,
    serverTime: row.fix_time + row.server_offset_ms,
    lat: row.lat,
    lon: row.lon,
  };
  if (row.speed_kmh !== null) stored.speedKmh = row.speed_kmh;
  if (row.heading_deg !== null) stored.headingDeg = row.heading_deg;
  if (row.altitude_m !== null) stored.altitudeM = row.altitude_m;
  if (row.accuracy_m !== null) stored.accuracyM = row.accuracy_m;
  if (row.battery_pct !== null) stored.batteryPct = row.battery_pct;
  if (row.seal_codes !== null) stored.sealCodes = decodeSealCodes(row.seal_codes);
  if (row.attributes !== null) stored.attributes = JSON.parse(row.attributes) as Record<string, number | string | boolean>;
  return stored;
}

export function sqlitePositions(db: Database.Database, keys: DeviceKeys): PositionRepository {
  const insert = db.prepare<unknown[]>(
    `INSERT INTO position (device, fix_time, device_offset_ms, server_offset_ms, lat, lon, speed_kmh, heading_deg, altitude_m, accuracy_m, battery_pct, seal_codes, attributes)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (device, fix_time) DO NOTHING`,
  );
  // Only a later fix moves a device's latest position: a late reading is stored but does not replace it.
  const keepLatest = db.prepare<[number, number, number]>(
    `INSERT INTO position_latest (device, sequence, fix_time) VALUES (?, ?, ?)
     ON CONFLICT (device) DO UPDATE SET sequence = excluded.sequence, fix_time = excluded.fix_time
     WHERE excluded.fix_time > position_latest.fix_time`,
  );
  const selectTrack = db.prepare<[number, number, number, number], PositionRow>(
    `SELECT ${COLUMNS} FROM position WHERE device = ? AND fix_time >= ? AND fix_time < ? ORDER BY fix_time LIMIT ?`,
  );
  const selectLatestOf = db.prepare<[string], PositionRow>(
    `SELECT ${P_COLUMNS} FROM position_latest l JOIN position p ON p.sequence = l.sequence
     WHERE l.device IN (SELECT value FROM json_each(?))`,
  );
  const selectLatest = db.prepare<[], PositionRow>(`SELECT ${P_COLUMNS} FROM position_latest l JOIN position p ON p.sequence = l.sequence`);
  const selectAfter = db.prepare<[number, number], PositionRow>(`SELECT ${COLUMNS} FROM position WHERE sequence > ? ORDER BY sequence LIMIT ?`);
  const selectLastSequence = db.prepare<[], { seq: number }>(`SELECT seq FROM sqlite_sequence WHERE name = 'position'`);
  const selectCount = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM position');
  // Walks old rows in fix time order from where the previous chunk stopped, passing over the rows
  // position_latest points at (at most one per device), so a chunk never reads what it keeps twice.
  const selectExpired = db.prepare<[number, number, number], { sequence: number; fix_time: number }>(
    `SELECT p.sequence, p.fix_time FROM position p
     WHERE p.fix_time >= ? AND p.fix_time < ?
       AND NOT EXISTS (SELECT 1 FROM position_latest l WHERE l.device = p.device AND l.sequence = p.sequence)
     ORDER BY p.fix_time LIMIT ?`,
  );
  const deleteOne = db.prepare<[number]>('DELETE FROM position WHERE sequence = ?');

  const toStored = (row: PositionRow) => toStoredPosition(row, keys.id(row.device));

  const append = db.transaction((positions: readonly Position[]): StoredPosition[] => {
    const stored: StoredPosition[] = [];
    const latest = new Map<number, { sequence: number; fixTime: number }>();
    for (const p of positions) {
      const device = keys.intern(p.deviceId);
      const result = insert.run(
        device,
        p.fixTime,
        p.deviceTime - p.fixTime,
        p.serverTime - p.fixTime,
        p.lat,
        p.lon,
        p.speedKmh ?? null,
        p.headingDeg ?? null,
        p.altitudeM ?? null,
        p.accuracyM ?? null,
        p.batteryPct ?? null,
        encodeSealCodes(p.sealCodes),
        p.attributes === undefined ? null : JSON.stringify(p.attributes),
      );
      if (result.changes === 0) continue;
      const sequence = Number(result.lastInsertRowid);
      stored.push(withSequence(p, sequence));
      const kept = latest.get(device);
      if (kept === undefined || p.fixTime > kept.fixTime) latest.set(device, { sequence, fixTime: p.fixTime });
    }
    for (const [device, { sequence, fixTime }] of latest) keepLatest.run(device, sequence, fixTime);
    return stored;
  });

  const deleteChunk = db.transaction((from: number, before: number): { deleted: number; reached: number } => {
    const rows = selectExpired.all(from, before, DELETE_CHUNK);
    for (const row of rows) deleteOne.run(row.sequence);
    return { deleted: rows.length, reached: rows.length === DELETE_CHUNK ? rows[rows.length - 1]!.fix_time : before };
  });

  return {
    async append(positions) {
      if (positions.length === 0) return [];
      try {
        // IMMEDIATE: the transaction reads device keys before it writes, and a read lock upgraded
        // to a write lock fails outright when another process wrote in between.
        return append.immediate(positions);
      } catch (error) {
        // Keys handed out in the rolled-back transaction no longer exist.
        keys.reset();
        throw error;
      }
    },
    async track(deviceId, range) {
      const device = keys.find(deviceId);
      if (device === undefined || range.limit <= 0) return [];
      return selectTrack
        .all(device, range.from ?? Number.MIN_SAFE_INTEGER, range.to ?? Number.MAX_SAFE_INTEGER, range.limit)
        .map((row) => toStoredPosition(row, deviceId));
    },
    async latest(deviceIds) {
      let rows: PositionRow[];
      if (deviceIds === undefined) rows = selectLatest.all();
      else {
        const known = deviceIds.map((id) => keys.find(id)).filter((key) => key !== undefined);
        rows = known.length === 0 ? [] : selectLatestOf.all(JSON.stringify(known));
      }
      return new Map(rows.map((row) => [keys.id(row.device), toStored(row)]));
    },
    async after(sequence, limit) {
      if (limit <= 0) return [];
      return selectAfter.all(sequence, limit).map(toStored);
    },
    async lastSequence() {
      return selectLastSequence.get()?.seq ?? 0;
    },
    async deleteBefore(fixTime) {
      let total = 0;
      let from = Number.MIN_SAFE_INTEGER;
      for (;;) {
        const { deleted, reached } = deleteChunk.immediate(from, fixTime);
        total += deleted;
        if (reached >= fixTime) return total;
        from = reached;
        // Lets the rest of the process (captures, the pipeline) write between chunks.
        await nextTurn();
      }
    },
    async count() {
      return selectCount.get()!.n;
    },
  };
}
