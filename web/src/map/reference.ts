/**
 * The reference data the map draws (GET /api/reference/locations and /corridors/{id}): public,
 * unchanging while the server runs, so fetched once per page load and shared by every map.
 */
import { api } from '../api/client';
import type { paths } from '../api/schema';

export type ReferenceLocation = paths['/api/reference/locations']['get']['responses']['200']['content']['application/json']['items'][number];
export type ReferenceCorridor = paths['/api/reference/corridors/{id}']['get']['responses']['200']['content']['application/json'];
type Names = ReferenceLocation['names'];

let locations: Promise<readonly ReferenceLocation[]> | undefined;
const corridors = new Map<string, Promise<ReferenceCorridor>>();

/** Forgets a failed request, so that the next map asks again instead of failing forever. */
function remembered<T>(promise: Promise<T>, forget: () => void): Promise<T> {
  promise.catch(forget);
  return promise;
}

export function loadLocations(): Promise<readonly ReferenceLocation[]> {
  locations ??= remembered(
    api.GET('/api/reference/locations').then(({ data }) => {
      if (!data) throw new Error('GET /api/reference/locations failed');
      return data.items;
    }),
    () => (locations = undefined),
  );
  return locations;
}

export function loadCorridor(id: string): Promise<ReferenceCorridor> {
  let corridor = corridors.get(id);
  if (!corridor) {
    corridor = remembered(
      api.GET('/api/reference/corridors/{id}', { params: { path: { id } } }).then(({ data }) => {
        if (!data) throw new Error(`GET /api/reference/corridors/${id} failed`);
        return data;
      }),
      () => corridors.delete(id),
    );
    corridors.set(id, corridor);
  }
  return corridor;
}

/** A place's name in the page's language: its own translation, its name in its own language when that is the page's, else English. */
export function nameIn(names: Names, language: string): string {
  if (language === 'ru') return names.ru;
  if (language === 'ar' && names.ar) return names.ar;
  if (names.local?.lang === language) return names.local.name;
  return names.en;
}
