// Identifiers for simulated transport units and documents, valid under the domain's own check rules,
// so that the simulated traffic exercises the same parsers as real partner data.
import { imoCheckDigit, iso6346CheckDigit, wagonCheckDigit } from '../domain/index.js';
import { KARVON_GS1_COMPANY_PREFIX } from '../reference/index.js';
import type { SimRandom } from './prng.js';

// Owner codes of the simulated fleets; they stand for leasing companies and railway operators.
const OWNER_CODES = ['KTZ', 'ADY', 'UTY', 'GRC', 'KRV', 'CXT', 'TMR', 'SLK'] as const;

/** An ISO 6346 freight container number with its computed check digit, e.g. KTZU1234563. */
export function simContainerNumber(rng: SimRandom): string {
  const body = `${rng.pick(OWNER_CODES)}U${rng.digits(6)}`;
  return body + String(iso6346CheckDigit(body));
}

/** A 1520-gauge 8-digit wagon number (flat wagons start with 4) or, for standard gauge, a 12-digit UIC one. */
export function simWagonNumber(rng: SimRandom, standardGauge: boolean): string {
  const body = standardGauge ? `3133${rng.digits(7)}` : `4${rng.digits(6)}`;
  return body + String(wagonCheckDigit(body));
}

/** A 7-digit IMO ship number with its check digit. */
export function simImoNumber(rng: SimRandom): string {
  const six = `9${rng.digits(5)}`;
  return six + String(imoCheckDigit(six));
}

/** A truck plate: two digits, two letters, three digits, as many of the corridor's countries write them. */
export function simPlate(rng: SimRandom): string {
  return `${rng.digits(2)}${String.fromCharCode(65 + rng.int(26))}${String.fromCharCode(65 + rng.int(26))}${rng.digits(3)}`;
}

/** An NCTS-style Movement Reference Number whose 18th character is the ISO 6346 check over the first 17. */
export function simMrn(rng: SimRandom, year: number, country: string): string {
  const body = `${String(year % 100).padStart(2, '0')}${country}${rng.alphanumerics(13)}`;
  return body + String(iso6346CheckDigit(body));
}

/** A PGLN of a simulated party (carrier, forwarder) under Karvon's demo company prefix. */
export function simPartyPgln(partyRef: number): string {
  return `urn:epc:id:pgln:${KARVON_GS1_COMPANY_PREFIX}.${String(partyRef).padStart(12 - KARVON_GS1_COMPANY_PREFIX.length, '0')}`;
}
