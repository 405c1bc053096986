/**
 * Organisations and principals for the governance tests: a national coordinator for each of the six
 * member states and for Georgia (a candidate), a customs authority, and the network-wide bodies.
 */
import type { Organisation, Principal } from '../../src/model/access.js';
import type { Store } from '../../src/store/store.js';

export const MEMBERS_TODAY = ['KZ', 'KG', 'TJ', 'TM', 'UZ', 'AZ'] as const;

/** Dates of the demo history used by the tests: Turkmenistan took the chair before NOW. */
export const HISTORY = { founded: '2019-09-01T00:00:00.000Z', azerbaijanAdmitted: '2023-05-15T00:00:00.000Z', chairFrom: '2025-07-01T00:00:00.000Z' };
export const NOW = new Date('2026-03-01T10:00:00.000Z');

export const coordinatorId = (country: string) => `${country.toLowerCase()}-coordinator`;

function organisation(id: string, kind: Organisation['kind'], country?: string): Organisation {
  return { id, name: id, kind, ...(country ? { country } : {}), status: 'active', partyIds: [], locations: [], createdAt: '2019-01-01T00:00:00.000Z' };
}

export const ORGANISATIONS: Organisation[] = [
  ...[...MEMBERS_TODAY, 'GE'].map((country) => organisation(coordinatorId(country), 'national-coordinator', country)),
  organisation('kz-customs', 'customs-authority', 'KZ'),
  organisation('ge-railway', 'railway', 'GE'),
  organisation('cn-carrier', 'carrier', 'CN'),
  organisation('network-operator', 'network-operator'),
  organisation('council', 'council'),
  organisation('secretariat', 'secretariat'),
];

export async function createOrganisations(store: Store): Promise<void> {
  for (const org of ORGANISATIONS) {
    if (!(await store.access.organisations.create(org))) throw new Error(`organisation ${org.id} exists already`);
  }
}

/** A principal with every right of the organisation (or only `scopes`). */
export function principalOf(id: string, scopes: Principal['scopes'] = ['read', 'capture', 'admin']): Principal {
  const org = ORGANISATIONS.find((o) => o.id === id);
  if (!org) throw new Error(`no test organisation ${id}`);
  return { via: 'api-key', organisation: org, keyId: `key-of-${id}`, scopes };
}

export const coordinator = (country: string) => principalOf(coordinatorId(country));
