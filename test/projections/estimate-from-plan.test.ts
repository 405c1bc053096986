import { describe, it, expect } from 'vitest';
import type { EpcisEvent } from '../../src/epcis/model.js';
import type { ItineraryLeg, ShipmentRegistration } from '../../src/domain/shipment/shipment.js';
import { CorridorStatistics, dwellKey, legKey } from '../../src/projections/corridor-statistics.js';
import { estimateArrival } from '../../src/projections/estimate-arrival.js';
import { DEFAULT_LEG_SPREAD, estimateFromItinerary } from '../../src/projections/estimate-from-plan.js';
import { foldShipment } from '../../src/projections/fold-shipment.js';
import { referenceLegHours, referenceStopHours } from '../../src/projections/reference-timing.js';
import { registeredItinerary } from '../../src/projections/registered-itinerary.js';
import type { ShipmentState, Visit } from '../../src/projections/shipment-state.js';
import { corridorById, referenceData } from '../../src/reference/index.js';
import { registrationEvent } from '../../src/tracking/register-shipment.js';
import { trip } from './profile-events.js';

const reference = referenceData();
const H = 3_600_000;
// Tashkent -> Farap/Alat (border) -> Ashgabat: the first two legs of this reference corridor.
const SOUTH = 'trans-caspian-turkmenbashi';
const south = corridorById(SOUTH)!;

/** 36 h by rail to the border, 12 h planned wait there, 24 h on to Ashgabat. */
const PLAN: readonly ItineraryLeg[] = [
  { mode: 'rail', from: 'tashkent', to: 'farap-alat', plannedDeparture: '2026-05-01T08:00:00Z', plannedArrival: '2026-05-02T20:00:00Z' },
  { mode: 'rail', from: 'farap-alat', to: 'ashgabat', plannedDeparture: '2026-05-03T08:00:00Z', plannedArrival: '2026-05-04T08:00:00Z' },
];
const BEFORE_DEPARTURE = new Date('2026-04-20T00:00:00Z');

/** A shipment state with only what the estimate reads; the rest empty. */
function state(overrides: Partial<ShipmentState> = {}): ShipmentState {
  return {
    id: 'booking:BK-1',
    references: {},
    documents: [],
    transportUnits: [],
    carriers: [],
    status: 'planned',
    countries: [],
    transit: {},
    holds: [],
    timeline: [],
    visits: [],
    parties: [],
    events: [],
    itinerary: PLAN,
    ...overrides,
  };
}

const at = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * H).toISOString();

/** A completed trip on the southern corridor: `legH` hours Tashkent -> Farap/Alat, `dwellH` hours at the border. */
function completed(legH: number, dwellH: number): ShipmentState {
  const left = '2026-01-01T00:00:00Z';
  const visits: Visit[] = [
    { locationId: 'tashkent', firstAt: left, lastAt: left, leftAt: left },
    { locationId: 'farap-alat', firstAt: at(left, legH), lastAt: at(left, legH + dwellH) },
  ];
  return state({ status: 'arrived', corridor: SOUTH, visits, departedAt: left, arrivedAt: at(left, legH + dwellH + 30), itinerary: undefined });
}

function statisticsOf(trips: readonly ShipmentState[]): CorridorStatistics {
  const stats = new CorridorStatistics(reference);
  trips.forEach((t, i) => stats.record(`trip-${i}`, t));
  return stats;
}

