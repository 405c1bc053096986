/**
 * Schemas of the shipped reference data (/api/reference/...). The data is served as it is built
 * (src/reference), key order included (see serializeAsBuilt); the schemas describe the answers for
 * /docs and clients, and a test validates every answer against them.
 */
import { Type, type TSchema } from 'typebox';
import { Choice, CountedList, NoQuerySchema, PROBLEM_RESPONSES, ReadonlyList } from '../schemas/common.js';

const TAGS = ['Reference data'];
export const LOCATION_KINDS = ['border-crossing', 'port', 'terminal', 'city'] as const;
const MODES = ['road', 'rail', 'sea'] as const;

const Provenance = Type.Object({ source: Type.String(), rough: Type.Boolean({ description: 'An approximation nobody has checked' }) }, { additionalProperties: false });
const Figure = Type.Object({ value: Type.Number(), source: Type.String(), rough: Type.Boolean() }, { additionalProperties: false });
const LonLat = ReadonlyList(Type.Number(), { minItems: 2, maxItems: 2, description: '[longitude, latitude], WGS 84' });
const Names = Type.Object(
  {
    en: Type.String(),
    ru: Type.String(),
    ar: Type.Optional(Type.String()),
    local: Type.Optional(Type.Object({ lang: Type.String(), name: Type.String() }, { additionalProperties: false, description: "The name in the place's own language" })),
  },
  { additionalProperties: false },
);

const CountrySchema = Type.Object(
  {
    alpha2: Type.String(),
    alpha3: Type.String(),
    numeric: Type.String(),
    member: Type.Boolean({ description: 'Member state (as opposed to a corridor neighbour)' }),
    names: Names,
    bbox: ReadonlyList(Type.Number(), { minItems: 4, maxItems: 4, description: 'Rough bounding box [minLon, minLat, maxLon, maxLat]' }),
  },
  { additionalProperties: false, examples: [{ alpha2: 'KZ', alpha3: 'KAZ', numeric: '398', member: true, names: { en: 'Kazakhstan', ru: 'Казахстан', ar: 'كازاخستان', local: { lang: 'kk', name: 'Қазақстан' } }, bbox: [46.5, 40.5, 87.4, 55.5] }] },
);

const LocationSchema = Type.Object(
  {
    id: Type.String({ description: 'Karvon location id, used in itineraries and filters' }),
    kind: Choice(LOCATION_KINDS, 'What the place is'),
    countries: ReadonlyList(Type.String(), { description: 'ISO 3166-1 alpha-2; two for a border crossing' }),
    modes: ReadonlyList(Choice(MODES, 'A mode served there')),
    position: LonLat,
    positionProvenance: Provenance,
    unlocode: Type.Optional(Type.Object({ code: Type.String(), source: Type.String(), rough: Type.Boolean() }, { additionalProperties: false, description: 'UN/LOCODE' })),
    names: Names,
    glnRef: Type.Integer({ description: "Location reference inside Karvon's GS1 company prefix" }),
    note: Type.Optional(Type.String()),
    geofence: Type.Union(
      [
        Type.Object({ kind: Type.Literal('circle'), center: LonLat, radiusM: Type.Number() }, { additionalProperties: false }),
        Type.Object({ kind: Type.Literal('polygon'), ring: ReadonlyList(LonLat) }, { additionalProperties: false }),
      ],
      { description: 'Where events count as being at this place' },
    ),
    gln: Type.String({ description: '13-digit GLN with check digit' }),
    sgln: Type.String({ description: 'The GLN as an SGLN EPC URN (bizLocation/readPoint of events here)' }),
  },
  { additionalProperties: false },
);

const CustomsOfficeSchema = Type.Object(
  {
    code: Type.String({ description: "Country code + 6 digits, NCTS style (Karvon's own numbering)" }),
    country: Type.String(),
    locationId: Type.String(),
    role: Choice(['border', 'inland'], 'At a border crossing or inland'),
    names: Names,
    source: Type.String(),
  },
  { additionalProperties: false },
);

