/**
 * Schemas of the telemetry ways in (/api/telemetry, /api/osmand), the live feed (/api/live) and
 * user geofences (/api/geofences).
 */
import { Type } from 'typebox';
import { SEAL_CODES } from '../../model/telemetry.js';
import { Choice, DateTime, IdParamsSchema, NoQuerySchema, PROBLEM_RESPONSES } from '../schemas/common.js';

const TAGS = ['Telemetry'];

const ReadingSchema = Type.Object(
  {
    deviceId: Type.String({ description: 'The registered device id' }),
    fixTime: Type.Union([Type.String({ format: 'date-time' }), Type.Integer()], { description: 'When the position was fixed: ISO 8601 with offset, or epoch milliseconds' }),
    deviceTime: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Integer()], { description: "The device's clock when it sent the reading" })),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lon: Type.Number({ minimum: -180, maximum: 180 }),
    speedKmh: Type.Optional(Type.Number()),
    headingDeg: Type.Optional(Type.Number()),
    altitudeM: Type.Optional(Type.Number()),
    accuracyM: Type.Optional(Type.Number()),
    batteryPct: Type.Optional(Type.Number()),
    sealCodes: Type.Optional(Type.Array(Choice(SEAL_CODES, 'EAEU e-seal status code'), { description: '01 sealing element breached, 02 case breached, 03 route deviation, 04 malfunction, 05 battery below 15 %, 06 reports missed, 07 unauthorised action; [] when all is well' })),
    attributes: Type.Optional(Type.Record(Type.String(), Type.Union([Type.Number(), Type.String(), Type.Boolean()]), { description: 'Named values with their unit in the name (temperatureC, batteryV)' })),
  },
  { description: 'One reading' },
);

const RefusedSchema = Type.Object(
  { pointer: Type.String({ description: 'Where the reading is: /readings/3, a parameter, or the topic' }), deviceId: Type.Optional(Type.String()), reason: Type.String() },
  { additionalProperties: false },
);

export const IngestResultSchema = Type.Object(
  {
    received: Type.Integer(),
    accepted: Type.Integer({ description: 'Readings admitted: stored now, or stored before (duplicates)' }),
    stored: Type.Integer(),
    duplicates: Type.Integer(),
    late: Type.Integer({ description: 'Stored in the track, but older than what the device reported before: they move no state' }),
    refused: Type.Array(RefusedSchema, { description: 'Every reading that was not taken, with where it is and why' }),
    derivedEvents: Type.Integer({ description: 'EPCIS events derived from these readings (arrivals, crossings, seal changes...)' }),
  },
  { additionalProperties: false },
);

export const TELEMETRY_BATCH_SCHEMA = {
  summary: 'Readings of many devices at once (JSON)',
  description:
    'Send as a device (Authorization: Bearer <device token>, its own readings only) or as an organisation (an API key with the capture right, readings of its own devices). ' +
    'Readings that can be used are stored even when others are refused; every refused reading is listed with where it is and why. When none can be used the answer is 400 with the same list.',
  tags: TAGS,
  querystring: NoQuerySchema,
  body: Type.Object({ readings: Type.Array(ReadingSchema, { description: 'At most 10,000' }) }, {
    examples: [{ readings: [{ deviceId: 'seal-MSCU1234566', fixTime: '2026-03-04T08:00:00Z', lat: 44.21, lon: 80.41, speedKmh: 0, sealCodes: [] }] }],
  }),
  response: { 200: IngestResultSchema, ...PROBLEM_RESPONSES },
};

export const OSMAND_SCHEMA = {
  summary: 'The OsmAnd protocol (Traccar Client and the trackers that speak it)',
  description:
    'GET or POST with id, lat, lon, timestamp, speed (knots), bearing, altitude, accuracy, batt... in the query string (or a form body), or the Traccar Client JSON body. ' +
    'Authenticate with the device token: as key=<token>, as the id itself, or as Authorization: Bearer <token> (an API key of the owner works too). Answers 200 with no body when the reading was taken.',
  tags: TAGS,
  querystring: Type.Object(
    Object.fromEntries(
      (
        [
          ['id', 'The device id, or the device token itself'],
          ['deviceid', 'Same as id'],
          ['key', 'The device token (krvd_...)'],
          ['lat', 'Latitude, degrees'],
          ['lon', 'Longitude, degrees'],
          ['location', '"lat,lon" instead of lat and lon'],
          ['timestamp', 'Fix time: epoch seconds or milliseconds, or ISO 8601'],
          ['speed', 'Speed in knots'],
          ['bearing', 'Heading, degrees'],
          ['altitude', 'Metres'],
          ['accuracy', 'Metres'],
          ['batt', 'Battery, percent'],
          ['sealCodes', 'E-seal status codes, comma-separated (Karvon)'],
        ] as const
      ).map(([name, description]) => [name, Type.Optional(Type.String({ description }))]),
    ),
    { additionalProperties: true, description: 'OsmAnd parameters; any other becomes a named attribute of the reading' },
  ),
  response: { 200: Type.Object({}, { additionalProperties: false, description: 'Taken (an empty object: OsmAnd clients read only the status)' }), ...PROBLEM_RESPONSES },
};

