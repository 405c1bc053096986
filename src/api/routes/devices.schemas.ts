/**
 * Schemas of the device registry routes (/api/devices): validation, serialisation and the OpenAPI
 * document come from these declarations.
 */
import { Type } from 'typebox';
import { DEVICE_KINDS, UNIT_KINDS } from '../../model/telemetry.js';
import { Choice, DateTime, IdParamsSchema, NoBodySchema, NoQuerySchema, PROBLEM_RESPONSES } from '../schemas/common.js';

const TAGS = ['Devices'];

export const DeviceSchema = Type.Object(
  {
    id: Type.String(),
    kind: Choice(DEVICE_KINDS, 'A GPS tracker, or an electronic (navigation) seal'),
    ownerId: Type.String({ description: 'The organisation that owns the device' }),
    reportingPeriodS: Type.Integer({ description: 'Seconds between two reports when all is well; two missed periods and its signal is lost' }),
    name: Type.Optional(Type.String()),
    status: Choice(['active', 'retired'], 'A retired device is refused'),
    createdAt: DateTime(),
    hasCredential: Type.Boolean({ description: 'Whether a device token was issued (the token itself is shown once)' }),
  },
  { additionalProperties: false },
);

export const AttachmentSchema = Type.Object(
  {
    deviceId: Type.String(),
    unitKind: Choice(UNIT_KINDS, 'What the device is fixed to'),
    unitId: Type.String({ description: 'The unit as people write it: container number, wagon number, plate' }),
    unitEpc: Type.String({ description: 'The unit as EPCIS events name it' }),
    from: DateTime('Attached since'),
    to: Type.Optional(DateTime('Detached at; absent while attached')),
  },
  { additionalProperties: false },
);

const WithToken = Type.Object(
  { device: DeviceSchema, token: Type.String({ description: 'The device token (krvd_...): shown this once, stored hashed. The device sends it as "Authorization: Bearer <token>", as the OsmAnd key parameter, or as its MQTT password' }) },
  { additionalProperties: false },
);

const PositionSchema = Type.Object(
  {
    fixTime: DateTime(),
    lat: Type.Number(),
    lon: Type.Number(),
    speedKmh: Type.Optional(Type.Number()),
    headingDeg: Type.Optional(Type.Number()),
    sealCodes: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: false },
);

export const REGISTER_DEVICE_SCHEMA = {
  summary: 'Register a tracker or an electronic seal, and get its token',
  description: 'For the owner organisation\'s admins (its own devices), the national coordinator of its country and the network operator.',
  tags: TAGS,
  querystring: NoQuerySchema,
  body: Type.Object(
    {
      id: Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:-]+$', description: 'The device identifier the device reports with (OsmAnd id, MQTT topic)' }),
      kind: Choice(DEVICE_KINDS, 'tracker or e-seal'),
      ownerId: Type.Optional(Type.String({ description: 'Owner organisation; default the caller\'s' })),
      reportingPeriodS: Type.Optional(Type.Integer({ minimum: 1, maximum: 86_400, description: 'Seconds between reports (default 60 for a tracker, 300 for a seal)' })),
      name: Type.Optional(Type.String({ maxLength: 200 })),
    },
    { additionalProperties: false, examples: [{ id: 'seal-MSCU1234566', kind: 'e-seal', reportingPeriodS: 300 }] },
  ),
  response: { 201: WithToken, ...PROBLEM_RESPONSES },
};

export const LIST_DEVICES_SCHEMA = {
  summary: 'Devices the caller may see',
  tags: TAGS,
  querystring: Type.Object({ owner: Type.Optional(Type.String({ description: 'Only devices of this organisation' })) }, { additionalProperties: false }),
  response: { 200: Type.Object({ devices: Type.Array(DeviceSchema) }, { additionalProperties: false }), ...PROBLEM_RESPONSES },
};

export const GET_DEVICE_SCHEMA = {
  summary: 'A device, what it is attached to and its latest position',
  tags: TAGS,
  params: IdParamsSchema,
  querystring: NoQuerySchema,
  response: {
    200: Type.Object(
      { device: DeviceSchema, attachment: Type.Optional(AttachmentSchema), latest: Type.Optional(PositionSchema) },
      { additionalProperties: false },
    ),
    ...PROBLEM_RESPONSES,
  },
};