describe('estimateFromItinerary', () => {
  it('gives the planned times as likely when nothing has been observed', () => {
    const eta = estimateFromItinerary(state(), new CorridorStatistics(reference), reference, { now: BEFORE_DEPARTURE })!;
    expect(eta.follows).toBe('itinerary');
    expect(eta.corridor).toBeUndefined();
    expect(eta.stops.map((s) => [s.stop, s.locationId, s.likely, s.basis])).toEqual([
      [1, 'farap-alat', '2026-05-02T20:00:00.000Z', 'registered plan'],
      [2, 'ashgabat', '2026-05-04T08:00:00.000Z', 'registered plan'],
    ]);
    expect(eta.stops[0]!.name).toBe(reference.locations.get('farap-alat')!.names.en);
    expect(eta.arrival).toEqual(eta.stops[1]);
    // The reference leg gives the spread around the plan.
    const figures = referenceLegHours(south.legs[0]!, reference);
    expect((Date.parse(eta.stops[0]!.latest) - Date.parse(PLAN[0]!.plannedDeparture)) / H).toBeCloseTo(36 * (figures.latest / figures.likely), 6);
    expect((Date.parse(eta.stops[0]!.earliest) - Date.parse(PLAN[0]!.plannedDeparture)) / H).toBeCloseTo(36 * (figures.earliest / figures.likely), 6);
    // A border in the plan is never quicker at worst than the reference says.
    const border = referenceStopHours(south, 1, reference);
    expect((Date.parse(eta.stops[1]!.latest) - Date.parse(eta.stops[0]!.latest)) / H).toBeGreaterThanOrEqual(border.latest + 24);
    for (const s of eta.stops) {
      expect(Date.parse(s.earliest)).toBeLessThan(Date.parse(s.likely));
      expect(Date.parse(s.likely)).toBeLessThan(Date.parse(s.latest));
    }
  });

  it('takes the observed p50 once a leg has three observations', () => {
    const trips = [completed(30, 4), completed(40, 5), completed(50, 6)];
    expect(statisticsOf(trips).get(legKey('tashkent', 'farap-alat', 'rail'))).toMatchObject({ n: 3, p50: 40 });
    expect(statisticsOf(trips).get(dwellKey(south, 1, reference))).toMatchObject({ n: 3, p50: 5 });

    const eta = estimateFromItinerary(state(), statisticsOf(trips), reference, { now: BEFORE_DEPARTURE })!;
    const departure = PLAN[0]!.plannedDeparture;
    expect(eta.stops[0]!.likely).toBe(at(departure, 40));
    expect(eta.stops[0]!.earliest).toBe(at(departure, 30));
    expect(eta.stops[0]!.latest).toBe(at(departure, 50));
    expect(eta.stops[0]!.basis).toBe('observed, n=3');
    // The border's observed 5 h replace the planned 12 h wait; the last leg is still the plan.
    expect(eta.stops[1]!.likely).toBe(at(departure, 40 + 5 + 24));
    expect(eta.stops[1]!.basis).toBe('observed (n=3) and registered plan');

    const two = estimateFromItinerary(state(), statisticsOf(trips.slice(0, 2)), reference, { now: BEFORE_DEPARTURE })!;
    expect(two.stops[0]!.likely).toBe('2026-05-02T20:00:00.000Z');
    expect(two.stops[0]!.basis).toBe('registered plan');
  });

  it('counts shipments that travelled together, with the same times, as one observation', () => {
    // Three containers of one train: the same leg and the same border wait, to the second.
    const train = [completed(40, 5), completed(40, 5), completed(40, 5)];
    expect(statisticsOf(train).get(legKey('tashkent', 'farap-alat', 'rail'))).toMatchObject({ n: 3 });
    const eta = estimateFromItinerary(state(), statisticsOf(train), reference, { now: BEFORE_DEPARTURE })!;
    expect(eta.stops[0]!.likely).toBe('2026-05-02T20:00:00.000Z');
    expect(eta.stops[0]!.basis).toBe('registered plan');
    // With two more trips timed apart from it, there are three observations.
    const more = estimateFromItinerary(state(), statisticsOf([...train, completed(30, 4), completed(50, 6)]), reference, { now: BEFORE_DEPARTURE })!;
    expect(more.stops[0]!.basis).toBe('observed, n=3');
    expect(more.stops[0]!.likely).toBe(at(PLAN[0]!.plannedDeparture, 40));
  });

  it('shifts the stops ahead by the delay the shipment already has, and only when it is behind', () => {
    const arrived = '2026-05-03T06:00:00Z'; // 10 h after the planned arrival at the border
    const atBorder = (hours: number) =>
      state({
        status: 'at-border',
        visits: [
          { locationId: 'tashkent', firstAt: '2026-05-01T08:00:00Z', lastAt: '2026-05-01T08:00:00Z', leftAt: '2026-05-01T08:00:00Z' },
          { locationId: 'farap-alat', firstAt: arrived, lastAt: arrived },
        ],
        lastEventTime: arrived,
        delay: { hours, plannedHours: 36, actualHours: 36 + hours, basis: 'registered itinerary' },
      });
    const late = estimateFromItinerary(atBorder(10), undefined, reference, { now: new Date(arrived) })!;
    expect(late.stops.map((s) => s.locationId)).toEqual(['ashgabat']);
    expect(late.stops[0]!.likely).toBe(at(PLAN[1]!.plannedArrival, 10));

    const early = estimateFromItinerary(atBorder(-5), undefined, reference, { now: new Date(arrived) })!;
    expect(early.stops[0]!.likely).toBe('2026-05-04T08:00:00.000Z');
  });

  it('never estimates a stop before now when the planned departure is past', () => {
    const now = new Date('2026-05-10T00:00:00Z');
    const notLeft = estimateFromItinerary(state(), undefined, reference, { now })!;
    expect(notLeft.from).toBe(now.toISOString());
    expect(notLeft.stops[0]!.likely).toBe(at(now.toISOString(), 36));
    expect(notLeft.stops[1]!.likely).toBe(at(now.toISOString(), 36 + 12 + 24));

    // Left on time, not heard of since, and the planned arrival at the border has passed.
    const moving = state({ status: 'departed', departedAt: PLAN[0]!.plannedDeparture, lastEventTime: PLAN[0]!.plannedDeparture });
    const lateNow = new Date('2026-05-03T00:00:00Z');
    const eta = estimateFromItinerary(moving, undefined, reference, { now: lateNow })!;
    for (const s of eta.stops) {
      for (const t of [s.earliest, s.likely, s.latest]) expect(Date.parse(t)).toBeGreaterThanOrEqual(lateNow.getTime());
    }
    expect(eta.stops[0]!.likely).toBe(lateNow.toISOString());
    // The stop pushed to now pushes the next one: the wait and the last leg still lie ahead.
    expect(eta.stops[1]!.likely).toBe(at(lateNow.toISOString(), 12 + 24));
  });

  it('keeps a location the reference data does not know, timed by the plan with the default spread', () => {
    const itinerary: ItineraryLeg[] = [
      { mode: 'road', from: 'tashkent', to: 'nowhere-dry-port', plannedDeparture: '2026-05-01T00:00:00Z', plannedArrival: '2026-05-01T10:00:00Z' },
      { mode: 'road', from: 'nowhere-dry-port', to: 'almaty', plannedDeparture: '2026-05-01T10:00:00Z', plannedArrival: '2026-05-02T00:00:00Z' },
    ];
    const eta = estimateFromItinerary(state({ itinerary }), new CorridorStatistics(reference), reference, { now: BEFORE_DEPARTURE })!;
    expect(eta.stops.map((s) => [s.locationId, s.name, s.likely])).toEqual([
      ['nowhere-dry-port', 'nowhere-dry-port', '2026-05-01T10:00:00.000Z'],
      ['almaty', reference.locations.get('almaty')!.names.en, '2026-05-02T00:00:00.000Z'],
    ]);
    expect(eta.stops[0]!.latest).toBe(at('2026-05-01T00:00:00Z', 10 * DEFAULT_LEG_SPREAD.late));
  });

  it('has nothing to estimate once the shipment reached the destination, or from an unreadable plan', () => {
    const there = state({ status: 'in-transit', visits: [{ locationId: 'ashgabat', firstAt: '2026-05-04T08:00:00Z', lastAt: '2026-05-04T08:00:00Z' }] });
    expect(estimateFromItinerary(there, undefined, reference, { now: BEFORE_DEPARTURE })).toBeUndefined();
    const broken = state({ itinerary: [{ ...PLAN[0]!, plannedArrival: 'soon' }] });
    expect(estimateFromItinerary(broken, undefined, reference, { now: BEFORE_DEPARTURE })).toBeUndefined();
  });
});

