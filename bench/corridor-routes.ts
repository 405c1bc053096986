/**
 * The corridors the benchmark's shipments travel, as ordered stops with the mode and length of each
 * leg. Places and distances follow ../shared/reference/corridors.md (rough, [R] there); the GS1
 * company prefixes are made up but sit in each country's GS1 prefix range (487 KZ, 470 KG, 478 UZ,
 * 483 TM, 476 AZ, 486 GE, 690-699 CN), so the SGLNs look like what operators there would assign.
 */

export type Mode = 'rail' | 'road' | 'sea';
export type StopKind = 'origin' | 'border' | 'hub' | 'port-out' | 'port-in' | 'destination';

export interface Place {
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** GS1 company prefix (7 digits) of the operator that assigns the SGLNs of this place. */
  prefix: string;
  /** 5-digit location reference (7 + 5 = 12 digits, as an SGLN needs). */
  locationRef: string;
  lat: number;
  lon: number;
  /** Whether the rail gauge changes here (1,435 mm to 1,520 mm): goods are transloaded between wagons. */
  gaugeChange?: boolean;
}

export interface Stop {
  place: Place;
  kind: StopKind;
  /** Mode and kilometres of the leg that leads to the next stop (absent on the last stop). */
  next?: { mode: Mode; km: number };
}

export interface Corridor {
  id: string;
  name: string;
  /** Share of shipments on this corridor (weights, not necessarily summing to 1). */
  weight: number;
  stops: Stop[];
}

/** UTC offset of local time in each country (for eventTimeZoneOffset). */
export const UTC_OFFSET: Readonly<Record<string, string>> = {
  CN: '+08:00',
  KZ: '+05:00',
  KG: '+06:00',
  UZ: '+05:00',
  TJ: '+05:00',
  TM: '+05:00',
  AZ: '+04:00',
  GE: '+04:00',
  AF: '+04:30',
};

const place = (name: string, country: string, prefix: string, locationRef: string, lat: number, lon: number, gaugeChange = false): Place => ({
  name,
  country,
  prefix,
  locationRef,
  lat,
  lon,
  ...(gaugeChange ? { gaugeChange } : {}),
});

/** Places, keyed by a short name. */
export const PLACES = {
  xian: place("Xi'an International Port", 'CN', '6901234', '00011', 34.37, 109.04),
  urumqi: place('Ürümqi Container Centre', 'CN', '6901234', '00012', 43.801, 87.6),
  kashgar: place('Kashgar Logistics Park', 'CN', '6923456', '00031', 39.471, 75.99),
  horgosCn: place('Horgos Road Terminal', 'CN', '6923456', '00032', 44.21, 80.41),
  altynkol: place('Altynkol rail border station', 'KZ', '4870011', '00101', 44.2, 80.3, true),
  khorgos: place('Nur Zholy road border crossing', 'KZ', '4870011', '00102', 44.2, 80.3),
  dostyk: place('Dostyk rail border station', 'KZ', '4870011', '00103', 45.25, 82.48, true),
  almaty: place('Almaty-1 container terminal', 'KZ', '4870011', '00110', 43.257, 76.929),
  saryagash: place('Saryagash–Keles border crossing', 'KZ', '4870011', '00104', 41.46, 69.168),
  aktau: place('Aktau International Sea Trade Port', 'KZ', '4870321', '00001', 43.6, 51.2),
  kuryk: place('Kuryk ferry complex', 'KZ', '4870321', '00002', 43.17, 51.68),
  alat: place('Baku International Sea Trade Port, Alat', 'AZ', '4760123', '00001', 39.95, 49.41),
  baku: place('Baku rail container terminal', 'AZ', '4760123', '00010', 40.378, 49.892),
  gardabani: place('Gardabani–Beyuk Kesik rail crossing', 'GE', '4860045', '00020', 41.46, 45.09),
  poti: place('Poti Sea Port', 'GE', '4860045', '00001', 42.14, 41.67),
  torugart: place('Torugart border crossing', 'KG', '4700123', '00001', 40.56, 75.39),
  irkeshtam: place('Irkeshtam border crossing', 'KG', '4700123', '00002', 39.68, 73.91),
  osh: place('Osh cargo terminal', 'KG', '4700123', '00010', 40.528, 72.799),
  dostuk: place('Dostuk–Dustlik border crossing', 'UZ', '4780456', '00003', 40.63, 72.67),
  bishkek: place('Bishkek freight terminal', 'KG', '4700123', '00020', 42.87, 74.59),
  tashkent: place('Tashkent Chukursay terminal', 'UZ', '4780456', '00010', 41.265, 69.216),
  termez: place('Termez cargo centre (Friendship Bridge)', 'UZ', '4780456', '00004', 37.224, 67.278),
  mazar: place('Mazar-i-Sharif rail terminal', 'AF', '4780456', '00090', 36.709, 67.111),
  bukhara: place('Bukhara freight station', 'UZ', '4780456', '00020', 39.775, 64.429),
  farap: place('Farap–Olot border crossing', 'TM', '4830077', '00001', 39.17, 63.612),
  turkmenbashi: place('Turkmenbashi International Seaport', 'TM', '4830077', '00010', 40.02, 52.96),
} as const;

const P = PLACES;

