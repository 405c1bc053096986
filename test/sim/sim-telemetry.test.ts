// The simulator's telemetry: what the containers' e-seals report along the journeys whose events it
// writes, checked against those events, the reference geofences and route lines, and the country
// polygons of world-atlas (the ones the telemetry pipeline tells countries by).
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import type { EpcisEvent } from '../../src/epcis/model.js';
import type { Position } from '../../src/model/telemetry.js';
import { distanceKm, distanceToLineKm, geofenceContains, locationBySgln, referenceData, type LonLat } from '../../src/reference/index.js';
import { ringContains } from '../../src/reference/geo.js';
import { DEFAULT_INCIDENT_RATES, type SimShipment } from '../../src/sim/index.js';
import { simulate } from '../../src/sim/simulate.js';
import { bookingOf, byShipment, stepOf } from './sim-helpers.js';

const PERIOD_S = 600;
const OPTIONS = { shipments: 200, days: 30, seed: 11, incidentRates: { ...DEFAULT_INCIDENT_RATES, sealProblem: 0.3, delay: 0.2 } };
const result = simulate({ ...OPTIONS, telemetry: { reportingPeriodS: PERIOD_S } });
const telemetry = result.telemetry!;
const readings = [...telemetry.readings];

const shipmentOfEpc = new Map(result.shipments.flatMap((s) => s.epcs.map((epc) => [epc, s] as const)));
const attachmentOf = new Map(telemetry.attachments.map((a) => [a.deviceId, a]));
const shipmentOfDevice = (deviceId: string): SimShipment => shipmentOfEpc.get(attachmentOf.get(deviceId)!.unitEpc)!;
const devicesOf = (s: SimShipment) => telemetry.attachments.filter((a) => s.epcs.includes(a.unitEpc)).map((a) => a.deviceId);
const readingsOf = new Map<string, Position[]>();
for (const r of readings) {
  if (!readingsOf.has(r.deviceId)) readingsOf.set(r.deviceId, []);
  readingsOf.get(r.deviceId)!.push(r);
}
const eventsOf = byShipment(result.events, bookingOf);
const shipmentEvents = (s: SimShipment) => eventsOf.get(s.booking.bizTransaction) ?? [];
const at = (e: EpcisEvent) => Date.parse(e.eventTime);
/** Readings of a shipment's devices strictly between two instants. */
const between = (s: SimShipment, from: number, to: number) => devicesOf(s).flatMap((d) => (readingsOf.get(d) ?? []).filter((r) => r.fixTime > from && r.fixTime < to));
const lonLat = (r: Position): LonLat => [r.lon, r.lat];

function hash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/** The events of each stay: an arrival step and the next leaving step at the same place, per shipment. */
function stays(arriveStep: string, leaveStep: string, kind: string) {
  const out: { shipment: SimShipment; arrival: EpcisEvent; leaving: EpcisEvent }[] = [];
  for (const s of result.shipments) {
    const events = shipmentEvents(s);
    events.forEach((arrival, i) => {
      if (stepOf(arrival) !== arriveStep || locationBySgln(arrival.readPoint!.id)?.kind !== kind) return;
      const leaving = events.slice(i + 1).find((e) => stepOf(e) === leaveStep && e.readPoint!.id === arrival.readPoint!.id);
      if (leaving) out.push({ shipment: s, arrival, leaving });
    });
  }
  return out;
}

/** The country of a point by the world-atlas 1:50m polygons, as ISO alpha-2 among the reference countries. */
const countryAt = (() => {
  const topology = createRequire(import.meta.url)('world-atlas/countries-50m.json') as Topology;
  const alpha2 = new Map([...referenceData().countries.values()].map((c) => [c.numeric, c.alpha2]));
  const shapes = (feature(topology, topology.objects.countries!) as GeoJSON.FeatureCollection).features
    .filter((f) => alpha2.has(String(f.id)))
    .map((f) => {
      const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : (f.geometry as GeoJSON.MultiPolygon).coordinates;
      return { code: alpha2.get(String(f.id))!, polygons: polygons.map((rings) => rings.map((ring) => ring.map(([lon, lat]): LonLat => [lon!, lat!]))) };
    });
  return ([lon, lat]: LonLat) =>
    shapes.find((s) => s.polygons.some(([outer, ...holes]) => ringContains(outer!, lon, lat) && !holes.some((h) => ringContains(h, lon, lat))))?.code;
})();

