import { describe, it, expect } from 'vitest';
import { referenceData, distanceKm, geofenceContains, KARVON_GS1_COMPANY_PREFIX } from '../../src/reference/index.js';
import { BORDER_CROSSINGS } from '../../src/reference/data/border-crossings.js';
import { PORTS, TERMINALS } from '../../src/reference/data/ports-terminals.js';
import { WAYPOINTS } from '../../src/reference/data/waypoints.js';
import { MIDDLE_CORRIDORS } from '../../src/reference/data/corridors-middle.js';
import { SOUTHERN_CORRIDORS } from '../../src/reference/data/corridors-south.js';
import type { Country, LonLat } from '../../src/reference/index.js';

// ISO 3166-1 facts, written out here so the data is checked against the standard, not against itself.
const ISO: Record<string, [alpha3: string, numeric: string]> = {
  KZ: ['KAZ', '398'], KG: ['KGZ', '417'], TJ: ['TJK', '762'], TM: ['TKM', '795'], UZ: ['UZB', '860'], AZ: ['AZE', '031'],
  CN: ['CHN', '156'], AF: ['AFG', '004'], GE: ['GEO', '268'], TR: ['TUR', '792'], IR: ['IRN', '364'], RU: ['RUS', '643'],
  PK: ['PAK', '586'],
};
const MEMBERS = ['AZ', 'KG', 'KZ', 'TJ', 'TM', 'UZ'];
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
// A straight segment longer than this cannot follow a road or railway closely enough for deviation checks.
const MAX_SEGMENT_KM = 450;

