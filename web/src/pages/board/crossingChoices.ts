/**
 * The places a board can show: border crossings and ports, named in the page's language, those of
 * the caller's own country first (a customs officer watches their own posts), each group in
 * alphabetical order of the page's language.
 */
import { nameIn, type ReferencePlaces } from '../shipments/referencePlaces';

export interface CrossingChoice {
  readonly id: string;
  readonly name: string;
}

export interface CrossingGroups {
  /** The caller's country's crossings and ports (empty when the caller has no country). */
  readonly own: readonly CrossingChoice[];
  readonly others: readonly CrossingChoice[];
}

const BOARD_KINDS: readonly string[] = ['border-crossing', 'port'];

export function crossingChoices(places: ReferencePlaces | undefined, ownCountry: string | undefined, language: string): CrossingGroups {
  const collator = new Intl.Collator(language);
  const all = [...(places?.locations.values() ?? [])].filter((location) => BOARD_KINDS.includes(location.kind));
  const choice = (location: (typeof all)[number]) => ({ id: location.id, name: nameIn(location.names, language) });
  const byName = (a: CrossingChoice, b: CrossingChoice) => collator.compare(a.name, b.name);
  const isOwn = (location: (typeof all)[number]) => ownCountry !== undefined && location.countries.includes(ownCountry);
  return {
    own: all.filter(isOwn).map(choice).sort(byName),
    others: all.filter((location) => !isOwn(location)).map(choice).sort(byName),
  };
}
