/**
 * Checks of what callers send to create organisations, users and API keys: every problem at once,
 * each with the JSON pointer of the field, as one KRV_VALIDATION error (nothing is created then).
 */
import type { ValidationIssue } from '../epcis/exceptions.js';
import { KarvonError } from '../errors.js';
import { locationById } from '../reference/index.js';
import { KEY_SCOPES, ORGANISATION_KINDS, USER_ROLES, type KeyScope, type OrganisationKind, type UserRole } from '../model/access.js';
import { MAX_PASSWORD_LENGTH } from './passwords.js';

export const ORGANISATION_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;
export const MIN_PASSWORD_LENGTH = 12;
/** Bodies that serve the whole network and belong to no country. */
export const NETWORK_WIDE_KINDS: readonly OrganisationKind[] = ['secretariat', 'council', 'network-operator'];
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_NAME_LENGTH = 200;
const MAX_LIST_LENGTH = 200;

export interface OrganisationInput {
  readonly id: string;
  readonly name: string;
  readonly kind: OrganisationKind;
  readonly country?: string;
  readonly partyIds?: readonly string[];
  readonly locations?: readonly string[];
}

export interface UserInput {
  readonly organisationId: string;
  readonly email: string;
  readonly name: string;
  readonly role: UserRole;
  readonly password: string;
}

export interface ApiKeyInput {
  readonly organisationId: string;
  readonly name: string;
  readonly scopes: readonly KeyScope[];
}

type Fields = Record<string, unknown>;

function asObject(input: unknown, what: string): Fields {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new KarvonError('KRV_VALIDATION', `${what} must be a JSON object`, [{ pointer: '', message: 'expected a JSON object' }]);
  }
  return input as Fields;
}

function fail(what: string, issues: ValidationIssue[]): never {
  throw new KarvonError('KRV_VALIDATION', `${what} has ${issues.length} problem(s); nothing was changed. First: ${issues[0]!.pointer}: ${issues[0]!.message}`, issues);
}

function text(fields: Fields, name: string, issues: ValidationIssue[], max = MAX_NAME_LENGTH): string {
  const value = fields[name];
  if (typeof value !== 'string' || value.trim() === '') issues.push({ pointer: `/${name}`, message: `${name} is required (a non-empty string)` });
  else if (value.length > max) issues.push({ pointer: `/${name}`, message: `${name} must be at most ${max} characters` });
  return typeof value === 'string' ? value.trim() : '';
}

function stringList(fields: Fields, name: string, issues: ValidationIssue[], check?: (value: string) => string | undefined): string[] {
  const value = fields[name];
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    issues.push({ pointer: `/${name}`, message: `${name} must be an array of strings` });
    return [];
  }
  if (value.length > MAX_LIST_LENGTH) issues.push({ pointer: `/${name}`, message: `${name} may hold at most ${MAX_LIST_LENGTH} values` });
  value.forEach((item, i) => {
    if (typeof item !== 'string' || item.trim() === '') issues.push({ pointer: `/${name}/${i}`, message: 'must be a non-empty string' });
    else {
      const problem = check?.(item);
      if (problem) issues.push({ pointer: `/${name}/${i}`, message: problem });
    }
  });
  return [...new Set(value.filter((item): item is string => typeof item === 'string').map((item) => item.trim()))];
}

function unknownLocation(value: string): string | undefined {
  return locationById(value) ? undefined : `'${value}' is not a location id of /api/reference/locations`;
}

export function checkOrganisationInput(input: unknown): OrganisationInput {
  const fields = asObject(input, 'The organisation');
  const issues: ValidationIssue[] = [];
  const id = fields.id;
  if (typeof id !== 'string' || !ORGANISATION_ID_PATTERN.test(id)) {
    issues.push({ pointer: '/id', message: 'id must be 2 to 63 lower-case letters, digits and dashes, starting with a letter or digit (e.g. kz-customs)' });
  }
  const name = text(fields, 'name', issues);
  const kind = fields.kind;
  if (typeof kind !== 'string' || !(ORGANISATION_KINDS as readonly string[]).includes(kind)) {
    issues.push({ pointer: '/kind', message: `kind must be one of ${ORGANISATION_KINDS.join(', ')}` });
  }
  const country = fields.country;
  const networkWide = NETWORK_WIDE_KINDS.includes(kind as OrganisationKind);
  if (country !== undefined && (typeof country !== 'string' || !/^[A-Z]{2}$/.test(country))) {
    issues.push({ pointer: '/country', message: 'country must be an ISO 3166-1 alpha-2 code in upper case, e.g. KZ' });
  } else if (networkWide && country !== undefined) {
    issues.push({ pointer: '/country', message: `a ${String(kind)} serves the whole network and has no country` });
  } else if (!networkWide && typeof kind === 'string' && country === undefined) {
    issues.push({ pointer: '/country', message: `a ${kind} belongs to a country: give its ISO 3166-1 alpha-2 code` });
  }
  const partyIds = stringList(fields, 'partyIds', issues);
  const locations = stringList(fields, 'locations', issues, unknownLocation);
  if (issues.length > 0) fail('The organisation', issues);
  return {
    id: id as string,
    name,
    kind: kind as OrganisationKind,
    ...(typeof country === 'string' ? { country } : {}),
    partyIds,
    locations,
  };
}

