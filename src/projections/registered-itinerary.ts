// The planned itinerary of a shipment registered through Karvon: it travels in the registration
// event's krv:registration (profile section 4.4), so it survives restarts like every other fact.
import { BIZ_STEP } from '../domain/epcis-profile.js';
import type { ItineraryLeg } from '../domain/shipment/shipment.js';
import { karvonField } from './event-facts.js';
import type { ShipmentState } from './shipment-state.js';

function isLeg(value: unknown): value is ItineraryLeg {
  if (typeof value !== 'object' || value === null) return false;
  const leg = value as Record<string, unknown>;
  return ['mode', 'from', 'to', 'plannedDeparture', 'plannedArrival'].every((k) => typeof leg[k] === 'string');
}

/** The itinerary of the latest registration event among the shipment's events, if it has one. */
export function registeredItinerary(shipment: ShipmentState): readonly ItineraryLeg[] | undefined {
  for (let i = shipment.events.length - 1; i >= 0; i--) {
    const event = shipment.events[i]!.event;
    if (event.bizStep !== BIZ_STEP.shipmentRegistering) continue;
    const registration = karvonField(event, 'registration');
    const legs = typeof registration === 'object' && registration !== null ? (registration as Record<string, unknown>).itinerary : undefined;
    if (Array.isArray(legs) && legs.length > 0 && legs.every(isLeg)) return legs;
  }
  return undefined;
}
