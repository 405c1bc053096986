/**
 * The reference data the lists name things with (locations, corridors, countries), asked for once per
 * visit and shared by the list, the board and the search box: it is the same for every caller and
 * changes only with a new release of the server.
 */
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { ReferenceCorridor, ReferenceCountry, ReferenceLocation } from './shipmentTypes';

export interface ReferencePlaces {
  readonly locations: ReadonlyMap<string, ReferenceLocation>;
  readonly corridors: ReadonlyMap<string, ReferenceCorridor>;
  readonly countries: ReadonlyMap<string, ReferenceCountry>;
}

type Names = ReferenceLocation['names'];

/** A place's name in the page's language: its own name when the page is in the place's language, else English. */
export function nameIn(names: Names, language: string): string {
  const translated = (names as Partial<Record<string, unknown>>)[language];
  if (typeof translated === 'string') return translated;
  if (names.local?.lang === language) return names.local.name;
  return names.en;
}

/** A country's name in the page's language: the reference data's, else the browser's own (Intl). */
export function countryName(code: string, places: ReferencePlaces | undefined, language: string): string {
  const country = places?.countries.get(code);
  if (country) return nameIn(country.names, language);
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function byId<T>(items: readonly T[], id: (item: T) => string): Map<string, T> {
  return new Map(items.map((item) => [id(item), item]));
}

let loading: Promise<ReferencePlaces> | undefined;

async function load(): Promise<ReferencePlaces> {
  const [locations, corridors, countries] = await Promise.all([
    api.GET('/api/reference/locations'),
    api.GET('/api/reference/corridors'),
    api.GET('/api/reference/countries'),
  ]);
  if (!locations.data || !corridors.data || !countries.data) throw new Error('reference data unavailable');
  return {
    locations: byId(locations.data.items, (l) => l.id),
    corridors: byId(corridors.data.items, (c) => c.id),
    countries: byId(countries.data.items, (c) => c.alpha2),
  };
}

/** The reference places; undefined until they have come (a failed load is tried again on the next use). */
export function useReferencePlaces(): ReferencePlaces | undefined {
  const [places, setPlaces] = useState<ReferencePlaces>();
  useEffect(() => {
    let current = true;
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    loading.then((loaded) => current && setPlaces(loaded)).catch(() => undefined);
    return () => {
      current = false;
    };
  }, []);
  return places;
}