/** The corridors, with the share of shipments each carries. */
export const CORRIDORS: readonly Corridor[] = [
  {
    id: 'middle-corridor-altynkol',
    name: 'Middle Corridor via Altynkol, Aktau and Alat to Baku',
    weight: 18,
    stops: [
      { place: P.xian, kind: 'origin', next: { mode: 'rail', km: 2900 } },
      { place: P.altynkol, kind: 'border', next: { mode: 'rail', km: 330 } },
      { place: P.almaty, kind: 'hub', next: { mode: 'rail', km: 2950 } },
      { place: P.aktau, kind: 'port-out', next: { mode: 'sea', km: 470 } },
      { place: P.alat, kind: 'port-in', next: { mode: 'rail', km: 70 } },
      { place: P.baku, kind: 'destination' },
    ],
  },
  {
    id: 'middle-corridor-poti',
    name: 'Middle Corridor via Altynkol, Aktau, Alat and Gardabani to Poti',
    weight: 4,
    stops: [
      { place: P.xian, kind: 'origin', next: { mode: 'rail', km: 2900 } },
      { place: P.altynkol, kind: 'border', next: { mode: 'rail', km: 330 } },
      { place: P.almaty, kind: 'hub', next: { mode: 'rail', km: 2950 } },
      { place: P.aktau, kind: 'port-out', next: { mode: 'sea', km: 470 } },
      { place: P.alat, kind: 'port-in', next: { mode: 'rail', km: 480 } },
      { place: P.gardabani, kind: 'border', next: { mode: 'rail', km: 360 } },
      { place: P.poti, kind: 'destination' },
    ],
  },
  {
    id: 'middle-corridor-dostyk',
    name: 'Middle Corridor via Dostyk, Kuryk and Alat',
    weight: 18,
    stops: [
      { place: P.urumqi, kind: 'origin', next: { mode: 'rail', km: 480 } },
      { place: P.dostyk, kind: 'border', next: { mode: 'rail', km: 3050 } },
      { place: P.kuryk, kind: 'port-out', next: { mode: 'sea', km: 430 } },
      { place: P.alat, kind: 'port-in', next: { mode: 'rail', km: 70 } },
      { place: P.baku, kind: 'destination' },
    ],
  },
  {
    id: 'torugart-road',
    name: 'Kashgar – Torugart – Bishkek by road',
    weight: 10,
    stops: [
      { place: P.kashgar, kind: 'origin', next: { mode: 'road', km: 165 } },
      { place: P.torugart, kind: 'border', next: { mode: 'road', km: 540 } },
      { place: P.bishkek, kind: 'destination' },
    ],
  },
  {
    id: 'irkeshtam-road',
    name: 'Kashgar – Irkeshtam – Osh – Tashkent by road',
    weight: 16,
    stops: [
      { place: P.kashgar, kind: 'origin', next: { mode: 'road', km: 240 } },
      { place: P.irkeshtam, kind: 'border', next: { mode: 'road', km: 260 } },
      { place: P.osh, kind: 'hub', next: { mode: 'road', km: 60 } },
      { place: P.dostuk, kind: 'border', next: { mode: 'road', km: 370 } },
      { place: P.tashkent, kind: 'destination' },
    ],
  },
  {
    id: 'khorgos-road',
    name: 'Horgos – Khorgos – Almaty – Saryagash – Tashkent by road',
    weight: 14,
    stops: [
      { place: P.horgosCn, kind: 'origin', next: { mode: 'road', km: 15 } },
      { place: P.khorgos, kind: 'border', next: { mode: 'road', km: 380 } },
      { place: P.almaty, kind: 'hub', next: { mode: 'road', km: 760 } },
      { place: P.saryagash, kind: 'border', next: { mode: 'road', km: 25 } },
      { place: P.tashkent, kind: 'destination' },
    ],
  },
  {
    id: 'trans-afghan',
    name: 'Tashkent – Termez – Hairatan – Mazar-i-Sharif by rail',
    weight: 10,
    stops: [
      { place: P.tashkent, kind: 'origin', next: { mode: 'rail', km: 700 } },
      { place: P.termez, kind: 'border', next: { mode: 'rail', km: 75 } },
      { place: P.mazar, kind: 'destination' },
    ],
  },
  {
    id: 'turkmenbashi-ferry',
    name: 'Bukhara – Farap – Turkmenbashi – Alat',
    weight: 10,
    stops: [
      { place: P.bukhara, kind: 'origin', next: { mode: 'rail', km: 100 } },
      { place: P.farap, kind: 'border', next: { mode: 'rail', km: 1100 } },
      { place: P.turkmenbashi, kind: 'port-out', next: { mode: 'sea', km: 300 } },
      { place: P.alat, kind: 'port-in', next: { mode: 'rail', km: 70 } },
      { place: P.baku, kind: 'destination' },
    ],
  },
];

/** The SGLN URN of a place; `extension` names a gate, track or berth inside it ("0" = the site). */
export function sgln(p: Place, extension = '0'): string {
  return `urn:epc:id:sgln:${p.prefix}.${p.locationRef}.${extension}`;
}

/** The GLN-13 of a company prefix and reference (with its check digit), for bizTransaction URNs. */
export function gln(prefix: string, reference: string): string {
  const body = (prefix + reference).padEnd(12, '0').slice(0, 12);
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
  return body + String((10 - (sum % 10)) % 10);
}
