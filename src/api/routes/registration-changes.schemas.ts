/**
 * Schemas of a registrant's changes to its shipment: amending the registration
 * (PUT /api/shipments/{id}/registration) and cancelling the shipment (POST /api/shipments/{id}/cancel).
 */
import { Type } from 'typebox';
import { MAX_CANCEL_REASON_LENGTH } from '../../tracking/amend-registration.js';
import { PROBLEM_RESPONSES } from '../schemas/common.js';
import { ShipmentRegistrationSchema, ShipmentSummarySchema } from './shipments.schemas.js';

const TAGS = ['Tracking'];

const ShipmentParams = Type.Object(
  { id: Type.String({ minLength: 1, description: 'The shipment id, or any of its references or unit IRIs (URL-encoded)' }) },
  { additionalProperties: false },
);

export const AMEND_REGISTRATION_SCHEMA = {
  summary: 'Amend a shipment\'s registration: the whole new registration (references, parties, goods, units, itinerary)',
  description:
    'Only the organisation that registered the shipment may amend it (a shipment the caller does not see is 404, one it sees but did not register 403), ' +
    'and only until it is delivered or cancelled (409). The booking (or, without one, the first reference) identifies the shipment and must stay (409). ' +
    'The body is checked like a registration, every problem named at its pointer (400); a transport unit on another open shipment is 409. ' +
    'Recorded as a shipment_amending event (docs/epcis-profile.md 4.4) and in the audit log. The same registration as the current one answers 200 and records no event.',
  tags: TAGS,
  params: ShipmentParams,
  querystring: Type.Object({}, { additionalProperties: false }),
  body: ShipmentRegistrationSchema,
  response: { 200: ShipmentSummarySchema, ...PROBLEM_RESPONSES },
};

export const CANCEL_SHIPMENT_SCHEMA = {
  summary: 'Cancel a registered shipment (optionally saying why)',
  description:
    'Only the organisation that registered the shipment may cancel it (404 / 403 as for an amendment), and not once it is delivered (409). ' +
    'Its status becomes cancelled, its transport units are free for another shipment, and the timeline says "Shipment cancelled: <reason>". ' +
    'Recorded as a shipment_cancelling event and in the audit log. Cancelling a cancelled shipment answers 200 and records nothing.',
  tags: TAGS,
  params: ShipmentParams,
  querystring: Type.Object({}, { additionalProperties: false }),
  body: Type.Object(
    { reason: Type.Optional(Type.String({ minLength: 1, maxLength: MAX_CANCEL_REASON_LENGTH, description: 'Why, in words; shown in the timeline to those who see the shipment' })) },
    { additionalProperties: false, description: 'Nothing, or {reason}' },
  ),
  response: { 200: ShipmentSummarySchema, ...PROBLEM_RESPONSES },
};
