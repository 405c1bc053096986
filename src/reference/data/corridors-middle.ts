import type { CorridorRecord, LegRecord } from '../types.js';

// Legs shared by both Middle Corridor entries. Distances and durations are derived from the route
// lines (see build.ts) unless a leg gives its own sourced figure.
const XIAN_URUMQI: LegRecord = {
  from: 'xian', to: 'urumqi', mode: 'rail',
  via: ['baoji', 'tianshui', 'lanzhou', 'wuwei', 'zhangye', 'jiuquan', 'liuyuan', 'hami', 'shanshan', 'turpan'],
  note: 'Longhai and Lanzhou–Xinjiang railways.',
};

const CASPIAN_FERRY_NOTE = 'Unscheduled ferries: about a day at sea, 2–7 days waiting (see timing facts).';

const ALAT_TBILISI_POTI: readonly LegRecord[] = [
  { from: 'alat-port', to: 'boyuk-kasik', mode: 'rail', via: ['kurdamir', 'ujar', 'yevlakh', 'ganja', 'tovuz', 'qazax'] },
  { from: 'boyuk-kasik', to: 'tbilisi', mode: 'rail', via: ['rustavi'] },
  { from: 'tbilisi', to: 'poti-port', mode: 'rail', via: ['gori', 'khashuri', 'zestafoni', 'kutaisi', 'samtredia'] },
];

const MIDDLE_FACTS: readonly string[] = [
  'Block trains China→Azerbaijan 8–10 days, ~12 days to Georgian ports, Xi\'an→Azerbaijan 11 days [ADY via caspiannews 2024-10-10]',
  'China→Europe 20–25 days on average [trend.az 3867443]',
  'Volumes 586 kt (2021), 1.5 Mt (2022), 2.76 Mt (2023), 4.1 Mt and 50,500 TEU in Jan–Nov 2024; capacity 6 Mt/yr incl. 100k TEU [eureporter 2024-03-07, trend.az 3982954]',
  'About 3 times slower than the northern route, comparable to sea [World Bank, hdl 10986/40626]',
];

const TITR = 'Trans-Caspian International Transport Route (TITR) per its operators; see facts';

export const MIDDLE_CORRIDORS: readonly CorridorRecord[] = [
  {
    id: 'middle-corridor-dostyk',
    names: { en: 'Middle Corridor via Dostyk and Aktau', ru: 'Средний коридор через Достык и Актау', ar: 'الممر الأوسط عبر دوستيك وأكتاو' },
    status: 'operational', statusSource: TITR, facts: MIDDLE_FACTS,
    legs: [
      XIAN_URUMQI,
      { from: 'urumqi', to: 'dostyk', mode: 'rail', via: ['shihezi', 'kuytun', 'jinghe', 'alashankou'] },
      {
        from: 'dostyk', to: 'aktau-port', mode: 'rail',
        via: ['usharal', 'aktogay', 'sayak', 'balkhash', 'moyynty', 'zharyk', 'zhezkazgan', 'zhezkazgan-saksaulskiy-mid',
          'saksaulskiy', 'shalkar', 'shalkar-beyneu-mid', 'beyneu', 'shetpe', 'mangyshlak'],
        note: 'Gauge change at Dostyk; Zhezkazgan–Saksaulskiy and Shalkar–Beyneu lines opened 2014.',
      },
      { from: 'aktau-port', to: 'alat-port', mode: 'sea', via: ['caspian-mid-north', 'absheron-east'], note: CASPIAN_FERRY_NOTE },
      ...ALAT_TBILISI_POTI,
    ],
  },
  {
    id: 'middle-corridor-altynkol',
    names: { en: 'Middle Corridor via Altynkol and Kuryk', ru: 'Средний коридор через Алтынколь и Курык', ar: 'الممر الأوسط عبر ألتينكول وكوريك' },
    status: 'operational', statusSource: TITR, facts: MIDDLE_FACTS,
    legs: [
      XIAN_URUMQI,
      { from: 'urumqi', to: 'altynkol', mode: 'rail', via: ['shihezi', 'kuytun', 'jinghe', 'sayram-lake', 'yining'] },
      { from: 'altynkol', to: 'almaty', mode: 'rail', via: ['zharkent', 'koktal', 'zhetygen'], note: 'Gauge change at Altynkol.' },
      {
        from: 'almaty', to: 'kuryk-port', mode: 'rail',
        via: ['otar', 'shu', 'kulan', 'taraz', 'tulkubas', 'shymkent', 'arys', 'turkestan', 'zhanakorgan', 'kyzylorda',
          'zhusaly', 'kazaly', 'aral', 'saksaulskiy', 'shalkar', 'shalkar-beyneu-mid', 'beyneu', 'shetpe', 'mangyshlak'],
      },
      { from: 'kuryk-port', to: 'alat-port', mode: 'sea', via: ['caspian-mid-north', 'absheron-east'], note: CASPIAN_FERRY_NOTE },
      ...ALAT_TBILISI_POTI,
    ],
  },
  {
    id: 'trans-caspian-turkmenbashi',
    names: { en: 'Trans-Caspian south branch via Turkmenbashi', ru: 'Южная ветка Транскаспийского маршрута через Туркменбаши', ar: 'الفرع الجنوبي عبر تركمانباشي' },
    status: 'operational', statusSource: 'Karvon corridor notes (Trans-Caspian south branch)',
    facts: ['Caspian ferries are unscheduled: about a day at sea, 2–7 days waiting [rough]'],
    legs: [
      { from: 'tashkent', to: 'farap-alat', mode: 'rail', via: ['gulistan', 'jizzakh', 'samarkand', 'navoi', 'bukhara', 'olot'] },
      { from: 'farap-alat', to: 'ashgabat', mode: 'rail', via: ['turkmenabat', 'karakum-rail-mid', 'mary', 'tejen', 'kaka'] },
      { from: 'ashgabat', to: 'turkmenbashi-port', mode: 'rail', via: ['baherden', 'serdar', 'bereket', 'balkanabat'] },
      { from: 'turkmenbashi-port', to: 'alat-port', mode: 'sea', via: ['caspian-mid-east'], note: CASPIAN_FERRY_NOTE },
    ],
  },
];
