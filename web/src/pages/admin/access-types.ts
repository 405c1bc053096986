/** The access shapes the admin and keys pages show, as the server's OpenAPI declares them. */
import type { paths } from '../../api/schema';

type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;

export type Organisation = Json<paths['/api/organisations']['get']['responses']['200']>['items'][number];
export type OrganisationKind = Organisation['kind'];
export type User = Json<paths['/api/organisations/{id}/users']['get']['responses']['200']>['items'][number];
export type UserRole = User['role'];
export type ApiKey = Json<paths['/api/keys']['get']['responses']['200']>['items'][number];
export type KeyScope = ApiKey['scopes'][number];

/** Every value of a union, listed once: adding a value to the contract fails the type check until listed here. */
const all =
  <T extends string>() =>
  <const L extends readonly T[]>(list: L & ([T] extends [L[number]] ? unknown : 'missing a value')) =>
    list;

export const ORGANISATION_KINDS = all<OrganisationKind>()([
  'customs-authority',
  'railway',
  'port',
  'carrier',
  'forwarder',
  'shipper',
  'national-coordinator',
  'secretariat',
  'council',
  'network-operator',
]);
export const USER_ROLES = all<UserRole>()(['admin', 'operator', 'viewer']);
export const KEY_SCOPES = all<KeyScope>()(['read', 'capture', 'admin']);

/** Kinds that serve the whole network and have no country. */
export const NETWORK_WIDE_KINDS: readonly OrganisationKind[] = ['secretariat', 'council', 'network-operator'];
