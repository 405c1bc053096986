import type { LocationRecord } from '../types.js';
import { geonames, latLon, locode, LOCODE_NOTES, LOCODE_RECALLED, NOTES_ROUGH, OWN_ROUGH } from './provenance.js';

// Port positions are rough (±0.05°), so their fences are wider than the quays themselves.
const PORT_RADIUS_M = 8_000;
// Inland terminals are placed at the city centre; the fence takes in the rail yards and dry ports around it.
const CITY_RADIUS_M = 15_000;

export const PORTS: readonly LocationRecord[] = [
  {
    id: 'aktau-port', kind: 'port', countries: ['KZ'], modes: ['sea', 'rail', 'road'],
    position: latLon(43.6, 51.2), positionProvenance: NOTES_ROUGH, fenceRadiusM: PORT_RADIUS_M,
    unlocode: locode('KZAAU', LOCODE_NOTES, true),
    names: { en: 'Aktau Port', ru: 'Порт Актау', ar: 'ميناء أكتاو' }, glnRef: 201,
  },
  {
    id: 'kuryk-port', kind: 'port', countries: ['KZ'], modes: ['sea', 'rail', 'road'],
    position: latLon(43.17, 51.68), positionProvenance: NOTES_ROUGH, fenceRadiusM: PORT_RADIUS_M,
    names: { en: 'Kuryk Port (ferry complex)', ru: 'Порт Курык' }, glnRef: 202,
  },
  {
    id: 'alat-port', kind: 'port', countries: ['AZ'], modes: ['sea', 'rail', 'road'],
    position: latLon(39.95, 49.41), positionProvenance: NOTES_ROUGH, fenceRadiusM: PORT_RADIUS_M,
    unlocode: locode('AZBAK', LOCODE_NOTES, false),
    names: { en: 'Baku International Sea Trade Port (Alat)', ru: 'Бакинский международный морской торговый порт (Алят)', ar: 'ميناء باكو التجاري البحري الدولي' },
    glnRef: 203, note: 'The LOCODE is Baku; the port moved to Alat, about 70 km south of the city.',
  },
  {
    id: 'turkmenbashi-port', kind: 'port', countries: ['TM'], modes: ['sea', 'rail', 'road'],
    position: latLon(40.01, 52.97), positionProvenance: NOTES_ROUGH, fenceRadiusM: PORT_RADIUS_M,
    unlocode: locode('TMKRW', LOCODE_NOTES, true),
    names: { en: 'Turkmenbashi International Seaport', ru: 'Туркменбашийский международный морской порт' }, glnRef: 204,
  },
  {
    id: 'poti-port', kind: 'port', countries: ['GE'], modes: ['sea', 'rail', 'road'],
    position: latLon(42.15, 41.66), positionProvenance: NOTES_ROUGH, fenceRadiusM: PORT_RADIUS_M,
    unlocode: locode('GEPTI', LOCODE_NOTES, true),
    names: { en: 'Poti Sea Port', ru: 'Порт Поти' }, glnRef: 205,
  },
  {
    id: 'batumi-port', kind: 'port', countries: ['GE'], modes: ['sea', 'rail', 'road'],
    position: latLon(41.65, 41.64), positionProvenance: NOTES_ROUGH, fenceRadiusM: PORT_RADIUS_M,
    unlocode: locode('GEBUS', LOCODE_NOTES, true),
    names: { en: 'Batumi Sea Port', ru: 'Порт Батуми' }, glnRef: 206,
  },
];