describe('the simulated e-seals', () => {
  it('one e-seal per container, owned by the carrier that took the goods at the origin, reporting at the period asked', () => {
    const containers = result.shipments.flatMap((s) => s.containers);
    expect(telemetry.devices.map((d) => d.id)).toEqual(containers.map((c) => `seal-${c}`));
    expect(new Set(telemetry.devices.map((d) => d.id)).size).toBe(containers.length);
    for (const device of telemetry.devices) {
      expect(device.kind).toBe('e-seal');
      expect(device.reportingPeriodS).toBe(PERIOD_S);
      const departed = shipmentEvents(shipmentOfDevice(device.id)).find((e) => stepOf(e) === 'departed');
      if (departed) expect(device.ownerParty).toBe(departed.sourceList!.find((x) => x.type.endsWith('possessing_party'))!.source);
    }
    expect(telemetry.attachments.map((a) => a.unitId)).toEqual(containers);
  });

  it('readings in fixTime order within the simulation, each inside its device attachment', () => {
    expect(readings.length).toBeGreaterThan(10_000);
    expect(readings.filter((r, i) => i > 0 && r.fixTime < readings[i - 1]!.fixTime)).toEqual([]);
    const outside = readings.filter((r) => {
      const a = attachmentOf.get(r.deviceId)!;
      return r.fixTime < Math.max(a.from, result.start.getTime()) || r.fixTime > Math.min(a.to, result.end.getTime());
    });
    expect(outside).toEqual([]);
  });

  it('attachments run from before the first event of the journey to after delivery', () => {
    let delivered = 0;
    for (const a of telemetry.attachments) {
      const events = shipmentEvents(shipmentOfEpc.get(a.unitEpc)!).filter((e) => e['krv:movementStep'] !== undefined);
      const first = events.find((e) => ['departed', 'arrived-at-border'].includes(stepOf(e)!));
      const last = events.find((e) => stepOf(e) === 'delivered');
      if (first) expect(a.from).toBeLessThan(at(first));
      if (last) {
        delivered++;
        expect(a.to).toBeGreaterThan(at(last));
        expect(a.to - at(last)).toBeLessThan(2 * 3_600_000);
      }
    }
    expect(delivered).toBeGreaterThan(50);
  });

  it('the same seed gives the same devices and readings; another seed other ones', () => {
    const small = { shipments: 40, days: 20, seed: 3, telemetry: { reportingPeriodS: 900 } };
    const once = simulate(small).telemetry!;
    const again = simulate(small).telemetry!;
    expect(hash([...again.readings])).toBe(hash([...once.readings]));
    expect(again.attachments).toEqual(once.attachments);
    expect(hash([...simulate({ ...small, seed: 4 }).telemetry!.readings])).not.toBe(hash([...once.readings]));
  });

  it('a reading is the same whichever window it is asked in', () => {
    const from = result.start.getTime() + 9.3 * 86_400_000;
    const to = from + 6 * 3_600_000;
    const window = [...telemetry.readingsBetween(from, to)];
    expect(window.length).toBeGreaterThan(100);
    expect(window).toEqual(readings.filter((r) => r.fixTime >= from && r.fixTime <= to));
    const limited = simulate({ ...OPTIONS, telemetry: { reportingPeriodS: PERIOD_S, from: new Date(from), to: new Date(to) } }).telemetry!;
    expect([...limited.readings]).toEqual(window);
  });

  it('keeps to the route lines of the shipment corridor, and moves no faster than a train or truck can', () => {
    const offRoute = readings.filter((r) => {
      const legs = referenceData().corridors.get(shipmentOfDevice(r.deviceId).corridorId)!.legs;
      return !legs.some((leg) => distanceToLineKm(leg.route, r.lon, r.lat) < 1);
    });
    expect(offRoute).toEqual([]);
    // Consecutive readings of a device: the way between them, less GPS noise and a yard's spread, at 120 km/h at most.
    const jumps = [...readingsOf.values()].flatMap((list) =>
      list.filter((r, i) => i > 0 && distanceKm(lonLat(list[i - 1]!), lonLat(r)) - 1.5 > (120 * (r.fixTime - list[i - 1]!.fixTime)) / 3_600_000),
    );
    expect(jumps).toEqual([]);
  });

  it('units waiting at a border crossing report from inside its geofence, standing, and from the right country on each side', () => {
    const crossings = stays('arrived-at-border', 'border-passed', 'border-crossing');
    expect(crossings.length).toBeGreaterThan(50);
    let inside = 0;
    let sided = 0;
    for (const { shipment, arrival, leaving } of crossings) {
      const location = locationBySgln(arrival.readPoint!.id)!;
      for (const r of between(shipment, at(arrival) + 1000, at(leaving))) {
        expect(geofenceContains(location, r.lon, r.lat), `${r.deviceId} at ${location.id}`).toBe(true);
        expect(r.speedKmh).toBe(0);
        inside++;
      }
      // Away from the post (route lines are rough near it), the unit is in the country the events name.
      const away = (r: Position) => distanceKm(location, lonLat(r)) > 15;
      for (const r of between(shipment, at(arrival) - 4 * 3_600_000, at(arrival)).filter(away)) {
        expect(countryAt(lonLat(r)), `${r.deviceId} before ${location.id}`).toBe(arrival['krv:country']);
        sided++;
      }
      for (const r of between(shipment, at(leaving) + 1000, at(leaving) + 4 * 3_600_000).filter(away)) {
        if (r.speedKmh === 0) continue;
        expect(countryAt(lonLat(r)), `${r.deviceId} after ${location.id}`).toBe(leaving['krv:country']);
        sided++;
      }
    }
    expect(inside).toBeGreaterThan(1000);
    expect(sided).toBeGreaterThan(500);
  });

  it('units waiting for a ferry report from inside the port geofence', () => {
    const waits = stays('arrived-at-border', 'loaded-on-ferry', 'port');
    expect(waits.length).toBeGreaterThan(10);
    for (const { shipment, arrival, leaving } of waits) {
      const port = locationBySgln(arrival.readPoint!.id)!;
      const list = between(shipment, at(arrival) + 1000, at(leaving));
      expect(list.length).toBeGreaterThan(0);
      for (const r of list) expect(geofenceContains(port, r.lon, r.lat)).toBe(true);
    }
  });

  it('no readings on open water: out of reach of both Caspian ports, the seals are silent for hours', () => {
    let voyages = 0;
    for (const s of result.shipments) {
      const events = shipmentEvents(s);
      const loaded = events.find((e) => stepOf(e) === 'loaded-on-ferry');
      const unloaded = events.find((e) => stepOf(e) === 'unloaded-from-ferry');
      if (!loaded || !unloaded) continue;
      const ports = [locationBySgln(loaded.readPoint!.id)!, locationBySgln(unloaded.readPoint!.id)!];
      for (const device of devicesOf(s)) {
        const list = (readingsOf.get(device) ?? []).filter((r) => r.fixTime > at(loaded) && r.fixTime < at(unloaded) && !r.sealCodes?.includes('01'));
        for (const r of list) expect(Math.min(...ports.map((p) => distanceKm(p, lonLat(r))))).toBeLessThan(31);
        const times = [at(loaded), ...list.map((r) => r.fixTime), at(unloaded)];
        expect(Math.max(...times.slice(1).map((t, i) => t - times[i]!))).toBeGreaterThan(6 * 3_600_000);
        voyages++;
      }
    }
    expect(voyages).toBeGreaterThan(10);
  });

  it('loses the signal for 20 to 90 minutes now and then in the mountains, never on the plains', () => {
    const longestSilences = (corridors: string[]) =>
      [...readingsOf.entries()]
        .filter(([device]) => corridors.includes(shipmentOfDevice(device).corridorId))
        .map(([, list]) => list.slice(1).map((r, i) => (r.fixTime - list[i]!.fixTime) / 60_000));
    const mountains = longestSilences(['cku-road-torugart', 'cku-road-irkeshtam']);
    const withGaps = mountains.filter((silences) => silences.some((m) => m >= 20));
    expect(mountains.length).toBeGreaterThan(20);
    expect(withGaps.length / mountains.length).toBeGreaterThan(0.5);
    for (const silences of mountains) expect(Math.max(...silences)).toBeLessThan(90 + PERIOD_S / 60 + 1);
    const plains = longestSilences(['kz-uz-saryagash-keles', 'tm-uz-farap-alat']);
    expect(plains.length).toBeGreaterThan(10);
    for (const silences of plains) expect(Math.max(...silences)).toBeLessThan(PERIOD_S / 60 + 0.05);
  });

  it('a broken seal reports code 01 once, at the incident, and its device reports no 01 after the reseal', () => {
    const incidents = result.events.filter((e) => stepOf(e) === 'incident' && String(e['krv:reason']).startsWith('seal'));
    expect(incidents.length).toBeGreaterThan(10);
    for (const incident of incidents) {
      const s = shipmentOfEpc.get(incident.epcList![0]!)!;
      for (const device of devicesOf(s)) {
        const breached = readingsOf.get(device)!.filter((r) => r.sealCodes?.includes('01'));
        expect(breached).toHaveLength(1);
        expect(Math.floor(breached[0]!.fixTime / 1000) * 1000).toBe(at(incident));
      }
    }
    const breachedDevices = new Set(readings.filter((r) => r.sealCodes?.includes('01')).map((r) => r.deviceId));
    expect(breachedDevices.size).toBe(incidents.reduce((n, e) => n + e.epcList!.length, 0));
  });

  it('batteries drain slowly, and seals below 15 % report code 05', () => {
    let low = 0;
    for (const list of readingsOf.values()) {
      expect(list.filter((r, i) => i > 0 && r.batteryPct! > list[i - 1]!.batteryPct!)).toEqual([]);
      expect(list.filter((r) => (r.sealCodes?.includes('05') === true) !== r.batteryPct! < 15)).toEqual([]);
      if (list.some((r) => r.batteryPct! < 15)) low++;
    }
    expect(low).toBeGreaterThan(0);
    expect(low / readingsOf.size).toBeLessThan(0.25);
  });

  it('moving units report speed and heading; standing ones speed 0', () => {
    const moving = readings.filter((r) => r.speedKmh! > 0);
    expect(moving.length / readings.length).toBeGreaterThan(0.2);
    expect(moving.filter((r) => !(r.headingDeg! >= 0 && r.headingDeg! < 360 && r.speedKmh! < 120))).toEqual([]);
    expect(readings.filter((r) => r.speedKmh === 0).every((r) => r.headingDeg === undefined)).toBe(true);
  });
});

