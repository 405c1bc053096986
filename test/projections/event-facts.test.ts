import { describe, it, expect } from 'vitest';
import { documentOf, eventFacts, karvonField } from '../../src/projections/event-facts.js';
import { documentIri, KARVON_NS } from '../../src/domain/epcis-profile.js';
import type { EpcisEvent } from '../../src/epcis/model.js';
import { referenceData } from '../../src/reference/index.js';
import { sglnOf } from './profile-events.js';

describe('event facts', () => {
  it('reads document kinds and numbers as the profile writes them', () => {
    expect(documentOf('https://ns.karvon.org/epcis/btt/transit_declaration', documentIri('mrn', '25KZ551100T0047113'))).toEqual({
      kind: 'transit-declaration', number: '25KZ551100T0047113', value: 'https://ns.karvon.org/id/mrn/25KZ551100T0047113',
    });
    expect(documentOf('bol', 'urn:epcglobal:cbv:bt:4870001000018:BL-77')).toMatchObject({ kind: 'bill-of-lading', number: 'BL-77' });
    expect(documentOf(undefined, documentIri('cmr', 'A 12/3'))).toMatchObject({ kind: 'cmr', number: 'A 12/3' });
    expect(documentOf('po', 'urn:epcglobal:cbv:bt:4870001000018:PO1')).toMatchObject({ kind: 'other', number: 'PO1' });
  });

  it('reads Karvon fields under whatever prefix the event bound to the namespace', () => {
    const event: EpcisEvent = {
      '@context': { k: KARVON_NS }, type: 'ObjectEvent', eventID: 'x', eventTime: '2026-03-04T06:00:00Z', eventTimeZoneOffset: '+00:00',
      action: 'OBSERVE', epcList: ['urn:epc:id:sscc:4870001.0000000001'], bizStep: 'arriving', readPoint: { id: sglnOf('dostyk').replace(/\.0$/, '.2') },
      'k:country': 'KZ',
    };
    expect(karvonField(event, 'country')).toBe('KZ');
    const facts = eventFacts(event, referenceData());
    // A lane of the border crossing is the border crossing; arriving there without krv:movementStep is arrival at the border.
    expect(facts.where).toMatchObject({ kind: 'location', locationId: 'dostyk', name: 'Dostyk', country: 'KZ' });
    expect(facts.step).toEqual({ source: 'movement', kind: 'arrived-at-border' });
  });
});
