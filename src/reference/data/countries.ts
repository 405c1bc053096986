import type { Country } from '../types.js';

// Codes: ISO 3166-1. Names: common short names (UN/ISO usage in en, ru, ar); local names only where
// the spelling is certain. Bounding boxes are rough outlines (littoral states include their Caspian
// waters), good only for plausibility checks.
export const COUNTRIES: readonly Country[] = [
  {
    alpha2: 'KZ', alpha3: 'KAZ', numeric: '398', member: true,
    names: { en: 'Kazakhstan', ru: 'Казахстан', ar: 'كازاخستان', local: { lang: 'kk', name: 'Қазақстан' } },
    bbox: [46.4, 40.5, 87.4, 55.5],
  },
  {
    alpha2: 'KG', alpha3: 'KGZ', numeric: '417', member: true,
    names: { en: 'Kyrgyzstan', ru: 'Киргизия', ar: 'قيرغيزستان', local: { lang: 'ky', name: 'Кыргызстан' } },
    bbox: [69.2, 39.1, 80.3, 43.3],
  },
  {
    alpha2: 'TJ', alpha3: 'TJK', numeric: '762', member: true,
    names: { en: 'Tajikistan', ru: 'Таджикистан', ar: 'طاجيكستان', local: { lang: 'tg', name: 'Тоҷикистон' } },
    bbox: [67.3, 36.6, 75.2, 41.1],
  },
  {
    alpha2: 'TM', alpha3: 'TKM', numeric: '795', member: true,
    names: { en: 'Turkmenistan', ru: 'Туркменистан', ar: 'تركمانستان', local: { lang: 'tk', name: 'Türkmenistan' } },
    bbox: [51.5, 35.1, 66.7, 42.8],
  },
  {
    alpha2: 'UZ', alpha3: 'UZB', numeric: '860', member: true,
    names: { en: 'Uzbekistan', ru: 'Узбекистан', ar: 'أوزبكستان', local: { lang: 'uz', name: 'Oʻzbekiston' } },
    bbox: [55.9, 37.1, 73.2, 45.6],
  },
  {
    alpha2: 'AZ', alpha3: 'AZE', numeric: '031', member: true,
    names: { en: 'Azerbaijan', ru: 'Азербайджан', ar: 'أذربيجان', local: { lang: 'az', name: 'Azərbaycan' } },
    bbox: [44.7, 38.3, 51.0, 42.0],
  },
  {
    alpha2: 'CN', alpha3: 'CHN', numeric: '156', member: false,
    names: { en: 'China', ru: 'Китай', ar: 'الصين', local: { lang: 'zh', name: '中国' } },
    bbox: [73.5, 18.1, 134.8, 53.6],
  },
  {
    alpha2: 'AF', alpha3: 'AFG', numeric: '004', member: false,
    names: { en: 'Afghanistan', ru: 'Афганистан', ar: 'أفغانستان', local: { lang: 'ps', name: 'افغانستان' } },
    bbox: [60.5, 29.3, 75.0, 38.5],
  },
  {
    alpha2: 'GE', alpha3: 'GEO', numeric: '268', member: false,
    names: { en: 'Georgia', ru: 'Грузия', ar: 'جورجيا', local: { lang: 'ka', name: 'საქართველო' } },
    bbox: [40.0, 41.0, 46.8, 43.6],
  },
  {
    alpha2: 'TR', alpha3: 'TUR', numeric: '792', member: false,
    names: { en: 'Türkiye', ru: 'Турция', ar: 'تركيا', local: { lang: 'tr', name: 'Türkiye' } },
    bbox: [25.6, 35.8, 44.9, 42.2],
  },
  {
    alpha2: 'IR', alpha3: 'IRN', numeric: '364', member: false,
    names: { en: 'Iran', ru: 'Иран', ar: 'إيران', local: { lang: 'fa', name: 'ایران' } },
    bbox: [44.0, 25.0, 63.4, 39.8],
  },
  {
    alpha2: 'RU', alpha3: 'RUS', numeric: '643', member: false,
    names: { en: 'Russia', ru: 'Россия', ar: 'روسيا', local: { lang: 'ru', name: 'Россия' } },
    bbox: [19.6, 41.1, 180, 82],
  },
  {
    alpha2: 'PK', alpha3: 'PAK', numeric: '586', member: false,
    names: { en: 'Pakistan', ru: 'Пакистан', ar: 'باكستان', local: { lang: 'ur', name: 'پاکستان' } },
    bbox: [60.8, 23.6, 77.9, 37.1],
  },
];
