// Delay against a registered itinerary: the latest planned point the shipment has reached (arrival
// at a leg's end, or departure from a leg's start), actual time minus planned time.
import type { ItineraryLeg } from '../domain/shipment/shipment.js';
import type { Delay, Visit } from './shipment-state.js';

const H = 3_600_000;

/** Undefined when the shipment has reached no point of the itinerary yet. */
export function delayAgainstItinerary(itinerary: readonly ItineraryLeg[], visits: readonly Visit[], departedAt: string | undefined): Delay | undefined {
  const visited = new Map(visits.map((v) => [v.locationId, v]));
  let best: { actual: number; planned: number } | undefined;
  const consider = (actual: string | undefined, planned: string) => {
    const a = actual ? Date.parse(actual) : NaN;
    const p = Date.parse(planned);
    if (Number.isNaN(a) || Number.isNaN(p)) return;
    if (!best || a >= best.actual) best = { actual: a, planned: p };
  };
  itinerary.forEach((leg, i) => {
    consider(visited.get(leg.from)?.leftAt ?? (i === 0 ? departedAt : undefined), leg.plannedDeparture);
    consider(visited.get(leg.to)?.firstAt, leg.plannedArrival);
  });
  if (!best) return undefined;
  const start = Date.parse(itinerary[0]?.plannedDeparture ?? '');
  const plannedHours = Number.isNaN(start) ? 0 : (best.planned - start) / H;
  const actualHours = Number.isNaN(start) ? 0 : (best.actual - start) / H;
  return { hours: (best.actual - best.planned) / H, plannedHours, actualHours, basis: 'registered itinerary' };
}
