/**
 * Migrations that change what the shipment read model holds (a column, a field of the folded
 * state) empty it and start the `shipments` follower again from the first event, as `karvon
 * rebuild` does: rows folded by an older Karvon lack what the new one writes. A server answers
 * /ready 503 until it has folded everything again.
 */
export const REFOLD_SHIPMENTS = `
  DELETE FROM shipment;
  DELETE FROM shipment_alias;
  DELETE FROM shipment_link;
  DELETE FROM shipment_lookup;
  DELETE FROM shipment_country;
  DELETE FROM shipment_stop;
  DELETE FROM shipment_event;
  DELETE FROM shipment_search;
  DELETE FROM shipment_audience;
  UPDATE followers SET position = 0, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE name = 'shipments';
  UPDATE shipment_key_counter SET counter = 0;
`;

/**
 * Migration `shipment-timeline-what`: every timeline entry of the folded state gains `what`, the
 * step as data that the web app phrases in the reader's language (src/projections/timeline-what.ts).
 */
export const SHIPMENT_TIMELINE_WHAT_SCHEMA = REFOLD_SHIPMENTS;
