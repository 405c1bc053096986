// A corridor seen by the simulator: the points a convoy passes, the country on each side of each
// point, and which customs offices act where under the profile's transit lifecycle.
import { customsOfficesAt, locationById, type Corridor, type CustomsOffice, type Location } from '../reference/index.js';

export interface RoutePoint {
  readonly location: Location;
  /** Country of the goods when they reach the point. */
  readonly countryBefore: string;
  /** Country of the goods when they leave it (differs at a border). */
  readonly countryAfter: string;
  /** Offices passing the goods in transit here, the exit office before the entry office. */
  readonly passOffices: readonly CustomsOffice[];
}

export interface SimRoute {
  readonly corridor: Corridor;
  /** Point 0 is the origin; point i + 1 is where leg i ends. */
  readonly points: readonly RoutePoint[];
  /** Where the transit declaration is lodged and where it ends; absent when the corridor has under two offices. */
  readonly departure?: { readonly point: number; readonly office: CustomsOffice };
  readonly destination?: { readonly point: number; readonly office: CustomsOffice };
}

function locationOf(id: string): Location {
  const location = locationById(id);
  if (!location) throw new Error(`reference data: corridor names unknown location ${id}`);
  return location;
}

/** Works out the customs geography of a corridor from the reference data. */
export function simRoute(corridor: Corridor): SimRoute {
  const ids = [corridor.legs[0]!.from, ...corridor.legs.map((leg) => leg.to)];
  const locations = ids.map(locationOf);
  // A corridor that starts at a border crossing point (Khorgos for Saryagash–Keles) is entered from
  // its far side: the goods cross there first, into the country of the next stop. Taking the
  // crossing's first listed country instead started them on the Kazakh side of Khorgos, where they
  // had never been, with their declaration lodged at the post before anything reached it.
  const origin = locations[0]!;
  const next = locations[1];
  const farSide = origin.kind === 'border-crossing' && next ? origin.countries.find((c) => !next.countries.includes(c)) : undefined;
  let country: string = farSide ?? origin.countries[0]!;
  const sides = locations.map((location, i) => {
    const before = country;
    if (i > 0 || farSide !== undefined) country = location.countries.find((c) => c !== before) ?? location.countries[0]!;
    return { before, after: country };
  });

  const offices = locations.map((location) => customsOfficesAt(location.id));
  let departure: SimRoute['departure'];
  for (let i = 0; i < locations.length && !departure; i++) {
    const office = offices[i]!.find((o) => o.country === sides[i]!.after);
    if (office) departure = { point: i, office };
  }
  let destination: SimRoute['destination'];
  if (departure) {
    for (let i = locations.length - 1; i > departure.point && !destination; i--) {
      const office = offices[i]!.find((o) => o.country === sides[i]!.before) ?? offices[i]![0];
      if (office) destination = { point: i, office };
    }
  }
  const points = locations.map((location, i): RoutePoint => {
    const between = departure && destination && i > departure.point && i < destination.point;
    const pass = between
      ? offices[i]!.filter((o) => o.role === 'border').sort((a, b) => Number(b.country === sides[i]!.before) - Number(a.country === sides[i]!.before))
      : [];
    return { location, countryBefore: sides[i]!.before, countryAfter: sides[i]!.after, passOffices: pass };
  });
  return destination ? { corridor, points, departure, destination } : { corridor, points };
}