describe('the events with telemetry', () => {
  const plain = simulate(OPTIONS).events;
  const without = (events: readonly EpcisEvent[], steps: string[]) => events.filter((e) => !steps.includes(e['krv:movementStep'] as string));

  it('are the events without it, minus the position reports the readings stand for', () => {
    expect(plain.some((e) => stepOf(e) === 'position-reported')).toBe(true);
    expect(hash(result.events)).toBe(hash(without(plain, ['position-reported'])));
  });

  it('also leave out arrivals at and passages of border crossings and ports when positions derive them, but not a hand-over', () => {
    const derived = simulate({ ...OPTIONS, telemetry: { reportingPeriodS: PERIOD_S, deriveBorderEvents: true } });
    // An arrival that hands the goods to the carrier (a corridor's first crossing) says what positions cannot.
    const handOver = (e: EpcisEvent) => e.sourceList !== undefined;
    const expected = plain.filter((e) => !['position-reported', 'arrived-at-border', 'border-passed'].includes(e['krv:movementStep'] as string) || (e['krv:movementStep'] !== 'position-reported' && handOver(e)));
    expect(plain.some((e) => e['krv:movementStep'] === 'arrived-at-border' && handOver(e))).toBe(true);
    expect(hash(derived.events)).toBe(hash(expected));
    expect(hash([...derived.telemetry!.readings])).toBe(hash(readings));
  });

  it('refuses a reporting period under a second and a window that ends before it starts', () => {
    expect(() => simulate({ ...OPTIONS, telemetry: { reportingPeriodS: 0 } })).toThrow(RangeError);
    expect(() => simulate({ ...OPTIONS, telemetry: { from: new Date('2025-02-01'), to: new Date('2025-01-01') } })).toThrow(RangeError);
  });
});
