// The parties the simulator names on its events: one carrier per country and mode (the national
// railway on rail, a road haulier of the country on the road), and the forwarders that arrange the
// shipments. The demo creates an organisation for each with the same party id, so that signing in
// as one of them shows the shipments it is named on.
import type { Leg } from '../reference/index.js';
import { simPartyPgln } from './sim-identifiers.js';

const CARRIER_COUNTRIES = ['CN', 'KZ', 'KG', 'UZ', 'TJ', 'TM', 'AZ', 'GE', 'AF', 'PK', 'TR', 'IR', 'RU'];
const MODES: readonly Leg['mode'][] = ['rail', 'road', 'sea'];

/** The PGLN of the simulated carrier of `country` on `mode`. */
export function simCarrierOf(country: string, mode: Leg['mode']): string {
  return simPartyPgln(100 + 10 * CARRIER_COUNTRIES.indexOf(country) + MODES.indexOf(mode));
}

export interface SimForwarder {
  /** The demo organisation's id. */
  readonly id: string;
  readonly name: string;
  readonly country: string;
  readonly city: string;
  readonly pgln: string;
}

function forwarder(ref: number, country: string, city: string, name: string): SimForwarder {
  return { id: `${country.toLowerCase()}-forwarder-${city.toLowerCase()}`, name, country, city, pgln: simPartyPgln(500 + ref) };
}

/** Forwarders of the member states (fictitious firms; the refs are never reused). */
export const SIM_FORWARDERS: readonly SimForwarder[] = [
  forwarder(1, 'KZ', 'Almaty', 'Almaty Cargo Forwarding (demo)'),
  forwarder(2, 'KZ', 'Astana', 'Steppe Logistics Astana (demo)'),
  forwarder(3, 'KG', 'Bishkek', 'Ala-Too Transit Bishkek (demo)'),
  forwarder(4, 'TJ', 'Dushanbe', 'Pamir Freight Dushanbe (demo)'),
  forwarder(5, 'TM', 'Ashgabat', 'Karakum Forwarding Ashgabat (demo)'),
  forwarder(6, 'UZ', 'Tashkent', 'Silk Road Forwarding Tashkent (demo)'),
  forwarder(7, 'UZ', 'Samarkand', 'Registan Logistics Samarkand (demo)'),
  forwarder(8, 'AZ', 'Baku', 'Caspian Gateway Forwarding Baku (demo)'),
];

/**
 * The forwarder of the `k`-th shipment on a route through `countries`: the forwarders of the member
 * states on the route take turns, so the choice is fixed by the seed without drawing from the PRNG
 * (which would change every other simulated value).
 */
export function simForwarderFor(countries: readonly string[], k: number): SimForwarder {
  const candidates = SIM_FORWARDERS.filter((f) => countries.includes(f.country));
  const pool = candidates.length > 0 ? candidates : SIM_FORWARDERS;
  return pool[k % pool.length]!;
}
