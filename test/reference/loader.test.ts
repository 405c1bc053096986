import { describe, it, expect } from 'vitest';
import {
  referenceData, locationById, locationBySgln, locationsNear, corridorById, corridorsThrough, countryByCode, customsOfficesAt,
  mintGln, mintSgln, distanceToLineKm,
} from '../../src/reference/index.js';

describe('referenceData()', () => {
  it('returns one frozen object whose maps and records cannot be changed', () => {
    const data = referenceData();
    expect(referenceData()).toBe(data);
    expect(Object.isFrozen(data)).toBe(true);
    const khorgos = data.locations.get('khorgos')!;
    expect(() => (data.locations as Map<string, unknown>).set('x', khorgos)).toThrow(TypeError);
    expect(() => (data.locations as Map<string, unknown>).delete('khorgos')).toThrow(TypeError);
    expect(() => { (khorgos as { id: string }).id = 'changed'; }).toThrow(TypeError);
    expect(() => { (khorgos.position as unknown as number[])[0] = 0; }).toThrow(TypeError);
    expect(data.locations.get('khorgos')!.id).toBe('khorgos');
  });
});

describe('locationById / locationBySgln', () => {
  it('finds a border crossing point with its fence and identifiers', () => {
    const dostyk = locationById('dostyk')!;
    expect(dostyk.kind).toBe('border-crossing');
    expect([...dostyk.countries].sort()).toEqual(['CN', 'KZ']);
    expect(dostyk.modes).toContain('rail');
    expect(dostyk.geofence.kind).toBe('circle');
    expect(dostyk.sgln).toBe('urn:epc:id:sgln:4870001.00103.0');
    expect(dostyk.gln).toBe('4870001001032');
  });

  it('returns undefined for unknown ids and URNs', () => {
    expect(locationById('atlantis')).toBeUndefined();
    expect(locationBySgln('urn:epc:id:sgln:4870001.99999.0')).toBeUndefined();
    expect(locationBySgln(42 as unknown as string)).toBeUndefined();
  });

  it('finds every location back by its SGLN, ignoring surrounding whitespace', () => {
    for (const l of referenceData().locations.values()) {
      expect(locationBySgln(l.sgln)).toBe(l);
      expect(locationBySgln(` ${l.sgln}\n`)).toBe(l);
    }
  });
});

describe('locationsNear', () => {
  it('finds Aktau port alone within 10 km and adds Kuryk within 100 km, nearest first', () => {
    expect(locationsNear(51.2, 43.6, 10).map((l) => l.id)).toEqual(['aktau-port']);
    expect(locationsNear(51.22, 43.58, 100).map((l) => l.id)).toEqual(['aktau-port', 'kuryk-port']);
  });

  it('finds both sides of the Termez area: the bridge and the cargo centre', () => {
    expect(locationsNear(67.35, 37.23, 20).map((l) => l.id).sort()).toEqual(['termez', 'termez-hairatan']);
  });

  it('returns nothing for the open steppe, bad numbers or a negative radius', () => {
    expect(locationsNear(65.0, 48.5, 50)).toEqual([]);
    expect(locationsNear(Number.NaN, 43.6, 10)).toEqual([]);
    expect(locationsNear(51.2, 43.6, -1)).toEqual([]);
  });
});

describe('corridorById', () => {
  it('returns the Middle Corridor via Dostyk from Xi\'an to Poti with a route line per leg', () => {
    const c = corridorById('middle-corridor-dostyk')!;
    expect(c.legs[0]!.from).toBe('xian');
    expect(c.legs.at(-1)!.to).toBe('poti-port');
    expect(c.legs.map((l) => l.mode)).toContain('sea');
    for (const leg of c.legs) expect(leg.route.length).toBeGreaterThanOrEqual(2);
    expect(c.distanceKm).toBeGreaterThan(6000);
    expect(c.distanceKm).toBeLessThan(9000);
  });

  it('lists the corridors through a location', () => {
    expect(corridorsThrough('alat-port').map((c) => c.id).sort())
      .toEqual(['middle-corridor-altynkol', 'middle-corridor-dostyk', 'trans-caspian-turkmenbashi']);
    expect(corridorsThrough('dostuk-dustlik').map((c) => c.id).sort()).toEqual(['cku-road-irkeshtam', 'kg-uz-dostuk-dustlik']);
    expect(corridorsThrough('batumi-port')).toEqual([]);
  });

  it('returns undefined for an unknown corridor', () => {
    expect(corridorById('silk-road-1')).toBeUndefined();
  });

  it('gives route lines that a 50 km deviation check can use: towns on the line are near, towns off it are far', () => {
    const kuryk = corridorById('middle-corridor-altynkol')!.legs.find((l) => l.to === 'kuryk-port')!;
    // Kyzylorda (a waypoint) sits on the line; Bishkek and Ashgabat do not.
    expect(distanceToLineKm(kuryk.route, 65.509, 44.853)).toBeLessThan(1);
    expect(distanceToLineKm(kuryk.route, 74.59, 42.87)).toBeGreaterThan(50);
    expect(distanceToLineKm(kuryk.route, 58.383, 37.95)).toBeGreaterThan(500);
  });
});

describe('countries and customs offices', () => {
  it('looks countries up by alpha-2 code in any case', () => {
    expect(countryByCode('kz')!.alpha3).toBe('KAZ');
    expect(countryByCode('AZ')!.member).toBe(true);
    expect(countryByCode('CN')!.member).toBe(false);
    expect(countryByCode('XX')).toBeUndefined();
  });

  it('lists one office per member-state side of a shared border crossing point', () => {
    expect(customsOfficesAt('saryagash-keles').map((o) => o.country).sort()).toEqual(['KZ', 'UZ']);
    expect(customsOfficesAt('poti-port')).toEqual([]);
  });
});

describe('mintGln / mintSgln', () => {
  it('mints GLNs with the GS1 mod-10 check digit and rejects references that do not fit', () => {
    // By hand: 4 8 7 0 0 0 1 0 0 1 0 1 × 1 3 1 3 1 3 1 3 1 3 1 3 = 4+24+7+0+0+0+1+0+0+3+0+3 = 42 → check digit 8
    expect(mintGln(101)).toBe('4870001001018');
    expect(mintSgln(101)).toBe('urn:epc:id:sgln:4870001.00101.0');
    expect(() => mintGln(100_000)).toThrow(RangeError);
    expect(() => mintGln(-1)).toThrow(RangeError);
    expect(() => mintGln(1.5)).toThrow(RangeError);
  });
});
