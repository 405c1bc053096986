// Where a shipment's goods are now, as a customs officer at a crossing asks it ("what stands at my
// post, and since when?"). Read from physical movement steps only (docs/epcis-profile.md, 4.3):
// paperwork names the office's place, not the goods'. Pure.
import type { ItineraryLeg } from '../domain/shipment/shipment.js';
import { CONDITION_STEPS, isClosedStatus, type ShipmentStatus } from '../domain/status/shipment-status.js';
import type { Corridor, ReferenceData } from '../reference/index.js';
import { LEAVING } from './corridor-position.js';
import type { EventFacts } from './event-facts.js';
import type { CorridorPosition } from './shipment-state.js';

export interface CurrentWhereabouts {
  /** The location (reference id) the goods stand at: no later physical step says they left it. */
  readonly locationId?: string;
  /** When they got there: the first physical step of this stay at the location. */
  readonly since?: string;
  /**
   * The country the goods are in (ISO 3166-1 alpha-2). At a location: the side the last physical
   * step there states (at a border crossing, arrived-at-border is on the entry side), else the
   * location's only country. On the way: the country a border crossing read where the unit was
   * (not at a crossing point) says it entered, else the country both ends of the leg being
   * travelled share, when they share exactly one (none at sea, none on a leg that crosses a border mid-way).
   */
  readonly country?: string;
}

export interface WhereaboutsContext {
  readonly status: ShipmentStatus;
  readonly corridor?: Corridor;
  readonly position?: CorridorPosition;
  readonly itinerary?: readonly ItineraryLeg[];
  readonly reference: ReferenceData;
}

/** The one country two locations share, if exactly one. */
function sharedCountry(from: string, to: string, reference: ReferenceData): string | undefined {
  const a = reference.locations.get(from)?.countries ?? [];
  const b = new Set(reference.locations.get(to)?.countries ?? []);
  const shared = a.filter((c) => b.has(c));
  return shared.length === 1 ? shared[0] : undefined;
}

/** The side a step at a location states, trusted when it is one of the location's countries. */
function sideAt(locationId: string, stated: string | undefined, reference: ReferenceData): string | undefined {
  const countries: readonly string[] = reference.locations.get(locationId)?.countries ?? [];
  if (stated !== undefined && (countries.length === 0 || countries.includes(stated))) return stated;
  return countries.length === 1 ? countries[0] : undefined;
}

/** The leg the goods travel after leaving `leftFrom` (or on, by the corridor position). */
function legTravelled(context: WhereaboutsContext, leftFrom: string | undefined): { from: string; to: string } | undefined {
  const { corridor, position, itinerary } = context;
  if (corridor && position?.kind === 'on-leg') return corridor.legs[position.leg];
  if (leftFrom === undefined) return undefined;
  return itinerary?.find((leg) => leg.from === leftFrom) ?? corridor?.legs.find((leg) => leg.from === leftFrom);
}

/**
 * Where the goods are now, from the shipment's events in fold order (retracted ones left out).
 * A delivered or cancelled shipment is nowhere the network follows; one never moved yet has no whereabouts.
 */
export function currentWhereabouts(events: readonly EventFacts[], context: WhereaboutsContext): CurrentWhereabouts | undefined {
  if (isClosedStatus(context.status)) return undefined;
  let at: { locationId: string; since: string; country?: string } | undefined;
  let leftFrom: string | undefined;
  // The country a border crossing away from any crossing point (a unit's positions changing
  // country) says the goods entered, until a later step places them otherwise.
  let crossedInto: string | undefined;
  let moved = false;
  for (const f of events) {
    if (f.step?.source !== 'movement' || !f.where || f.where.kind === 'other') continue;
    // The unit's conditions (route, signal, seal) are read wherever it was; they do not place it.
    if (CONDITION_STEPS.has(f.step.kind)) continue;
    // A unit leaving one geofence may still stand inside another that overlaps it (a yard within a
    // crossing): leaving clears only the place it names.
    if (f.step.kind === 'left-place' && f.where.kind === 'location' && at !== undefined && at.locationId !== f.where.locationId) continue;
    moved = true;
    crossedInto = f.step.kind === 'border-passed' && f.where.kind === 'geo' ? f.country : undefined;
    if (f.where.kind === 'geo') {
      at = undefined;
      continue;
    }
    const locationId = f.where.locationId;
    if (LEAVING.has(f.step.kind)) {
      at = undefined;
      leftFrom = locationId;
      continue;
    }
    const country = sideAt(locationId, f.country, context.reference) ?? (at?.locationId === locationId ? at.country : undefined);
    // A second report from the same place (a position fix inside its geofence, an incident there)
    // does not restart the stay: the wait counts from the first.
    const since = at?.locationId === locationId ? at.since : f.event.eventTime;
    at = { locationId, since, ...(country ? { country } : {}) };
  }
  if (at) return at;
  if (!moved) return undefined;
  const leg = legTravelled(context, leftFrom);
  const country = crossedInto ?? (leg ? sharedCountry(leg.from, leg.to, context.reference) : undefined);
  return country ? { country } : {};
}
