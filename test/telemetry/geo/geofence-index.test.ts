import { describe, expect, it } from 'vitest';
import type { UserGeofence } from '../../../src/model/telemetry.js';
import { locationById, referenceData, type LonLat } from '../../../src/reference/index.js';
import { haversineM } from '../../../src/telemetry/geo/distance.js';
import { GeofenceIndex, referencePlaces, userPlace, type IndexedPlace } from '../../../src/telemetry/geo/geofence-index.js';

/** Metres per degree of latitude on the mean sphere. */
const M_PER_DEG = 111_195.08;
const ids = (places: IndexedPlace[]) => places.map((p) => p.id).sort();
/** Khorgos's road crossing and Altynkol's railway crossing share one spot and one fence in the reference data. */
const AT_KHORGOS = ['altynkol', 'khorgos'];

/** `metres` due east of a point (along its parallel: a small arc, so nearly the great-circle distance). */
function east([lon, lat]: LonLat, metres: number): [number, number] {
  return [lon + metres / (M_PER_DEG * Math.cos((lat * Math.PI) / 180)), lat];
}

describe('referencePlaces', () => {
  it('holds every border crossing, port and terminal of the reference data with its fence and SGLN, and no city', () => {
    const places = referencePlaces();
    const expected = [...referenceData().locations.values()].filter((l) => l.kind !== 'city');
    expect(ids(places)).toEqual(expected.map((l) => l.id).sort());
    const khorgos = places.find((p) => p.id === 'khorgos')!;
    expect(khorgos).toMatchObject({ kind: 'border-crossing', sgln: locationById('khorgos')!.sgln, geofence: locationById('khorgos')!.geofence });
    expect([...khorgos.countries].sort()).toEqual(['CN', 'KZ']);
    expect(places.some((p) => p.kind === ('city' as string))).toBe(false);
  });
});

describe('GeofenceIndex', () => {
  const index = new GeofenceIndex(referencePlaces());
  const khorgos = locationById('khorgos')!;
  const fence = khorgos.geofence as { kind: 'circle'; center: LonLat; radiusM: number };

  it('finds Khorgos for a point inside its geofence and not for one 5 km outside it', () => {
    expect(ids(index.placesAt(...fence.center))).toEqual(AT_KHORGOS);
    const north: LonLat = [fence.center[0], fence.center[1] + (fence.radiusM + 5000) / M_PER_DEG];
    expect(index.placesAt(...north)).toEqual([]);
  });

  it('tests the circle exactly at its edge, east-west too, where a degree of longitude is shorter', () => {
    const inside = east(fence.center, fence.radiusM - 50);
    const outside = east(fence.center, fence.radiusM + 50);
    expect(haversineM(fence.center, inside)).toBeLessThan(fence.radiusM);
    expect(ids(index.placesAt(...inside))).toEqual(AT_KHORGOS);
    expect(index.placesAt(...outside)).toEqual([]);
    // Inside the circle's bounding box but outside the circle: the box's corner.
    const corner: LonLat = [east(fence.center, fence.radiusM * 0.9)[0], fence.center[1] + (fence.radiusM * 0.9) / M_PER_DEG];
    expect(index.placesAt(...corner)).toEqual([]);
  });

  it('finds every reference place at its own position, and nothing in the middle of the Caspian or for bad coordinates', () => {
    for (const place of referencePlaces()) {
      expect(index.placesAt(...locationById(place.id)!.position).map((p) => p.id), place.id).toContain(place.id);
    }
    expect(index.placesAt(50.5, 41.5)).toEqual([]);
    expect(index.placesAt(Number.NaN, 44)).toEqual([]);
    expect(index.size).toBe(referencePlaces().length);
  });

  it('adds, replaces and removes user geofences at run time, circles and polygons', () => {
    const own = new GeofenceIndex(referencePlaces());
    const yard: UserGeofence = {
      id: 'yard-1', ownerId: 'org-a', name: 'Our yard at Khorgos', createdAt: '2026-01-01T00:00:00Z',
      // A square of about 1.6 km × 2.2 km around Khorgos's centre: inside the BCP's own fence.
      geometry: { kind: 'polygon', ring: [[80.29, 44.19], [80.31, 44.19], [80.31, 44.21], [80.29, 44.21], [80.29, 44.19]] },
      sgln: 'urn:epc:id:sgln:4870001.99001.0',
    };
    own.add(userPlace(yard));
    expect(own.size).toBe(referencePlaces().length + 1);
    expect(ids(own.placesAt(80.3, 44.2))).toEqual([...AT_KHORGOS, 'yard-1']);
    expect(own.placesAt(80.3, 44.2).find((p) => p.id === 'yard-1')).toMatchObject({ kind: 'user', name: 'Our yard at Khorgos', sgln: yard.sgln, countries: [] });
    expect(ids(own.placesAt(80.32, 44.2))).toEqual(AT_KHORGOS);

    // The same id again replaces the fence: now a 1 km circle far from any reference place.
    own.add(userPlace({ ...yard, geometry: { kind: 'circle', center: [60, 50], radiusM: 1000 } }));
    expect(own.size).toBe(referencePlaces().length + 1);
    expect(ids(own.placesAt(80.3, 44.2))).toEqual(AT_KHORGOS);
    expect(ids(own.placesAt(...east([60, 50], 900)))).toEqual(['yard-1']);
    expect(own.placesAt(...east([60, 50], 1100))).toEqual([]);

    expect(own.remove('yard-1')).toBe(true);
    expect(own.remove('yard-1')).toBe(false);
    expect(own.placesAt(60, 50)).toEqual([]);
    expect(own.size).toBe(referencePlaces().length);
    // The other index never saw any of it.
    expect(index.size).toBe(referencePlaces().length);
  });

  it('starts empty without places, and keeps the last of two places with one id', () => {
    const empty = new GeofenceIndex();
    expect(empty.size).toBe(0);
    expect(empty.placesAt(80.3, 44.2)).toEqual([]);
    const a: IndexedPlace = { id: 'p', kind: 'user', name: 'a', countries: [], geofence: { kind: 'circle', center: [70, 40], radiusM: 500 } };
    const b: IndexedPlace = { ...a, name: 'b', geofence: { kind: 'circle', center: [71, 40], radiusM: 500 } };
    const twice = new GeofenceIndex([a, b]);
    expect(twice.size).toBe(1);
    expect(twice.placesAt(70, 40)).toEqual([]);
    expect(twice.placesAt(71, 40).map((p) => p.name)).toEqual(['b']);
  });
});
