/**
 * The reference data every page names things with (GET /api/reference/...: locations, corridors,
 * countries, customs offices; a corridor's route for the map). It is public, the same for every
 * caller and unchanging while the server runs, so each part is asked for once per visit and shared
 * by every page; a failed request is forgotten, so that the next use asks again.
 */
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { paths } from '../api/schema';

type Items<P extends keyof paths> = paths[P] extends { get: { responses: { 200: { content: { 'application/json': { items: readonly (infer T)[] } } } } } } ? T : never;

export type ReferenceLocation = Items<'/api/reference/locations'>;
export type ReferenceCorridorSummary = Items<'/api/reference/corridors'>;
export type ReferenceCountry = Items<'/api/reference/countries'>;
export type CustomsOffice = Items<'/api/reference/customs-offices'>;
/** A corridor with its legs and their route lines (what the map draws). */
export type ReferenceCorridor = paths['/api/reference/corridors/{id}']['get']['responses']['200']['content']['application/json'];

export interface Reference {
  readonly locations: ReadonlyMap<string, ReferenceLocation>;
  readonly corridors: ReadonlyMap<string, ReferenceCorridorSummary>;
  /** By ISO 3166-1 alpha-2 code. */
  readonly countries: ReadonlyMap<string, ReferenceCountry>;
  /** By office code. */
  readonly offices: ReadonlyMap<string, CustomsOffice>;
}

/** Before the reference data has come: every caller falls back to the server's own words. */
export const EMPTY_REFERENCE: Reference = { locations: new Map(), corridors: new Map(), countries: new Map(), offices: new Map() };

/** Keeps a request's promise until it fails, then forgets it. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= make().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

async function items<T>(request: Promise<{ data?: { items: readonly T[] } }>, what: string): Promise<readonly T[]> {
  const { data } = await request;
  if (!data) throw new Error(`GET /api/reference/${what} failed`);
  return data.items;
}

/** Every reference location, in the server's order. */
export const loadLocations = once(() => items(api.GET('/api/reference/locations'), 'locations'));

/** Every part of the reference data, once per visit. */
export const loadReference = once(async (): Promise<Reference> => {
  const [locations, corridors, countries, offices] = await Promise.all([
    loadLocations(),
    items(api.GET('/api/reference/corridors'), 'corridors'),
    items(api.GET('/api/reference/countries'), 'countries'),
    items(api.GET('/api/reference/customs-offices'), 'customs-offices'),
  ]);
  return {
    locations: new Map(locations.map((l) => [l.id, l])),
    corridors: new Map(corridors.map((c) => [c.id, c])),
    countries: new Map(countries.map((c) => [c.alpha2, c])),
    offices: new Map(offices.map((o) => [o.code, o])),
  };
});

const corridorLoads = new Map<string, () => Promise<ReferenceCorridor>>();

/** One corridor with its route lines. */
export function loadCorridor(id: string): Promise<ReferenceCorridor> {
  let load = corridorLoads.get(id);
  if (!load) {
    load = once(async () => {
      const { data } = await api.GET('/api/reference/corridors/{id}', { params: { path: { id } } });
      if (!data) throw new Error(`GET /api/reference/corridors/${id} failed`);
      return data;
    });
    corridorLoads.set(id, load);
  }
  return load();
}

/** The reference data; undefined until it has come. */
export function useReference(): Reference | undefined {
  const [reference, setReference] = useState<Reference>();
  useEffect(() => {
    let current = true;
    loadReference().then((loaded) => current && setReference(loaded), () => undefined);
    return () => {
      current = false;
    };
  }, []);
  return reference;
}
