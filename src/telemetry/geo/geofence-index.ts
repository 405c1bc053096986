// The geofences a reading is tested against: every border crossing, port and terminal of the
// reference data plus the geofences users define at run time. An R-tree (rbush) over the fences'
// bounding boxes finds the few candidates of a point, so the cost per reading does not grow with
// the number of fences; only those candidates get the exact test.
import pointInPolygon from 'point-in-polygon';
import RBush from 'rbush';
import type { UserGeofence } from '../../model/telemetry.js';
import { referenceData, type Geofence } from '../../reference/index.js';
import { EARTH_RADIUS_M, RAD } from './distance.js';

export interface IndexedPlace {
  readonly id: string;
  readonly kind: 'border-crossing' | 'port' | 'terminal' | 'user';
  readonly name: string;
  readonly geofence: Geofence;
  /** ISO alpha-2 codes of the countries the place lies in (two for a border crossing; empty for a user's place). */
  readonly countries: readonly string[];
  /** The SGLN derived events name the place by (readPoint and bizLocation). */
  readonly sgln?: string;
  /** The modes the place serves (a road crossing and a rail crossing may share one geofence); absent: any. */
  readonly modes?: readonly string[];
}

/** Metres per degree of latitude on the sphere the haversine uses. */
const METRES_PER_DEGREE = EARTH_RADIUS_M * RAD;
/** Widening of a circle's box so the box never clips the circle through rounding. */
const BOX_MARGIN = 1.001;

/** Every border crossing, port and terminal of the reference data (cities are not places units arrive at). */
export function referencePlaces(): IndexedPlace[] {
  const places: IndexedPlace[] = [];
  for (const location of referenceData().locations.values()) {
    if (location.kind === 'city') continue;
    places.push({ id: location.id, kind: location.kind, name: location.names.en, geofence: location.geofence, countries: location.countries, sgln: location.sgln, modes: location.modes });
  }
  return places;
}

/** A user's geofence as a place of the index. */
export function userPlace(geofence: UserGeofence): IndexedPlace {
  return { id: geofence.id, kind: 'user', name: geofence.name, geofence: geofence.geometry, countries: [], ...(geofence.sgln ? { sgln: geofence.sgln } : {}) };
}

interface Entry {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  readonly place: IndexedPlace;
  /** The exact test, prepared once per place. */
  readonly contains: (lon: number, lat: number) => boolean;
}

function entryOf(place: IndexedPlace): Entry {
  return { ...boundingBox(place.geofence), place, contains: exactTest(place.geofence) };
}

function boundingBox(fence: Geofence): Pick<Entry, 'minX' | 'minY' | 'maxX' | 'maxY'> {
  if (fence.kind === 'circle') {
    const [lon, lat] = fence.center;
    const dLat = (fence.radiusM / METRES_PER_DEGREE) * BOX_MARGIN;
    // A degree of longitude is shortest on the circle's side farthest from the equator.
    const widestLat = Math.min(89.9, Math.abs(lat) + dLat);
    const dLon = Math.min(180, dLat / Math.cos(widestLat * RAD));
    return { minX: lon - dLon, minY: lat - dLat, maxX: lon + dLon, maxY: lat + dLat };
  }
  const lons = fence.ring.map((p) => p[0]);
  const lats = fence.ring.map((p) => p[1]);
  return { minX: Math.min(...lons), minY: Math.min(...lats), maxX: Math.max(...lons), maxY: Math.max(...lats) };
}

function exactTest(fence: Geofence): (lon: number, lat: number) => boolean {
  if (fence.kind === 'polygon') return (lon, lat) => pointInPolygon([lon, lat], fence.ring);
  // haversine(center, point) <= radius, compared before the arcsine and square root: the haversine
  // grows with the distance, so comparing it with the radius's own is the same test, cheaper.
  const [centerLon, centerLat] = fence.center;
  const cosCenterLat = Math.cos(centerLat * RAD);
  const sinHalfAngle = Math.sin(Math.min(Math.PI, fence.radiusM / EARTH_RADIUS_M) / 2);
  const limit = sinHalfAngle * sinHalfAngle;
  return (lon, lat) => {
    const sinHalfDLat = Math.sin((lat - centerLat) * RAD * 0.5);
    const sinHalfDLon = Math.sin((lon - centerLon) * RAD * 0.5);
    return sinHalfDLat * sinHalfDLat + cosCenterLat * Math.cos(lat * RAD) * sinHalfDLon * sinHalfDLon <= limit;
  };
}

export class GeofenceIndex {
  readonly #tree = new RBush<Entry>();
  readonly #entries = new Map<string, Entry>();

  /** An index of the given places (e.g. `referencePlaces()`); later `add`s and `remove`s change it. */
  constructor(places: readonly IndexedPlace[] = []) {
    const entries = places.map(entryOf);
    for (const entry of entries) this.#entries.set(entry.place.id, entry);
    // Bulk loading builds a better tree than inserting one by one; a repeated id keeps its last place.
    this.#tree.load(entries.filter((entry) => this.#entries.get(entry.place.id) === entry));
  }

  /** Adds a place, or replaces the place with the same id. */
  add(place: IndexedPlace): void {
    this.remove(place.id);
    const entry = entryOf(place);
    this.#entries.set(place.id, entry);
    this.#tree.insert(entry);
  }

  /** Removes the place with this id; false when there was none. */
  remove(id: string): boolean {
    const entry = this.#entries.get(id);
    if (!entry) return false;
    this.#entries.delete(id);
    this.#tree.remove(entry);
    return true;
  }

  /** The places whose geofence contains the point (usually none, sometimes one, rarely more). */
  placesAt(lon: number, lat: number): IndexedPlace[] {
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return [];
    const found: IndexedPlace[] = [];
    for (const entry of this.#tree.search({ minX: lon, minY: lat, maxX: lon, maxY: lat })) {
      if (entry.contains(lon, lat)) found.push(entry.place);
    }
    return found;
  }

  /** The place with this id, if indexed. */
  get(id: string): IndexedPlace | undefined {
    return this.#entries.get(id)?.place;
  }

  get size(): number {
    return this.#entries.size;
  }
}
