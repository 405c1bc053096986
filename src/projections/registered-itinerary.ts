// The planned itinerary of a shipment registered through Karvon: it travels in the registration
// event's krv:registration (profile section 4.4), so it survives restarts like every other fact.
import type { ItineraryLeg } from '../domain/shipment/shipment.js';
import { currentRegistration } from './registration-acts.js';
import type { ShipmentState } from './shipment-state.js';

function isLeg(value: unknown): value is ItineraryLeg {
  if (typeof value !== 'object' || value === null) return false;
  const leg = value as Record<string, unknown>;
  return ['mode', 'from', 'to', 'plannedDeparture', 'plannedArrival'].every((k) => typeof leg[k] === 'string');
}

/**
 * The registration in force (krv:registration): that of the latest registration event, or of a
 * later amendment by the registrant (src/projections/registration-acts.ts).
 */
export function registrationOf(shipment: Pick<ShipmentState, 'events'>): unknown {
  return currentRegistration(shipment.events);
}

/** The itinerary of the registration in force, if it has one: an amendment moves the plan delay and ETA are measured against. */
export function registeredItinerary(shipment: Pick<ShipmentState, 'events'>): readonly ItineraryLeg[] | undefined {
  const registration = registrationOf(shipment);
  const legs = typeof registration === 'object' && registration !== null ? (registration as Record<string, unknown>).itinerary : undefined;
  return Array.isArray(legs) && legs.length > 0 && legs.every(isLeg) ? legs : undefined;
}
