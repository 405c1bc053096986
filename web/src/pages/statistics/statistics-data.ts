/**
 * What the statistics page reads: GET /api/statistics/ and the reference names of corridors and
 * locations, so that rows are labelled in the reader's language (the reference data has names in
 * English, Russian, Arabic and the local language).
 */
import { api, problemText } from '../../api/client';
import type { paths } from '../../api/schema';

type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;

export type Statistics = Json<paths['/api/statistics/']['get']['responses']['200']>;
export type Observation = Statistics['observations'][number];
type Names = Json<paths['/api/reference/corridors']['get']['responses']['200']>['items'][number]['names'];

export interface StatisticsView {
  readonly statistics: Statistics;
  readonly corridorNames: ReadonlyMap<string, Names>;
  readonly locationNames: ReadonlyMap<string, Names>;
}

export type Loaded = { ok: true; view: StatisticsView } | { ok: false; forbidden: boolean; said?: string };

export async function loadStatistics(): Promise<Loaded> {
  const [statistics, corridors, locations] = await Promise.all([api.GET('/api/statistics/'), api.GET('/api/reference/corridors'), api.GET('/api/reference/locations')]);
  if (!statistics.data) {
    const said = problemText(statistics.error);
    return { ok: false, forbidden: statistics.response.status === 403, ...(said ? { said } : {}) };
  }
  return {
    ok: true,
    view: {
      statistics: statistics.data,
      corridorNames: new Map((corridors.data?.items ?? []).map((c) => [c.id, c.names])),
      locationNames: new Map((locations.data?.items ?? []).map((l) => [l.id, l.names])),
    },
  };
}

/** A name in the language (the local one too, for Uzbek, Kazakh...), else in English, else the id itself. */
export function nameIn(names: Names | undefined, language: string, id: string): string {
  if (!names) return id;
  if (language === 'ru') return names.ru;
  if (language === 'ar' && names.ar) return names.ar;
  if (names.local?.lang === language) return names.local.name;
  return names.en;
}
