/**
 * Migration of the visibility tables (src/access/visibility.ts is the policy; this is how SQLite
 * applies it in every read):
 * - `event.captured_by`: the organisation that captured an event (NULL for local imports, the
 *   simulator and the demo). Not indexed: it is only ever tested on rows already found another way.
 * - `shipment_audience` (member, key) WITHOUT ROWID: the audience keys of each shipment
 *   (`org:<id>`, `party:<id>`, `customs:<CC>`), led by the key so "shipments this caller may see"
 *   is a range scan per key of the caller; `shipment_audience_by_key` lets a shipment's rows be
 *   replaced and lets a list filter test one shipment with an index probe.
 * - `shipment_event_by_seq`: "is this event part of a shipment the caller sees" starts from the
 *   event's sequence, so it needs (seq) → key; the primary key is led by the shipment's key.
 * - `capture_job.captured_by`: the organisation a capture job captures for, so that a job resumed
 *   after a restart is authorised as the same organisation.
 * The shipment read model (migration 2) ships in the same release as this one, so no store holds
 * shipments folded without their audience: nothing needs refolding here.
 */
export const VISIBILITY_SCHEMA = `
  ALTER TABLE event ADD COLUMN captured_by TEXT;
  CREATE TABLE shipment_audience (
    member TEXT NOT NULL,
    key TEXT NOT NULL,
    PRIMARY KEY (member, key)
  ) WITHOUT ROWID;
  CREATE INDEX shipment_audience_by_key ON shipment_audience (key, member);
  CREATE INDEX shipment_event_by_seq ON shipment_event (seq, key);
  ALTER TABLE capture_job ADD COLUMN captured_by TEXT;
`;
