import type { CorridorRecord } from '../types.js';

const CKU_FACTS: readonly string[] = [
  'Railway Kashgar–Torugart–Makmal–Jalal-Abad–Andijan: 523 km (532.53 km per Uzbekistan); standard gauge for 344 km up to Makmal, then 1,520 mm; 3–4 Mt/yr at first, rising to 15 Mt/yr; operations planned around 2030 [railwaygazette 68088, trend.az 4122490]',
  'Until the railway opens, goods go by road via Torugart and Irkeshtam',
];

const INTRA_FACTS: readonly string[] = [
  'Regional trade of the format reached US$10.7 bn, investment up 17% (summit statement)',
];

export const SOUTHERN_CORRIDORS: readonly CorridorRecord[] = [
  {
    id: 'cku-road-torugart',
    names: { en: 'China–Kyrgyzstan road via Torugart', ru: 'Китай – Киргизия, автодорога через Торугарт' },
    status: 'operational', statusSource: 'Karvon corridor notes (road via Torugart until the railway opens)', facts: CKU_FACTS,
    legs: [
      { from: 'kashgar', to: 'torugart', mode: 'road', via: ['tuoyun'] },
      { from: 'torugart', to: 'bishkek', mode: 'road', via: ['at-bashi', 'naryn', 'kochkor', 'balykchy', 'boom-gorge', 'tokmok'] },
    ],
  },
  {
    id: 'cku-road-irkeshtam',
    names: { en: 'China–Kyrgyzstan–Uzbekistan road via Irkeshtam', ru: 'Китай – Киргизия – Узбекистан, автодорога через Иркештам' },
    status: 'operational', statusSource: 'Karvon corridor notes (road via Irkeshtam until the railway opens)', facts: CKU_FACTS,
    legs: [
      { from: 'kashgar', to: 'irkeshtam', mode: 'road', via: ['ulugqat'] },
      { from: 'irkeshtam', to: 'osh', mode: 'road', via: ['nura', 'sary-tash', 'gulcha'] },
      { from: 'osh', to: 'dostuk-dustlik', mode: 'road', via: [] },
      { from: 'dostuk-dustlik', to: 'tashkent', mode: 'road', via: ['andijan', 'kokand', 'pap', 'kamchik-pass', 'angren'] },
    ],
  },
  {
    id: 'cku-railway',
    names: { en: 'China–Kyrgyzstan–Uzbekistan railway (planned)', ru: 'Железная дорога Китай – Киргизия – Узбекистан (строится)' },
    status: 'planned', statusSource: 'Operations planned around 2030 [railwaygazette 68088, trend.az 4122490]', facts: CKU_FACTS,
    legs: [
      { from: 'kashgar', to: 'torugart', mode: 'rail', via: ['tuoyun'] },
      { from: 'torugart', to: 'andijan', mode: 'rail', via: ['makmal', 'kazarman', 'jalal-abad', 'kara-suu'], note: 'Gauge change at Makmal.' },
    ],
  },
  {
    id: 'trans-afghan',
    names: { en: 'Trans-Afghan corridor', ru: 'Трансафганский коридор', ar: 'الممر العابر لأفغانستان' },
    status: 'operational',
    statusSource: 'Rail to Mazar-i-Sharif and road beyond operate today; the ~760 km railway to Peshawar is planned [astanatimes 2025-07]',
    facts: ['Planned railway ~760 km, up to 15 Mt/yr; claimed to cut Uzbekistan–Pakistan transit to 3–5 days from 35 [claim, astanatimes 2025-07]'],
    legs: [
      { from: 'tashkent', to: 'termez', mode: 'rail', via: ['gulistan', 'jizzakh', 'samarkand', 'karshi', 'guzar', 'derbent-uz', 'kumkurgan'] },
      { from: 'termez', to: 'termez-hairatan', mode: 'rail', via: [] },
      { from: 'termez-hairatan', to: 'mazar-i-sharif', mode: 'rail', via: [] },
      { from: 'mazar-i-sharif', to: 'kabul', mode: 'road', via: ['tashkurgan-af', 'aybak', 'pul-e-khumri', 'salang', 'charikar'] },
      { from: 'kabul', to: 'torkham', mode: 'road', via: ['sarobi', 'jalalabad'] },
      { from: 'torkham', to: 'peshawar', mode: 'road', via: ['landi-kotal'] },
    ],
  },
  {
    id: 'kz-uz-saryagash-keles',
    names: { en: 'Khorgos – Almaty – Tashkent via Saryagash–Keles', ru: 'Хоргос – Алматы – Ташкент через Сарыагаш – Келес' },
    status: 'operational', statusSource: 'Karvon corridor notes (intra-regional link)', facts: INTRA_FACTS,
    legs: [
      { from: 'khorgos', to: 'almaty', mode: 'road', via: ['zharkent', 'koktal', 'konaev'] },
      { from: 'almaty', to: 'saryagash-keles', mode: 'road', via: ['kordai', 'merke', 'taraz', 'tulkubas', 'shymkent'] },
      { from: 'saryagash-keles', to: 'tashkent', mode: 'road', via: [] },
    ],
  },
  {
    id: 'kg-uz-dostuk-dustlik',
    names: { en: 'Osh – Andijan via Dostuk–Dustlik', ru: 'Ош – Андижан через Достук – Дустлик' },
    status: 'operational', statusSource: 'Karvon corridor notes (intra-regional link)', facts: INTRA_FACTS,
    legs: [
      { from: 'osh', to: 'dostuk-dustlik', mode: 'road', via: [] },
      { from: 'dostuk-dustlik', to: 'andijan', mode: 'road', via: [] },
    ],
  },
  {
    id: 'tm-uz-farap-alat',
    names: { en: 'Bukhara – Ashgabat via Farap–Alat', ru: 'Бухара – Ашхабад через Фарап – Алат' },
    status: 'operational', statusSource: 'Karvon corridor notes (intra-regional link)', facts: INTRA_FACTS,
    legs: [
      { from: 'bukhara', to: 'farap-alat', mode: 'road', via: ['olot'] },
      { from: 'farap-alat', to: 'ashgabat', mode: 'road', via: ['turkmenabat', 'karakum-rail-mid', 'mary', 'tejen', 'kaka'] },
    ],
  },
  {
    id: 'tj-uz-dushanbe-termez',
    names: { en: 'Dushanbe – Termez via Tursunzoda–Sariosiyo', ru: 'Душанбе – Термез через Турсунзаде – Сариасия' },
    status: 'operational', statusSource: 'Karvon corridor notes (Tajikistan links)',
    legs: [
      { from: 'dushanbe', to: 'tursunzoda-sariosiyo', mode: 'road', via: ['tursunzoda'] },
      { from: 'tursunzoda-sariosiyo', to: 'termez', mode: 'road', via: ['denau', 'kumkurgan'] },
    ],
  },
];
