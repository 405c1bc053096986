/**
 * Schemas of the tracking API (/api/shipments): the registration a forwarder sends, the filters of
 * the list, and the shipment as the API shows it. The registration's value rules (check digits, HS
 * codes, known locations, chained legs...) stay in the domain (src/domain/shipment/validate-registration.ts),
 * which names every problem with its pointer; the schema fixes the shape and the vocabularies.
 */
import { Type, type Static } from 'typebox';
import { SHIPMENT_REFERENCE_KINDS } from '../../domain/identifiers/document-reference.js';
import { PARTY_ROLES, TRANSPORT_MODES, TRANSPORT_UNIT_KINDS } from '../../domain/shipment/shipment.js';
import { SHIPMENT_STATUSES } from '../../domain/index.js';
import { Choice, DateTime, PROBLEM_RESPONSES, ReadonlyList } from '../schemas/common.js';
import { PreArrivalSchema } from './pre-arrival.schemas.js';
import { ArrivalEstimateSchema, CorridorPositionSchema, HoldSchema, LegProgressSchema, TimelineEntrySchema, TransitStepSchema, WhereaboutsSchema } from './shipment-detail.schemas.js';

const TAGS = ['Tracking'];
export const MAX_SHIPMENT_LIMIT = 500;

/** A nested part of the read model, shown as the read model holds it (its fields are documented in docs/architecture.md). */
const Open = (description: string) => Type.Object({}, { additionalProperties: true, description });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T, description: string) => Type.Union([schema, Type.Null()], { description });

// ---- Registration ----

const ReferenceSchema = Type.Object(
  {
    kind: Choice(SHIPMENT_REFERENCE_KINDS, 'What the number is: a transport document (bill-of-lading, sea-waybill, cmr, smgs, cim, cim-smgs), a booking, a transit declaration (mrn, transit-declaration, tir-carnet), an invoice or a client reference'),
    value: Type.String({ minLength: 1, description: 'The number as printed on the document (MRN and TIR carnet numbers are normalised: spaces removed, upper case)' }),
    issuer: Type.Optional(Type.String({ description: 'Who issued it, when it is not obvious (carrier SCAC, railway code, customs office)' })),
  },
  { additionalProperties: false },
);

const PartySchema = Type.Object(
  {
    role: Choice(PARTY_ROLES, 'The party\'s part in the shipment'),
    name: Type.String({ minLength: 1, description: 'Legal name' }),
    country: Type.String({ description: 'ISO 3166-1 alpha-2, e.g. KZ' }),
    gln: Type.Optional(Type.String({ description: 'GS1 Global Location Number (13 digits with a valid check digit), when the party has one' })),
  },
  { additionalProperties: false },
);

const GoodsLineSchema = Type.Object(
  {
    hsCode: Type.String({ description: 'Harmonized System code, 6 to 10 digits (e.g. 721049)' }),
    description: Type.String({ minLength: 1, description: 'Plain description of the goods' }),
    packages: Type.Integer({ minimum: 1, description: 'Number of packages' }),
    packageType: Type.Optional(Type.String({ description: 'UN/ECE Rec. 21 package type code, e.g. PK, CT, PX' })),
    grossKg: Type.Number({ exclusiveMinimum: 0, description: 'Gross mass in kilograms' }),
    declaredValue: Type.Optional(
      Type.Object(
        { amount: Type.Number({ minimum: 0 }), currency: Type.String({ description: 'ISO 4217 code, e.g. USD' }) },
        { additionalProperties: false, description: 'Declared value of the line' },
      ),
    ),
  },
  { additionalProperties: false },
);

const TransportUnitSchema = Type.Object(
  {
    kind: Choice(TRANSPORT_UNIT_KINDS, 'container, wagon, truck, trailer or vessel'),
    id: Type.String({ description: 'ISO 6346 number with check digit (container), UIC or 1520-gauge number (wagon), registration plate (truck, trailer), IMO number (vessel)' }),
    country: Type.Optional(Type.String({ description: 'Country of registration (ISO 3166-1 alpha-2); required for trucks and trailers' })),
    carriedBy: Type.Optional(Type.String({ description: 'id of the unit carrying this one (a container on a wagon, a trailer on a ferry)' })),
    seals: Type.Optional(Type.Array(Type.String(), { description: 'Seal numbers' })),
  },
  { additionalProperties: false },
);

