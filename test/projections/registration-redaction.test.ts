// A registration event returned to a reader is cut to its pre-arrival share (docs/security.md,
// "Pre-arrival information"); the capturer, the network operator and trusted local reads get it whole.
import { describe, expect, it } from 'vitest';
import type { EpcisEvent } from '../../src/epcis/model.js';
import type { ReadScope } from '../../src/model/visibility-scope.js';
import { cutRegistration, eventsForReader } from '../../src/projections/registration-redaction.js';
import type { Store } from '../../src/store/store.js';

const REGISTRATION = {
  parties: [{ role: 'consignor', name: 'Almaty Steel LLP', country: 'KZ' }],
  goods: [{ hsCode: '721049', description: 'steel sheets', packages: 20, grossKg: 21500, declaredValue: { amount: 48000, currency: 'USD' } }],
  transportUnits: [{ kind: 'container', id: 'CSQU3054383', seals: ['KZ0012345'] }],
};
const HANDLING = { access: 'handling', transportUnits: REGISTRATION.transportUnits, totals: { packages: 20, grossKg: 21500 } };

const registering = (extra: Record<string, unknown> = { 'krv:registration': REGISTRATION }): EpcisEvent =>
  ({ type: 'ObjectEvent', eventID: 'ni:///sha-256;abc?ver=CBV2.0', eventTime: '2026-03-01T08:00:00Z', eventTimeZoneOffset: '+00:00', action: 'OBSERVE', ...extra }) as EpcisEvent;
const plain = { type: 'ObjectEvent', eventTime: '2026-03-01T09:00:00Z', eventTimeZoneOffset: '+00:00', action: 'OBSERVE' } as EpcisEvent;

/** A store whose only event of a shipment is sequence 1, of audience `audience`; counts its look-ups. */
function storeWith(audience: string[]) {
  const calls: number[][] = [];
  const store = {
    shipments: {
      eventAudiences: async (sequences: readonly number[]) => {
        calls.push([...sequences]);
        return new Map(sequences.filter((s) => s === 1).map((s) => [s, audience]));
      },
    },
  } as unknown as Pick<Store, 'shipments'>;
  return { store, calls };
}
const operator: ReadScope = { kind: 'audience', organisationId: 'port', keys: ['org:port', 'location:aktau-port'] };

describe('cutting krv:registration per reader', () => {
  it('keeps a full share whole, replaces a handling share by the handling view, removes it for none, under any prefix', () => {
    const event = registering();
    expect(cutRegistration(event, 'full')).toBe(event);
    expect(cutRegistration(event, 'handling')['krv:registration']).toEqual(HANDLING);
    expect(cutRegistration(event, 'none')).not.toHaveProperty('krv:registration');
    expect(event['krv:registration']).toBe(REGISTRATION);
    const prefixed = registering({ '@context': { k: 'https://ns.karvon.org/epcis/' }, 'k:registration': REGISTRATION });
    expect(cutRegistration(prefixed, 'handling')['k:registration']).toEqual(HANDLING);
    const iri = registering({ 'https://ns.karvon.org/epcis/registration': REGISTRATION });
    expect(cutRegistration(iri, 'none')).not.toHaveProperty('https://ns.karvon.org/epcis/registration');
    expect(cutRegistration(iri, 'none').eventID).toBe(iri.eventID);
  });

  it("cuts by the audiences of the event's shipments: handling for a location operator, nothing for an event of no shipment", async () => {
    const { store, calls } = storeWith(['org:forwarder', 'location:aktau-port']);
    const [cut, unlinked, other] = await eventsForReader(store, operator, [
      { event: registering(), sequence: 1, capturedBy: 'forwarder' },
      { event: registering(), sequence: 2, capturedBy: 'forwarder' },
      { event: plain, sequence: 3 },
    ]);
    expect(cut!['krv:registration']).toEqual(HANDLING);
    expect(unlinked).not.toHaveProperty('krv:registration');
    expect(other).toBe(plain);
    expect(calls).toEqual([[1, 2]]);
  });

  it('leaves it whole for the capturer, the network operator, trusted reads and a full share; a page without registrations costs no look-up', async () => {
    const event = registering();
    const { store, calls } = storeWith(['org:forwarder', 'customs:KZ']);
    const customs: ReadScope = { kind: 'audience', organisationId: 'kz-customs', keys: ['org:kz-customs', 'customs:KZ'] };
    expect((await eventsForReader(store, customs, [{ event, sequence: 1 }]))[0]).toBe(event);
    expect(calls).toHaveLength(1);
    expect((await eventsForReader(store, { ...operator, organisationId: 'port' }, [{ event, sequence: 1, capturedBy: 'port' }]))[0]).toBe(event);
    expect((await eventsForReader(store, { kind: 'all' }, [{ event, sequence: 1 }]))[0]).toBe(event);
    expect((await eventsForReader(store, undefined, [{ event, sequence: 1 }]))[0]).toBe(event);
    expect(await eventsForReader(store, operator, [{ event: plain, sequence: 3 }])).toEqual([plain]);
    expect(calls).toHaveLength(1);
  });
});
