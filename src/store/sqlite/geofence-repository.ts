/** User-defined geofences in SQLite (table `user_geofence`: telemetry-schema.ts). */
import type Database from 'better-sqlite3';
import type { UserGeofence } from '../../model/telemetry.js';
import type { GeofenceRepository } from '../store.js';

interface GeofenceRow {
  id: string;
  owner_id: string;
  name: string;
  geometry: string;
  sgln: string | null;
  created_at: string;
}

function toGeofence(row: GeofenceRow): UserGeofence {
  return {
    id: row.id,
    ownerId: row.owner_id,
    name: row.name,
    geometry: JSON.parse(row.geometry) as UserGeofence['geometry'],
    ...(row.sgln !== null ? { sgln: row.sgln } : {}),
    createdAt: row.created_at,
  };
}

export function sqliteGeofences(db: Database.Database): GeofenceRepository {
  const insert = db.prepare<[string, string, string, string, string | null, string]>(
    'INSERT INTO user_geofence (id, owner_id, name, geometry, sgln, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
  );
  const selectAll = db.prepare<[], GeofenceRow>('SELECT * FROM user_geofence ORDER BY id');
  const selectOwned = db.prepare<[string], GeofenceRow>('SELECT * FROM user_geofence WHERE owner_id = ? ORDER BY id');
  const remove = db.prepare<[string]>('DELETE FROM user_geofence WHERE id = ?');
  return {
    async create(geofence) {
      return insert.run(geofence.id, geofence.ownerId, geofence.name, JSON.stringify(geofence.geometry), geofence.sgln ?? null, geofence.createdAt).changes === 1;
    },
    async list(filter = {}) {
      return (filter.ownerId === undefined ? selectAll.all() : selectOwned.all(filter.ownerId)).map(toGeofence);
    },
    async delete(id) {
      return remove.run(id).changes === 1;
    },
  };
}