export const TERMINALS: readonly LocationRecord[] = [
  {
    id: 'almaty', kind: 'terminal', countries: ['KZ'], modes: ['rail', 'road'],
    position: latLon(43.257, 76.929), positionProvenance: geonames(1526384, 'Almaty'), fenceRadiusM: CITY_RADIUS_M,
    unlocode: locode('KZALA', LOCODE_RECALLED, true),
    names: { en: 'Almaty', ru: 'Алматы', ar: 'ألماتي', local: { lang: 'kk', name: 'Алматы' } }, glnRef: 301,
  },
  {
    id: 'tashkent', kind: 'terminal', countries: ['UZ'], modes: ['rail', 'road'],
    position: latLon(41.265, 69.216), positionProvenance: geonames(1512569, 'Tashkent'), fenceRadiusM: CITY_RADIUS_M,
    unlocode: locode('UZTAS', LOCODE_RECALLED, true),
    names: { en: 'Tashkent', ru: 'Ташкент', ar: 'طشقند', local: { lang: 'uz', name: 'Toshkent' } }, glnRef: 302,
  },
  {
    id: 'bishkek', kind: 'terminal', countries: ['KG'], modes: ['rail', 'road'],
    position: latLon(42.87, 74.59), positionProvenance: geonames(1528675, 'Bishkek'), fenceRadiusM: CITY_RADIUS_M,
    unlocode: locode('KGFRU', LOCODE_RECALLED, true),
    names: { en: 'Bishkek', ru: 'Бишкек', ar: 'بيشكك', local: { lang: 'ky', name: 'Бишкек' } }, glnRef: 303,
  },
  {
    id: 'dushanbe', kind: 'terminal', countries: ['TJ'], modes: ['rail', 'road'],
    position: latLon(38.536, 68.779), positionProvenance: geonames(1221874, 'Dushanbe'), fenceRadiusM: CITY_RADIUS_M,
    unlocode: locode('TJDYU', LOCODE_RECALLED, true),
    names: { en: 'Dushanbe', ru: 'Душанбе', ar: 'دوشنبه', local: { lang: 'tg', name: 'Душанбе' } }, glnRef: 304,
  },
  {
    id: 'ashgabat', kind: 'terminal', countries: ['TM'], modes: ['rail', 'road'],
    position: latLon(37.95, 58.383), positionProvenance: geonames(162183, 'Ashgabat'), fenceRadiusM: CITY_RADIUS_M,
    unlocode: locode('TMASB', LOCODE_RECALLED, true),
    names: { en: 'Ashgabat', ru: 'Ашхабад', ar: 'عشق آباد', local: { lang: 'tk', name: 'Aşgabat' } }, glnRef: 305,
  },
  {
    id: 'kashgar', kind: 'terminal', countries: ['CN'], modes: ['rail', 'road'],
    position: latLon(39.471, 75.99), positionProvenance: geonames(1280849, 'Kashgar'), fenceRadiusM: CITY_RADIUS_M,
    names: { en: 'Kashgar', ru: 'Кашгар', ar: 'كاشغر' }, glnRef: 306,
  },
  {
    id: 'xian', kind: 'terminal', countries: ['CN'], modes: ['rail', 'road'],
    position: latLon(34.26, 108.93), positionProvenance: OWN_ROUGH, fenceRadiusM: 25_000,
    names: { en: "Xi'an (International Port)", ru: 'Сиань', ar: 'شيان', local: { lang: 'zh', name: '西安' } },
    glnRef: 307, note: 'Origin of China–Europe block trains; the inland port lies north-east of the city, inside the wider fence.',
  },
  {
    id: 'urumqi', kind: 'terminal', countries: ['CN'], modes: ['rail', 'road'],
    position: latLon(43.801, 87.6), positionProvenance: geonames(1529102, 'Ürümqi'), fenceRadiusM: CITY_RADIUS_M,
    names: { en: 'Ürümqi', ru: 'Урумчи', ar: 'أورومتشي' }, glnRef: 308,
  },
  {
    id: 'mazar-i-sharif', kind: 'terminal', countries: ['AF'], modes: ['rail', 'road'],
    position: latLon(36.709, 67.111), positionProvenance: geonames(1133616, 'Mazār-e Sharīf'), fenceRadiusM: CITY_RADIUS_M,
    unlocode: locode('AFMZR', LOCODE_NOTES, false),
    names: { en: 'Mazar-i-Sharif', ru: 'Мазари-Шариф', ar: 'مزار شريف' }, glnRef: 309,
    note: 'End of the rail line from Hairatan.',
  },
  {
    id: 'tbilisi', kind: 'terminal', countries: ['GE'], modes: ['rail', 'road'],
    position: latLon(41.694, 44.834), positionProvenance: geonames(611717, 'Tbilisi'), fenceRadiusM: CITY_RADIUS_M,
    unlocode: locode('GETBS', LOCODE_RECALLED, true),
    names: { en: 'Tbilisi', ru: 'Тбилиси', ar: 'تبليسي', local: { lang: 'ka', name: 'თბილისი' } }, glnRef: 310,
  },
  {
    id: 'kabul', kind: 'city', countries: ['AF'], modes: ['road'],
    position: latLon(34.528, 69.172), positionProvenance: geonames(1138958, 'Kabul'), fenceRadiusM: CITY_RADIUS_M,
    names: { en: 'Kabul', ru: 'Кабул', ar: 'كابل' }, glnRef: 311,
  },
  {
    id: 'peshawar', kind: 'city', countries: ['PK'], modes: ['road', 'rail'],
    position: latLon(34.008, 71.578), positionProvenance: geonames(1168197, 'Peshawar'), fenceRadiusM: CITY_RADIUS_M,
    names: { en: 'Peshawar', ru: 'Пешавар', ar: 'بيشاور' }, glnRef: 312,
  },
  {
    id: 'osh', kind: 'city', countries: ['KG'], modes: ['road'],
    position: latLon(40.528, 72.799), positionProvenance: geonames(1527534, 'Osh'), fenceRadiusM: 10_000,
    names: { en: 'Osh', ru: 'Ош', ar: 'أوش' }, glnRef: 313,
  },
  {
    id: 'andijan', kind: 'city', countries: ['UZ'], modes: ['road', 'rail'],
    position: latLon(40.782, 72.344), positionProvenance: geonames(1514588, 'Andijon'), fenceRadiusM: 10_000,
    names: { en: 'Andijan', ru: 'Андижан', local: { lang: 'uz', name: 'Andijon' } }, glnRef: 314,
  },
  {
    id: 'bukhara', kind: 'terminal', countries: ['UZ'], modes: ['rail', 'road'],
    position: latLon(39.775, 64.429), positionProvenance: geonames(1217662, 'Bukhara'), fenceRadiusM: CITY_RADIUS_M,
    names: { en: 'Bukhara', ru: 'Бухара', ar: 'بخارى', local: { lang: 'uz', name: 'Buxoro' } }, glnRef: 315,
  },
  {
    id: 'termez', kind: 'terminal', countries: ['UZ'], modes: ['rail', 'road'],
    position: latLon(37.224, 67.278), positionProvenance: geonames(1215957, 'Tirmiz'), fenceRadiusM: 8_000,
    names: { en: 'Termez (cargo centre)', ru: 'Термез', ar: 'ترمذ', local: { lang: 'uz', name: 'Termiz' } },
    glnRef: 316, note: 'Fence kept small so it does not overlap the Friendship Bridge BCP 13 km east.',
  },
];
