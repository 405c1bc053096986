// Amending and cancelling a registration (issue 11). Each is one profile event captured by the
// registrant through capture, like the registration itself (docs/epcis-profile.md, section 4.4):
// shipment_amending carries the whole new registration, shipment_cancelling the reason. So the
// current registration and the cancelled status are folded from events and survive a rebuild.
// Both are written to the audit log (who, which shipment, when, outcome), refusals included.
import { AuditedActions } from '../access/audited-actions.js';
import { readScopeOf } from '../access/visibility.js';
import type { CaptureService } from '../capture/capture-service.js';
import { BIZ_STEP, compactExtensionField } from '../domain/epcis-profile.js';
import type { ShipmentRegistration } from '../domain/shipment/shipment.js';
import type { EpcisEvent } from '../epcis/model.js';
import { KarvonError } from '../errors.js';
import type { Followers } from '../followers/followers.js';
import type { Principal } from '../model/access.js';
import type { AuditRecorder } from '../model/governance.js';
import { organisationKey, type ReadScope } from '../model/visibility-scope.js';
import { changedSections } from '../projections/registration-acts.js';
import type { ShipmentQueries } from '../projections/shipment-queries.js';
import type { ShipmentSnapshot } from '../projections/shipment-state.js';
import {
  captureRegistrationAct, checkRegistration, normalised, refuseUnitsOnOpenShipments, registrationActEvent, registrationEvent, registrationIdentity,
} from './register-shipment.js';

export interface RegistrationChangeDeps {
  capture: CaptureService;
  shipments: ShipmentQueries;
  followers: Followers;
  audit: AuditRecorder;
}

/** The longest reason a cancellation keeps (it goes into an event and the timeline). */
export const MAX_CANCEL_REASON_LENGTH = 500;

/** Answered for a shipment the caller may not see exactly as for one that does not exist. */
export function unknownShipment(id: string): KarvonError {
  return new KarvonError('KRV_NO_SUCH_RESOURCE', `No shipment is known by '${id}': search by a reference or unit number at /api/shipments/search?q=`);
}

/**
 * The shipment `id` leads to, when the caller registered it and it may still change. A shipment the
 * caller does not see is 404 (its existence does not leak); one it sees but did not register is 403;
 * a delivered one is 409, and so is a cancelled one for an amendment (cancelling twice is the
 * caller's business: it changes nothing).
 */
async function registrantsOpenShipment(shipments: ShipmentQueries, principal: Principal, id: string, act: 'amend' | 'cancel', scope: ReadScope): Promise<ShipmentSnapshot> {
  const found = await shipments.withAudience(id, scope);
  if (!found) throw unknownShipment(id);
  const { shipment, audience } = found;
  // The registrant is the one organisation whose own key the audience holds (src/access/audience.ts:
  // only the registration that opened a shipment adds its recorder's organisation key).
  if (!audience.includes(organisationKey(principal.organisation.id))) {
    throw new KarvonError('KRV_FORBIDDEN', `Only the organisation that registered shipment ${shipment.id} may ${act} it`);
  }
  if (shipment.registration === undefined) {
    throw new KarvonError('KRV_CONFLICT', `Shipment ${shipment.id} has no Karvon registration to ${act}`);
  }
  if (shipment.status === 'delivered') {
    throw new KarvonError('KRV_CONFLICT', `Shipment ${shipment.id} has been delivered; a delivered shipment's registration can no longer be ${act === 'amend' ? 'amended' : 'cancelled'}`);
  }
  if (shipment.status === 'cancelled' && act === 'amend') {
    throw new KarvonError('KRV_CONFLICT', `Shipment ${shipment.id} has been cancelled; a cancelled registration cannot be amended (register the shipment anew under another booking)`);
  }
  return shipment;
}

async function refolded(shipments: ShipmentQueries, id: string, scope: ReadScope): Promise<ShipmentSnapshot> {
  const shipment = await shipments.get(id, scope);
  if (!shipment) throw new KarvonError('KRV_INTERNAL', `shipment ${id} is not in the projection after its change was captured`);
  return shipment;
}

/**
 * Replaces a shipment's registration with `body`, checked like a registration. The identity (the
 * booking, else the first reference) cannot change: it is what the shipment is known and linked by.
 * The same registration as the current one changes nothing (amended: false, no event).
 */
export async function amendRegistration(
  deps: RegistrationChangeDeps, principal: Principal, id: string, body: unknown, now: Date = new Date(),
): Promise<{ amended: boolean; shipment: ShipmentSnapshot }> {
  const scope = readScopeOf(principal);
  return new AuditedActions(deps.audit).run<{ amended: boolean; shipment: ShipmentSnapshot }>(principal, 'shipment.amend', id, async () => {
    const shipment = await registrantsOpenShipment(deps.shipments, principal, id, 'amend', scope);
    const registration = checkRegistration(body);
    const current = shipment.registration as ShipmentRegistration;
    const identity = registrationIdentity(current).bizTransaction;
    if (registrationIdentity(registration).bizTransaction !== identity) {
      throw new KarvonError(
        'KRV_CONFLICT',
        `Shipment ${shipment.id} is registered under ${identity}, which an amendment cannot change or remove; to move the goods under another booking, cancel this shipment and register a new one`,
        [{ pointer: '/references', message: `must keep ${identity} as the shipment's booking (or, without a booking, first reference)` }],
      );
    }
    const amended = normalised(registration) as Record<string, unknown>;
    const changed = changedSections(current as unknown as Record<string, unknown>, amended);
    if (changed.length === 0) return { result: { amended: false, shipment }, details: { shipment: shipment.id, changed } };
    await refuseUnitsOnOpenShipments(deps.shipments, registration, scope, shipment.id);
    await captureRegistrationAct(deps, registrationEvent(registration, now, BIZ_STEP.shipmentAmending), now, principal.organisation);
    return { result: { amended: true, shipment: await refolded(deps.shipments, shipment.id, scope) }, details: { shipment: shipment.id, changed } };
  });
}

/** The cancellation event of section 4.4: about the registration's units and under its references. */
export function cancellationEvent(registration: ShipmentRegistration, reason: string | undefined, now: Date): EpcisEvent {
  return {
    ...registrationActEvent(registration, now, BIZ_STEP.shipmentCancelling),
    ...(reason ? { [compactExtensionField('reason')]: reason } : {}),
  } as EpcisEvent;
}

/**
 * Cancels a registered shipment that has not been delivered. Cancelling a cancelled shipment again
 * changes nothing (cancelled: false, no event), like sending a registration twice.
 */
export async function cancelShipment(
  deps: RegistrationChangeDeps, principal: Principal, id: string, reason: string | undefined, now: Date = new Date(),
): Promise<{ cancelled: boolean; shipment: ShipmentSnapshot }> {
  const scope = readScopeOf(principal);
  const why = reason?.trim().replace(/\s+/g, ' ') || undefined;
  return new AuditedActions(deps.audit).run<{ cancelled: boolean; shipment: ShipmentSnapshot }>(principal, 'shipment.cancel', id, async () => {
    const shipment = await registrantsOpenShipment(deps.shipments, principal, id, 'cancel', scope);
    if (shipment.status === 'cancelled') return { result: { cancelled: false, shipment }, details: { shipment: shipment.id, already: true } };
    await captureRegistrationAct(deps, cancellationEvent(shipment.registration as ShipmentRegistration, why, now), now, principal.organisation);
    // The reason stays in the event (for the shipment's audience), not in the log the council reads.
    return { result: { cancelled: true, shipment: await refolded(deps.shipments, shipment.id, scope) }, details: { shipment: shipment.id } };
  });
}
