// The policy proper (src/access/audience.ts): what one event adds to a shipment's audience, given
// who recorded it. Each rule of docs/security.md's threat model has a case here.
import { describe, expect, it } from 'vitest';
import { contributionOf, type AudienceEvidence, type PlaceRef } from '../../src/access/audience.js';
import { partyKey, TRUSTED, type Recorder } from '../../src/model/visibility-scope.js';

const AKTAU: PlaceRef = { id: 'aktau-port', countries: ['KZ'] };
const ALAT: PlaceRef = { id: 'alat-port', countries: ['AZ'] };
const PORT_PGLN = 'urn:epc:id:pgln:4870001.00010';
const FORWARDER_PGLN = 'urn:epc:id:pgln:4870001.00501';
const PORT: Recorder = { kind: 'organisation', organisationId: 'kz-port', keys: ['location:aktau-port', 'org:kz-port', partyKey(PORT_PGLN)] };
const KZ_CUSTOMS: Recorder = { kind: 'organisation', organisationId: 'kz-customs', keys: ['customs:KZ', 'org:kz-customs'] };
const FORWARDER: Recorder = { kind: 'organisation', organisationId: 'fwd', keys: ['org:fwd', partyKey(FORWARDER_PGLN)] };
const CARRIER_GLN = '4870001000709';

const evidence = (recorder: Recorder, extra: Partial<AudienceEvidence> = {}): AudienceEvidence => ({ recorder, places: [], handOverParties: [], corridorStops: [], ...extra });
const sorted = (keys: string[]) => [...new Set(keys)].sort();

describe('what an event adds to an audience', () => {
  it('the node itself and the network operator: everything it names', () => {
    const said = evidence(TRUSTED, { places: [ALAT], country: 'GE', handOverParties: [CARRIER_GLN], corridorStops: [AKTAU] });
    expect(sorted(contributionOf(said, new Set(), false))).toEqual(
      sorted(['location:alat-port', 'customs:AZ', 'customs:GE', `party:https://id.gs1.org/417/${CARRIER_GLN}`, 'location:aktau-port', 'customs:KZ']),
    );
  });

  it('a registration makes its recorder the registrant, with the parties and itinerary it names', () => {
    const said = evidence(FORWARDER, { registration: { parties: [CARRIER_GLN], stops: [AKTAU, ALAT] } });
    expect(sorted(contributionOf(said, new Set(), true))).toEqual(
      sorted(['org:fwd', `party:https://id.gs1.org/417/${CARRIER_GLN}`, 'location:aktau-port', 'customs:KZ', 'location:alat-port', 'customs:AZ']),
    );
    // Not opening the shipment, and not in its audience: it registers nothing there.
    expect(contributionOf(said, new Set(['customs:KZ']), false)).toEqual([]);
  });

  it('an operator at its own place: hand-overs there and its country\'s customs, never itself', () => {
    const said = evidence(PORT, { places: [AKTAU], handOverParties: [CARRIER_GLN, PORT_PGLN] });
    expect(sorted(contributionOf(said, new Set(), false))).toEqual(sorted([`party:https://id.gs1.org/417/${CARRIER_GLN}`, 'customs:KZ']));
    // Elsewhere it is nobody to this shipment.
    expect(contributionOf(evidence(PORT, { places: [ALAT], handOverParties: [CARRIER_GLN] }), new Set(), false)).toEqual([]);
  });

  it('customs at a place of its own country add nothing: their own key is theirs already', () => {
    expect(contributionOf(evidence(KZ_CUSTOMS, { places: [AKTAU], handOverParties: [CARRIER_GLN], corridorStops: [ALAT] }), new Set(), false)).toEqual([]);
  });

  it('a member: hand-overs and the corridor, but not the places it reports from', () => {
    const said = evidence(FORWARDER, { places: [ALAT], handOverParties: [CARRIER_GLN], corridorStops: [AKTAU], country: 'AZ' });
    expect(sorted(contributionOf(said, new Set(['org:fwd']), false))).toEqual(sorted([`party:https://id.gs1.org/417/${CARRIER_GLN}`, 'location:aktau-port', 'customs:KZ']));
  });

  it('nobody adds a key it answers to itself, in any spelling', () => {
    const self = evidence(FORWARDER, { handOverParties: [FORWARDER_PGLN, partyKey(FORWARDER_PGLN).slice('party:'.length)] });
    expect(contributionOf(self, new Set(['org:fwd']), false)).toEqual([]);
    const portSelf = evidence(PORT, { places: [AKTAU], handOverParties: [PORT_PGLN] });
    expect(contributionOf(portSelf, new Set(), false)).toEqual(['customs:KZ']);
  });

  it('an error declaration adds no one, whoever declares', () => {
    expect(contributionOf(evidence(TRUSTED, { places: [AKTAU], declaration: true }), new Set(), false)).toEqual([]);
    expect(contributionOf(evidence(PORT, { places: [AKTAU], handOverParties: [CARRIER_GLN], declaration: true }), new Set(), true)).toEqual([]);
  });
});
