import { describe, it, expect } from 'vitest';
import type { EpcisEvent } from '../../src/epcis/model.js';
import { CorridorStatistics, dwellKey, legKey } from '../../src/projections/corridor-statistics.js';
import { estimateArrival } from '../../src/projections/estimate-arrival.js';
import { remainingKey } from '../../src/projections/remaining-time.js';
import { foldShipment } from '../../src/projections/fold-shipment.js';
import type { ShipmentState } from '../../src/projections/shipment-state.js';
import { corridorById, referenceData } from '../../src/reference/index.js';
import { containerIri } from '../../src/domain/epcis-profile.js';
import { CORRIDOR, trip } from './profile-events.js';
import { projectionHarness } from './projection-harness.js';

const containerIriFor = (n: number) => containerIri(`TSTU${String(n).padStart(7, '0')}`);

const reference = referenceData();
const corridor = corridorById(CORRIDOR)!;
const H = 3_600_000;

function fold(events: readonly EpcisEvent[]): ShipmentState {
  let state: ShipmentState | undefined;
  for (const e of events) state = foldShipment(state, e, { reference });
  return state!;
}

/** Hours between the estimate's start and a time. */
function hoursFrom(start: string, time: string): number {
  return (Date.parse(time) - Date.parse(start)) / H;
}

/** A completed trip whose border crossing at Dostyk took `extraH` hours longer than the base trip. */
function completedTrip(n: number, extraH: number): EpcisEvent[] {
  const events = trip(`C${n}-`, `9000${n}`, `25KZ551100T00471${10 + n}`, containerIriFor(n), 1);
  const passed = events[8]!;
  events[8] = { ...passed, eventTime: new Date(Date.parse(passed.eventTime) + extraH * H).toISOString() };
  return events;
}

