import { parseShipmentReference } from '../identifiers/document-reference.js';
import { parseCountryCode, parseCurrencyCode, parseGln, parseHsCode } from '../identifiers/trade-codes.js';
import { itineraryProblems, type ItineraryLookups } from './itinerary-rules.js';
import type { RegistrationProblem } from './registration-problem.js';
import { PARTY_ROLES, type GoodsLine, type Party, type ShipmentReference, type ShipmentRegistration } from './shipment.js';
import { transportUnitProblems } from './transport-unit-rules.js';

export type RegistrationLookups = ItineraryLookups;

/**
 * Checks a shipment registration against every rule and returns all problems, each with a JSON
 * pointer into the input. An empty list means the registration may be accepted.
 */
export function validateShipmentRegistration(input: ShipmentRegistration, lookups: RegistrationLookups): RegistrationProblem[] {
  const references = input.references ?? [];
  const parties = input.parties ?? [];
  const goods = input.goods ?? [];
  const units = input.transportUnits ?? [];
  return [
    ...referenceProblems(references),
    ...partyProblems(parties),
    ...goods.flatMap(goodsLineProblems),
    ...(goods.length === 0 ? [{ path: '/goods', code: 'missing', message: 'a shipment needs at least one goods line' } as const] : []),
    ...transportUnitProblems(units),
    ...itineraryProblems(input.itinerary ?? [], units, lookups),
  ];
}

function referenceProblems(references: readonly ShipmentReference[]): RegistrationProblem[] {
  const problems: RegistrationProblem[] = [];
  if (references.length === 0) problems.push({ path: '/references', code: 'missing', message: 'a shipment needs at least one reference (bill of lading, CMR, SMGS, booking, client reference, ...)' });
  const seen = new Set<string>();
  references.forEach((ref, i) => {
    const parsed = parseShipmentReference(ref.kind, ref.value);
    if (!parsed.ok) {
      const field = parsed.error.startsWith('reference kind') ? 'kind' : 'value';
      problems.push({ path: `/references/${i}/${field}`, code: field === 'kind' ? 'invalid-value' : 'invalid-identifier', message: parsed.error });
      return;
    }
    const key = `${parsed.value.kind}\u0000${parsed.value.value}`;
    if (seen.has(key)) problems.push({ path: `/references/${i}`, code: 'duplicate', message: `${ref.kind} reference ${parsed.value.value} is listed twice` });
    seen.add(key);
  });
  return problems;
}

function partyProblems(parties: readonly Party[]): RegistrationProblem[] {
  const problems: RegistrationProblem[] = [];
  parties.forEach((party, i) => {
    const at = `/parties/${i}`;
    if (!(PARTY_ROLES as readonly string[]).includes(party.role)) {
      problems.push({ path: `${at}/role`, code: 'invalid-value', message: `party role ${JSON.stringify(party.role)} is unknown; expected one of ${PARTY_ROLES.join(', ')}` });
    }
    if (typeof party.name !== 'string' || party.name.trim() === '') problems.push({ path: `${at}/name`, code: 'missing', message: 'a party needs a name' });
    const country = parseCountryCode(party.country);
    if (!country.ok) problems.push({ path: `${at}/country`, code: 'invalid-value', message: country.error });
    if (party.gln !== undefined) {
      const gln = parseGln(party.gln);
      if (!gln.ok) problems.push({ path: `${at}/gln`, code: 'invalid-identifier', message: gln.error });
    }
  });
  for (const role of ['consignor', 'consignee'] as const) {
    if (!parties.some((p) => p.role === role)) problems.push({ path: '/parties', code: 'missing', message: `a shipment needs a ${role}` });
  }
  return problems;
}

function goodsLineProblems(line: GoodsLine, i: number): RegistrationProblem[] {
  const problems: RegistrationProblem[] = [];
  const at = `/goods/${i}`;
  const hs = parseHsCode(line.hsCode);
  if (!hs.ok) problems.push({ path: `${at}/hsCode`, code: 'invalid-identifier', message: hs.error });
  if (typeof line.description !== 'string' || line.description.trim() === '') problems.push({ path: `${at}/description`, code: 'missing', message: 'a goods line needs a description of the goods' });
  if (!Number.isInteger(line.packages) || line.packages < 1) problems.push({ path: `${at}/packages`, code: 'invalid-value', message: `packages must be a whole number of at least 1, found ${JSON.stringify(line.packages)}` });
  if (typeof line.grossKg !== 'number' || !Number.isFinite(line.grossKg) || line.grossKg <= 0) problems.push({ path: `${at}/grossKg`, code: 'invalid-value', message: `gross mass must be a positive number of kilograms, found ${JSON.stringify(line.grossKg)}` });
  if (line.declaredValue !== undefined) {
    const { amount, currency } = line.declaredValue;
    if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) problems.push({ path: `${at}/declaredValue/amount`, code: 'invalid-value', message: `declared value must be a number of at least 0, found ${JSON.stringify(amount)}` });
    const cur = parseCurrencyCode(currency);
    if (!cur.ok) problems.push({ path: `${at}/declaredValue/currency`, code: 'invalid-value', message: cur.error });
  }
  return problems;
}