const ItineraryLegSchema = Type.Object(
  {
    mode: Choice(TRANSPORT_MODES, 'road, rail or sea'),
    from: Type.String({ description: 'A location id of /api/reference/locations (terminal, border crossing, port)' }),
    to: Type.String({ description: 'A location id of /api/reference/locations; the next leg starts here' }),
    plannedDeparture: Type.String({ format: 'date-time', description: 'UTC instant, ISO 8601 with Z or an offset' }),
    plannedArrival: Type.String({ format: 'date-time', description: 'After plannedDeparture' }),
    transportUnitIds: Type.Optional(Type.Array(Type.String(), { description: 'ids of the transport units moving on this leg' })),
  },
  { additionalProperties: false },
);

export const REGISTRATION_EXAMPLE = {
  references: [
    { kind: 'booking', value: 'BK-2025-0001' },
    { kind: 'smgs', value: '70099001' },
  ],
  parties: [
    { role: 'consignor', name: 'Almaty Steel LLP', country: 'KZ' },
    { role: 'consignee', name: 'Poti Trading Ltd', country: 'GE' },
  ],
  goods: [{ hsCode: '721049', description: 'galvanised steel sheets', packages: 20, grossKg: 21500 }],
  transportUnits: [{ kind: 'container', id: 'CSQU3054383' }],
  itinerary: [
    { mode: 'rail', from: 'almaty', to: 'aktau-port', plannedDeparture: '2025-03-01T08:00:00Z', plannedArrival: '2025-03-05T08:00:00Z', transportUnitIds: ['CSQU3054383'] },
    { mode: 'sea', from: 'aktau-port', to: 'alat-port', plannedDeparture: '2025-03-06T08:00:00Z', plannedArrival: '2025-03-07T20:00:00Z' },
    { mode: 'rail', from: 'alat-port', to: 'poti-port', plannedDeparture: '2025-03-08T08:00:00Z', plannedArrival: '2025-03-10T08:00:00Z' },
  ],
};

export const ShipmentRegistrationSchema = Type.Object(
  {
    references: Type.Array(ReferenceSchema, { minItems: 1, description: 'At least one: the booking (if any) identifies the registration; every reference finds the shipment later' }),
    parties: Type.Array(PartySchema, { minItems: 1, description: 'Consignor, consignee and the others the shipment names' }),
    goods: Type.Array(GoodsLineSchema, { minItems: 1, description: 'At least one goods line' }),
    transportUnits: Type.Optional(Type.Array(TransportUnitSchema, { description: 'Containers, wagons, trucks... carrying the goods' })),
    itinerary: Type.Array(ItineraryLegSchema, { minItems: 1, description: 'The planned legs in order, each starting where the previous one ends' }),
    corridorId: Type.Optional(Type.String({ description: 'A corridor id of /api/reference/corridors, when the shipment follows one' })),
  },
  {
    additionalProperties: false,
    description:
      'A shipment registration. Registering the same registration again answers 200 with the stored shipment; a different one under the same booking (or first reference) is 409. Every problem is named at its JSON pointer, and nothing is registered then.',
    examples: [REGISTRATION_EXAMPLE],
  },
);
export type ShipmentRegistrationBody = Static<typeof ShipmentRegistrationSchema>;

// ---- Answers ----

const ItineraryLegView = Type.Object(
  {
    mode: Type.String(),
    from: Type.String(),
    to: Type.String(),
    plannedDeparture: Type.String(),
    plannedArrival: Type.String(),
    transportUnitIds: Type.Optional(ReadonlyList(Type.String())),
  },
  { additionalProperties: true },
);