describe('estimateArrival', () => {
  it('falls back to the reference figures without observations', () => {
    const atDostyk = fold(trip().slice(0, 3));
    const eta = estimateArrival(atDostyk, new CorridorStatistics(reference), reference)!;
    expect(eta.from).toBe('2026-03-04T06:00:00.000Z');
    expect(eta.stops.map((s) => s.locationId)).toEqual(['aktau-port', 'alat-port', 'boyuk-kasik', 'tbilisi', 'poti-port']);
    const dwell = reference.timing.get('border-dwell-rail')!.value;
    const leg2 = corridor.legs[2]!.durationH.value;
    const aktau = eta.stops[0]!;
    expect(hoursFrom(eta.from, aktau.likely)).toBeCloseTo(dwell + leg2, 6);
    expect(aktau.basis).toBe('reference figures');
    const wait = reference.timing.get('ferry-waiting')!;
    const alat = eta.stops[1]!;
    expect(hoursFrom(eta.from, alat.likely)).toBeCloseTo(dwell + leg2 + wait.value * 24 + corridor.legs[3]!.durationH.value, 6);
    expect(hoursFrom(eta.from, alat.latest) - hoursFrom(eta.from, aktau.latest)).toBeGreaterThanOrEqual(wait.max! * 24);
    for (const s of eta.stops) {
      expect(Date.parse(s.earliest)).toBeLessThan(Date.parse(s.likely));
      expect(Date.parse(s.likely)).toBeLessThan(Date.parse(s.latest));
    }
    expect(eta.arrival).toEqual(eta.stops[4]);
  });

  it('starts from the leg the shipment is moving on', () => {
    const departed = fold(trip().slice(0, 1));
    const eta = estimateArrival(departed, undefined, reference)!;
    expect(eta.stops.map((s) => s.locationId)).toEqual(['urumqi', 'dostyk', 'aktau-port', 'alat-port', 'boyuk-kasik', 'tbilisi', 'poti-port']);
    expect(hoursFrom(eta.from, eta.stops[0]!.likely)).toBeCloseTo(corridor.legs[0]!.durationH.value, 6);
    // Urumqi is a terminal: no dwell is planned there.
    expect(hoursFrom(eta.from, eta.stops[1]!.likely)).toBeCloseTo(corridor.legs[0]!.durationH.value + corridor.legs[1]!.durationH.value, 6);
  });

  it('counts time already waited against the border dwell', () => {
    const atDostyk = fold(trip().slice(0, 3));
    const later = estimateArrival(atDostyk, undefined, reference, { now: new Date(Date.parse('2026-03-04T06:00:00Z') + 10 * H) })!;
    const dwell = reference.timing.get('border-dwell-rail')!.value;
    expect(hoursFrom('2026-03-04T06:00:00Z', later.stops[0]!.likely)).toBeCloseTo(Math.max(dwell, 10) + corridor.legs[2]!.durationH.value, 6);
  });

  it('uses observed quantiles of recent completed shipments when there are enough', async () => {
    const h = await projectionHarness({ reference });
    try {
      const projection = h.projection;
      await h.apply([...completedTrip(1, 0), ...completedTrip(2, 10), ...completedTrip(3, 20)]);
      // Statistics are read from the read model when asked for: stats() (or an estimate) loads them.
      const stats = await projection.stats();
      expect(stats.completedShipments).toBe(3);
      // Base trip: 32 h at Dostyk, then 112 h to Aktau; the later crossings take 10 h and 20 h more.
      expect(projection.statistics.get(dwellKey(corridor, 2, reference))).toEqual({ n: 3, p10: 32, p50: 42, p90: 52 });
      expect(projection.statistics.get(legKey('dostyk', 'aktau-port', 'rail'))).toEqual({ n: 3, p10: 92, p50: 102, p90: 112 });
      expect(stats.observations).toContainEqual({ key: legKey('dostyk', 'aktau-port', 'rail'), quantiles: { n: 3, p10: 92, p50: 102, p90: 112 } });
      // Whole remaining times are learnt for the ETA but not published with the network statistics.
      expect(projection.statistics.values(remainingKey(corridor, { stop: 2, left: false }, 3))).toHaveLength(3);
      expect(stats.observations.filter(({ key }) => key.startsWith('remaining:'))).toEqual([]);

      await h.apply(trip('N', '555', '25KZ551100T0047999', containerIriFor(9), 20).slice(0, 3));
      const eta = (await projection.estimate('smgs:555'))!;
      const aktau = eta.stops[0]!;
      expect([hoursFrom(eta.from, aktau.earliest), hoursFrom(eta.from, aktau.likely), hoursFrom(eta.from, aktau.latest)]).toEqual([124, 144, 164]);
      expect(aktau.basis).toBe('observed, n=3');
      // Aktau -> Alat took the same 26 h, and the wait at Aktau the same 0 h, on all three trips: times
      // equal to the second are one trip timed three times (the containers of one train), not three
      // observations, so the reference figures stand for that part.
      const wait = reference.timing.get('ferry-waiting')!.value * 24;
      expect(hoursFrom(eta.from, eta.stops[1]!.likely)).toBeCloseTo(144 + wait + corridor.legs[3]!.durationH.value, 6);
      expect(eta.stops[1]!.basis).toBe('observed (n=3) and reference figures');
      expect((await projection.stats()).completedShipments).toBe(3);
      // estimateFor a snapshot already read gives the same answer as estimate by id.
      expect(await projection.estimateFor((await projection.get('smgs:555'))!)).toEqual(eta);
    } finally {
      await h.close();
    }
  });

  it('publishes observed hours rounded to a tenth for people, and keeps the exact figures for the ETA', async () => {
    const h = await projectionHarness({ reference });
    try {
      // Crossings 10 h 7 min 13 s, 20 h 20 min and 30 h 59 min 59 s later than the base trip.
      await h.apply([...completedTrip(1, 10 + 433 / 3600), ...completedTrip(2, 20 + 1 / 3), ...completedTrip(3, 31 - 1 / 3600)]);
      const stats = await h.projection.stats();
      const dwell = stats.observations.find(({ key }) => key === dwellKey(corridor, 2, reference))!;
      expect(dwell.quantiles).toEqual({ n: 3, p10: 42.1, p50: 52.3, p90: 63 });
      expect(h.projection.statistics.get(dwellKey(corridor, 2, reference))!.p10).toBeCloseTo(42 + 433 / 3600, 2);
    } finally {
      await h.close();
    }
  });

  it('needs three observations before trusting them', async () => {
    const h = await projectionHarness({ reference });
    try {
      await h.apply([...completedTrip(1, 0), ...completedTrip(2, 10)]);
      await h.apply(trip('N', '555', '25KZ551100T0047999', containerIriFor(9), 20).slice(0, 3));
      expect((await h.projection.estimate('smgs:555'))!.stops[0]!.basis).toBe('reference figures');
    } finally {
      await h.close();
    }
  });

  it('has nothing to estimate for a delivered shipment or one without a corridor', () => {
    expect(estimateArrival(fold(trip()), undefined, reference)).toBeUndefined();
    const noCorridor = fold(trip().slice(0, 2).map((e) => ({ ...e, 'krv:corridor': undefined })));
    expect(noCorridor.corridor).toBeUndefined();
    expect(estimateArrival(noCorridor, undefined, reference)).toBeUndefined();
  });
});
