/** Migration `alerts`: the alerts of src/alerts/ (contract: ../contract/alerts.ts). */

/**
 * `unresolved_key` is the key while the alert is not resolved and NULL after: the UNIQUE index on it
 * keeps one unresolved alert per kind and subject, and resolved alerts stay as history.
 */
export const ALERTS_SCHEMA = `
  CREATE TABLE alert (
    id TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    unresolved_key TEXT,
    kind TEXT NOT NULL,
    severity TEXT NOT NULL,
    status TEXT NOT NULL,
    shipment_key TEXT,
    device_id TEXT,
    corridor TEXT,
    country TEXT,
    updated_at TEXT NOT NULL,
    body TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE UNIQUE INDEX alert_unresolved ON alert (unresolved_key) WHERE unresolved_key IS NOT NULL;
  CREATE INDEX alert_by_update ON alert (updated_at DESC, id DESC);
  CREATE INDEX alert_by_status ON alert (status, updated_at DESC, id DESC);
  CREATE INDEX alert_by_shipment ON alert (shipment_key, updated_at DESC) WHERE shipment_key IS NOT NULL;
`;
