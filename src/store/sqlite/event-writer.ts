/**
 * Writing events: one transaction per insert() call, prepared statements, duplicates skipped.
 * The uniqueness of hash_id and event_id is enforced by SQLite itself (ON CONFLICT DO NOTHING), so
 * a new event costs one probe of each unique index and one of the (small) alias table, not a
 * separate look-up first. Only an event the insert refused is looked at again (event-identity.ts):
 * a duplicate, a content duplicate (its eventID becomes an alias) or a conflict (its eventID names
 * another event). With an audit builder, the batch's audit entry is appended in the same
 * transaction (audit-append.ts) and each row records its number (event.audit_seq): no event is ever
 * stored without its entry.
 */
import type Database from 'better-sqlite3';
import { EventIDTaken, type CaptureAuditBuilder, type InsertOptions, type InsertOutcome, type NewEvent } from '../store.js';
import type { EventIdentity, Identity } from './event-identity.js';
import type { AuditWriter } from './audit-append.js';
import { indexValues } from '../index-values.js';
import { encodeRecorder } from './recorder-column.js';
import { encodeEventID, encodeHashID } from './compact-ids.js';
import { ACTION_CODE, DESTINATION_SIDE, EPC_ROLE_CODE, NO_TYPE, QUANTITY_ROLE_CODE, SOURCE_SIDE, VOCAB_KIND } from './index-codes.js';
import type { IdentInterner, VocabInterner } from './interner.js';
import { validationError } from '../../epcis/exceptions.js';

