/**
 * Schemas of the shipment lists (/api/shipments) and search (/api/shipments/search): the filters,
 * what each item adds to the shipment summary (where the goods stand, how long they have waited,
 * when they are expected at a crossing), the total and the cursor. What each filter means is in
 * docs/architecture.md ("Lists for a crossing").
 */
import { Type } from 'typebox';
import { TRANSPORT_MODES } from '../../domain/shipment/shipment.js';
import { SHIPMENT_STATUSES } from '../../domain/index.js';
import { Choice, DateTime, PROBLEM_RESPONSES } from '../schemas/common.js';
import { MAX_SHIPMENT_LIMIT, ShipmentSummarySchema } from './shipments.schemas.js';
import { StopEstimateSchema } from './shipment-detail.schemas.js';

const TAGS = ['Tracking'];

const Limit = Type.Integer({ minimum: 1, maximum: MAX_SHIPMENT_LIMIT, default: 50, description: `How many (1 to ${MAX_SHIPMENT_LIMIT}, default 50)` });
const Cursor = Type.String({ description: 'nextCursor of the previous page, with the same filters' });

/** An arrival range at one stop (src/projections/estimate-arrival.ts, StopEstimate), as the detail's ETA gives it. */
const stopArrivalSchema = (description: string) => Type.Object(StopEstimateSchema.properties, { additionalProperties: false, description });

export const ShipmentListItemSchema = Type.Object(
  {
    ...ShipmentSummarySchema.properties,
    atLocation: Type.Optional(Type.String({ description: 'The location id the goods stand at now: no later physical step says they left it' })),
    since: Type.Optional(DateTime('When the goods got to atLocation (the first physical step of this stay)')),
    waitingHours: Type.Optional(Type.Number({ minimum: 0, description: 'Hours since `since`, to 0.1 h' })),
    inCountry: Type.Optional(Type.String({ description: 'The country the goods are in now (ISO 3166-1 alpha-2), when known' })),
    expectedArrival: Type.Optional(
      Type.Union([stopArrivalSchema('The arrival range at the crossing asked for'), Type.Null()], { description: 'With crossing: the arrival range there, estimated now; null when no estimate reaches it' }),
    ),
    arrival: Type.Optional(stopArrivalSchema('The arrival range at the last stop (the destination), estimated now; absent when the shipment has arrived, is closed or no estimate can be made')),
  },
  { additionalProperties: false },
);

const Total = {
  total: Type.Integer({ minimum: 0, description: 'How many shipments match over all pages; counted up to 1000' }),
  totalIsLowerBound: Type.Boolean({ description: 'true: there are more than `total` (counting stopped there)' }),
};

const PageSchema = Type.Object(
  {
    shipments: Type.Array(ShipmentListItemSchema),
    ...Total,
    nextCursor: Type.Optional(Type.String({ description: 'Present when there are more: pass it as cursor' })),
  },
  { additionalProperties: false },
);

export const LIST_SHIPMENTS_SCHEMA = {
  summary: 'Shipments: newest activity first; coming to a crossing soonest first; at a location longest waiting first',
  description:
    'Filters combine (and the caller sees only the shipments it may see). `crossing` lists what is still coming to a location, on the registered itinerary or the corridor, ordered by expected arrival, each with its arrival range there; `at` lists what stands at a location now, longest waiting first; otherwise the newest activity comes first. `country` is where a shipment has been, `in` where its goods are now.',
  tags: TAGS,
  querystring: Type.Object(
    {
      status: Type.Optional(Type.String({ description: `Comma-separated statuses: ${SHIPMENT_STATUSES.join(', ')}` })),
      corridor: Type.Optional(Type.String({ description: 'A corridor id' })),
      country: Type.Optional(Type.String({ description: 'ISO 3166-1 alpha-2: shipments that have been in that country (any event there, paperwork included), wherever they are now' })),
      in: Type.Optional(Type.String({ description: 'ISO 3166-1 alpha-2: shipments whose goods are in that country now (at a place there, on its side of a border crossing, or on a leg within it)' })),
      mode: Type.Optional(Choice(TRANSPORT_MODES, 'road, rail or sea')),
      crossing: Type.Optional(Type.String({ description: 'A location id of /api/reference/locations still ahead of the shipment (not where it stands now): what is coming there, soonest first' })),
      at: Type.Optional(Type.String({ description: 'A location id of /api/reference/locations where the goods stand now: longest waiting first' })),
      from: Type.Optional(Type.String({ description: 'Activity from this date-time (e.g. 2026-11-30T00:00:00Z)' })),
      to: Type.Optional(Type.String({ description: 'Activity up to this date-time' })),
      limit: Type.Optional(Limit),
      cursor: Type.Optional(Cursor),
    },
    { additionalProperties: false },
  ),
  response: { 200: PageSchema, ...PROBLEM_RESPONSES },
};

export const SEARCH_SHIPMENTS_SCHEMA = {
  summary: 'Find shipments by any reference or unit number, partial container numbers too (q); newest activity first, paged with cursor',
  tags: TAGS,
  querystring: Type.Object(
    {
      q: Type.String({ description: 'At least 3 characters: a container, wagon or document number, or part of one' }),
      limit: Type.Optional(Limit),
      cursor: Type.Optional(Cursor),
    },
    { additionalProperties: false },
  ),
  response: { 200: PageSchema, ...PROBLEM_RESPONSES },
};
