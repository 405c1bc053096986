/**
 * A digest of everything a projection knows about shipments, so that two projections (the live one
 * and one rebuilt from the store) can be compared in one line: equal digests, equal state.
 */
import { createHash } from 'node:crypto';
import type { ShipmentQueries } from './shipment-queries.js';

/** SHA-256 over every shipment's state, in list order. */
export async function projectionDigest(projection: Pick<ShipmentQueries, 'list'>): Promise<string> {
  const hash = createHash('sha256');
  let cursor: string | undefined;
  do {
    const page = await projection.list({ limit: 1000, ...(cursor ? { cursor } : {}) });
    for (const state of page.shipments) hash.update(JSON.stringify(state));
    cursor = page.nextCursor;
  } while (cursor);
  return hash.digest('hex');
}