export const RENEW_CREDENTIAL_SCHEMA = {
  summary: 'Issue a new token for a device (the old one stops working)',
  tags: TAGS,
  params: IdParamsSchema,
  querystring: NoQuerySchema,
  body: NoBodySchema,
  response: { 200: WithToken, ...PROBLEM_RESPONSES },
};

export const SET_DEVICE_STATUS_SCHEMA = {
  summary: 'Retire a device, or bring it back',
  tags: TAGS,
  params: IdParamsSchema,
  querystring: NoQuerySchema,
  body: Type.Object({ status: Choice(['active', 'retired'], 'The new status') }, { additionalProperties: false }),
  response: { 200: DeviceSchema, ...PROBLEM_RESPONSES },
};

export const ATTACH_SCHEMA = {
  summary: 'Attach a device to a container, wagon, truck or trailer',
  description: 'From then on its readings belong to that unit, and so to the shipment the unit carries. For the owner\'s operators and admins.',
  tags: TAGS,
  params: IdParamsSchema,
  querystring: NoQuerySchema,
  body: Type.Object(
    {
      unitKind: Choice(UNIT_KINDS, 'What the device is fixed to'),
      unitId: Type.String({ minLength: 1, maxLength: 64, description: 'Container number (ISO 6346), wagon number, or plate' }),
      country: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$', description: 'Country of the plate (trucks and trailers)' })),
      from: Type.Optional(DateTime('When it was attached (default now)')),
    },
    { additionalProperties: false, examples: [{ unitKind: 'container', unitId: 'MSCU1234566' }] },
  ),
  response: { 201: AttachmentSchema, ...PROBLEM_RESPONSES },
};

export const DETACH_SCHEMA = {
  summary: 'Detach a device from its unit',
  tags: TAGS,
  params: IdParamsSchema,
  querystring: NoQuerySchema,
  body: Type.Object({ at: Type.Optional(DateTime('When it was taken off (default now)')) }, { additionalProperties: false }),
  response: { 200: AttachmentSchema, ...PROBLEM_RESPONSES },
};

export const LIST_ATTACHMENTS_SCHEMA = {
  summary: 'What a device was attached to, and when',
  tags: TAGS,
  params: IdParamsSchema,
  querystring: NoQuerySchema,
  response: { 200: Type.Object({ attachments: Type.Array(AttachmentSchema) }, { additionalProperties: false }), ...PROBLEM_RESPONSES },
};

export const TrackQuerySchema = Type.Object(
  {
    from: Type.Optional(DateTime('From this instant (inclusive)')),
    to: Type.Optional(DateTime('Until this instant (exclusive)')),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, description: 'Most positions per device (default and most 10,000)' })),
    format: Type.Optional(Choice(['json', 'geojson'], 'json (default) or GeoJSON (a LineString per device)')),
  },
  { additionalProperties: false },
);

export const TrackSchema = Type.Object(
  {
    deviceId: Type.String(),
    unitKind: Type.Optional(Type.String()),
    unitId: Type.Optional(Type.String()),
    points: Type.Array(PositionSchema),
    truncated: Type.Boolean({ description: 'More positions lie in the period: ask again from the last fixTime' }),
  },
  { additionalProperties: false },
);

export const GeoJsonSchema = Type.Object(
  { type: Type.Literal('FeatureCollection'), features: Type.Array(Type.Unknown()) },
  { description: 'GeoJSON FeatureCollection: one LineString (or Point) per device, its times in properties.times' },
);

export const DEVICE_TRACK_SCHEMA = {
  summary: "A device's positions over a period (its owner, the owner's national coordinator, the network operator)",
  tags: TAGS,
  params: IdParamsSchema,
  querystring: TrackQuerySchema,
  response: { 200: Type.Union([TrackSchema, GeoJsonSchema]), ...PROBLEM_RESPONSES },
};

export const SHIPMENT_TRACK_SCHEMA = {
  summary: 'Where a shipment has been: the positions of the devices on its units while they carried it',
  tags: ['Shipments'],
  params: Type.Object({ id: Type.String({ minLength: 1, description: 'The shipment id, or any of its references (URL-encoded)' }) }, { additionalProperties: false }),
  querystring: Type.Object({ format: Type.Optional(Choice(['json', 'geojson'], 'json (default) or GeoJSON')) }, { additionalProperties: false }),
  response: { 200: Type.Union([Type.Object({ shipmentId: Type.String(), tracks: Type.Array(TrackSchema) }, { additionalProperties: false }), GeoJsonSchema]), ...PROBLEM_RESPONSES },
};