/** What an edit of an organisation may change; each list given replaces the old one. */
export interface OrganisationChanges {
  readonly name?: string;
  readonly partyIds?: readonly string[];
  readonly locations?: readonly string[];
}

const CHANGEABLE = ['name', 'partyIds', 'locations'] as const;

export function checkOrganisationChanges(input: unknown): OrganisationChanges {
  const fields = asObject(input, 'The changes');
  const issues: ValidationIssue[] = [];
  for (const key of Object.keys(fields)) {
    if ((CHANGEABLE as readonly string[]).includes(key)) continue;
    const fixed = key === 'id' || key === 'kind' || key === 'country' || key === 'status';
    issues.push({
      pointer: `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`,
      message: fixed ? `${key} cannot be changed here${key === 'status' ? ' (use /suspend and /reactivate)' : ''}` : `'${key}' is not something that can be changed (${CHANGEABLE.join(', ')})`,
    });
  }
  if (!CHANGEABLE.some((key) => fields[key] !== undefined)) issues.push({ pointer: '', message: `send at least one of ${CHANGEABLE.join(', ')}` });
  const name = fields.name !== undefined ? text(fields, 'name', issues) : undefined;
  const partyIds = fields.partyIds !== undefined ? stringList(fields, 'partyIds', issues) : undefined;
  const locations = fields.locations !== undefined ? stringList(fields, 'locations', issues, unknownLocation) : undefined;
  if (issues.length > 0) fail('The changes', issues);
  return { ...(name !== undefined ? { name } : {}), ...(partyIds ? { partyIds } : {}), ...(locations ? { locations } : {}) };
}

export function checkUserInput(input: unknown): UserInput {
  const fields = asObject(input, 'The user');
  const issues: ValidationIssue[] = [];
  const organisationId = text(fields, 'organisationId', issues);
  const email = fields.email;
  if (typeof email !== 'string' || !EMAIL_PATTERN.test(email.trim()) || email.length > 254) {
    issues.push({ pointer: '/email', message: 'email must be an e-mail address (it is the sign-in name)' });
  }
  const name = text(fields, 'name', issues);
  const role = fields.role;
  if (typeof role !== 'string' || !(USER_ROLES as readonly string[]).includes(role)) {
    issues.push({ pointer: '/role', message: `role must be one of ${USER_ROLES.join(', ')}` });
  }
  // The password itself is never repeated in a message.
  const password = fields.password;
  if (typeof password !== 'string') issues.push({ pointer: '/password', message: 'password is required' });
  else if (password.length < MIN_PASSWORD_LENGTH) issues.push({ pointer: '/password', message: `password must have at least ${MIN_PASSWORD_LENGTH} characters` });
  else if (password.length > MAX_PASSWORD_LENGTH) issues.push({ pointer: '/password', message: `password must have at most ${MAX_PASSWORD_LENGTH} characters` });
  if (issues.length > 0) fail('The user', issues);
  return { organisationId, email: (email as string).trim().toLowerCase(), name, role: role as UserRole, password: password as string };
}

export function checkApiKeyInput(input: unknown): ApiKeyInput {
  const fields = asObject(input, 'The API key');
  const issues: ValidationIssue[] = [];
  const organisationId = text(fields, 'organisationId', issues);
  const name = text(fields, 'name', issues);
  const scopes = fields.scopes;
  if (!Array.isArray(scopes) || scopes.length === 0) {
    issues.push({ pointer: '/scopes', message: `scopes must be a non-empty array of ${KEY_SCOPES.join(', ')}` });
  } else {
    scopes.forEach((scope, i) => {
      if (typeof scope !== 'string' || !(KEY_SCOPES as readonly string[]).includes(scope)) {
        issues.push({ pointer: `/scopes/${i}`, message: `must be one of ${KEY_SCOPES.join(', ')}` });
      }
    });
  }
  if (issues.length > 0) fail('The API key', issues);
  return { organisationId, name, scopes: [...new Set(scopes as KeyScope[])] };
}
