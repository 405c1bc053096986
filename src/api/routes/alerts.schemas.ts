/**
 * Schemas of the alerts routes (/api/alerts): validation, serialisation and the OpenAPI document
 * come from these declarations.
 */
import { Type } from 'typebox';
import { ALERT_KINDS, ALERT_SEVERITIES, ALERT_STATUSES } from '../../model/alerts.js';
import { Choice, DateTime, IdParamsSchema, NoQuerySchema, PROBLEM_RESPONSES } from '../schemas/common.js';

const TAGS = ['Alerts'];

const AlertActSchema = Type.Object(
  {
    by: Type.String({ description: "Who: a user's or API key's id, 'cli', or 'karvon' when the condition cleared by itself" }),
    name: Type.Optional(Type.String({ description: "The user's name" })),
    organisationId: Type.Optional(Type.String()),
    at: DateTime(),
    comment: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const AlertSchema = Type.Object(
  {
    id: Type.String(),
    kind: Choice(ALERT_KINDS, 'What the alert is about'),
    severity: Choice(ALERT_SEVERITIES, 'critical: act now; warning: look soon; info: worth knowing'),
    status: Choice(ALERT_STATUSES, 'open → acknowledged → resolved'),
    shipmentId: Type.Optional(Type.String({ description: 'The shipment, when the events name one' })),
    unitEpc: Type.Optional(Type.String({ description: 'The transport unit (EPC)' })),
    deviceId: Type.Optional(Type.String({ description: 'The tracker or e-seal whose readings told it' })),
    corridor: Type.Optional(Type.String()),
    location: Type.Optional(Type.String({ description: 'Where (an SGLN or a location id)' })),
    country: Type.Optional(Type.String()),
    summary: Type.String({ description: 'What happened, in English' }),
    details: Type.Record(Type.String(), Type.Unknown(), { description: 'The facts behind it (seal codes, km off route, hold reason...)' }),
    since: DateTime('When the condition began (its first event)'),
    lastSeen: DateTime('Its latest event'),
    occurrences: Type.Integer({ description: 'Events that raised or repeated it' }),
    eventIds: Type.Array(Type.String(), { description: 'Hash IDs of the latest events behind it' }),
    openedAt: DateTime(),
    updatedAt: DateTime(),
    acknowledged: Type.Optional(AlertActSchema),
    resolved: Type.Optional(AlertActSchema),
    notes: Type.Array(AlertActSchema),
  },
  { additionalProperties: false },
);

const list = (description: string) => Type.Optional(Type.String({ description: `${description}; several comma-separated` }));

export const LIST_ALERTS_SCHEMA = {
  summary: 'Alerts the caller may see, most recently updated first',
  description: "Those about shipments the caller sees (a customs service: what crosses its country; a company: its shipments), every alert for the network operator, none for aggregate-only viewers.",
  tags: TAGS,
  querystring: Type.Object(
    {
      status: list(`Only these statuses (${ALERT_STATUSES.join(', ')})`),
      kind: list(`Only these kinds (${ALERT_KINDS.join(', ')})`),
      severity: list(`Only these severities (${ALERT_SEVERITIES.join(', ')})`),
      shipment: Type.Optional(Type.String({ description: 'Only alerts of this shipment (its id, a document number or a unit)' })),
      device: Type.Optional(Type.String({ description: 'Only alerts told by this device' })),
      corridor: Type.Optional(Type.String()),
      country: Type.Optional(Type.String({ description: 'ISO 3166-1 alpha-2' })),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
      cursor: Type.Optional(Type.String({ description: 'nextCursor of the previous page' })),
    },
    { additionalProperties: false },
  ),
  response: {
    200: Type.Object({ alerts: Type.Array(AlertSchema), nextCursor: Type.Optional(Type.String()) }, { additionalProperties: false }),
    ...PROBLEM_RESPONSES,
  },
};

export const GET_ALERT_SCHEMA = {
  summary: 'One alert with its history (acknowledged, resolved, comments)',
  tags: TAGS,
  params: IdParamsSchema,
  querystring: NoQuerySchema,
  response: { 200: AlertSchema, ...PROBLEM_RESPONSES },
};

const actSchema = (summary: string, description: string) => ({
  summary,
  description,
  tags: TAGS,
  params: IdParamsSchema,
  querystring: NoQuerySchema,
  body: Type.Object({ comment: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
  response: { 200: AlertSchema, ...PROBLEM_RESPONSES },
});

export const ACKNOWLEDGE_ALERT_SCHEMA = actSchema('Acknowledge an alert: someone is on it', 'For anyone who sees the alert. 409 when it is acknowledged or resolved already.');
export const RESOLVE_ALERT_SCHEMA = actSchema('Resolve an alert', 'For anyone who sees the alert. Alerts whose condition clears by itself (signal back, back on route, released) resolve themselves. 409 when resolved already.');

export const COMMENT_ALERT_SCHEMA = {
  summary: 'Comment on an alert',
  tags: TAGS,
  params: IdParamsSchema,
  querystring: NoQuerySchema,
  body: Type.Object({ text: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false }),
  response: { 200: AlertSchema, ...PROBLEM_RESPONSES },
};
