/**
 * Where a shipment is still going, and when it is expected there: what a customs officer at a
 * crossing asks ("which shipments are coming to my office, and in what order?").
 *
 * The stops are those of the shipment's arrival estimate (estimate-arrival.ts), so they follow the
 * registered itinerary while the corridor cannot place the shipment (not departed yet, no known
 * corridor) and the corridor once it can: a shipment registered via Saryagash–Keles without a
 * corridor is coming to Saryagash–Keles. The stop the goods stand at is not ahead of them (that is
 * `current`, current-whereabouts.ts); nothing is ahead once they have arrived, been delivered or the shipment was cancelled.
 *
 * `expected` is the likely arrival of that estimate made at fold time, counted from the shipment's
 * latest event with the reference figures and the registered plan only (the projection has no live
 * statistics). It is a sort key: lists of what is coming are ordered by it, and each answer
 * carries a range computed afresh when it is read (ShipmentQueries.estimateFor).
 */
import { isClosedStatus } from '../domain/status/shipment-status.js';
import type { ReferenceData } from '../reference/index.js';
import { estimateArrival } from './estimate-arrival.js';
import type { ShipmentState } from './shipment-state.js';

export interface UpcomingStop {
  readonly locationId: string;
  /** Epoch ms of the likely arrival at fold time. */
  readonly expected: number;
}

/** The stops ahead of the shipment in the order it reaches them, each with its expected arrival. */
export function upcomingStops(shipment: Omit<ShipmentState, 'events'>, reference: ReferenceData): UpcomingStop[] {
  if (isClosedStatus(shipment.status)) return [];
  const estimate = estimateArrival(shipment, undefined, reference);
  const stops: UpcomingStop[] = [];
  const seen = new Set<string>();
  for (const stop of estimate?.stops ?? []) {
    const expected = Date.parse(stop.likely);
    // A route through one place twice (out and back) is coming to it first at the earlier time.
    if (Number.isNaN(expected) || seen.has(stop.locationId)) continue;
    seen.add(stop.locationId);
    stops.push({ locationId: stop.locationId, expected });
  }
  return stops;
}
