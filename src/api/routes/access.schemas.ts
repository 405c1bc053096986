/**
 * Schemas of the access routes (organisations, users, API keys) and of sign-in: the shapes of what
 * callers send and get back. Value rules (id patterns, known locations, password length...) stay in
 * src/access/access-input.ts, which names every problem with its pointer.
 */
import { Type } from 'typebox';
import { NETWORK_WIDE_KINDS, ORGANISATION_ID_PATTERN } from '../../access/access-input.js';
import { KEY_SCOPES, ORGANISATION_KINDS, USER_ROLES } from '../../model/access.js';
import { Choice, CountedList, DateTime, IdParamsSchema, NoBodySchema, NoQuerySchema, PROBLEM_RESPONSES, ReadonlyList } from '../schemas/common.js';

const TAGS = ['Access'];

export const OrganisationSchema = Type.Object(
  {
    id: Type.String({ description: 'Readable, stable id: lower case letters, digits and dashes' }),
    name: Type.String(),
    kind: Choice(ORGANISATION_KINDS, 'What the organisation is'),
    country: Type.Optional(Type.String({ description: 'ISO 3166-1 alpha-2; absent for network-wide bodies' })),
    status: Choice(['active', 'suspended'], 'Suspended organisations cannot sign in or use keys'),
    partyIds: ReadonlyList(Type.String(), { description: 'How events and registrations name it: PGLNs, GLNs, party names' }),
    locations: ReadonlyList(Type.String(), { description: 'Reference location ids it operates (where it may capture)' }),
    createdAt: DateTime(),
  },
  {
    additionalProperties: false,
    examples: [{ id: 'kz-rail', name: 'KTZ Express', kind: 'carrier', country: 'KZ', status: 'active', partyIds: ['urn:epc:id:pgln:4870001.00701'], locations: ['dostyk'], createdAt: '2026-01-10T09:00:00.000Z' }],
  },
);

export const UserSchema = Type.Object(
  {
    id: Type.String(),
    organisationId: Type.String(),
    email: Type.String({ description: 'Sign-in name, lower case' }),
    name: Type.String(),
    role: Choice(USER_ROLES, 'admin: read, capture, admin; operator: read, capture; viewer: read'),
    status: Choice(['active', 'disabled'], 'Disabled users cannot sign in'),
    createdAt: DateTime(),
  },
  { additionalProperties: false, examples: [{ id: 'c5d1a3f0-1b2c-4d5e-8f90-a1b2c3d4e5f6', organisationId: 'kz-rail', email: 'aigerim@rail.kz', name: 'Aigerim', role: 'operator', status: 'active', createdAt: '2026-01-10T09:00:00.000Z' }] },
);

export const ApiKeySchema = Type.Object(
  {
    id: Type.String(),
    organisationId: Type.String(),
    name: Type.String(),
    scopes: ReadonlyList(Choice(KEY_SCOPES, 'A right of the key')),
    createdAt: DateTime(),
    lastUsedAt: Type.Optional(DateTime()),
    revokedAt: Type.Optional(DateTime()),
  },
  { additionalProperties: false, description: 'An API key, never its secret' },
);

const stringList = (description: string) => Type.Array(Type.String(), { description });

const organisationFields = {
  name: Type.String({ description: 'Display name (at most 200 characters)' }),
  partyIds: Type.Optional(stringList('PGLNs (urn:epc:id:pgln:...), GLNs or party names by which events name it')),
  locations: Type.Optional(stringList('Reference location ids (/api/reference/locations) it operates')),
};

const OrganisationParams = Type.Object({ id: Type.String({ minLength: 1, description: 'The organisation id' }) }, { additionalProperties: false });
const KeysQuery = Type.Object(
  { organisation: Type.Optional(Type.String({ description: "Another organisation's keys (its administrators and the network operator); default: the caller's" })) },
  { additionalProperties: false },
);
const OrganisationsQuery = Type.Object(
  {
    country: Type.Optional(Type.String({ description: 'ISO 3166-1 alpha-2 (any case)' })),
    kind: Type.Optional(Choice(ORGANISATION_KINDS, 'Only organisations of this kind')),
  },
  { additionalProperties: false },
);