const summaryProperties = {
  id: Type.String({ description: 'The shipment id: <document kind>:<number> of the reference it is known by (e.g. smgs:70012345), or the registration IRI' }),
  status: Choice(SHIPMENT_STATUSES, 'Where the shipment stands'),
  corridor: Type.Optional(Type.String({ description: 'Corridor id, when it follows a known corridor' })),
  mode: Type.Optional(Choice(TRANSPORT_MODES, 'The mode it moves by now')),
  references: Type.Record(Type.String(), ReadonlyList(Type.String()), { description: 'Document numbers by kind (an MRN under transit-declaration)' }),
  transportUnits: ReadonlyList(Type.String(), { description: 'Unit IRIs: containers, wagons, vehicles' }),
  lastLocation: Type.Optional(WhereaboutsSchema),
  lastLocationTime: Type.Optional(DateTime()),
  countries: ReadonlyList(Type.String(), { description: 'Countries it has been in, in order (ISO 3166-1 alpha-2)' }),
  delay: Type.Optional(
    Type.Object(
      { hours: Type.Number({ description: 'Positive: behind plan' }), plannedHours: Type.Number(), actualHours: Type.Number(), basis: Type.String() },
      { additionalProperties: false },
    ),
  ),
  departedAt: Type.Optional(DateTime()),
  arrivedAt: Type.Optional(DateTime()),
  deliveredAt: Type.Optional(DateTime()),
  lastEventTime: Type.Optional(DateTime()),
  itinerary: Type.Optional(ReadonlyList(ItineraryLegView, { description: 'The registered plan, when it was registered through Karvon' })),
};

const SUMMARY_EXAMPLE = {
  id: 'smgs:70099001',
  status: 'planned',
  references: { booking: ['BK-2025-0001'], smgs: ['70099001'] },
  transportUnits: ['https://ns.karvon.org/id/container/CSQU3054383'],
  countries: [],
  itinerary: REGISTRATION_EXAMPLE.itinerary,
};

export const ShipmentSummarySchema = Type.Object(summaryProperties, { additionalProperties: false, examples: [SUMMARY_EXAMPLE] });

export const ShipmentDetailSchema = Type.Object(
  {
    ...summaryProperties,
    position: Type.Optional(CorridorPositionSchema),
    legProgress: Type.Optional(LegProgressSchema),
    transit: Type.Record(Type.String(), ReadonlyList(TransitStepSchema), { description: 'Customs transit steps by country' }),
    holds: ReadonlyList(HoldSchema, { description: 'Customs and other holds' }),
    timeline: ReadonlyList(TimelineEntrySchema, { description: 'What happened, in order' }),
    eta: Nullable(ArrivalEstimateSchema, 'null when no estimate can be made'),
    preArrival: Type.Optional(PreArrivalSchema),
  },
  { additionalProperties: false, examples: [{ ...SUMMARY_EXAMPLE, transit: {}, holds: [], timeline: [], eta: null }] },
);

// ---- Routes ----

const ShipmentParams = Type.Object(
  { id: Type.String({ minLength: 1, description: 'The shipment id, or any of its references or unit IRIs (URL-encoded)' }) },
  { additionalProperties: false },
);

export const REGISTER_SHIPMENT_SCHEMA = {
  summary: 'Register a shipment with its references, parties, goods, units and planned itinerary (idempotent per booking reference)',
  description:
    'Send the registration as application/json (see the example). 201 with Location for a new shipment, 200 when this registration was made already. Needs the capture right.',
  tags: TAGS,
  querystring: Type.Object({}, { additionalProperties: false }),
  body: ShipmentRegistrationSchema,
  response: { 200: ShipmentSummarySchema, 201: ShipmentSummarySchema, ...PROBLEM_RESPONSES },
};

export const GET_SHIPMENT_SCHEMA = {
  summary: 'One shipment: status, last location, transit steps per country, holds, timeline, ETA range and the pre-arrival information the caller may see',
  tags: TAGS,
  params: ShipmentParams,
  querystring: Type.Object({}, { additionalProperties: false }),
  response: { 200: ShipmentDetailSchema, ...PROBLEM_RESPONSES },
};

export const SHIPMENT_EVENTS_SCHEMA = {
  summary: 'The EPCIS events of one shipment',
  description: 'An EPCISQueryDocument in JSON-LD (or XML with Accept: application/xml), as /epcis/events answers.',
  tags: TAGS,
  params: ShipmentParams,
  querystring: Type.Object({}, { additionalProperties: false }),
  response: {
    200: Type.Object(
      { type: Type.Literal('EPCISQueryDocument'), epcisBody: Open('{queryResults: {queryName, resultsBody: {eventList: [...]}}}') },
      { additionalProperties: true, description: 'EPCISQueryDocument (JSON-LD); the XML binding when asked for' },
    ),
    ...PROBLEM_RESPONSES,
  },
};
