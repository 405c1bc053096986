/**
 * Alerts in SQLite (table `alert`: alert-schema.ts). The filterable fields are columns; the rest
 * of the alert (details, audience, acts, notes) is one JSON document, read and written whole: an
 * alert is small, and is read far more often by its filters than field by field.
 */
import type Database from 'better-sqlite3';
import type { Alert } from '../../model/alerts.js';
import type { AlertRepository } from '../store.js';
import { checkpointStatements } from './follower-repository.js';

interface AlertRow {
  body: string;
}

const rowOf = (alert: Alert) => [
  alert.id,
  alert.key,
  alert.status === 'resolved' ? null : alert.key,
  alert.kind,
  alert.severity,
  alert.status,
  alert.shipmentKey ?? null,
  alert.deviceId ?? null,
  alert.corridor ?? null,
  alert.country ?? null,
  alert.updatedAt,
  JSON.stringify(alert),
];

const alertOf = (row: AlertRow): Alert => JSON.parse(row.body) as Alert;

export function sqliteAlerts(db: Database.Database): AlertRepository {
  const checkpoints = checkpointStatements(db);
  const upsert = db.prepare<unknown[]>(
    `INSERT INTO alert (id, key, unresolved_key, kind, severity, status, shipment_key, device_id, corridor, country, updated_at, body)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET unresolved_key = excluded.unresolved_key, severity = excluded.severity, status = excluded.status,
       corridor = excluded.corridor, country = excluded.country, updated_at = excluded.updated_at, body = excluded.body`,
  );
  const insertNew = db.prepare<unknown[]>(
    `INSERT OR IGNORE INTO alert (id, key, unresolved_key, kind, severity, status, shipment_key, device_id, corridor, country, updated_at, body)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectUnresolved = db.prepare<[string], AlertRow>('SELECT body FROM alert WHERE unresolved_key IN (SELECT value FROM json_each(?))');
  const selectOne = db.prepare<[string], AlertRow>('SELECT body FROM alert WHERE id = ?');
  const selectUpdatedAt = db.prepare<[string], { updated_at: string }>('SELECT updated_at FROM alert WHERE id = ?');
  const listStatements = new Map<string, Database.Statement<unknown[], AlertRow>>();

  const commit = db.transaction((alerts: readonly Alert[], checkpoint: { follower: string; from: number; to: number }) => {
    // The checkpoint first: a conflicting batch must write nothing.
    checkpoints.move(checkpoint.follower, checkpoint.from, checkpoint.to);
    for (const alert of alerts) upsert.run(...rowOf(alert));
  });
  const update = db.transaction((alert: Alert, expectedUpdatedAt: string): boolean => {
    if (selectUpdatedAt.get(alert.id)?.updated_at !== expectedUpdatedAt) return false;
    upsert.run(...rowOf(alert));
    return true;
  });

  return {
    async commit(change) {
      commit(change.alerts, change.checkpoint);
    },
    async raise(alert) {
      return insertNew.run(...rowOf(alert)).changes === 1;
    },
    async unresolved(keys) {
      const out = new Map<string, Alert>();
      if (keys.length === 0) return out;
      for (const row of selectUnresolved.all(JSON.stringify([...new Set(keys)]))) {
        const alert = alertOf(row);
        out.set(alert.key, alert);
      }
      return out;
    },
    async get(id) {
      const row = selectOne.get(id);
      return row ? alertOf(row) : undefined;
    },
    async list(filter, page) {
      const where: string[] = [];
      const params: unknown[] = [];
      const anyOf = (column: string, values: readonly string[] | undefined) => {
        if (values === undefined) return;
        where.push(`${column} IN (SELECT value FROM json_each(?))`);
        params.push(JSON.stringify(values));
      };
      const equals = (column: string, value: string | undefined) => {
        if (value === undefined) return;
        where.push(`${column} = ?`);
        params.push(value);
      };
      anyOf('status', filter.status);
      anyOf('kind', filter.kind);
      anyOf('severity', filter.severity);
      equals('shipment_key', filter.shipmentKey);
      equals('device_id', filter.deviceId);
      equals('corridor', filter.corridor);
      equals('country', filter.country);
      if (page.after) {
        where.push('(updated_at < ? OR (updated_at = ? AND id < ?))');
        params.push(page.after.updatedAt, page.after.updatedAt, page.after.id);
      }
      const sql = `SELECT body FROM alert${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY updated_at DESC, id DESC LIMIT ?`;
      let statement = listStatements.get(sql);
      if (!statement) {
        statement = db.prepare<unknown[], AlertRow>(sql);
        listStatements.set(sql, statement);
      }
      return statement.all(...params, page.limit).map(alertOf);
    },
    async update(alert, expectedUpdatedAt) {
      return update.immediate(alert, expectedUpdatedAt);
    },
  };
}
