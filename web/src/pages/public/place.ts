/**
 * The link's last place as a reference location, and its name in the page's language. The link names
 * a place in English and, at a shared border crossing ("Dostyk – Alashankou"), by the half on the
 * side the goods stand (src/projections/event-facts.ts): the same half of the translated name is
 * taken here.
 */
import { nameIn, type ReferenceLocation } from '../../map/reference';

const SIDES = ' – ';

/** The half of a crossing's name for one of its countries; the whole name of anywhere else. */
function sideOf(name: string, location: ReferenceLocation, country: string | null): string {
  const parts = name.split(SIDES);
  const side = country === null ? -1 : location.countries.indexOf(country);
  return parts.length === location.countries.length && side >= 0 ? parts[side]! : name;
}

export interface KnownPlace {
  readonly location: ReferenceLocation;
  /** Its name in the page's language, as the link names it (one side of a crossing). */
  readonly name: string;
}

export function knownPlace(locations: readonly ReferenceLocation[], place: { name: string; country: string | null }, language: string): KnownPlace | undefined {
  const location = locations.find((l) => (place.country === null || l.countries.includes(place.country)) && sideOf(l.names.en, l, place.country) === place.name);
  return location && { location, name: sideOf(nameIn(location.names, language), location, place.country) };
}
