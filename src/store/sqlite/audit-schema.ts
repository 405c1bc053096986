/**
 * Migration of the audit log (its chain rules: audit-chain.ts of the governance feature): one row per entry, `seq` the rowid,
 * so entries are read in chain order by a range scan and appended to the right edge of the table.
 * Actor and details are JSON text. No secondary index: the log is read in sequence order (paging,
 * verification, export) and filtering by action scans pages that are read anyway.
 *
 * Two triggers refuse UPDATE and DELETE: Karvon never changes an entry, so a stray statement fails
 * loudly instead of breaking the chain. They are a guard rail, not the protection: whoever can
 * write the file can drop them, and that is what the hash chain, the Merkle tree and its signed heads
 * (`karvon audit verify`, audit-tree-schema.ts) detect.
 */
export const AUDIT_SCHEMA = `
  CREATE TABLE audit_entry (
    seq INTEGER PRIMARY KEY,
    time TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    outcome TEXT NOT NULL,
    details TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  );
  CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`;
