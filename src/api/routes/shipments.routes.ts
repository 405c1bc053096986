/**
 * The tracking API (/api/shipments): shipments folded from the corridor's events, found by any
 * reference or unit number, with their timeline and an arrival estimate given as a range; and the
 * registration of a new shipment by a forwarder.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { SHIPMENT_STATUSES, type ShipmentStatus } from '../../domain/index.js';
import type { ShipmentSnapshot } from '../../projections/shipment-state.js';
import { KarvonError } from '../../errors.js';
import type { ApiDeps } from '../deps.js';
import { serializeAsBuilt } from '../schemas/common.js';
import { detailScope, requireScope } from '../guard.js';
import { sendQueryDocument } from '../respond.js';
import { registerShipment } from '../../tracking/register-shipment.js';
import { preArrivalAccess } from '../../access/pre-arrival-access.js';
import { preArrivalView } from '../../access/pre-arrival-view.js';
import { requireJsonContentType } from './access-body.js';
import { GET_SHIPMENT_SCHEMA, REGISTER_SHIPMENT_SCHEMA, SHIPMENT_EVENTS_SCHEMA } from './shipments.schemas.js';
import { LIST_SHIPMENTS_SCHEMA, SEARCH_SHIPMENTS_SCHEMA } from './shipment-lists.schemas.js';
import { checkedCountry, checkedLocation, listPage } from './shipment-list-answers.js';

/** A shipment as the API shows it: its state without the raw folding material. */
export function shipmentSummary(state: ShipmentSnapshot) {
  return {
    id: state.id,
    status: state.status,
    corridor: state.corridor,
    mode: state.mode,
    references: state.references,
    transportUnits: state.transportUnits,
    lastLocation: state.lastLocation,
    lastLocationTime: state.lastLocationTime,
    countries: state.countries,
    delay: state.delay,
    departedAt: state.departedAt,
    arrivedAt: state.arrivedAt,
    deliveredAt: state.deliveredAt,
    lastEventTime: state.lastEventTime,
    itinerary: state.itinerary,
  };
}

function parseTime(name: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (Number.isNaN(Date.parse(raw))) throw new KarvonError('KRV_QUERY_PARAMETER', `${name} must be a date-time such as 2026-11-30T00:00:00Z, got '${raw}'`);
  return raw;
}

export function shipmentsRoutes(deps: ApiDeps): FastifyPluginAsync {
  return async (app) => {
    const projection = deps.shipments;
    const unknown = (id: string) => new KarvonError('KRV_NO_SUCH_RESOURCE', `No shipment is known by '${id}': search by a reference or unit number at /api/shipments/search?q=`);
    // A shipment the caller may not see answers 404 like an unknown one: its existence does not leak.

    const api = app.withTypeProvider<TypeBoxTypeProvider>();
    api.setSerializerCompiler(serializeAsBuilt);

    api.get('/', { schema: LIST_SHIPMENTS_SCHEMA }, async (request) => {
      const scope = detailScope(request);
      const q = request.query;
      const statuses = q.status?.split(',').map((s) => s.trim());
      for (const status of statuses ?? []) {
        if (!(SHIPMENT_STATUSES as readonly string[]).includes(status)) {
          throw new KarvonError('KRV_QUERY_PARAMETER', `status must be one of ${SHIPMENT_STATUSES.join(', ')}, got '${status}'`);
        }
      }
      const now = new Date();
      const page = await projection.list({
        status: statuses as ShipmentStatus[] | undefined,
        corridor: q.corridor,
        country: checkedCountry('country', q.country),
        inCountry: checkedCountry('in', q.in),
        mode: q.mode,
        from: parseTime('from', q.from),
        to: parseTime('to', q.to),
        limit: q.limit ?? 50,
        cursor: q.cursor,
        upcomingStop: checkedLocation('crossing', q.crossing),
        atLocation: checkedLocation('at', q.at),
      }, scope, now);
      return listPage(page, shipmentSummary, now);
    });

    api.post('/', { schema: REGISTER_SHIPMENT_SCHEMA }, async (request, reply) => {
      // The registering organisation captures the registration event and becomes the shipment's
      // registrant (src/access/audience.ts); another organisation's shipment under the same
      // reference is neither joined nor revealed.
      const principal = requireScope(request, 'capture');
      detailScope(request);
      requireJsonContentType(request);
      const { created, shipment } = await registerShipment(deps, request.body, new Date(), principal.organisation);
      reply.code(created ? 201 : 200).header('location', `/api/shipments/${encodeURIComponent(shipment.id).replace(/%3A/gi, ':')}`);
      return shipmentSummary(shipment);
    });

    api.get('/search', { schema: SEARCH_SHIPMENTS_SCHEMA }, async (request) => {
      const scope = detailScope(request);
      const q = request.query.q.trim();
      if (q.length < 3) throw new KarvonError('KRV_QUERY_PARAMETER', 'q must have at least 3 characters: a container, wagon or document number, or part of one');
      const now = new Date();
      const page = await projection.searchPage(q, { limit: request.query.limit ?? 50, ...(request.query.cursor ? { cursor: request.query.cursor } : {}) }, scope, now);
      return listPage(page, shipmentSummary, now);
    });

    api.get('/:id', { schema: GET_SHIPMENT_SCHEMA }, async (request) => {
      const scope = detailScope(request);
      const found = await projection.withAudience(request.params.id, scope);
      if (!found) throw unknown(request.params.id);
      const state = found.shipment;
      // How much of the registration the caller sees follows from the keys it shares with the
      // shipment's audience, never from the request (src/access/pre-arrival-access.ts).
      const preArrival = preArrivalView(state.registration, preArrivalAccess(scope, found.audience));
      return {
        ...shipmentSummary(state),
        position: state.position,
        legProgress: state.legProgress,
        transit: state.transit,
        holds: state.holds,
        timeline: state.timeline,
        eta: (await projection.estimateFor(state, new Date())) ?? null,
        ...(preArrival ? { preArrival } : {}),
      };
    });

    api.get('/:id/events', { schema: SHIPMENT_EVENTS_SCHEMA }, async (request, reply) => {
      const events = await projection.events(request.params.id, detailScope(request));
      if (!events) throw unknown(request.params.id);
      return sendQueryDocument(request, reply, { events }, 'ShipmentEvents');
    });
  };
}
