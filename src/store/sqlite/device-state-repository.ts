/** The telemetry pipeline's per-device state in SQLite (table `device_state`: telemetry-schema.ts). */
import type Database from 'better-sqlite3';
import type { DeviceState } from '../../model/telemetry.js';
import type { DeviceStateRepository } from '../store.js';

interface DeviceStateRow {
  device_id: string;
  last_fix_time: number;
  state: string;
}

export function sqliteDeviceStates(db: Database.Database): DeviceStateRepository {
  const select = db.prepare<[string], DeviceStateRow>('SELECT * FROM device_state WHERE device_id IN (SELECT value FROM json_each(?))');
  const upsert = db.prepare<[string, number, string]>(
    `INSERT INTO device_state (device_id, last_fix_time, state) VALUES (?, ?, ?)
     ON CONFLICT (device_id) DO UPDATE SET last_fix_time = excluded.last_fix_time, state = excluded.state`,
  );
  const put = db.transaction((states: readonly DeviceState[]) => {
    for (const s of states) upsert.run(s.deviceId, s.lastFixTime, JSON.stringify(s.state));
  });
  return {
    async get(deviceIds) {
      if (deviceIds.length === 0) return new Map();
      return new Map(
        select.all(JSON.stringify(deviceIds)).map((row) => [
          row.device_id,
          { deviceId: row.device_id, lastFixTime: row.last_fix_time, state: JSON.parse(row.state) as DeviceState['state'] },
        ]),
      );
    },
    async put(states) {
      if (states.length > 0) put(states);
    },
  };
}
