/**
 * Names of places, customs offices and corridors in the page's language, from the reference data
 * (/api/reference/...). The data never changes while the app runs, so it is fetched once per visit
 * and shared by every part of the page.
 */
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { CorridorSummary, CustomsOffice, ReferenceLocation, Whereabouts } from './types';

export interface ReferenceNames {
  readonly locations: ReadonlyMap<string, ReferenceLocation>;
  readonly offices: ReadonlyMap<string, CustomsOffice>;
  readonly corridors: ReadonlyMap<string, CorridorSummary>;
}

const EMPTY: ReferenceNames = { locations: new Map(), offices: new Map(), corridors: new Map() };
let loading: Promise<ReferenceNames> | undefined;

async function load(): Promise<ReferenceNames> {
  const [locations, offices, corridors] = await Promise.all([
    api.GET('/api/reference/locations'),
    api.GET('/api/reference/customs-offices'),
    api.GET('/api/reference/corridors'),
  ]);
  return {
    locations: new Map((locations.data?.items ?? []).map((item) => [item.id, item])),
    offices: new Map((offices.data?.items ?? []).map((item) => [item.code, item])),
    corridors: new Map((corridors.data?.items ?? []).map((item) => [item.id, item])),
  };
}

/** The reference names; empty maps until they have come (every caller falls back to the server's words). */
export function useReferenceNames(): ReferenceNames {
  const [names, setNames] = useState<ReferenceNames>(EMPTY);
  useEffect(() => {
    let current = true;
    loading ??= load().catch(() => {
      loading = undefined;
      return EMPTY;
    });
    void loading.then((loaded) => current && setNames(loaded));
    return () => {
      current = false;
    };
  }, []);
  return names;
}

type Names = ReferenceLocation['names'];

/** A name in the language asked for, else English. */
export function nameIn(names: Names, language: string): string {
  const own = (names as Record<string, unknown>)[language];
  return typeof own === 'string' && own !== '' ? own : names.en;
}

/**
 * A location's name in the language. A shared border crossing is named "Dostyk – Alashankou" in the
 * order of its countries; each side is called by its own half, as the server does.
 */
export function locationName(reference: ReferenceNames, locationId: string, language: string, side?: string): string | undefined {
  const location = reference.locations.get(locationId);
  if (!location) return undefined;
  const name = nameIn(location.names, language);
  const parts = name.split(' – ');
  const index = side ? location.countries.indexOf(side) : -1;
  return parts.length === location.countries.length && index >= 0 ? parts[index] : name;
}

/** A country's name in the language (Intl knows them all), else its code. */
export function countryName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * A customs office's name in the language. Offices are named in English and Russian only: in another
 * language the office is called after its place ("customs post at <place>", by `atPlace`), whose
 * name the reference data more often has.
 */
export function officeName(reference: ReferenceNames, code: string, language: string, atPlace: (place: string) => string): string {
  const office = reference.offices.get(code);
  if (!office) return code;
  const own = (office.names as Record<string, unknown>)[language];
  if (typeof own === 'string' && own !== '') return own;
  const place = language === 'en' ? undefined : locationName(reference, office.locationId, language, office.country);
  return place ? atPlace(place) : office.names.en;
}

/** Where something happened, in words of the language: a reference place, a point, or the raw id. */
export function whereaboutsText(reference: ReferenceNames, where: Whereabouts, language: string, fallback?: string): string {
  if (where.kind === 'location') {
    const name = locationName(reference, where.locationId, language, where.country) ?? where.name;
    return where.country ? `${name} (${countryName(where.country, language)})` : name;
  }
  if (where.kind === 'geo') {
    const format = new Intl.NumberFormat(language, { minimumFractionDigits: 4, maximumFractionDigits: 4 });
    // Isolated left to right, so that a right-to-left sentence keeps latitude before longitude.
    return `\u2066${format.format(where.lat)}, ${format.format(where.lon)}\u2069`;
  }
  return fallback ?? where.id;
}
