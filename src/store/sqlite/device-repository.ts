/** The device registry and attachments in SQLite (tables `device`, `device_attachment`: telemetry-schema.ts). */
import type Database from 'better-sqlite3';
import type { Attachment, StoredDevice } from '../../model/telemetry.js';
import { AttachmentOverlap, type DeviceRepository } from '../store.js';

interface DeviceRow {
  id: string;
  kind: string;
  owner_id: string;
  reporting_period_s: number;
  name: string | null;
  status: string;
  created_at: string;
  credential_hash: string | null;
}

interface AttachmentRow {
  device_id: string;
  from_time: number;
  to_time: number | null;
  unit_kind: string;
  unit_id: string;
  unit_epc: string;
}

function toDevice(row: DeviceRow): StoredDevice {
  return {
    id: row.id,
    kind: row.kind as StoredDevice['kind'],
    ownerId: row.owner_id,
    reportingPeriodS: row.reporting_period_s,
    ...(row.name !== null ? { name: row.name } : {}),
    status: row.status as StoredDevice['status'],
    createdAt: row.created_at,
    ...(row.credential_hash !== null ? { credentialHash: row.credential_hash } : {}),
  };
}

function toAttachment(row: AttachmentRow): Attachment {
  return {
    deviceId: row.device_id,
    unitKind: row.unit_kind as Attachment['unitKind'],
    unitId: row.unit_id,
    unitEpc: row.unit_epc,
    from: row.from_time,
    ...(row.to_time !== null ? { to: row.to_time } : {}),
  };
}

export function sqliteDevices(db: Database.Database): DeviceRepository {
  const insertDevice = db.prepare(
    `INSERT INTO device (id, kind, owner_id, reporting_period_s, name, status, created_at, credential_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO NOTHING`,
  );
  const selectDevice = db.prepare<[string], DeviceRow>('SELECT * FROM device WHERE id = ?');
  const selectDevices = db.prepare<[string], DeviceRow>('SELECT * FROM device WHERE id IN (SELECT value FROM json_each(?))');
  const countDevices = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM device');
  const selectAll = db.prepare<[], DeviceRow>('SELECT * FROM device ORDER BY id');
  const selectOwned = db.prepare<[string], DeviceRow>('SELECT * FROM device WHERE owner_id = ? ORDER BY id');
  const selectByCredential = db.prepare<[string], DeviceRow>('SELECT * FROM device WHERE credential_hash = ?');
  const updateDevice = db.prepare<[string | null, string, number, string | null, string]>(
    'UPDATE device SET name = ?, status = ?, reporting_period_s = ?, credential_hash = ? WHERE id = ?',
  );

  const insertAttachment = db.prepare<[string, number, number | null, string, string, string]>(
    'INSERT INTO device_attachment (device_id, from_time, to_time, unit_kind, unit_id, unit_epc) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const selectOverlapping = db.prepare<[string, number], AttachmentRow>(
    'SELECT * FROM device_attachment WHERE device_id = ? AND (to_time IS NULL OR to_time > ?) ORDER BY from_time LIMIT 1',
  );
  const selectOpen = db.prepare<[string], AttachmentRow>('SELECT * FROM device_attachment WHERE device_id = ? AND to_time IS NULL');
  const selectOpenOf = db.prepare<[string], AttachmentRow>(
    'SELECT * FROM device_attachment WHERE to_time IS NULL AND device_id IN (SELECT value FROM json_each(?))',
  );
  const closeAttachment = db.prepare<[number, string, number]>('UPDATE device_attachment SET to_time = ? WHERE device_id = ? AND from_time = ?');
  const selectOfDevice = db.prepare<[string], AttachmentRow>('SELECT * FROM device_attachment WHERE device_id = ? ORDER BY from_time');
  const selectOfUnit = db.prepare<[string], AttachmentRow>('SELECT * FROM device_attachment WHERE unit_epc = ? ORDER BY from_time, device_id');

  const update = db.transaction((id: string, changes: Partial<Pick<StoredDevice, 'name' | 'status' | 'reportingPeriodS' | 'credentialHash'>>) => {
    const row = selectDevice.get(id);
    if (!row) return undefined;
    // A name or credential given as undefined is removed; status and period cannot be, so undefined keeps them.
    const name = 'name' in changes ? (changes.name ?? null) : row.name;
    const credentialHash = 'credentialHash' in changes ? (changes.credentialHash ?? null) : row.credential_hash;
    updateDevice.run(name, changes.status ?? row.status, changes.reportingPeriodS ?? row.reporting_period_s, credentialHash, id);
    return toDevice(selectDevice.get(id)!);
  });
  // Checked and written in one IMMEDIATE transaction, so that two attaches of one device (from two
  // processes) cannot both pass the check.
  const attach = db.transaction((attachment: Attachment) => {
    const existing = selectOverlapping.get(attachment.deviceId, attachment.from);
    if (existing) throw new AttachmentOverlap(toAttachment(existing));
    insertAttachment.run(attachment.deviceId, attachment.from, attachment.to ?? null, attachment.unitKind, attachment.unitId, attachment.unitEpc);
  });
  const detach = db.transaction((deviceId: string, at: number) => {
    const open = selectOpen.get(deviceId);
    if (!open) return undefined;
    closeAttachment.run(at, deviceId, open.from_time);
    return toAttachment({ ...open, to_time: at });
  });

  return {
    async create(device) {
      return (
        insertDevice.run(device.id, device.kind, device.ownerId, device.reportingPeriodS, device.name ?? null, device.status, device.createdAt, device.credentialHash ?? null)
          .changes === 1
      );
    },
    async get(id) {
      const row = selectDevice.get(id);
      return row ? toDevice(row) : undefined;
    },
    async getMany(ids) {
      if (ids.length === 0) return new Map();
      return new Map(selectDevices.all(JSON.stringify(ids)).map((row) => [row.id, toDevice(row)]));
    },
    async list(filter = {}) {
      return (filter.ownerId === undefined ? selectAll.all() : selectOwned.all(filter.ownerId)).map(toDevice);
    },
    async count() {
      return countDevices.get()!.n;
    },
    async byCredential(credentialHash) {
      const row = selectByCredential.get(credentialHash);
      return row ? toDevice(row) : undefined;
    },
    async update(id, changes) {
      return update.immediate(id, changes);
    },
    async attach(attachment) {
      attach.immediate(attachment);
    },
    async detach(deviceId, at) {
      return detach.immediate(deviceId, at);
    },
    async attachments(deviceId) {
      return selectOfDevice.all(deviceId).map(toAttachment);
    },
    async attachmentsOfUnit(unitEpc) {
      return selectOfUnit.all(unitEpc).map(toAttachment);
    },
    async openAttachments(deviceIds) {
      if (deviceIds.length === 0) return new Map();
      return new Map(selectOpenOf.all(JSON.stringify(deviceIds)).map((row) => [row.device_id, toAttachment(row)]));
    },
  };
}
