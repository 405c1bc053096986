import { describe, expect, it } from 'vitest';
import type { EpcisEvent } from '../../src/epcis/model.js';
import { applyEpcFormat } from '../../src/epcis/jsonld/epc-format.js';
import { parseJsonLdDocument } from '../../src/epcis/jsonld/parse.js';
import { serializeJsonLdDocument } from '../../src/epcis/jsonld/serialize.js';

const urnEvent: EpcisEvent = {
  type: 'AggregationEvent',
  eventTime: '2024-05-01T10:00:00Z',
  eventTimeZoneOffset: '+05:00',
  action: 'ADD',
  parentID: 'urn:epc:id:sscc:0614141.1234567890',
  childEPCs: ['urn:epc:id:sgtin:0614141.107346.2017', 'https://example.com/private/7'],
  childQuantityList: [{ epcClass: 'urn:epc:class:lgtin:0614141.107346.998877', quantity: 10, uom: 'KGM' }],
  readPoint: { id: 'urn:epc:id:sgln:0614141.00001.0' },
  bizLocation: { id: 'urn:epc:id:sgln:0614141.00001.0' },
  sourceList: [{ type: 'owning_party', source: 'urn:epc:id:pgln:0614141.00000' }],
  destinationList: [{ type: 'location', destination: 'urn:epc:id:sgln:0614141.00001.0' }],
};

const dlEvent: EpcisEvent = {
  ...urnEvent,
  parentID: 'https://id.gs1.org/00/106141412345678908',
  childEPCs: ['https://id.gs1.org/01/10614141073464/21/2017', 'https://example.com/private/7'],
  childQuantityList: [{ epcClass: 'https://id.gs1.org/01/10614141073464/10/998877', quantity: 10, uom: 'KGM' }],
  readPoint: { id: 'https://id.gs1.org/414/0614141000012' },
  bizLocation: { id: 'https://id.gs1.org/414/0614141000012' },
  sourceList: [{ type: 'owning_party', source: 'https://id.gs1.org/417/0614141000005' }],
  destinationList: [{ type: 'location', destination: 'https://id.gs1.org/414/0614141000012' }],
};

describe('applyEpcFormat', () => {
  it('Always_GS1_Digital_Link turns every EPC field into a Digital Link and leaves private URIs alone', () => {
    expect(applyEpcFormat(urnEvent, 'Always_GS1_Digital_Link')).toEqual(dlEvent);
  });

  it('Always_EPC_URN turns Digital Links into EPC URNs when the company prefix length is known', () => {
    expect(applyEpcFormat(dlEvent, 'Always_EPC_URN', 7)).toEqual(urnEvent);
    // Without it a Digital Link cannot be split into company prefix and reference, so it stays.
    expect(applyEpcFormat(dlEvent, 'Always_EPC_URN')).toEqual(dlEvent);
  });

  it('Never_Translates and No_Preference keep the captured spelling', () => {
    expect(applyEpcFormat(urnEvent, 'Never_Translates')).toEqual(urnEvent);
    expect(applyEpcFormat(dlEvent, 'No_Preference')).toEqual(dlEvent);
    expect(applyEpcFormat(dlEvent, undefined)).toEqual(dlEvent);
  });

  it('returns a copy and leaves its input unchanged', () => {
    const before = structuredClone(urnEvent);
    const out = applyEpcFormat(urnEvent, 'Always_GS1_Digital_Link');
    expect(urnEvent).toEqual(before);
    expect(out).not.toBe(urnEvent);
    const same = applyEpcFormat(urnEvent, 'Never_Translates');
    expect(same).not.toBe(urnEvent);
    expect(same.readPoint).not.toBe(urnEvent.readPoint);
  });

  it('is what the JSON-LD serialiser applies for the GS1-EPC-Format header', () => {
    const text = serializeJsonLdDocument([urnEvent], { epcFormat: 'Always_GS1_Digital_Link' });
    expect(parseJsonLdDocument(text).events[0]).toEqual(dlEvent);
    const back = serializeJsonLdDocument([dlEvent], { epcFormat: 'Always_EPC_URN', companyPrefixLength: 7 });
    expect(parseJsonLdDocument(back).events[0]).toEqual(urnEvent);
  });
});
