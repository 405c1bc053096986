/**
 * Who may administer whom. Decisions (issue 4, "Identities" and "Governance"):
 * - the network operator (isNetworkAdmin) administers everything, and so does the command line
 *   (`'cli'`: whoever runs it holds the database anyway);
 * - a national coordinator creates, suspends and reactivates the organisations of its own country,
 *   except other national coordinators (including itself) and network-wide bodies (secretariat,
 *   council, network operator), which have no country: those are the network operator's business;
 * - it also manages the users and API keys of the organisations it governs;
 * - an organisation's own admins manage its own users and keys;
 * - what it gives an organisation is checked too: locations only of its own country (a border
 *   crossing belongs to both its countries), and party ids no other organisation holds — no one,
 *   not even the network operator, gives one party to two organisations (the store enforces it);
 * - nobody else. Every administrative act needs the 'admin' scope (an admin user, or a key with it),
 *   and nobody hands out more rights than it holds: the scopes of a new key or of a new user's role
 *   must be among the actor's own.
 * Seeing: the network operator sees every organisation, a coordinator those of its country, anyone
 * else its own. An organisation one may not see is answered as unknown (404), so that its existence
 * does not leak; one it sees but may not administer is a 403.
 */
import { hasScope, isNetworkAdmin, type KeyScope, type Organisation, type Principal } from '../model/access.js';
import type { Location } from '../reference/index.js';
import { NETWORK_WIDE_KINDS } from './access-input.js';

/** Who acts: an authenticated principal, or the operator at the command line. */
export type Actor = Principal | 'cli';

function isCoordinator(principal: Principal): boolean {
  return principal.organisation.kind === 'national-coordinator' && principal.organisation.status === 'active' && principal.organisation.country !== undefined;
}

export function canSeeOrganisation(actor: Actor, organisation: Pick<Organisation, 'id' | 'country'>): boolean {
  if (actor === 'cli' || isNetworkAdmin(actor)) return true;
  if (actor.organisation.id === organisation.id) return true;
  return isCoordinator(actor) && organisation.country === actor.organisation.country;
}

/** May create, suspend or reactivate an organisation of this kind and country. */
export function canGovernOrganisation(actor: Actor, organisation: Pick<Organisation, 'kind' | 'country'>): boolean {
  if (actor === 'cli') return true;
  if (!hasScope(actor, 'admin')) return false;
  if (isNetworkAdmin(actor)) return true;
  return (
    isCoordinator(actor) &&
    organisation.country !== undefined &&
    organisation.country === actor.organisation.country &&
    organisation.kind !== 'national-coordinator' &&
    !NETWORK_WIDE_KINDS.includes(organisation.kind)
  );
}

/**
 * May give an organisation this location to operate: the network operator (and the command line)
 * any; a national coordinator only a location of its own country.
 */
export function mayAssignLocation(actor: Actor, location: Pick<Location, 'countries'>): boolean {
  if (actor === 'cli' || isNetworkAdmin(actor)) return true;
  const country = actor.organisation.country;
  return country !== undefined && (location.countries as readonly string[]).includes(country);
}

/** Whether the actor may be told which organisation holds a party id (it sees every organisation). */
export function seesEveryOrganisation(actor: Actor): boolean {
  return actor === 'cli' || isNetworkAdmin(actor);
}

/** May create and disable the users, and create and revoke the API keys, of this organisation. */
export function canManageMembersOf(actor: Actor, organisation: Pick<Organisation, 'id' | 'kind' | 'country'>): boolean {
  if (actor === 'cli') return true;
  if (!hasScope(actor, 'admin')) return false;
  if (actor.organisation.id === organisation.id) return true;
  return canGovernOrganisation(actor, organisation);
}

/** The scopes in `wanted` the actor does not hold itself (and so may not hand out). */
export function scopesBeyondActor(actor: Actor, wanted: readonly KeyScope[]): KeyScope[] {
  if (actor === 'cli') return [];
  return wanted.filter((scope) => !actor.scopes.includes(scope));
}