export const LIST_ORGANISATIONS_SCHEMA = {
  summary: 'Organisations the caller administers or sees (filters: country, kind)',
  tags: TAGS,
  querystring: OrganisationsQuery,
  response: { 200: CountedList(OrganisationSchema, 'The organisations'), ...PROBLEM_RESPONSES },
};

export const CREATE_ORGANISATION_SCHEMA = {
  summary: 'Create an organisation (network operator; a national coordinator for its own country, with its locations and unclaimed party ids)',
  tags: TAGS,
  querystring: NoQuerySchema,
  body: Type.Object(
    {
      id: Type.String({ pattern: ORGANISATION_ID_PATTERN.source, description: 'Lower case letters, digits and dashes, 2 to 63 characters' }),
      kind: Choice(ORGANISATION_KINDS, 'What the organisation is'),
      country: Type.Optional(Type.String({ description: 'ISO 3166-1 alpha-2; required unless network-wide (secretariat, council, network operator)' })),
      ...organisationFields,
    },
    {
      additionalProperties: false,
      // Every organisation but the network-wide bodies belongs to a country.
      if: { properties: { kind: { enum: [...NETWORK_WIDE_KINDS] } }, required: ['kind'] },
      else: { required: ['country'] },
      examples: [{ id: 'kz-rail', name: 'KTZ Express', kind: 'carrier', country: 'KZ', partyIds: ['urn:epc:id:pgln:4870001.00701'], locations: ['dostyk'] }] },
  ),
  response: { 201: OrganisationSchema, ...PROBLEM_RESPONSES },
};

export const GET_ORGANISATION_SCHEMA = {
  summary: 'One organisation',
  tags: TAGS,
  params: OrganisationParams,
  querystring: NoQuerySchema,
  response: { 200: OrganisationSchema, ...PROBLEM_RESPONSES },
};

export const UPDATE_ORGANISATION_SCHEMA = {
  summary: 'Change name, party ids or locations (lists replace the old ones; same rules as creation)',
  tags: TAGS,
  params: OrganisationParams,
  querystring: NoQuerySchema,
  body: Type.Object(
    { name: Type.Optional(organisationFields.name), partyIds: organisationFields.partyIds, locations: organisationFields.locations },
    { additionalProperties: false, examples: [{ locations: ['dostyk', 'altynkol'] }] },
  ),
  response: { 200: OrganisationSchema, ...PROBLEM_RESPONSES },
};

export const ORGANISATION_STATUS_SCHEMA = (summary: string) => ({
  summary,
  tags: TAGS,
  params: OrganisationParams,
  querystring: NoQuerySchema,
  body: NoBodySchema,
  response: { 200: OrganisationSchema, ...PROBLEM_RESPONSES },
});

export const LIST_USERS_SCHEMA = {
  summary: 'Users of an organisation',
  tags: TAGS,
  params: OrganisationParams,
  querystring: NoQuerySchema,
  response: { 200: CountedList(UserSchema, 'The users'), ...PROBLEM_RESPONSES },
};

export const CREATE_USER_SCHEMA = {
  summary: 'Create a user (password hashed with scrypt, never returned)',
  tags: TAGS,
  params: OrganisationParams,
  querystring: NoQuerySchema,
  body: Type.Object(
    {
      email: Type.String({ description: 'Sign-in name' }),
      name: Type.String(),
      role: Choice(USER_ROLES, 'admin, operator or viewer'),
      password: Type.String({ description: 'At least 12 characters' }),
    },
    { additionalProperties: false, examples: [{ email: 'aigerim@rail.kz', name: 'Aigerim', role: 'operator', password: 'a long passphrase' }] },
  ),
  response: { 201: UserSchema, ...PROBLEM_RESPONSES },
};

export const DISABLE_USER_SCHEMA = {
  summary: 'Disable a user and end their sessions',
  tags: TAGS,
  params: IdParamsSchema,
  querystring: NoQuerySchema,
  body: NoBodySchema,
  response: { 200: UserSchema, ...PROBLEM_RESPONSES },
};

