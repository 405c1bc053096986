/**
 * A registrant's changes to its shipment, beside the tracking API's routes under /api/shipments:
 * amending the registration and cancelling the shipment (src/tracking/amend-registration.ts).
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { amendRegistration, cancelShipment } from '../../tracking/amend-registration.js';
import type { ApiDeps } from '../deps.js';
import { detailScope, requireScope } from '../guard.js';
import { absentBodyAsEmptyObject, serializeAsBuilt } from '../schemas/common.js';
import { requireJsonContentType } from './access-body.js';
import { AMEND_REGISTRATION_SCHEMA, CANCEL_SHIPMENT_SCHEMA } from './registration-changes.schemas.js';
import { shipmentSummary } from './shipments.routes.js';

export function registrationChangesRoutes(deps: ApiDeps): FastifyPluginAsync {
  return async (app) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();
    api.setSerializerCompiler(serializeAsBuilt);

    api.put('/:id/registration', { schema: AMEND_REGISTRATION_SCHEMA }, async (request) => {
      // Changing a registration captures an event, as registering does: it needs the capture right.
      const principal = requireScope(request, 'capture');
      detailScope(request);
      requireJsonContentType(request);
      const { shipment } = await amendRegistration(deps, principal, request.params.id, request.body);
      return shipmentSummary(shipment);
    });

    api.post('/:id/cancel', { schema: CANCEL_SHIPMENT_SCHEMA, preValidation: absentBodyAsEmptyObject }, async (request) => {
      const principal = requireScope(request, 'capture');
      detailScope(request);
      const { shipment } = await cancelShipment(deps, principal, request.params.id, request.body.reason);
      return shipmentSummary(shipment);
    });
  };
}
