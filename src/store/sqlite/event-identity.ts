/**
 * What an event that could not be inserted is, next to what is stored: the same event again, the
 * same content under another eventID (a content duplicate, kept as an alias), or an eventID that
 * names another event (a conflict). Every question is one probe of a unique index (event_id,
 * hash_id or event_alias' key), asked inside the writing transaction, never a scan.
 */
import type Database from 'better-sqlite3';
import { decodeEventID, decodeHashID, encodeEventID, encodeHashID } from './compact-ids.js';

type Key = Buffer | string;

/** Whether two stored keys are the same value (a BLOB never equals a TEXT, as in SQLite). */
export function sameKey(a: Key, b: Key): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.equals(b);
}

/** The verdict on a plain event (no error declaration) against what is stored. */
export type Identity =
  | { kind: 'new' }
  | { kind: 'duplicate' }
  | { kind: 'content-duplicate' }
  | { kind: 'conflict'; stored: { hashID: string; capturedBy?: string } };

export interface EventIdentity {
  /** Before the insert: an eventID that is an alias decides at once (duplicate or conflict). */
  beforeInsert(eventID: string, hashID: string): Identity;
  /** After an insert that stored nothing: which unique key was hit, and what that means. */
  afterRefusedInsert(eventID: string, hashID: string): Identity;
  /** Keeps `eventID` as an alias of the stored event with `hashID`. */
  addAlias(eventID: string, hashID: string): void;
  /** When `eventID` is an alias of the stored event with `hashID`: that event's own eventID. */
  ownEventID(eventID: string, hashID: string): string | undefined;
  /** The hash ID an alias leads to, or undefined. */
  aliasOf(eventID: string): string | undefined;
  /** The hash IDs (stored forms) of those of `eventIDs` that are aliases: one probe each. */
  aliasHashes(eventIDs: readonly string[]): Key[];
}

export function eventIdentity(db: Database.Database): EventIdentity {
  const selectAlias = db.prepare<[Key], { hash_id: Key }>('SELECT hash_id FROM event_alias WHERE event_id = ?');
  const insertAlias = db.prepare('INSERT OR IGNORE INTO event_alias (event_id, hash_id) VALUES (?, ?)');
  // Plain events only (declared = 0): a declaration neither makes an eventID taken nor holds content.
  const plainByHash = db.prepare<[Key], { seq: number }>('SELECT seq FROM event WHERE hash_id = ? AND declared = 0');
  const plainByEventID = db.prepare<[Key], { hash_id: Key; captured_by: string | null }>(
    'SELECT hash_id, captured_by FROM event WHERE event_id = ? AND declared = 0',
  );
  const plainEventIDByHash = db.prepare<[Key], { event_id: Key }>('SELECT event_id FROM event WHERE hash_id = ? AND declared = 0');
  const capturerByHash = db.prepare<[Key], { captured_by: string | null }>('SELECT captured_by FROM event WHERE hash_id = ? AND declared = 0');

  const storedAt = (hash: Key, capturedBy: string | null | undefined) => ({
    hashID: decodeHashID(hash),
    ...(capturedBy ? { capturedBy } : {}),
  });
  const conflictWithHash = (hash: Key): Identity => ({ kind: 'conflict', stored: storedAt(hash, capturerByHash.get(hash)?.captured_by) });

  return {
    beforeInsert(eventID, hashID) {
      const alias = selectAlias.get(encodeEventID(eventID));
      if (!alias) return { kind: 'new' };
      return sameKey(alias.hash_id, encodeHashID(hashID)) ? { kind: 'duplicate' } : conflictWithHash(alias.hash_id);
    },
    afterRefusedInsert(eventID, hashID) {
      const id = encodeEventID(eventID);
      const hash = encodeHashID(hashID);
      // The eventID is taken: by this very event (the common resend: one probe), or by another.
      const named = plainByEventID.get(id);
      if (named) return sameKey(named.hash_id, hash) ? { kind: 'duplicate' } : { kind: 'conflict', stored: storedAt(named.hash_id, named.captured_by) };
      // Else the content is stored, under another eventID. An event sent without an eventID was
      // given its hash ID: nothing to alias.
      const sameContent = plainByHash.get(hash);
      if (!sameContent || eventID === hashID) return { kind: 'duplicate' };
      return { kind: 'content-duplicate' };
    },
    ownEventID(eventID, hashID) {
      const alias = selectAlias.get(encodeEventID(eventID));
      if (!alias || !sameKey(alias.hash_id, encodeHashID(hashID))) return undefined;
      const stored = plainEventIDByHash.get(alias.hash_id);
      return stored ? decodeEventID(stored.event_id) : undefined;
    },
    addAlias(eventID, hashID) {
      insertAlias.run(encodeEventID(eventID), encodeHashID(hashID));
    },
    aliasOf(eventID) {
      const alias = selectAlias.get(encodeEventID(eventID));
      return alias ? decodeHashID(alias.hash_id) : undefined;
    },
    aliasHashes(eventIDs) {
      const out: Key[] = [];
      for (const eventID of new Set(eventIDs)) {
        const alias = selectAlias.get(encodeEventID(eventID));
        if (alias) out.push(alias.hash_id);
      }
      return out;
    },
  };
}
