/**
 * Migration `telemetry`: devices, their attachments to transport units, positions and the
 * pipeline's per-device state (contract: ../contract/telemetry.ts). Sized for tens of thousands of
 * devices reporting every minute, i.e. positions by the hundred million, where `append` must stay
 * close to a raw insert.
 *
 * - `device_key` interns device ids to small integers (n) once, so that a position row carries
 *   one to three bytes for its device instead of the id's text, in the row and in its indexes. It is
 *   apart from the registry (`device`) so that storing a reading never depends on the registry:
 *   the pipeline checks devices before it stores, the store only keeps what it is given.
 * - `position.sequence` is the rowid (the positions log that followers tail), AUTOINCREMENT because
 *   retention deletes old rows: a late reading fixed long ago may hold the highest sequence, and
 *   without AUTOINCREMENT its number would be handed out again after it is deleted, behind a
 *   follower that has already passed it.
 * - Times are epoch ms integers. Device and server time are stored as offsets from the fix time:
 *   device time usually equals it (an offset of 0 takes no bytes) and the server receives a reading
 *   seconds after its fix (two or three bytes instead of six).
 * - lat/lon and the optional measures are REAL, so they come back exactly as given (SQLite stores
 *   a whole-valued REAL as an integer on disk anyway). An absent measure is NULL.
 * - Seal codes are their two-digit codes run together ('0105'); '' is an empty list, NULL none.
 *   Attributes are JSON, NULL when absent.
 * - UNIQUE (device, fix_time) refuses a reading stored already (and serves track ranges);
 *   (fix_time) serves retention, which deletes by fix time in chunks. Both grow at their right
 *   edge as readings arrive in time order, which keeps appends cheap.
 * - `position_latest` (device → sequence, fix_time of its latest reading by fix time) is updated in
 *   the append's transaction only by a later fix, so a late reading never replaces it. Retention
 *   keeps the rows it points at: a parked device's last position stays on the map and in its track.
 * - `device_attachment` is keyed by (device_id, from_time); at most one open attachment per device
 *   (a partial UNIQUE index backs the overlap check that `attach` makes); by unit EPC for "whose
 *   readings belong to this unit when".
 * - `device.credential_hash` is UNIQUE: a credential names one device.
 */
export const TELEMETRY_SCHEMA = `
  CREATE TABLE device (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('tracker', 'e-seal')),
    owner_id TEXT NOT NULL,
    reporting_period_s INTEGER NOT NULL,
    name TEXT,
    status TEXT NOT NULL CHECK (status IN ('active', 'retired')),
    created_at TEXT NOT NULL,
    credential_hash TEXT
  ) WITHOUT ROWID;
  CREATE INDEX device_by_owner ON device (owner_id, id);
  CREATE UNIQUE INDEX device_by_credential ON device (credential_hash) WHERE credential_hash IS NOT NULL;

  CREATE TABLE device_attachment (
    device_id TEXT NOT NULL,
    from_time INTEGER NOT NULL,
    to_time INTEGER,
    unit_kind TEXT NOT NULL,
    unit_id TEXT NOT NULL,
    unit_epc TEXT NOT NULL,
    PRIMARY KEY (device_id, from_time)
  ) WITHOUT ROWID;
  CREATE UNIQUE INDEX device_attachment_open ON device_attachment (device_id) WHERE to_time IS NULL;
  CREATE INDEX device_attachment_by_unit ON device_attachment (unit_epc, from_time);

  CREATE TABLE device_key (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE
  );

  CREATE TABLE position (
    sequence INTEGER PRIMARY KEY AUTOINCREMENT,
    device INTEGER NOT NULL,
    fix_time INTEGER NOT NULL,
    device_offset_ms INTEGER NOT NULL,
    server_offset_ms INTEGER NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    speed_kmh REAL,
    heading_deg REAL,
    altitude_m REAL,
    accuracy_m REAL,
    battery_pct REAL,
    seal_codes TEXT,
    attributes TEXT
  );
  CREATE UNIQUE INDEX position_by_device ON position (device, fix_time);
  CREATE INDEX position_by_fix_time ON position (fix_time);

  CREATE TABLE position_latest (
    device INTEGER PRIMARY KEY,
    sequence INTEGER NOT NULL,
    fix_time INTEGER NOT NULL
  );

  CREATE TABLE device_state (
    device_id TEXT PRIMARY KEY,
    last_fix_time INTEGER NOT NULL,
    state TEXT NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE user_geofence (
    id TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL,
    name TEXT NOT NULL,
    geometry TEXT NOT NULL,
    sgln TEXT,
    created_at TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX user_geofence_by_owner ON user_geofence (owner_id, id);
`;
