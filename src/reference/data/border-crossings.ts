import type { LocationRecord } from '../types.js';
import { latLon, locode, LOCODE_NOTES, NOTES_ROUGH, OWN_ROUGH } from './provenance.js';

// Border crossing points. Where one record stands for a pair of posts (e.g. Saryagash–Keles), the
// geofence covers both sides. Radii are at least twice the position uncertainty so a truck queueing
// at the post is inside the fence.
const BCP_RADIUS_M = 10_000;

export const BORDER_CROSSINGS: readonly LocationRecord[] = [
  {
    id: 'khorgos', kind: 'border-crossing', countries: ['KZ', 'CN'], modes: ['road'],
    position: latLon(44.2, 80.3), positionProvenance: NOTES_ROUGH, fenceRadiusM: BCP_RADIUS_M,
    names: { en: 'Khorgos / Nur Zholy – Horgos', ru: 'Хоргос / Нур Жолы – Хоргос' },
    glnRef: 101, note: 'Road BCP next to the Khorgos Gateway dry port and the ICBC free zone.',
  },
  {
    id: 'altynkol', kind: 'border-crossing', countries: ['KZ', 'CN'], modes: ['rail'],
    position: latLon(44.2, 80.3), positionProvenance: NOTES_ROUGH, fenceRadiusM: BCP_RADIUS_M,
    names: { en: 'Altynkol – Horgos (rail)', ru: 'Алтынколь – Хоргос' },
    glnRef: 102, note: 'Rail BCP with gauge change; the notes give one rough point for the whole Khorgos complex.',
  },
  {
    id: 'dostyk', kind: 'border-crossing', countries: ['KZ', 'CN'], modes: ['rail'],
    position: latLon(45.25, 82.48), positionProvenance: NOTES_ROUGH, fenceRadiusM: BCP_RADIUS_M,
    names: { en: 'Dostyk – Alashankou', ru: 'Достык – Алашанькоу' },
    glnRef: 103, note: 'Rail BCP, gauge change 1,435/1,520 mm.',
  },
  {
    id: 'torugart', kind: 'border-crossing', countries: ['KG', 'CN'], modes: ['road'],
    position: latLon(40.56, 75.39), positionProvenance: NOTES_ROUGH, fenceRadiusM: BCP_RADIUS_M,
    names: { en: 'Torugart', ru: 'Торугарт' },
    glnRef: 104, note: 'Mountain road pass; the Chinese customs post lies further south, towards Kashgar.',
  },
  {
    id: 'irkeshtam', kind: 'border-crossing', countries: ['KG', 'CN'], modes: ['road'],
    position: latLon(39.68, 73.91), positionProvenance: NOTES_ROUGH, fenceRadiusM: BCP_RADIUS_M,
    names: { en: 'Irkeshtam', ru: 'Иркештам' },
    glnRef: 105,
  },
  {
    id: 'termez-hairatan', kind: 'border-crossing', countries: ['UZ', 'AF'], modes: ['rail', 'road'],
    position: latLon(37.23, 67.42), positionProvenance: NOTES_ROUGH, fenceRadiusM: BCP_RADIUS_M,
    unlocode: locode('AFHRT', LOCODE_NOTES, false),
    names: { en: 'Termez – Hairatan (Friendship Bridge)', ru: 'Термез – Хайратон (Мост Дружбы)' },
    glnRef: 106, note: 'The LOCODE names the Afghan side (Hairatan).',
  },
  {
    id: 'saryagash-keles', kind: 'border-crossing', countries: ['KZ', 'UZ'], modes: ['rail', 'road'],
    position: latLon(41.45, 69.17), positionProvenance: NOTES_ROUGH, fenceRadiusM: BCP_RADIUS_M,
    names: { en: 'Saryagash – Keles', ru: 'Сарыагаш – Келес' },
    glnRef: 107,
  },
  {
    id: 'dostuk-dustlik', kind: 'border-crossing', countries: ['KG', 'UZ'], modes: ['road'],
    position: latLon(40.63, 72.67), positionProvenance: NOTES_ROUGH, fenceRadiusM: BCP_RADIUS_M,
    names: { en: 'Dostuk – Dustlik', ru: 'Достук – Дустлик' },
    glnRef: 108,
  },
  {
    id: 'farap-alat', kind: 'border-crossing', countries: ['TM', 'UZ'], modes: ['rail', 'road'],
    position: latLon(39.17, 63.61), positionProvenance: NOTES_ROUGH, fenceRadiusM: 20_000,
    names: { en: 'Farap – Alat (Olot)', ru: 'Фарап – Алат' },
    glnRef: 109, note: 'Point is Farap; the fence is wide enough to take in the Olot (UZ) post ~30 km north-east.',
  },
  {
    id: 'yalama', kind: 'border-crossing', countries: ['AZ', 'RU'], modes: ['road', 'rail'],
    position: latLon(41.75, 48.57), positionProvenance: { source: 'Karvon corridor notes (sourced)', rough: false },
    fenceRadiusM: BCP_RADIUS_M, unlocode: locode('AZYAL', LOCODE_NOTES, false),
    names: { en: 'Yalama – Samur', ru: 'Ялама – Самур' },
    glnRef: 110,
  },
  {
    id: 'astara', kind: 'border-crossing', countries: ['AZ', 'IR'], modes: ['road', 'rail'],
    position: latLon(38.45, 48.87), positionProvenance: { source: 'Karvon corridor notes (sourced)', rough: false },
    fenceRadiusM: BCP_RADIUS_M, unlocode: locode('AZAST', LOCODE_NOTES, false),
    names: { en: 'Astara', ru: 'Астара' },
    glnRef: 111,
  },
  {
    id: 'boyuk-kasik', kind: 'border-crossing', countries: ['AZ', 'GE'], modes: ['rail'],
    position: latLon(41.46, 45.09), positionProvenance: NOTES_ROUGH, fenceRadiusM: 15_000,
    names: { en: 'Böyük Kəsik – Gardabani', ru: 'Беюк-Кесик – Гардабани' },
    glnRef: 112, note: 'Rail BCP on the Baku–Tbilisi line; the notes give the Gardabani border area.',
  },
  {
    id: 'tursunzoda-sariosiyo', kind: 'border-crossing', countries: ['TJ', 'UZ'], modes: ['road', 'rail'],
    position: latLon(38.5, 68.12), positionProvenance: OWN_ROUGH, fenceRadiusM: 15_000,
    names: { en: 'Tursunzoda – Sariosiyo', ru: 'Турсунзаде – Сариасия' },
    glnRef: 113,
  },
  {
    id: 'torkham', kind: 'border-crossing', countries: ['AF', 'PK'], modes: ['road'],
    position: latLon(34.1, 71.09), positionProvenance: OWN_ROUGH, fenceRadiusM: BCP_RADIUS_M,
    names: { en: 'Torkham', ru: 'Торхам' },
    glnRef: 114,
  },
];
