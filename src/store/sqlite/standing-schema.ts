/**
 * Migration of "reading is never a side effect of writing" (src/access/audience.ts):
 * - `event.recorder_keys`: who recorded each event, as the visibility policy weighs it, fixed at
 *   capture time (encoding in recorder-column.ts). Events stored before it carry NULL: local ones
 *   stay trusted, an organisation's have no standing anywhere (the keys it had are not known).
 * - `shipment_link.private`: a link learnt from an organisation's event while another shipment held
 *   the value; it leads only events of organisations standing in the shipment.
 * - `shipment_lookup.private`: a term of a number held only privately; lookups try own holders first.
 * - `shipment_alias` keyed by (alias, key): an id may lead to several shipments (two organisations'
 *   shipments under one booking number); a reader picks among those it may see, one whose id comes
 *   from a number it holds as its own (`private` 0) first.
 * - The audience of a shipment is now grown event by event from who recorded each event, so the
 *   read model is emptied and its checkpoint reset: the next start folds every event again (the
 *   server answers /ready with 503 until it has caught up).
 */
export const STANDING_SCHEMA = `
  ALTER TABLE event ADD COLUMN recorder_keys TEXT;
  ALTER TABLE shipment_link ADD COLUMN private INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE shipment_lookup ADD COLUMN private INTEGER NOT NULL DEFAULT 0;
  DELETE FROM shipment;
  DROP TABLE shipment_alias;
  CREATE TABLE shipment_alias (
    alias TEXT NOT NULL,
    key TEXT NOT NULL,
    private INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (alias, key)
  ) WITHOUT ROWID;
  CREATE INDEX shipment_alias_by_key ON shipment_alias (key);
  DELETE FROM shipment_link;
  DELETE FROM shipment_lookup;
  DELETE FROM shipment_country;
  DELETE FROM shipment_stop;
  DELETE FROM shipment_event;
  DELETE FROM shipment_search;
  DELETE FROM shipment_audience;
  UPDATE shipment_checkpoint SET position = 0, key_counter = 0;
`;
