import type { CountryCode, CustomsOffice } from '../types.js';

// Office codes are Karvon's own, in the NCTS style (country code + 6 digits): 1xxxxx for offices at
// the border (BCPs and sea ports), 2xxxxx for inland offices. They are NOT official customs codes;
// a deployment maps them to the national reference numbers.
const SOURCE = 'Karvon demo numbering (not an official customs office code)';

type Row = readonly [code: string, country: CountryCode, locationId: string, en: string, ru: string];

const ROWS: readonly Row[] = [
  ['KZ100001', 'KZ', 'khorgos', 'Nur Zholy customs post', 'Таможенный пост «Нур Жолы»'],
  ['KZ100002', 'KZ', 'altynkol', 'Altynkol customs post', 'Таможенный пост «Алтынколь»'],
  ['KZ100003', 'KZ', 'dostyk', 'Dostyk customs post', 'Таможенный пост «Достык»'],
  ['KZ100004', 'KZ', 'saryagash-keles', 'Saryagash customs post', 'Таможенный пост «Сарыагаш»'],
  ['KZ100005', 'KZ', 'aktau-port', 'Aktau port customs post', 'Таможенный пост «Морпорт Актау»'],
  ['KZ100006', 'KZ', 'kuryk-port', 'Kuryk port customs post', 'Таможенный пост «Порт Курык»'],
  ['KZ200001', 'KZ', 'almaty', 'Almaty inland customs office', 'Таможенный пост «Алматы»'],
  ['KG100001', 'KG', 'torugart', 'Torugart customs post', 'Таможенный пост «Торугарт»'],
  ['KG100002', 'KG', 'irkeshtam', 'Irkeshtam customs post', 'Таможенный пост «Иркештам»'],
  ['KG100003', 'KG', 'dostuk-dustlik', 'Dostuk customs post', 'Таможенный пост «Достук»'],
  ['KG200001', 'KG', 'bishkek', 'Bishkek inland customs office', 'Таможенный пост «Бишкек»'],
  ['KG200002', 'KG', 'osh', 'Osh inland customs office', 'Таможенный пост «Ош»'],
  ['TJ100001', 'TJ', 'tursunzoda-sariosiyo', 'Tursunzoda customs post', 'Таможенный пост «Турсунзаде»'],
  ['TJ200001', 'TJ', 'dushanbe', 'Dushanbe inland customs office', 'Таможня «Душанбе»'],
  ['TM100001', 'TM', 'farap-alat', 'Farap customs post', 'Таможенный пост «Фарап»'],
  ['TM100002', 'TM', 'turkmenbashi-port', 'Turkmenbashi port customs post', 'Таможенный пост «Порт Туркменбаши»'],
  ['TM200001', 'TM', 'ashgabat', 'Ashgabat inland customs office', 'Таможня «Ашхабад»'],
  ['UZ100001', 'UZ', 'saryagash-keles', 'Keles customs post', 'Таможенный пост «Келес»'],
  ['UZ100002', 'UZ', 'dostuk-dustlik', 'Dustlik customs post', 'Таможенный пост «Дустлик»'],
  ['UZ100003', 'UZ', 'farap-alat', 'Alat (Olot) customs post', 'Таможенный пост «Алат»'],
  ['UZ100004', 'UZ', 'termez-hairatan', 'Termez (Friendship Bridge) customs post', 'Таможенный пост «Айритом»'],
  ['UZ100005', 'UZ', 'tursunzoda-sariosiyo', 'Sariosiyo customs post', 'Таможенный пост «Сариасия»'],
  ['UZ200001', 'UZ', 'tashkent', 'Tashkent inland customs office', 'Таможенный пост «Ташкент»'],
  ['UZ200002', 'UZ', 'andijan', 'Andijan inland customs office', 'Таможенный пост «Андижан»'],
  ['UZ200003', 'UZ', 'bukhara', 'Bukhara inland customs office', 'Таможенный пост «Бухара»'],
  ['UZ200004', 'UZ', 'termez', 'Termez cargo centre customs office', 'Таможенный пост «Термез-карго»'],
  ['AZ100001', 'AZ', 'alat-port', 'Baku International Sea Trade Port customs post', 'Таможенный пост «Бакинский морской порт»'],
  ['AZ100002', 'AZ', 'yalama', 'Yalama customs post', 'Таможенный пост «Ялама»'],
  ['AZ100003', 'AZ', 'astara', 'Astara customs post', 'Таможенный пост «Астара»'],
  ['AZ100004', 'AZ', 'boyuk-kasik', 'Böyük Kəsik customs post', 'Таможенный пост «Беюк-Кесик»'],
];

export const CUSTOMS_OFFICES: readonly CustomsOffice[] = ROWS.map(([code, country, locationId, en, ru]) => ({
  code, country, locationId, role: code[2] === '1' ? 'border' : 'inland', names: { en, ru }, source: SOURCE,
}));
