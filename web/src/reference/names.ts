/** Names from the reference data in the page's language. */
import type { ReferenceCountry, ReferenceLocation } from './reference-data';

export type Names = ReferenceLocation['names'];

/**
 * A name in the page's language: its translation when the reference data has one, its name in its
 * own language when that is the page's (a Kazakh place for a Kazakh page), else English.
 */
export function nameIn(names: Names, language: string): string {
  const translated = (names as Partial<Record<string, unknown>>)[language];
  if (typeof translated === 'string' && translated !== '') return translated;
  if (names.local?.lang === language) return names.local.name;
  return names.en;
}

/** A country's name in the page's language: the reference data's, else the browser's own (Intl), else its code. */
export function countryName(code: string, language: string, countries?: ReadonlyMap<string, ReferenceCountry>): string {
  const country = countries?.get(code);
  if (country) return nameIn(country.names, language);
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

const SIDES = ' – ';

/**
 * A location's name in the page's language. A shared border crossing is named in the order of its
 * countries ("Dostyk – Alashankou"); on one side of it (`side`, a country code) it is called by that
 * side's half, as the server names it.
 */
export function locationName(location: ReferenceLocation, language: string, side?: string | null): string {
  const name = nameIn(location.names, language);
  const parts = name.split(SIDES);
  const index = side ? location.countries.indexOf(side) : -1;
  return parts.length === location.countries.length && index >= 0 ? parts[index]! : name;
}
