/** Events in sequence order with the audit entry that logs each (event.audit_seq), for `karvon audit verify`. */
import type Database from 'better-sqlite3';
import type { EpcisEvent } from '../../epcis/model.js';
import type { LoggedEvent } from '../store.js';
import { decodeHashID } from './compact-ids.js';

interface Row {
  seq: number;
  hash_id: Buffer | string;
  captured_by: string | null;
  body: string;
  audit_seq: number | null;
}

/** Up to `limit` rows after `sequence`, each with its event parsed from the stored body. */
export function loggedEventsReader(db: Database.Database): (sequence: number, limit: number) => LoggedEvent[] {
  const rowsAfter = db.prepare<[number, number], Row>('SELECT seq, hash_id, captured_by, body, audit_seq FROM event WHERE seq > ? ORDER BY seq LIMIT ?');
  return (sequence, limit) =>
    rowsAfter.all(sequence, Math.max(1, Math.floor(limit))).map((row) => ({
      event: JSON.parse(row.body) as EpcisEvent,
      hashID: decodeHashID(row.hash_id),
      sequence: row.seq,
      ...(row.captured_by !== null ? { capturedBy: row.captured_by } : {}),
      ...(row.audit_seq !== null ? { auditSeq: row.audit_seq } : {}),
    }));
}
