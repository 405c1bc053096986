/**
 * Names on the shipment page that need more than a reference name: a customs office (named after
 * its place where the reference data has no name for it in the language) and where something
 * happened (a place, a point or a raw id). The reference data itself is reference/reference-data.ts.
 */
import { countryName, locationName } from '../../reference/names';
import type { Reference } from '../../reference/reference-data';
import type { Whereabouts } from './types';

/** A location id's name in the language (one side of a crossing when `side` is given), if the reference data knows it. */
export function placeName(reference: Reference, locationId: string, language: string, side?: string): string | undefined {
  const location = reference.locations.get(locationId);
  return location && locationName(location, language, side);
}

/**
 * A customs office's name in the language. Offices are named in English and Russian only: in another
 * language the office is called after its place ("customs post at <place>", by `atPlace`), whose
 * name the reference data more often has.
 */
export function officeName(reference: Reference, code: string, language: string, atPlace: (place: string) => string): string {
  const office = reference.offices.get(code);
  if (!office) return code;
  const own = (office.names as Record<string, unknown>)[language];
  if (typeof own === 'string' && own !== '') return own;
  const place = language === 'en' ? undefined : placeName(reference, office.locationId, language, office.country);
  return place ? atPlace(place) : office.names.en;
}

/** Where something happened, in words of the language: a reference place, a point, or the raw id. */
export function whereaboutsText(reference: Reference, where: Whereabouts, language: string, fallback?: string): string {
  if (where.kind === 'location') {
    const name = placeName(reference, where.locationId, language, where.country) ?? where.name;
    return where.country ? `${name} (${countryName(where.country, language)})` : name;
  }
  if (where.kind === 'geo') {
    const format = new Intl.NumberFormat(language, { minimumFractionDigits: 4, maximumFractionDigits: 4 });
    // Isolated left to right, so that a right-to-left sentence keeps latitude before longitude.
    return `\u2066${format.format(where.lat)}, ${format.format(where.lon)}\u2069`;
  }
  return fallback ?? where.id;
}
