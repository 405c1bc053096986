// Forwarders register about half of their shipments ahead, with the itinerary they plan
// (src/sim/sim-registration.ts): customs see what is coming before it moves.
import { describe, expect, it } from 'vitest';
import type { ItineraryLeg } from '../../src/domain/shipment/shipment.js';
import { corridorById, locationById } from '../../src/reference/index.js';
import { simulate } from '../../src/sim/simulate.js';
import { bookingOf, byShipment, isRegistration, stepOf } from './sim-helpers.js';

const result = simulate({ shipments: 200, days: 30, seed: 5 });
const groups = [...byShipment(result.events, bookingOf).values()];

describe('registrations in the simulation', () => {
  it('registers about half of the shipments, once each, before anything else happens to them', () => {
    const registered = groups.filter((events) => events.some(isRegistration));
    expect(registered.length / groups.length).toBeGreaterThan(0.35);
    expect(registered.length / groups.length).toBeLessThan(0.65);
    for (const events of registered) {
      expect(events.filter(isRegistration)).toHaveLength(1);
      expect(isRegistration(events[0]!)).toBe(true);
    }
  });

  it('plans every stop of the corridor in order, each leg starting where the previous one ended, after it was registered', () => {
    for (const events of groups.filter((g) => isRegistration(g[0]!))) {
      const registration = events[0]!['krv:registration'] as { itinerary: ItineraryLeg[]; corridorId: string };
      const legs = registration.itinerary;
      const corridor = corridorById(registration.corridorId)!;
      const corridorStops = [corridor.legs[0]!.from, ...corridor.legs.map((l) => l.to)];
      const plannedStops = [legs[0]!.from, ...legs.map((l) => l.to)];
      expect(plannedStops.slice(-corridorStops.length)).toEqual(corridorStops);
      legs.forEach((leg, i) => {
        expect(Date.parse(leg.plannedArrival)).toBeGreaterThan(Date.parse(leg.plannedDeparture));
        if (i > 0) expect(Date.parse(leg.plannedDeparture)).toBeGreaterThanOrEqual(Date.parse(legs[i - 1]!.plannedArrival));
      });
      expect(Date.parse(legs[0]!.plannedDeparture)).toBeGreaterThan(Date.parse(events[0]!.eventTime));
    }
  });

  it('plans a corridor that starts at a crossing from a terminal on its far side, due at the crossing when the goods get there', () => {
    const viaKhorgos = groups.filter((g) => isRegistration(g[0]!) && g[0]!['krv:corridor'] === 'kz-uz-saryagash-keles');
    expect(viaKhorgos.length).toBeGreaterThan(3);
    for (const events of viaKhorgos) {
      const first = (events[0]!['krv:registration'] as { itinerary: ItineraryLeg[] }).itinerary[0]!;
      expect(first.to).toBe('khorgos');
      expect(locationById(first.from)?.countries).toEqual(['CN']);
      const arrival = events.find((e) => stepOf(e) === 'arrived-at-border');
      if (arrival) expect(Math.abs(Date.parse(arrival.eventTime) - Date.parse(first.plannedArrival))).toBeLessThanOrEqual(30 * 60_000);
    }
  });
});
