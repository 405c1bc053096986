// Pre-arrival data in the simulation: forwarders register a share of their shipments with Karvon
// (profile section 4.4) half a day to two days before the goods set off, with the itinerary they
// plan. Customs then see what is coming to their crossings before it moves, with arrival times from
// the plan, and the plan is what delays are measured against.
//
// The plan is the forwarder's, from the reference figures (moving time of each leg, the average
// border dwell, the midpoint of the wait for a Caspian ferry): the simulated journey draws its own
// times around them, so shipments run early or late against their plan as real ones do.
// A corridor that starts at a border crossing (Khorgos) is entered from its far side
// (sim-route.ts): the plan then starts at the nearest terminal of that side, so the crossing is a
// stop ahead of the goods.
import { distanceKm, referenceData, type Leg, type Location } from '../reference/index.js';
import { registrationEvent } from '../tracking/register-shipment.js';
import type { ItineraryLeg, ShipmentRegistration } from '../domain/shipment/shipment.js';
import type { SimRandom } from './prng.js';
import type { TimedEvent } from './sim-events.js';
import { DAY, HOUR, timingFact } from './sim-journey.js';
import type { SimRoute } from './sim-route.js';
import type { SimShipment } from './sim-types.js';

/** Share of shipments their forwarder registers ahead (Karvon's guess for the demo). */
export const REGISTERED_SHARE = 0.5;

/** A road or railway runs longer than the straight line between its ends (Karvon's rough factor). */
const WINDING = 1.3;

const GOODS = [
  { hsCode: '854140', description: 'photovoltaic cells and modules' },
  { hsCode: '870323', description: 'passenger cars' },
  { hsCode: '721049', description: 'galvanised steel sheets' },
  { hsCode: '520100', description: 'raw cotton' },
  { hsCode: '080810', description: 'fresh apples' },
];

/** The terminal of `country` nearest to `place`: where goods bound for a crossing come from on its far side. */
function nearestTerminal(country: string, place: Location): Location | undefined {
  let best: Location | undefined;
  for (const location of referenceData().locations.values()) {
    if (location.kind !== 'terminal' || !location.countries.includes(country as Location['countries'][number])) continue;
    if (!best || distanceKm(place, location) < distanceKm(place, best)) best = location;
  }
  return best;
}

/** Planned hours at stop `k` of the route before leg `k` (between leg k-1 and leg k). */
function plannedStopHours(route: SimRoute, k: number): number {
  const arrivedBy = route.corridor.legs[k - 1]!;
  const next = route.corridor.legs[k]!;
  if (arrivedBy.mode === 'sea') return 16;
  if (route.points[k]!.location.kind === 'border-crossing') return timingFact(`border-dwell-${arrivedBy.mode}`).value;
  if (next.mode === 'sea') return timingFact('ferry-waiting').value * 24;
  return 5;
}

/** At least an hour: a plan never arrives when it leaves, even on a leg the figures make short. */
function plannedLegHours(leg: Leg): number {
  return Math.max(1, leg.mode === 'sea' ? timingFact('ferry-at-sea').value * 24 : leg.durationH.value);
}

const iso = (ms: number) => new Date(Math.round(ms / HOUR) * HOUR).toISOString();

/** The plan of a shipment leaving (or, at a crossing, arriving at) the route's origin at `start`. */
function plannedItinerary(route: SimRoute, start: number): ItineraryLeg[] {
  const legs: ItineraryLeg[] = [];
  const origin = route.points[0]!;
  let t = start;
  if (origin.location.kind === 'border-crossing') {
    const from = nearestTerminal(origin.countryBefore, origin.location);
    const mode = route.corridor.legs[0]!.mode;
    if (from) {
      const hours = (distanceKm(from, origin.location) * WINDING) / timingFact(`speed-${mode}`).value;
      legs.push({ mode, from: from.id, to: origin.location.id, plannedDeparture: iso(t - hours * HOUR), plannedArrival: iso(t) });
    }
    t += timingFact(`border-dwell-${mode}`).value * HOUR;
  }
  route.corridor.legs.forEach((leg, i) => {
    if (i > 0) t += plannedStopHours(route, i) * HOUR;
    const arrival = t + plannedLegHours(leg) * HOUR;
    legs.push({ mode: leg.mode, from: leg.from, to: leg.to, plannedDeparture: iso(t), plannedArrival: iso(arrival) });
    t = arrival;
  });
  return legs;
}

/**
 * The registration event of a shipment whose convoy sets off (or reaches its first crossing) at
 * `start`, made some hours before; undefined for the shipments their forwarder does not register.
 */
export function simRegistration(route: SimRoute, start: number, shipment: SimShipment, rng: SimRandom): TimedEvent | undefined {
  if (!rng.chance(REGISTERED_SHARE)) return undefined;
  const itinerary = plannedItinerary(route, start);
  const goods = rng.pick(GOODS);
  const registration: ShipmentRegistration = {
    references: [{ kind: 'booking', value: shipment.bookingNumber }],
    parties: [
      { role: 'consignor', name: `Demo consignor (${route.points[0]!.countryBefore})`, country: route.points[0]!.countryBefore },
      { role: 'consignee', name: `Demo consignee (${route.points[route.points.length - 1]!.countryAfter})`, country: route.points[route.points.length - 1]!.countryAfter },
    ],
    goods: [{ ...goods, packages: 10 + rng.int(40), grossKg: 5_000 + rng.int(20_000) }],
    transportUnits: shipment.containers.map((id) => ({ kind: 'container' as const, id })),
    itinerary,
    corridorId: route.corridor.id,
  };
  const at = Date.parse(itinerary[0]!.plannedDeparture) - rng.uniform(0.5, 2) * DAY;
  return { at, event: registrationEvent(registration, new Date(Math.floor(at / 1000) * 1000)) };
}
