import { REFOLD_SHIPMENTS } from './shipment-refold.js';

/**
 * Migration `shipment-whereabouts`: what the customs officer's lists read from an index range
 * instead of every shipment (GET /api/shipments?at=, ?in=, ?crossing=):
 * - `shipment.at_location`, `at_since`: where the goods stand now and since when (epoch ms), with
 *   `shipment_at` (at_location, at_since, id): "at this post now, longest waiting first" is one range.
 * - `shipment.in_country`: the country the goods are in now, with `shipment_in` (in_country,
 *   last_time DESC, id), which keeps the list order like the status and corridor indexes do.
 * - `shipment_stop` gains `expected` (epoch ms of the likely arrival, or NO_EXPECTED_ARRIVAL) and the
 *   shipment's `id`, with `shipment_stop_by_expected` (location, expected, id): "coming to this
 *   crossing, soonest first" is one range with a keyset cursor, without reading the shipments first.
 *   Rebuilt rather than altered: its old rows have neither value.
 * Rows folded before this migration have none of these values, so the read model is emptied and the
 * `shipments` follower starts again from the first event (as `karvon rebuild` does): a server
 * answers /ready 503 until it has folded everything again.
 */
export const SHIPMENT_WHEREABOUTS_SCHEMA = `
  ALTER TABLE shipment ADD COLUMN at_location TEXT;
  ALTER TABLE shipment ADD COLUMN at_since INTEGER;
  ALTER TABLE shipment ADD COLUMN in_country TEXT;
  CREATE INDEX shipment_at ON shipment (at_location, at_since, id) WHERE at_location IS NOT NULL;
  CREATE INDEX shipment_in ON shipment (in_country, last_time DESC, id) WHERE in_country IS NOT NULL;

  DROP TABLE shipment_stop;
  CREATE TABLE shipment_stop (
    location TEXT NOT NULL,
    key TEXT NOT NULL,
    expected INTEGER NOT NULL,
    id TEXT NOT NULL,
    PRIMARY KEY (location, key)
  ) WITHOUT ROWID;
  CREATE INDEX shipment_stop_by_key ON shipment_stop (key);
  CREATE INDEX shipment_stop_by_expected ON shipment_stop (location, expected, id);

  ${REFOLD_SHIPMENTS}
`;

/** The `expected` of a stop without an expected arrival: after every instant, so it sorts last. */
export const NO_EXPECTED_ARRIVAL = Number.MAX_SAFE_INTEGER;