/** GS1 mod-10 check digit, written independently of the production helper. */
function checkDigit(body: string): number {
  const sum = [...body].reverse().reduce((acc, ch, i) => acc + Number(ch) * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10;
}

function inBox(country: Country, [lon, lat]: LonLat, margin: number): boolean {
  const [minLon, minLat, maxLon, maxLat] = country.bbox;
  return lon >= minLon - margin && lon <= maxLon + margin && lat >= minLat - margin && lat <= maxLat + margin;
}

const data = referenceData();
const locations = [...data.locations.values()];
const corridors = [...data.corridors.values()];

describe('reference data: countries', () => {
  it('lists the six member states and the seven neighbours with ISO 3166-1 codes', () => {
    expect([...data.countries.keys()].sort()).toEqual(Object.keys(ISO).sort());
    for (const c of data.countries.values()) {
      expect([c.alpha3, c.numeric], c.alpha2).toEqual(ISO[c.alpha2]);
    }
    expect([...data.countries.values()].filter((c) => c.member).map((c) => c.alpha2).sort()).toEqual(MEMBERS);
  });

  it('names every country in English, Russian and Arabic', () => {
    for (const c of data.countries.values()) {
      expect(c.names.en.length, c.alpha2).toBeGreaterThan(2);
      expect(c.names.ru, c.alpha2).toMatch(/^[А-ЯЁа-яё -]+$/);
      expect(c.names.ar, c.alpha2).toMatch(/^[\u0600-\u06FF ]+$/);
    }
  });
});

describe('reference data: locations', () => {
  it('has unique kebab-case ids across locations and waypoints', () => {
    const ids = [...BORDER_CROSSINGS, ...PORTS, ...TERMINALS, ...WAYPOINTS].map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(KEBAB);
  });

  it('includes every border crossing point and port of the corridor notes', () => {
    for (const id of ['khorgos', 'altynkol', 'dostyk', 'aktau-port', 'kuryk-port', 'alat-port', 'turkmenbashi-port', 'poti-port',
      'batumi-port', 'torugart', 'irkeshtam', 'termez-hairatan', 'saryagash-keles', 'dostuk-dustlik', 'farap-alat', 'yalama', 'astara',
      'almaty', 'tashkent', 'bishkek', 'dushanbe', 'ashgabat', 'kashgar', 'xian', 'mazar-i-sharif']) {
      expect(data.locations.has(id), id).toBe(true);
    }
  });

  it('gives each location a kind, one or two known countries, modes, names and a source for its position', () => {
    for (const l of locations) {
      expect(['border-crossing', 'port', 'terminal', 'city'], l.id).toContain(l.kind);
      expect(l.countries.length, l.id).toBe(l.kind === 'border-crossing' ? 2 : 1);
      for (const cc of l.countries) expect(data.countries.has(cc), `${l.id} ${cc}`).toBe(true);
      expect(l.modes.length, l.id).toBeGreaterThan(0);
      if (l.kind === 'port') expect(l.modes, l.id).toContain('sea');
      expect(l.names.en.length, l.id).toBeGreaterThan(1);
      expect(l.names.ru, l.id).toMatch(/[А-Яа-я]/);
      expect(l.positionProvenance.source.length, l.id).toBeGreaterThan(5);
      expect(typeof l.positionProvenance.rough, l.id).toBe('boolean');
    }
  });

  it('places each location inside a plausible box for every country it belongs to', () => {
    for (const l of locations) {
      for (const cc of l.countries) expect(inBox(data.countries.get(cc)!, l.position, 0.3), `${l.id} in ${cc}`).toBe(true);
    }
    for (const w of data.waypoints.values()) {
      expect(inBox(data.countries.get(w.country)!, w.position, 0.1), `${w.id} in ${w.country}`).toBe(true);
    }
  });

  it('gives each location a geofence that contains its own position and is sized for rough coordinates', () => {
    for (const l of locations) {
      expect(geofenceContains(l, l.position[0], l.position[1]), l.id).toBe(true);
      if (l.geofence.kind === 'circle') {
        expect(l.geofence.radiusM, l.id).toBeGreaterThanOrEqual(l.positionProvenance.rough ? 5_000 : 1_000);
        expect(l.geofence.radiusM, l.id).toBeLessThanOrEqual(30_000);
      }
    }
  });

  it('keeps the fences of distinct border crossings and ports apart, except where one complex has two posts', () => {
    const sharedComplex = new Set(['altynkol|khorgos']);
    const fenced = locations.filter((l) => l.kind === 'border-crossing' || l.kind === 'port');
    for (let i = 0; i < fenced.length; i++) {
      for (let j = i + 1; j < fenced.length; j++) {
        const [a, b] = [fenced[i]!, fenced[j]!].sort((x, y) => x.id.localeCompare(y.id));
        if (sharedComplex.has(`${a.id}|${b.id}`)) continue;
        expect(geofenceContains(a, b.position[0], b.position[1]), `${a.id} / ${b.id}`).toBe(false);
      }
    }
  });

  it('writes UN/LOCODEs in the right shape, for one of the location\'s countries, with a source', () => {
    const withCode = locations.filter((l) => l.unlocode);
    expect(withCode.length).toBeGreaterThanOrEqual(10);
    for (const l of withCode) {
      expect(l.unlocode!.code, l.id).toMatch(/^[A-Z]{2}[A-Z2-9]{3}$/);
      expect(l.countries, l.id).toContain(l.unlocode!.code.slice(0, 2));
      expect(l.unlocode!.source.length, l.id).toBeGreaterThan(5);
    }
    const codes = withCode.map((l) => l.unlocode!.code);
    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe('reference data: GS1 location identifiers', () => {
  it('mints a valid, unique 13-digit GLN for every location', () => {
    const glns = locations.map((l) => l.gln);
    expect(new Set(glns).size).toBe(glns.length);
    for (const gln of glns) {
      expect(gln).toMatch(/^\d{13}$/);
      expect(gln.startsWith(KARVON_GS1_COMPANY_PREFIX)).toBe(true);
      expect(Number(gln[12]), gln).toBe(checkDigit(gln.slice(0, 12)));
    }
  });

  it('writes the same GLN as an SGLN EPC URN with extension 0', () => {
    const sglns = new Set<string>();
    for (const l of locations) {
      const m = /^urn:epc:id:sgln:(\d+)\.(\d*)\.0$/.exec(l.sgln);
      expect(m, l.sgln).not.toBeNull();
      expect(m![1]).toBe(KARVON_GS1_COMPANY_PREFIX);
      expect(m![1]! + m![2]!, l.id).toBe(l.gln.slice(0, 12));
      sglns.add(l.sgln);
    }
    expect(sglns.size).toBe(locations.length);
  });
});

describe('reference data: customs offices', () => {
  const offices = [...data.customsOffices.values()];

  it('gives every member state at least one office, and none to non-members', () => {
    for (const cc of MEMBERS) expect(offices.some((o) => o.country === cc), cc).toBe(true);
    for (const o of offices) expect(MEMBERS, o.code).toContain(o.country);
  });

  it('codes offices as country + 6 digits, at a known location in that country', () => {
    for (const o of offices) {
      expect(o.code, o.code).toMatch(/^[A-Z]{2}\d{6}$/);
      expect(o.code.slice(0, 2)).toBe(o.country);
      const at = data.locations.get(o.locationId);
      expect(at, o.code).toBeDefined();
      expect(at!.countries, o.code).toContain(o.country);
      expect(o.role, o.code).toBe(at!.kind === 'border-crossing' || at!.kind === 'port' ? 'border' : 'inland');
      expect(o.source, o.code).toMatch(/not an official/);
    }
  });

  it('staffs each member-state side of every border crossing point and port', () => {
    for (const l of locations.filter((x) => x.kind === 'border-crossing' || x.kind === 'port')) {
      for (const cc of l.countries.filter((c) => MEMBERS.includes(c))) {
        expect(offices.some((o) => o.locationId === l.id && o.country === cc), `${l.id} ${cc}`).toBe(true);
      }
    }
  });
});

describe('reference data: corridors', () => {
  it('has unique ids and resolves every leg end and waypoint', () => {
    const records = [...MIDDLE_CORRIDORS, ...SOUTHERN_CORRIDORS];
    expect(new Set(records.map((c) => c.id)).size).toBe(records.length);
    for (const c of records) {
      expect(c.id).toMatch(KEBAB);
      for (const leg of c.legs) {
        expect(data.locations.has(leg.from), `${c.id} ${leg.from}`).toBe(true);
        expect(data.locations.has(leg.to), `${c.id} ${leg.to}`).toBe(true);
        for (const v of leg.via) expect(data.waypoints.has(v) || data.locations.has(v), `${c.id} via ${v}`).toBe(true);
      }
    }
  });

  it('chains legs end to end', () => {
    for (const c of corridors) {
      expect(c.legs.length, c.id).toBeGreaterThan(0);
      for (let i = 1; i < c.legs.length; i++) expect(c.legs[i]!.from, `${c.id} leg ${i}`).toBe(c.legs[i - 1]!.to);
    }
  });

  it('starts and ends each route line inside the geofences of the leg\'s ends', () => {
    for (const c of corridors) {
      for (const leg of c.legs) {
        const [first, last] = [leg.route[0]!, leg.route[leg.route.length - 1]!];
        expect(geofenceContains(data.locations.get(leg.from)!, first[0], first[1]), `${c.id} ${leg.from}`).toBe(true);
        expect(geofenceContains(data.locations.get(leg.to)!, last[0], last[1]), `${c.id} ${leg.to}`).toBe(true);
      }
    }
  });

  it('keeps consecutive route points close enough to follow the line, and distinct', () => {
    for (const c of corridors) {
      for (const leg of c.legs) {
        for (let i = 1; i < leg.route.length; i++) {
          const km = distanceKm(leg.route[i - 1]!, leg.route[i]!);
          expect(km, `${c.id} ${leg.from}→${leg.to} point ${i}`).toBeLessThanOrEqual(MAX_SEGMENT_KM);
          expect(km, `${c.id} ${leg.from}→${leg.to} point ${i}`).toBeGreaterThan(0.5);
        }
      }
    }
  });

  it('gives each leg a sourced distance no shorter than the straight line and a duration matching its mode', () => {
    const speed = { road: data.timing.get('speed-road')!.value, rail: data.timing.get('speed-rail')!.value };
    for (const c of corridors) {
      for (const leg of c.legs) {
        const name = `${c.id} ${leg.from}→${leg.to}`;
        const straight = distanceKm(data.locations.get(leg.from)!, data.locations.get(leg.to)!);
        expect(leg.distanceKm.value, name).toBeGreaterThanOrEqual(straight * 0.95);
        expect(leg.distanceKm.value, name).toBeLessThan(straight * 2 + 50);
        expect(leg.distanceKm.source.length, name).toBeGreaterThan(5);
        expect(leg.durationH.source.length, name).toBeGreaterThan(5);
        if (leg.mode === 'sea') expect(leg.durationH.value, name).toBe(24);
        else expect(leg.durationH.value, name).toBeCloseTo(leg.distanceKm.value / speed[leg.mode], 0);
      }
      expect(c.distanceKm, c.id).toBeCloseTo(c.legs.reduce((s, l) => s + l.distanceKm.value, 0), 6);
    }
  });

  it('crosses the Caspian by sea and reaches Poti on both Middle Corridor entries', () => {
    for (const id of ['middle-corridor-dostyk', 'middle-corridor-altynkol']) {
      const c = data.corridors.get(id)!;
      const sea = c.legs.filter((l) => l.mode === 'sea');
      expect(sea.length, id).toBe(1);
      expect(sea[0]!.to, id).toBe('alat-port');
      expect(c.legs.at(-1)!.to, id).toBe('poti-port');
    }
    expect(data.corridors.get('middle-corridor-dostyk')!.legs.map((l) => l.to)).toContain('dostyk');
    expect(data.corridors.get('middle-corridor-altynkol')!.legs.map((l) => l.to)).toContain('kuryk-port');
  });

  it('flags the China–Kyrgyzstan–Uzbekistan railway as planned and the roads as operational', () => {
    expect(data.corridors.get('cku-railway')!.status).toBe('planned');
    expect(data.corridors.get('cku-road-torugart')!.status).toBe('operational');
    expect(data.corridors.get('cku-road-irkeshtam')!.status).toBe('operational');
  });

  it('derives a Middle Corridor rail length in line with the block-train timing facts', () => {
    // Xi'an → Alat in 11 days: moving time at the CAREC rail speed must fit well inside that.
    const c = data.corridors.get('middle-corridor-dostyk')!;
    const toAlat = c.legs.slice(0, c.legs.findIndex((l) => l.to === 'alat-port') + 1);
    const movingDays = toAlat.reduce((s, l) => s + l.durationH.value, 0) / 24;
    expect(movingDays).toBeGreaterThan(4);
    expect(movingDays).toBeLessThan(data.timing.get('block-train-xian-azerbaijan')!.value);
  });
});

describe('reference data: timing facts', () => {
  it('carries the CAREC dwell times and speeds, the ferry times and the block-train times, each with a source', () => {
    const t = (id: string) => data.timing.get(id)!;
    expect(t('border-dwell-road').value).toBe(9.9);
    expect(t('border-dwell-rail').value).toBe(40.6);
    expect(t('speed-road').value).toBe(42);
    expect(t('speed-rail').value).toBe(53.9);
    expect(t('ferry-at-sea').value).toBe(1);
    expect([t('ferry-waiting').min, t('ferry-waiting').max]).toEqual([2, 7]);
    expect([t('block-train-china-azerbaijan').min, t('block-train-china-azerbaijan').max]).toEqual([8, 10]);
    for (const f of data.timing.values()) {
      expect(f.source.length, f.id).toBeGreaterThan(5);
      if (f.min !== undefined && f.max !== undefined) {
        expect(f.value, f.id).toBeGreaterThanOrEqual(f.min);
        expect(f.value, f.id).toBeLessThanOrEqual(f.max);
      }
    }
  });
});