export const LIST_KEYS_SCHEMA = {
  summary: "API keys of the caller's organisation (never their secrets), with last use",
  tags: TAGS,
  querystring: KeysQuery,
  response: { 200: CountedList(ApiKeySchema, 'The keys'), ...PROBLEM_RESPONSES },
};

export const CREATE_KEY_SCHEMA = {
  summary: 'Create an API key with scopes (capture, read, admin); the secret is in this answer only',
  tags: TAGS,
  querystring: NoQuerySchema,
  body: Type.Object(
    {
      name: Type.String({ description: 'What the key is for' }),
      scopes: Type.Array(Choice(KEY_SCOPES, 'A right of the key'), { description: 'capture, read and/or admin' }),
      organisationId: Type.Optional(Type.String({ description: "The organisation the key belongs to; default: the caller's" })),
    },
    { additionalProperties: false, examples: [{ name: 'terminal gate system', scopes: ['capture', 'read'] }] },
  ),
  response: {
    201: Type.Object(
      { key: ApiKeySchema, secret: Type.String({ description: 'krv_<key id>_<secret>: send it as "Authorization: Bearer <secret>"; shown once' }) },
      { additionalProperties: false },
    ),
    ...PROBLEM_RESPONSES,
  },
};

export const REVOKE_KEY_SCHEMA = {
  summary: 'Revoke an API key',
  tags: TAGS,
  params: IdParamsSchema,
  querystring: NoQuerySchema,
  response: { 200: ApiKeySchema, ...PROBLEM_RESPONSES },
};

/** Who the caller is (GET /api/auth/me, and the answer to a sign-in). */
const principalProperties = {
  via: Choice(['session', 'api-key', 'bootstrap'], 'How the caller authenticated'),
  organisation: OrganisationSchema,
  user: Type.Optional(UserSchema),
  keyId: Type.Optional(Type.String()),
  role: Type.Optional(Choice(USER_ROLES, "The user's role")),
  scopes: ReadonlyList(Choice(KEY_SCOPES, 'A right of the caller')),
};

export const SIGN_IN_SCHEMA = {
  summary: 'Sign in with email and password (JSON); sets the HttpOnly session cookie. Repeated failures lock the account for a while',
  tags: TAGS,
  security: [],
  querystring: NoQuerySchema,
  body: Type.Object(
    { email: Type.String({ description: 'Sign-in name' }), password: Type.String() },
    { additionalProperties: false, examples: [{ email: 'aigerim@rail.kz', password: 'a long passphrase' }] },
  ),
  response: {
    200: Type.Object({ ...principalProperties, expiresAt: DateTime('When the session ends') }, { additionalProperties: false }),
    ...PROBLEM_RESPONSES,
  },
};

export const SIGN_OUT_SCHEMA = {
  summary: 'End the session of the cookie sent',
  tags: TAGS,
  security: [],
  querystring: NoQuerySchema,
  body: Type.Object({}, { additionalProperties: false, description: 'An empty JSON object: {}' }),
  response: { 204: Type.Null({ description: 'Signed out' }), ...PROBLEM_RESPONSES },
};

export const ME_SCHEMA = {
  summary: 'Who the caller is: organisation, user or key, role and scopes',
  tags: TAGS,
  querystring: NoQuerySchema,
  response: { 200: Type.Object(principalProperties, { additionalProperties: false }), ...PROBLEM_RESPONSES },
};

export const DemoSignInSchema = Type.Object(
  {
    email: Type.String({ description: "The demo user's sign-in name" }),
    organisation: Type.String({ description: 'The organisation the demo user belongs to' }),
    password: Type.String({ description: "The demo user's password: the demo's own, published in docs/demo.md and the README (demo data only)" }),
  },
  { additionalProperties: false },
);

export const DEMO_SIGN_INS_SCHEMA = {
  summary: "The demo's sign-ins (e-mail and the published demo password): an empty list unless this server runs the demo",
  tags: TAGS,
  security: [],
  querystring: NoQuerySchema,
  response: {
    200: Type.Object(
      {
        demo: Type.Boolean({ description: 'Whether this server runs the demo' }),
        signIns: Type.Array(DemoSignInSchema, { description: 'The demo users one may sign in as' }),
      },
      { additionalProperties: false },
    ),
    ...PROBLEM_RESPONSES,
  },
};
