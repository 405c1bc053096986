/**
 * The link's last place as a reference location, and its name in the page's language. The link names
 * a place in English and, at a shared border crossing ("Dostyk – Alashankou"), by the half on the
 * side the goods stand (src/projections/event-facts.ts): the same half of the translated name is
 * taken here.
 */
import { locationName } from '../../reference/names';
import type { ReferenceLocation } from '../../reference/reference-data';

export interface KnownPlace {
  readonly location: ReferenceLocation;
  /** Its name in the page's language, as the link names it (one side of a crossing). */
  readonly name: string;
}

export function knownPlace(locations: readonly ReferenceLocation[], place: { name: string; country: string | null }, language: string): KnownPlace | undefined {
  const location = locations.find((l) => (place.country === null || l.countries.includes(place.country)) && locationName(l, 'en', place.country) === place.name);
  return location && { location, name: locationName(location, language, place.country) };
}
