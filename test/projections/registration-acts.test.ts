// Amendments and cancellations folded from events alone: the registration in force is the latest
// registrant's amendment, a cancellation sets the final status `cancelled` and closes the shipment to
// its units' next trips, and another organisation's amendment or cancellation is not applied (it is
// in the timeline as such), whatever order the events arrive in.
import { describe, expect, it } from 'vitest';
import { BIZ_STEP } from '../../src/domain/epcis-profile.js';
import type { ShipmentRegistration } from '../../src/domain/shipment/shipment.js';
import type { EpcisEvent } from '../../src/epcis/model.js';
import type { Recorder } from '../../src/model/visibility-scope.js';
import { eventFacts, type EventFacts } from '../../src/projections/event-facts.js';
import { foldFacts, insertFacts } from '../../src/projections/fold-shipment.js';
import { registrationOf } from '../../src/projections/registered-itinerary.js';
import { ShipmentLinker } from '../../src/projections/shipment-linker.js';
import { referenceData } from '../../src/reference/index.js';
import { cancellationEvent } from '../../src/tracking/amend-registration.js';
import { registrationEvent } from '../../src/tracking/register-shipment.js';
import { shuffled } from './profile-events.js';

const reference = referenceData();
const forwarder: Recorder = { kind: 'organisation', organisationId: 'kz-forwarder', keys: ['org:kz-forwarder'] };
const carrier: Recorder = { kind: 'organisation', organisationId: 'kz-carrier', keys: ['org:kz-carrier'] };

function registration(to: string, container = 'CSQU3054383'): ShipmentRegistration {
  return {
    references: [{ kind: 'booking', value: 'BK-ACTS-1' }],
    parties: [{ role: 'consignor', name: 'A', country: 'KZ' }, { role: 'consignee', name: 'B', country: 'KZ' }],
    goods: [{ hsCode: '721049', description: 'steel', packages: 1, grossKg: 1000 }],
    transportUnits: [{ kind: 'container', id: container }],
    itinerary: [{ mode: 'rail', from: 'almaty', to, plannedDeparture: '2026-03-01T08:00:00Z', plannedArrival: '2026-03-05T08:00:00Z' }],
  };
}

let sequence = 0;
function facts(event: EpcisEvent, recorder: Recorder, id: string): EventFacts {
  return eventFacts({ ...event, eventID: `urn:uuid:00000000-0000-4000-8000-${id.padStart(12, '0')}` }, reference, { capturedBy: recorder.kind === 'organisation' ? recorder.organisationId : undefined, recorder, sequence: ++sequence });
}

const at = (day: number) => new Date(Date.UTC(2026, 1, day, 9));
const registered = facts(registrationEvent(registration('aktau-port'), at(1)), forwarder, '1');
const amendedByForwarder = facts(registrationEvent(registration('dostyk'), at(2), BIZ_STEP.shipmentAmending), forwarder, '2');
const amendedByCarrier = facts(registrationEvent(registration('khorgos'), at(3), BIZ_STEP.shipmentAmending), carrier, '3');
const cancelledByCarrier = facts(cancellationEvent(registration('dostyk'), 'not mine to say', at(4)), carrier, '4');
const cancelledByForwarder = facts(cancellationEvent(registration('dostyk'), 'order withdrawn', at(5)), forwarder, '5');

const fold = (list: readonly EventFacts[]) => foldFacts(insertFacts([], list), { reference });
const itineraryEnd = (list: readonly EventFacts[]) => (registrationOf({ events: insertFacts([], list) }) as ShipmentRegistration).itinerary[0]!.to;

describe('registration acts in the fold', () => {
  it('takes the registrant\'s latest amendment as the registration in force, and names what changed', () => {
    expect(itineraryEnd([registered, amendedByForwarder])).toBe('dostyk');
    const texts = fold([registered, amendedByForwarder]).timeline.map((e) => e.text);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toMatch(/^Shipment registered, to leave from /);
    expect(texts[1]).toBe('Registration amended: itinerary');
  });

  it('does not apply another organisation\'s amendment or cancellation', () => {
    expect(itineraryEnd([registered, amendedByForwarder, amendedByCarrier])).toBe('dostyk');
    const state = fold([registered, amendedByForwarder, amendedByCarrier, cancelledByCarrier]);
    expect(state.status).toBe('planned');
    expect(state.timeline.slice(-2).map((e) => e.text)).toEqual([
      'Registration amendment recorded by another organisation than the registrant; not applied',
      'Cancellation recorded by another organisation than the registrant; not applied',
    ]);
  });

  it('cancels on the registrant\'s cancellation, whatever the order events arrive in', () => {
    const all = [registered, amendedByForwarder, amendedByCarrier, cancelledByCarrier, cancelledByForwarder];
    for (const seed of [1, 2, 3]) {
      const state = fold(shuffled(all, seed));
      expect(state.status).toBe('cancelled');
      expect(state.timeline.at(-1)!.text).toBe('Shipment cancelled: order withdrawn');
    }
  });

  it('closes the shipment in the linker, so the container\'s next registration opens a shipment of its own', () => {
    const linker = new ShipmentLinker();
    const first = linker.link(registered).key;
    linker.link(amendedByForwarder);
    linker.link(cancelledByForwarder);
    const next = registrationEvent({ ...registration('aktau-port'), references: [{ kind: 'cmr', value: 'NEXT-1' }] }, at(6));
    const second = linker.link(facts(next, forwarder, '6'));
    expect(second.key).not.toBe(first);
    expect(second.created).toBe(true);
  });
});
