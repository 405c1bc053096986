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

/** The registration (krv:registration) of the latest registration event among the shipment's events. */
export function registrationOf(shipment: Pick<ShipmentState, 'events'>): unknown {
  for (let i = shipment.events.length - 1; i >= 0; i--) {
    const event = shipment.events[i]!.event;
    // An error declaration repeats the event it declares erroneous: it is not a registration.
    if (event.bizStep !== BIZ_STEP.shipmentRegistering || event.errorDeclaration !== undefined) continue;
    const registration = karvonField(event, 'registration');
    if (registration !== undefined) return registration;
  }
  return undefined;
}

/** The itinerary of the latest registration event among the shipment's events, if it has one. */
export function registeredItinerary(shipment: Pick<ShipmentState, 'events'>): readonly ItineraryLeg[] | undefined {
  const registration = registrationOf(shipment);
  const legs = typeof registration === 'object' && registration !== null ? (registration as Record<string, unknown>).itinerary : undefined;
  return Array.isArray(legs) && legs.length > 0 && legs.every(isLeg) ? legs : undefined;
}
