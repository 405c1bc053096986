/**
 * The stops of a shipment's journey and where it stands among them: passed, current (standing
 * there now) or next, each still-to-come stop with its arrival estimate. The stops follow what the
 * server's estimate follows: the registered itinerary, else the corridor.
 */
import type { Reference } from '../../reference/reference-data';
import type { ShipmentDetail, StopEstimate } from './types';

export type StopState = 'passed' | 'current' | 'next';

export interface JourneyStop {
  readonly index: number;
  readonly locationId: string;
  readonly state: StopState;
  readonly estimate?: StopEstimate;
}

function stopIds(shipment: ShipmentDetail, reference: Reference): readonly string[] {
  const itinerary = shipment.itinerary ?? [];
  const corridor = shipment.corridor ? reference.corridors.get(shipment.corridor) : undefined;
  const followsItinerary = shipment.eta?.follows === 'itinerary' || (!corridor && itinerary.length > 0);
  if (followsItinerary && itinerary.length > 0) return [itinerary[0]!.from, ...itinerary.map((leg) => leg.to)];
  return corridor?.stops ?? [];
}

/** Index of the first stop not yet reached, and whether the goods stand at the one before it. */
function progressOf(shipment: ShipmentDetail, count: number): { reached: number; standing: boolean } {
  if (shipment.status === 'arrived' || shipment.status === 'delivered') return { reached: count, standing: shipment.status === 'arrived' };
  const firstEstimated = shipment.eta?.stops[0]?.stop;
  if (shipment.eta?.follows !== 'itinerary' && shipment.position) {
    return shipment.position.kind === 'at-stop'
      ? { reached: shipment.position.stop + 1, standing: true }
      : { reached: shipment.position.leg + 1, standing: false };
  }
  if (firstEstimated !== undefined) return { reached: shipment.departedAt ? firstEstimated : 0, standing: false };
  return { reached: shipment.departedAt ? 1 : 0, standing: false };
}

export function journeyStops(shipment: ShipmentDetail, reference: Reference): JourneyStop[] {
  const ids = stopIds(shipment, reference);
  const { reached, standing } = progressOf(shipment, ids.length);
  const estimates = new Map((shipment.eta?.stops ?? []).map((estimate) => [estimate.stop, estimate]));
  return ids.map((locationId, index) => {
    const state: StopState = index < reached - 1 || (index === reached - 1 && !standing) ? 'passed' : index === reached - 1 ? 'current' : 'next';
    const estimate = estimates.get(index);
    return { index, locationId, state, ...(state === 'next' && estimate ? { estimate } : {}) };
  });
}