const CorridorSummarySchema = Type.Object(
  {
    id: Type.String(),
    names: Names,
    status: Choice(['operational', 'planned'], 'Whether goods move on it today'),
    distanceKm: Type.Number(),
    stops: ReadonlyList(Type.String(), { description: 'Location ids in order' }),
    modes: ReadonlyList(Choice(MODES, 'A mode of one of its legs')),
  },
  { additionalProperties: false },
);

const LegSchema = Type.Object(
  {
    from: Type.String(),
    to: Type.String(),
    mode: Choice(MODES, 'How the leg is travelled'),
    distanceKm: Figure,
    durationH: Type.Object({ value: Type.Number(), source: Type.String(), rough: Type.Boolean() }, { additionalProperties: false, description: 'Moving time only' }),
    route: ReadonlyList(LonLat, { description: 'Route line from `from` to `to`, rough' }),
    note: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

const CorridorSchema = Type.Object(
  {
    id: Type.String(),
    names: Names,
    status: Choice(['operational', 'planned'], 'Whether goods move on it today'),
    statusSource: Type.String(),
    legs: ReadonlyList(LegSchema),
    facts: Type.Optional(ReadonlyList(Type.String(), { description: 'Timing fact ids that apply' })),
    distanceKm: Type.Number(),
  },
  { additionalProperties: false },
);

const TimingFactSchema = Type.Object(
  {
    id: Type.String(),
    description: Type.String(),
    unit: Choice(['h', 'km/h', 'd'], 'Unit of value, min and max'),
    value: Type.Number(),
    min: Type.Optional(Type.Number()),
    max: Type.Optional(Type.Number()),
    mode: Type.Optional(Choice(MODES, 'The mode it applies to')),
    source: Type.String(),
    rough: Type.Boolean(),
  },
  { additionalProperties: false },
);

function route<R extends TSchema, Q extends TSchema = typeof NoQuerySchema>(summary: string, response: R, querystring?: Q) {
  return { summary, tags: TAGS, security: [], querystring: (querystring ?? NoQuerySchema) as Q, response: { 200: response, ...PROBLEM_RESPONSES } };
}
function routeWithParams<R extends TSchema, P extends TSchema>(summary: string, response: R, params: P) {
  return { ...route(summary, response), params };
}
const idParam = (description: string) => Type.Object({ id: Type.String({ description }) }, { additionalProperties: false });

export const REFERENCE_SCHEMAS = {
  countries: route('Member states and corridor neighbours (ISO 3166-1), names in English, Russian, Arabic and their own language', CountedList(CountrySchema, 'Countries')),
  country: routeWithParams('One country by its alpha-2 code', CountrySchema, Type.Object({ code: Type.String({ description: 'ISO 3166-1 alpha-2, any case' }) }, { additionalProperties: false })),
  locations: route('Border crossings, ports and terminals with geofences, UN/LOCODE and GS1 SGLN (filters: kind, country)', CountedList(LocationSchema, 'Locations'),
    Type.Object(
      {
        kind: Type.Optional(Choice(LOCATION_KINDS, 'Only locations of this kind')),
        country: Type.Optional(Type.String({ description: 'ISO 3166-1 alpha-2 (any case): locations in this country' })),
      },
      { additionalProperties: false },
    ),
  ),
  location: routeWithParams('One location by its Karvon id or its SGLN', LocationSchema, idParam('A Karvon location id or an SGLN')),
  customsOffices: route('Customs offices of the member states at crossings and inland terminals', CountedList(CustomsOfficeSchema, 'Customs offices')),
  corridors: route('Corridors with their stops, modes and length', CountedList(CorridorSummarySchema, 'Corridors')),
  corridor: routeWithParams('One corridor as ordered legs with route lines, distances and moving times', CorridorSchema, idParam('A corridor id')),
  timing: route('Published border dwell times, speeds and transit times, with sources', CountedList(TimingFactSchema, 'Timing facts')),
} as const;
