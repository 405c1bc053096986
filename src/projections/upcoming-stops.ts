/**
 * Where a shipment is still going: the stops of its corridor it has not left yet. This is what a
 * customs officer at a crossing asks ("which shipments are coming to my office?").
 */
import type { ReferenceData } from '../reference/index.js';
import { stopLocation } from './corridor-position.js';
import type { ShipmentState } from './shipment-state.js';

/** Location ids of the stops ahead of the shipment (the current stop included); none once delivered. */
export function upcomingStops(shipment: ShipmentState, reference: ReferenceData): string[] {
  if (shipment.status === 'delivered' || !shipment.corridor) return [];
  const corridor = reference.corridors.get(shipment.corridor);
  if (!corridor) return [];
  const position = shipment.position;
  const first = !position ? 0 : position.kind === 'at-stop' ? position.stop : position.leg + 1;
  const stops: string[] = [];
  for (let stop = first; stop <= corridor.legs.length; stop++) stops.push(stopLocation(corridor, stop));
  return stops;
}
