import { COUNTRIES } from './data/countries.js';
import { CUSTOMS_OFFICES } from './data/customs-offices.js';
import { MIDDLE_CORRIDORS } from './data/corridors-middle.js';
import { SOUTHERN_CORRIDORS } from './data/corridors-south.js';
import { BORDER_CROSSINGS } from './data/border-crossings.js';
import { PORTS, TERMINALS } from './data/ports-terminals.js';
import { TIMING_FACTS } from './data/timing.js';
import { WAYPOINTS } from './data/waypoints.js';
import { lineLengthKm } from './geo.js';
import { mintGln, mintSgln } from './gln.js';
import type {
  Corridor, CorridorRecord, Country, CustomsOffice, Figure, Leg, LegRecord, Location, LocationRecord, LonLat, Mode,
  TimingFact, Waypoint,
} from './types.js';

export interface ReferenceData {
  readonly countries: ReadonlyMap<string, Country>;
  readonly locations: ReadonlyMap<string, Location>;
  readonly locationsBySgln: ReadonlyMap<string, Location>;
  readonly waypoints: ReadonlyMap<string, Waypoint>;
  readonly customsOffices: ReadonlyMap<string, CustomsOffice>;
  readonly corridors: ReadonlyMap<string, Corridor>;
  readonly timing: ReadonlyMap<string, TimingFact>;
}

/** Route lines miss the small bends of a road or railway; this covers them. */
const DETOUR_FACTOR = 1.1;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function frozenMap<T>(entries: Iterable<readonly [string, T]>, what: string): ReadonlyMap<string, T> {
  const map = new Map<string, T>();
  for (const [key, value] of entries) {
    if (map.has(key)) throw new Error(`reference data: duplicate ${what} '${key}'`);
    map.set(key, deepFreeze(value));
  }
  const refuse = (): never => { throw new TypeError(`reference data: the ${what} map is read-only`); };
  Object.defineProperties(map, { set: { value: refuse }, delete: { value: refuse }, clear: { value: refuse } });
  return Object.freeze(map);
}

function toLocation(record: LocationRecord): Location {
  const { fenceRadiusM, polygon, ...rest } = record;
  const geofence = polygon
    ? { kind: 'polygon' as const, ring: polygon }
    : { kind: 'circle' as const, center: record.position, radiusM: fenceRadiusM ?? 5_000 };
  return { ...rest, geofence, gln: mintGln(record.glnRef), sgln: mintSgln(record.glnRef) };
}

function round(value: number, step: number): number {
  return Math.round(value / step) * step;
}

function derivedDistance(route: readonly LonLat[], mode: Mode): Figure {
  const factor = mode === 'sea' ? 1 : DETOUR_FACTOR;
  return {
    value: round(lineLengthKm(route) * factor, 5),
    source: `derived: route line length${factor === 1 ? '' : ` × ${factor}`}, rounded to 5 km`,
    rough: true,
  };
}

function derivedDuration(distance: Figure, mode: Mode, timing: ReadonlyMap<string, TimingFact>): Figure {
  if (mode === 'sea') {
    const atSea = timing.get('ferry-at-sea')!;
    return { value: atSea.value * 24, source: `ferry-at-sea timing fact (${atSea.source}); waiting not included`, rough: true };
  }
  const speed = timing.get(`speed-${mode}`)!;
  return {
    value: Math.round((distance.value / speed.value) * 10) / 10,
    source: `derived: distance ÷ ${speed.value} km/h (${speed.source}); border dwell not included`,
    rough: true,
  };
}

function pointOf(id: string, corridor: string, locations: ReadonlyMap<string, Location>, waypoints: ReadonlyMap<string, Waypoint>): LonLat {
  const found = locations.get(id) ?? waypoints.get(id);
  if (!found) throw new Error(`reference data: corridor '${corridor}' names unknown location or waypoint '${id}'`);
  return found.position;
}

function toLeg(
  leg: LegRecord, corridor: string, locations: ReadonlyMap<string, Location>, waypoints: ReadonlyMap<string, Waypoint>,
  timing: ReadonlyMap<string, TimingFact>,
): Leg {
  for (const end of [leg.from, leg.to]) {
    if (!locations.has(end)) throw new Error(`reference data: corridor '${corridor}' leg ends at unknown location '${end}'`);
  }
  const route = [leg.from, ...leg.via, leg.to].map((id) => pointOf(id, corridor, locations, waypoints));
  const distanceKm = leg.distanceKm ?? derivedDistance(route, leg.mode);
  const durationH = leg.durationH ?? derivedDuration(distanceKm, leg.mode, timing);
  return { from: leg.from, to: leg.to, mode: leg.mode, distanceKm, durationH, route, ...(leg.note ? { note: leg.note } : {}) };
}

function toCorridor(
  record: CorridorRecord, locations: ReadonlyMap<string, Location>, waypoints: ReadonlyMap<string, Waypoint>,
  timing: ReadonlyMap<string, TimingFact>,
): Corridor {
  const legs = record.legs.map((leg) => toLeg(leg, record.id, locations, waypoints, timing));
  for (let i = 1; i < legs.length; i++) {
    if (legs[i]!.from !== legs[i - 1]!.to) {
      throw new Error(`reference data: corridor '${record.id}' leg ${i} starts at '${legs[i]!.from}', not where leg ${i - 1} ends`);
    }
  }
  const distanceKm = legs.reduce((sum, leg) => sum + leg.distanceKm.value, 0);
  return { ...record, legs, distanceKm };
}

/** Resolves the shipped data files into frozen, indexed reference data; throws if they are inconsistent. */
export function buildReferenceData(): ReferenceData {
  const countries = frozenMap(COUNTRIES.map((c) => [c.alpha2, c] as const), 'country');
  const locationList = [...BORDER_CROSSINGS, ...PORTS, ...TERMINALS].map(toLocation);
  const locations = frozenMap(locationList.map((l) => [l.id, l] as const), 'location');
  const locationsBySgln = frozenMap(locationList.map((l) => [l.sgln, l] as const), 'SGLN');
  const waypoints = frozenMap(WAYPOINTS.map((w) => [w.id, w] as const), 'waypoint');
  for (const id of waypoints.keys()) {
    if (locations.has(id)) throw new Error(`reference data: '${id}' is both a location and a waypoint`);
  }
  for (const office of CUSTOMS_OFFICES) {
    if (!locations.has(office.locationId)) {
      throw new Error(`reference data: customs office ${office.code} is at unknown location '${office.locationId}'`);
    }
  }
  const customsOffices = frozenMap(CUSTOMS_OFFICES.map((o) => [o.code, o] as const), 'customs office');
  const timing = frozenMap(TIMING_FACTS.map((t) => [t.id, t] as const), 'timing fact');
  const corridorList = [...MIDDLE_CORRIDORS, ...SOUTHERN_CORRIDORS].map((c) => toCorridor(c, locations, waypoints, timing));
  const corridors = frozenMap(corridorList.map((c) => [c.id, c] as const), 'corridor');
  return Object.freeze({ countries, locations, locationsBySgln, waypoints, customsOffices, corridors, timing });
}
