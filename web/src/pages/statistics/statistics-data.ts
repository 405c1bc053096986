/**
 * What the statistics page reads: GET /api/statistics/ and the reference names of corridors and
 * locations (the app's one reference-data load), so that rows are labelled in the reader's language (the reference data has names in
 * English, Russian, Arabic and the local language).
 */
import { nameIn as nameInLanguage } from '../../reference/names';
import { EMPTY_REFERENCE, loadReference } from '../../reference/reference-data';
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
  // Without the reference data the rows are named by their ids.
  const [statistics, reference] = await Promise.all([api.GET('/api/statistics/'), loadReference().catch(() => EMPTY_REFERENCE)]);
  if (!statistics.data) {
    const said = problemText(statistics.error);
    return { ok: false, forbidden: statistics.response.status === 403, ...(said ? { said } : {}) };
  }
  return {
    ok: true,
    view: {
      statistics: statistics.data,
      corridorNames: new Map([...reference.corridors].map(([id, corridor]) => [id, corridor.names])),
      locationNames: new Map([...reference.locations].map(([id, location]) => [id, location.names])),
    },
  };
}

/** A name in the language (reference/names.ts), else the id itself when the reference data lacks it. */
export function nameIn(names: Names | undefined, language: string, id: string): string {
  return names ? nameInLanguage(names, language) : id;
}
