/**
 * Schemas of the public tracking link routes: validation, serialisation and the OpenAPI document come
 * from these declarations.
 */
import { Type, type Static } from 'typebox';
import { PUBLIC_LINK_DEFAULT_HOURS, PUBLIC_LINK_MAX_HOURS } from '../../tracking/public-links.js';
import { DateTime, NoContentSchema, NoQuerySchema, PROBLEM_RESPONSES } from '../schemas/common.js';

const TAGS = ['Public tracking'];

const ShipmentParams = Type.Object(
  { id: Type.String({ minLength: 1, description: 'The shipment id, or any of its references (URL-encoded)' }) },
  { additionalProperties: false },
);

export const PublicLinkRequestSchema = Type.Object(
  {
    expiresInHours: Type.Optional(
      // No schema default: without it the service takes the default or the network's limit, whichever is shorter.
      Type.Integer({
        minimum: 1,
        maximum: PUBLIC_LINK_MAX_HOURS,
        description: `How long the link works, in hours: at most 24 times the network setting publicLinkMaxDays (720 hours by default; never more than ${PUBLIC_LINK_MAX_HOURS}); without it ${PUBLIC_LINK_DEFAULT_HOURS}, or the limit when that is shorter`,
      }),
    ),
  },
  { additionalProperties: false, examples: [{ expiresInHours: 48 }] },
);
export type PublicLinkRequest = Static<typeof PublicLinkRequestSchema>;

const linkProperties = {
  id: Type.String({ description: 'The link id (to revoke it)' }),
  shipmentId: Type.String(),
  createdAt: DateTime(),
  expiresAt: DateTime(),
  revokedAt: Type.Optional(DateTime('When it was revoked; absent while it works')),
};

export const PublicLinkSchema = Type.Object(linkProperties, { additionalProperties: false, description: 'A public link, without its token' });

const example = {
  id: '7b0c8d3e-2f51-4c1a-9e4b-0d6a1f2c3b4d',
  shipmentId: 'smgs:70012345',
  createdAt: '2026-03-04T08:00:00.000Z',
  expiresAt: '2026-03-06T08:00:00.000Z',
};

export const CREATE_PUBLIC_LINK_SCHEMA = {
  summary: 'A time-limited, revocable link that shows status, last location and ETA only (parties of the shipment)',
  description: 'The answer holds the link URL with its token: it is shown here once and stored hashed.',
  tags: TAGS,
  params: ShipmentParams,
  querystring: NoQuerySchema,
  body: PublicLinkRequestSchema,
  response: {
    201: Type.Object(
      { ...linkProperties, url: Type.String({ description: 'The public URL, token included (shown once)' }) },
      { additionalProperties: false, examples: [{ ...example, url: '/api/public/track/3q2-7wEXAMPLEtokenEXAMPLEtokenEXAMPLEtoken12' }] },
    ),
    ...PROBLEM_RESPONSES,
  },
};

export const LIST_PUBLIC_LINKS_SCHEMA = {
  summary: "The caller's public links of a shipment (never their tokens)",
  tags: TAGS,
  params: ShipmentParams,
  querystring: NoQuerySchema,
  response: {
    200: Type.Object({ links: Type.Array(PublicLinkSchema) }, { additionalProperties: false, examples: [{ links: [example] }] }),
    ...PROBLEM_RESPONSES,
  },
};

export const REVOKE_PUBLIC_LINK_SCHEMA = {
  summary: 'Revoke a public link',
  tags: TAGS,
  params: Type.Object({ id: Type.String({ minLength: 1, description: 'The link id' }) }, { additionalProperties: false }),
  querystring: NoQuerySchema,
  response: { 204: NoContentSchema, ...PROBLEM_RESPONSES },
};

export const TRACK_SCHEMA = {
  summary: 'What a public link shows: status, last location, ETA (no credentials needed)',
  tags: TAGS,
  security: [],
  params: Type.Object({ token: Type.String({ description: 'The token of the link URL' }) }, { additionalProperties: false }),
  querystring: NoQuerySchema,
  response: {
    200: Type.Object(
      {
        status: Type.String({ description: 'The shipment status' }),
        lastLocation: Type.Union([Type.Object({ name: Type.String(), country: Type.Union([Type.String(), Type.Null()]) }, { additionalProperties: false }), Type.Null()]),
        lastSeenAt: Type.Union([DateTime(), Type.Null()], { description: 'Time of the latest event' }),
        eta: Type.Union(
          [Type.Object({ likely: DateTime(), earliest: DateTime(), latest: DateTime() }, { additionalProperties: false }), Type.Null()],
          { description: 'Arrival estimate as a range' },
        ),
      },
      {
        additionalProperties: false,
        examples: [
          {
            status: 'in-transit',
            lastLocation: { name: 'Dostyk', country: 'KZ' },
            lastSeenAt: '2026-03-04T06:00:00Z',
            eta: { likely: '2026-03-09T12:00:00.000Z', earliest: '2026-03-08T18:00:00.000Z', latest: '2026-03-11T06:00:00.000Z' },
          },
        ],
      },
    ),
    ...PROBLEM_RESPONSES,
  },
};
