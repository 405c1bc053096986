/**
 * TypeBox schemas of the health, readiness, statistics and status routes: one declaration gives
 * validation, serialisation, the TypeScript types and /openapi.json.
 */
import { Type } from 'typebox';
import { NoQuerySchema, ProblemSchema } from '../schemas/common.js';

/** RFC 7807 problem details, as every route declares them. */
export const PROBLEM = ProblemSchema;

/** No query parameters: an unknown one is refused (400) rather than ignored. */
export const NO_QUERY = NoQuerySchema;

export const HEALTH_RESPONSE = Type.Object({ status: Type.Literal('ok') }, { examples: [{ status: 'ok' }] });

export const READY_RESPONSE = Type.Object(
  { status: Type.Literal('ready'), store: Type.String({ description: 'The store kind: sqlite or postgres' }) },
  { examples: [{ status: 'ready', store: 'sqlite' }] },
);

export const FOLLOWER_STATUS = Type.Object(
  {
    name: Type.String({ description: 'The follower (its checkpoint name)' }),
    position: Type.Integer({ description: 'The last event sequence it folded' }),
    lastSequence: Type.Integer({ description: "The store's last event sequence" }),
    lag: Type.Integer({ description: 'Stored events not folded yet' }),
    ready: Type.Boolean({ description: 'Caught up with the store once since this server started' }),
    errors: Type.Integer({ description: 'Errors this server met while folding, since start' }),
    lastError: Type.Optional(Type.String()),
    lastErrorAt: Type.Optional(Type.String({ format: 'date-time' })),
    updatedAt: Type.Optional(Type.String({ format: 'date-time', description: 'When its position last moved' })),
  },
  { examples: [{ name: 'shipments', position: 1200, lastSequence: 1204, lag: 4, ready: true, errors: 0, updatedAt: '2026-12-07T05:00:00.000Z' }] },
);

export const STATUS_RESPONSE = Type.Object({
  store: Type.String(),
  lastSequence: Type.Integer(),
  followers: Type.Array(FOLLOWER_STATUS),
  /** Startup work /ready still waits for (the demo's seeding). */
  pending: Type.Array(Type.String()),
});

const QUANTILES = {
  n: Type.Integer(),
  p10: Type.Number(),
  p50: Type.Number(),
  p90: Type.Number(),
};

const LOCATION_ID = (description: string) => Type.String({ description: `${description} (a reference location id, /api/reference/locations)` });
const MODE = Type.String({ description: 'Transport mode: rail, road, sea' });

/** What an observation measures (the parts of its key, src/projections/corridor-statistics.ts). */
const OBSERVATION_SUBJECT = Type.Union([
  Type.Object(
    { kind: Type.Literal('leg'), from: LOCATION_ID('Where the leg starts'), to: LOCATION_ID('Where it ends'), mode: MODE },
    { additionalProperties: false, description: 'Hours on a leg, from leaving one stop to arriving at the next' },
  ),
  Type.Object(
    {
      kind: Type.Literal('dwell'),
      location: LOCATION_ID('The stop: a border crossing, port or terminal'),
      countryBefore: Type.String({ description: 'Country of the leg before the stop (ISO 3166-1 alpha-2; "-" at the origin)' }),
      countryAfter: Type.String({ description: 'Country of the leg after the stop ("-" at the destination)' }),
      mode: MODE,
    },
    { additionalProperties: false, description: 'Hours spent at a stop, by direction and mode of the next leg' },
  ),
]);

export const STATISTICS_RESPONSE = Type.Object({
  shipments: Type.Integer(),
  events: Type.Integer(),
  byStatus: Type.Record(Type.String(), Type.Integer()),
  byCorridor: Type.Record(Type.String(), Type.Integer()),
  openHolds: Type.Integer(),
  completedShipments: Type.Integer(),
  observations: Type.Array(Type.Object({ key: Type.String(), subject: OBSERVATION_SUBJECT, ...QUANTILES }, { additionalProperties: false }), {
    description: 'Observed hours (10th, 50th and 90th percentile of n completed shipments) on a leg or at a stop',
  }),
  eventsPerDay: Type.Array(Type.Object({ day: Type.String({ format: 'date' }), count: Type.Integer() }), {
    description: 'Stored events per UTC day of their eventTime (error declarations not counted), from the daily counter follower',
  }),
});

export const STATISTICS_QUERY = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date', description: 'First day of eventsPerDay (YYYY-MM-DD, UTC)' })),
    to: Type.Optional(Type.String({ format: 'date', description: 'Last day of eventsPerDay (YYYY-MM-DD, UTC)' })),
  },
  { additionalProperties: false },
);
