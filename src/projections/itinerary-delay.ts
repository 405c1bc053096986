// Delay against a registered itinerary: the latest planned point the shipment has reached (arrival
// at a leg's end, or departure from a leg's start), actual time minus planned time.
import type { ItineraryLeg } from '../domain/shipment/shipment.js';
import type { Delay, Visit } from './shipment-state.js';

const H = 3_600_000;

/** Hours as people read them: to a tenth (55.3, not 55.300000000000004). */
export function roundHours(hours: number): number {
  return Math.round(hours * 10) / 10 + 0;
}

/**
 * A delay as shown: how late the shipment is at the point it reached (negative: early), the planned
 * and the actual time to get there, rounded; an actual time is never negative (a shipment that left
 * before its planned start took the time from when it left).
 */
export function delayOf(late: number, plannedHours: number, actualHours: number, basis: string): Delay {
  return { hours: roundHours(late), plannedHours: roundHours(Math.max(0, plannedHours)), actualHours: roundHours(Math.max(0, actualHours)), basis };
}

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
  // Actual time runs from when the shipment left (the planned start until it is known to have left).
  const left = departedAt ? Date.parse(departedAt) : NaN;
  const actualStart = Number.isNaN(left) ? start : left;
  const plannedHours = Number.isNaN(start) ? 0 : (best.planned - start) / H;
  const actualHours = Number.isNaN(actualStart) ? 0 : (best.actual - actualStart) / H;
  return delayOf((best.actual - best.planned) / H, plannedHours, actualHours, 'registered itinerary');
}