describe('estimateArrival with a registered itinerary', () => {
  it('follows the plan while the corridor cannot place the shipment, and the corridor once it can', () => {
    const noCorridor = estimateArrival(state(), undefined, reference, { now: BEFORE_DEPARTURE })!;
    expect(noCorridor.follows).toBe('itinerary');
    expect(noCorridor.arrival!.likely).toBe('2026-05-04T08:00:00.000Z');

    const plannedOnCorridor = estimateArrival(state({ corridor: SOUTH, position: { kind: 'at-stop', stop: 0, since: '2026-04-19T00:00:00Z' } }), undefined, reference, { now: BEFORE_DEPARTURE })!;
    expect(plannedOnCorridor.follows).toBe('itinerary');
    expect(plannedOnCorridor.corridor).toBe(SOUTH);
    expect(plannedOnCorridor.stops.map((s) => s.locationId)).toEqual(['farap-alat', 'ashgabat']);

    let moving: ShipmentState | undefined;
    for (const e of trip().slice(0, 3)) moving = foldShipment(moving, e, { reference });
    const withPlan = { ...moving!, itinerary: PLAN };
    const eta = estimateArrival(withPlan, undefined, reference)!;
    expect(eta.follows).toBe('corridor');
    expect(eta).toEqual(estimateArrival(moving!, undefined, reference));
  });

  it('gives a shipment registered through Karvon an ETA before any corridor event', () => {
    const registration: ShipmentRegistration = {
      references: [{ kind: 'booking', value: 'BK-PLAN-1' }],
      parties: [{ role: 'consignor', name: 'Toshkent Tekstil', country: 'UZ' }],
      goods: [{ hsCode: '520812', description: 'Cotton fabric', packages: 10, grossKg: 1000 }],
      transportUnits: [],
      itinerary: PLAN,
    };
    const event: EpcisEvent = registrationEvent(registration, new Date('2026-04-15T09:00:00Z'));
    const folded = foldShipment(undefined, event, { reference });
    // As the projection does: the itinerary travels in the registration event.
    const registered = { ...folded, itinerary: registeredItinerary(folded)! };
    expect(registered.status).toBe('planned');
    const eta = estimateArrival(registered, undefined, reference, { now: BEFORE_DEPARTURE })!;
    expect(eta.follows).toBe('itinerary');
    expect(eta.stops.map((s) => s.likely)).toEqual(['2026-05-02T20:00:00.000Z', '2026-05-04T08:00:00.000Z']);
  });
});