/** Builds the insert function of the event repository. */
export function eventWriter(
  db: Database.Database,
  vocab: VocabInterner,
  ident: IdentInterner,
  audit: AuditWriter,
  identity: EventIdentity,
): (events: NewEvent[], auditBuilder?: CaptureAuditBuilder, options?: InsertOptions) => InsertOutcome {
  const insertEvent = db.prepare(
    `INSERT INTO event (event_id, hash_id, declared, event_type, event_time, record_time, action, biz_step, disposition,
                        read_point, biz_location, capture_job, captured_by, recorder_keys, body, audit_seq)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  // A duplicate this capture job stored earlier without an audit entry (an earlier version crashed
  // between the two): the entry written now logs it.
  const recoverUnlogged = db.prepare(
    'UPDATE event SET audit_seq = ? WHERE hash_id = ? AND declared = ? AND capture_job = ? AND audit_seq IS NULL',
  );
  const insertEpc = db.prepare('INSERT OR IGNORE INTO event_epc (epc, seq, role) VALUES (?, ?, ?)');
  const insertClass = db.prepare('INSERT OR IGNORE INTO event_class (class, seq, role) VALUES (?, ?, ?)');
  const insertBizTx = db.prepare('INSERT OR IGNORE INTO event_biz_tx (tx, seq, type) VALUES (?, ?, ?)');
  const insertParty = db.prepare('INSERT OR IGNORE INTO event_source_dest (party, seq, side, type) VALUES (?, ?, ?, ?)');
  const optionalVocab = (value: string | undefined, kind: number): number | null =>
    value === undefined ? null : vocab.intern(value, kind);

  const write = db.transaction((events: NewEvent[], auditBuilder: CaptureAuditBuilder | undefined, abortOnConflict: boolean): InsertOutcome => {
    const outcome: InsertOutcome = { inserted: [], insertedAt: [], duplicates: [], aliased: [], conflicts: [] };
    const tip = auditBuilder ? audit.tip() : undefined;
    const auditSeq = tip ? (tip.last?.seq ?? 0) + 1 : null;
    const recovered: string[] = [];
    events.forEach((item, i) => {
      let { event } = item;
      const { hashID } = item;
      if (typeof event.eventID !== 'string' || event.eventID === '') {
        throw validationError(`event ${i} has no eventID; the capture pipeline must assign one before storing`, [
          { pointer: `/${i}/eventID`, message: 'eventID is required' },
        ]);
      }
      if (typeof hashID !== 'string' || hashID === '') {
        throw validationError(`event ${i} has no hash ID; the capture pipeline must compute it before storing`, [
          { pointer: `/${i}/hashID`, message: 'hashID is required' },
        ]);
      }
      const declared = event.errorDeclaration === undefined ? 0 : 1;
      const duplicate = () => {
        outcome.duplicates.push(hashID);
        if (auditSeq !== null && item.captureJobID !== undefined && recoverUnlogged.run(auditSeq, encodeHashID(hashID), declared, item.captureJobID).changes > 0) {
          recovered.push(hashID);
        }
      };
      const judge = (verdict: Identity): void => {
        if (verdict.kind === 'conflict') outcome.conflicts.push({ index: i, eventID: event.eventID as string, hashID, stored: verdict.stored });
        else if (verdict.kind === 'content-duplicate') {
          identity.addAlias(event.eventID as string, hashID);
          outcome.aliased.push({ index: i, eventID: event.eventID as string, hashID });
          duplicate();
        } else duplicate();
      };
      // An eventID kept as an alias is decided before anything is written.
      const before = declared === 0 ? identity.beforeInsert(event.eventID, hashID) : undefined;
      if (before && before.kind !== 'new') {
        judge(before);
        return;
      }
      // A declaration under an alias declares the stored event: it is stored under that event's own
      // eventID, so that the event and its declaration share one eventID as the standard has them
      // (and whoever folds declarations by eventID finds the event). The row given is updated too.
      if (declared === 1) {
        const own = identity.ownEventID(event.eventID, hashID);
        if (own !== undefined) item.event = event = { ...event, eventID: own };
      }
      const v = indexValues(event);
      const info = insertEvent.run(
        encodeEventID(event.eventID as string),
        encodeHashID(hashID),
        declared,
        vocab.intern(v.eventType, VOCAB_KIND.eventType),
        v.eventTime,
        v.recordTime,
        v.action === undefined ? null : (ACTION_CODE[v.action] ?? null),
        optionalVocab(v.bizStep, VOCAB_KIND.bizStep),
        optionalVocab(v.disposition, VOCAB_KIND.disposition),
        optionalVocab(v.readPoint, VOCAB_KIND.readPoint),
        optionalVocab(v.bizLocation, VOCAB_KIND.bizLocation),
        item.captureJobID ?? null,
        item.capturedBy ?? null,
        encodeRecorder(item.recorder),
        JSON.stringify(event),
        auditSeq,
      );
      if (info.changes === 0) {
        // A declaration is a duplicate of the stored declaration; a plain event is judged.
        if (declared === 1) duplicate();
        else judge(identity.afterRefusedInsert(event.eventID as string, hashID));
        return;
      }
      const seq = info.lastInsertRowid;
      for (const e of v.epcs) insertEpc.run(ident.intern(e.value), seq, EPC_ROLE_CODE[e.role]);
      for (const c of v.classes) insertClass.run(ident.intern(c.value), seq, QUANTITY_ROLE_CODE[c.role]);
      for (const b of v.bizTransactions) {
        const type = b.type === undefined ? NO_TYPE : vocab.intern(b.type, VOCAB_KIND.bizTransactionType);
        insertBizTx.run(ident.intern(b.value), seq, type);
      }
      for (const s of v.sources) {
        insertParty.run(ident.intern(s.value), seq, SOURCE_SIDE, vocab.intern(s.type, VOCAB_KIND.sourceDestinationType));
      }
      for (const d of v.destinations) {
        insertParty.run(ident.intern(d.value), seq, DESTINATION_SIDE, vocab.intern(d.type, VOCAB_KIND.sourceDestinationType));
      }
      outcome.inserted.push(hashID);
      outcome.insertedAt.push(i);
    });
    // Throwing rolls the transaction back: nothing of the batch is stored.
    if (abortOnConflict && outcome.conflicts.length > 0) throw new EventIDTaken(outcome.conflicts);
    if (auditBuilder && tip && outcome.inserted.length + recovered.length > 0) {
      const entry = audit.write(tip, auditBuilder({ hashIDs: [...outcome.inserted, ...recovered], recovered: recovered.length }, tip));
      outcome.auditSeq = entry.seq;
      if (recovered.length > 0) outcome.recovered = recovered;
    }
    return outcome;
  });

  return (events, auditBuilder, options) => {
    const abortOnConflict = options?.conflicts === 'abort';
    try {
      // IMMEDIATE when an entry is appended: the write lock is taken before the audit tip is read.
      return auditBuilder ? write.immediate(events, auditBuilder, abortOnConflict) : write(events, undefined, abortOnConflict);
    } catch (error) {
      // The transaction rolled back: ids the interners handed out in it no longer exist.
      vocab.reset();
      ident.reset();
      throw error;
    }
  };
}