/** POST also takes the parameters as a form body, or Traccar Client's JSON body. */
export const OSMAND_POST_SCHEMA = {
  ...OSMAND_SCHEMA,
  body: Type.Object({}, {
    additionalProperties: true,
    description: 'The OsmAnd parameters as an application/x-www-form-urlencoded form, or Traccar Client JSON: {"device_id": "...", "location": {"timestamp": "...", "coords": {"latitude", "longitude", "speed" (m/s), "heading", "altitude", "accuracy"}, "battery": {"level": 0..1}}}',
  }),
};

export const TELEMETRY_STATUS_SCHEMA = {
  summary: "What the telemetry pipeline did since this process started (network operator)",
  tags: TAGS,
  querystring: NoQuerySchema,
  response: {
    200: Type.Object(
      {
        counters: Type.Record(Type.String(), Type.Unknown()),
        positions: Type.Integer(),
        devices: Type.Integer(),
        geofences: Type.Integer({ description: 'Places in the geofence index (reference places and user geofences)' }),
        mqtt: Type.Optional(Type.String({ description: 'The broker telemetry is read from' })),
        liveViewers: Type.Integer(),
      },
      { additionalProperties: false },
    ),
    ...PROBLEM_RESPONSES,
  },
};

export const LiveUnitSchema = Type.Object(
  {
    deviceId: Type.String(),
    deviceKind: Type.String(),
    unitKind: Type.String(),
    unitId: Type.String(),
    shipmentId: Type.Optional(Type.String()),
    status: Type.Optional(Type.String()),
    corridor: Type.Optional(Type.String()),
    mode: Type.Optional(Type.String()),
    country: Type.Optional(Type.String()),
    lat: Type.Number(),
    lon: Type.Number(),
    speedKmh: Type.Optional(Type.Number()),
    headingDeg: Type.Optional(Type.Number()),
    fixTime: DateTime(),
    sealCodes: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: false },
);

export const LiveFilterSchema = Type.Object(
  {
    corridor: Type.Optional(Type.String()),
    country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
    mode: Type.Optional(Choice(['road', 'rail', 'sea'], 'Mode of the shipment')),
    status: Type.Optional(Type.String({ description: 'Shipment status (in-transit, at-border...)' })),
  },
  { additionalProperties: false },
);

export const LIVE_UNITS_SCHEMA = {
  summary: 'Where the units the caller may see are now (the live map\'s first picture)',
  tags: TAGS,
  querystring: LiveFilterSchema,
  response: { 200: Type.Object({ units: Type.Array(LiveUnitSchema), asOf: DateTime() }, { additionalProperties: false }), ...PROBLEM_RESPONSES },
};

export const LIVE_STREAM_SCHEMA = {
  summary: 'Server-Sent Events: positions (event "unit") and derived events (event "event") as they arrive',
  description: 'Each "unit" event holds a LiveUnit as JSON; each "event" event a derived event (deviceId, shipmentId, step, eventTime, place). Filtered by what the caller may see and by the query.',
  tags: TAGS,
  querystring: LiveFilterSchema,
  produces: ['text/event-stream'],
  response: { 200: Type.String({ description: 'A text/event-stream of "unit" and "event" events' }), ...PROBLEM_RESPONSES },
};

const GeometrySchema = Type.Union([
  Type.Object({ kind: Type.Literal('circle'), center: Type.Array(Type.Number(), { minItems: 2, maxItems: 2, description: '[lon, lat]' }), radiusM: Type.Number({ exclusiveMinimum: 0, maximum: 100_000 }) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('polygon'), ring: Type.Array(Type.Array(Type.Number(), { minItems: 2, maxItems: 2 }), { minItems: 4, maxItems: 1000, description: 'Closed ring of [lon, lat] points' }) }, { additionalProperties: false }),
]);

export const GeofenceSchema = Type.Object(
  { id: Type.String(), ownerId: Type.String(), name: Type.String(), geometry: GeometrySchema, sgln: Type.Optional(Type.String()), createdAt: DateTime() },
  { additionalProperties: false },
);

export const CREATE_GEOFENCE_SCHEMA = {
  summary: "Define a place of the organisation's own (a depot, a yard): units entering and leaving it give events",
  tags: TAGS,
  querystring: NoQuerySchema,
  body: Type.Object(
    {
      id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9-]+$' }),
      name: Type.String({ minLength: 1, maxLength: 200 }),
      geometry: GeometrySchema,
      sgln: Type.Optional(Type.String({ pattern: '^urn:epc:id:sgln:', description: 'The SGLN the place is known by in events' })),
    },
    { additionalProperties: false, examples: [{ id: 'almaty-yard', name: 'Almaty container yard', geometry: { kind: 'circle', center: [76.95, 43.25], radiusM: 800 } }] },
  ),
  response: { 201: GeofenceSchema, ...PROBLEM_RESPONSES },
};

export const LIST_GEOFENCES_SCHEMA = {
  summary: "The organisation's own geofences (the reference places are at /api/reference/locations)",
  tags: TAGS,
  querystring: NoQuerySchema,
  response: { 200: Type.Object({ geofences: Type.Array(GeofenceSchema) }, { additionalProperties: false }), ...PROBLEM_RESPONSES },
};

export const DELETE_GEOFENCE_SCHEMA = {
  summary: 'Remove a geofence of the organisation',
  tags: TAGS,
  params: IdParamsSchema,
  querystring: NoQuerySchema,
  response: { 204: Type.Null(), ...PROBLEM_RESPONSES },
};
