/**
 * Migration of the audit log's Merkle tree (merkle-*.ts and log-append.ts of the governance feature) and of the
 * link from each event to the audit entry that logs it.
 *
 * - `audit_node` (level, idx) WITHOUT ROWID: every perfect subtree of the tree, written when it is
 *   complete (level 0 are the leaf hashes). ~2 rows per entry, 32-byte BLOBs; a tree hash or proof
 *   of any size reads O(log n) of them by key. Triggers refuse UPDATE and DELETE, as on audit_entry.
 * - `audit_head`: one row, the head the last append signed, with its frontier (JSON list of hex
 *   hashes, largest subtree first) so the next append extends the signed tree without reading it.
 *   Written in the same transaction as the entry it covers.
 * - `event.audit_seq`: the audit entry that lists the event's hash ID, written by the transaction that
 *   stores the event (or, for a capture job resumed after a crash of an earlier version, by the entry
 *   it writes then). `karvon audit verify` checks every row against its entry; no index: it is only
 *   read while walking the events in sequence order.
 *
 * Events stored before this migration are linked here to the first capture entry listing their hash
 * ID (an error declaration to the last one, since it came later); events no entry lists stay NULL,
 * and verification reports them as not logged — which is what they are. A log written before this
 * migration gets its tree at the next start (AuditLog.open).
 */
export const AUDIT_TREE_SCHEMA = `
  CREATE TABLE audit_node (
    level INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    hash BLOB NOT NULL,
    PRIMARY KEY (level, idx)
  ) WITHOUT ROWID;
  CREATE TRIGGER audit_node_no_update BEFORE UPDATE ON audit_node
  BEGIN SELECT RAISE(ABORT, 'the audit tree is append-only'); END;
  CREATE TRIGGER audit_node_no_delete BEFORE DELETE ON audit_node
  BEGIN SELECT RAISE(ABORT, 'the audit tree is append-only'); END;

  CREATE TABLE audit_head (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    tree_size INTEGER NOT NULL,
    root_hash TEXT NOT NULL,
    timestamp TEXT NOT NULL,
    key_id TEXT NOT NULL,
    signature TEXT NOT NULL,
    frontier TEXT NOT NULL
  );

  ALTER TABLE event ADD COLUMN audit_seq INTEGER;

  CREATE TEMP TABLE logged_hash (hash NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (hash, seq)) WITHOUT ROWID;
  INSERT OR IGNORE INTO logged_hash (hash, seq)
    SELECT CASE
             WHEN length(j.value) = 89 AND substr(j.value, 1, 14) = 'ni:///sha-256;' AND substr(j.value, 79) = '?ver=CBV2.0'
                  AND substr(j.value, 15, 64) = lower(substr(j.value, 15, 64)) AND unhex(substr(j.value, 15, 64)) IS NOT NULL
             THEN unhex(substr(j.value, 15, 64))
             ELSE j.value
           END,
           a.seq
      FROM audit_entry a, json_each(a.details, '$.hashIDs') j
     WHERE a.action = 'epcis.capture' AND json_valid(a.details);
  UPDATE event SET audit_seq = (
    SELECT CASE WHEN event.declared = 1 THEN max(l.seq) ELSE min(l.seq) END FROM logged_hash l WHERE l.hash = event.hash_id
  );
  DROP TABLE logged_hash;
`;
