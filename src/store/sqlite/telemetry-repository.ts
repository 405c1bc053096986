/** The telemetry repositories of the SQLite store, over one database and one cache of device keys. */
import type Database from 'better-sqlite3';
import type { TelemetryRepository } from '../store.js';
import { DeviceKeys } from './device-keys.js';
import { sqliteDevices } from './device-repository.js';
import { sqliteDeviceStates } from './device-state-repository.js';
import { sqliteGeofences } from './geofence-repository.js';
import { sqlitePositions } from './position-repository.js';

export function sqliteTelemetry(db: Database.Database): TelemetryRepository {
  return {
    devices: sqliteDevices(db),
    positions: sqlitePositions(db, new DeviceKeys(db)),
    deviceStates: sqliteDeviceStates(db),
    geofences: sqliteGeofences(db),
  };
}
