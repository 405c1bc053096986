// How much of a shipment's pre-arrival information (what the forwarder registered: parties, goods,
// values, documents, units and seals) a caller sees, decided from the same audience keys that let it
// see the shipment at all (src/access/visibility.ts), never from anything the request says:
//
// - `full`: the network operator; the registrant (`org:` key: only the registration that opened the
//   shipment adds one); the parties the registration or a hand-over names (`party:`); the customs
//   authorities of the countries on its itinerary or corridor or where it was observed (`customs:`),
//   who receive the same data with a transit declaration's offices of transit.
// - `handling`: those who see the shipment only as the operator of a location on its way
//   (`location:`: a terminal, a port, a railway's station). They handle the units, so they get the
//   units with their seals (to check them on arrival) and the number of packages and the gross mass
//   (to plan handling and loads), but not who trades with whom, what the goods are, their value or
//   the commercial documents.
// - `none`: anyone else (the secretariat and the council see aggregates only and never get here).
import { organisationKey, type ReadScope } from '../model/visibility-scope.js';

export type PreArrivalAccess = 'full' | 'handling' | 'none';

/** The share of pre-arrival information `scope` gets of a shipment whose audience is `audience`. */
export function preArrivalAccess(scope: ReadScope, audience: readonly string[]): PreArrivalAccess {
  if (scope.kind === 'all') return 'full';
  if (scope.kind === 'aggregates') return 'none';
  const held = new Set(audience);
  const shared = scope.keys.filter((key) => held.has(key));
  if (shared.length === 0) return 'none';
  // Keys are `<kind>:<id>` (src/model/visibility-scope.ts); an organisation key in the audience is the registrant's.
  const kindOf = (key: string) => key.slice(0, key.indexOf(':') + 1);
  const full = shared.some((key) => key === organisationKey(scope.organisationId) || kindOf(key) === 'party:' || kindOf(key) === 'customs:');
  return full ? 'full' : 'handling';
}
