import { describe, it, expect } from 'vitest';
import {
  canonicalNumber,
  canonicalTimestamp,
  eventHashId,
  ignoreFieldsOf,
  preHashString,
} from '../../src/epcis/hash/index.js';
import { EpcisException } from '../../src/epcis/exceptions.js';
import type { EpcisEvent } from '../../src/epcis/model.js';

const EX = 'https://ns.example.com/epcis/';

/** The upstream ReferenceEventHashAlgorithm example, built directly in Karvon's model. */
function referenceEvent(): EpcisEvent {
  return {
    '@context': { example: EX },
    type: 'ObjectEvent',
    eventTime: '2020-03-04T11:00:30.000+01:00',
    eventTimeZoneOffset: '+01:00',
    recordTime: '2020-03-04T11:00:30.999+01:00',
    eventID: 'ni:///sha-256;0000?ver=CBV2.0',
    epcList: ['urn:epc:id:sscc:4012345.0000000333', 'urn:epc:id:sscc:4012345.0000000111', 'urn:epc:id:sscc:4012345.0000000222'],
    action: 'OBSERVE',
    bizStep: 'departing',
    readPoint: { id: 'urn:epc:id:sgln:4012345.00011.987' },
    'example:myField1': { 'example:mySubField1': '2', 'example:mySubField2': '5' },
    'example:myField2': '0',
    'example:myField3': { 'example:mySubField3': ['3', '1'] },
  };
}

describe('preHashString / eventHashId on hand-built events', () => {
  it('reproduces the upstream reference example (hash quoted in the algorithm notes)', () => {
    const event = referenceEvent();
    expect(preHashString(event)).toBe(
      'eventType=ObjectEventeventTime=2020-03-04T10:00:30.000ZeventTimeZoneOffset=+01:00' +
        'epcListepc=https://id.gs1.org/00/040123450000001112epc=https://id.gs1.org/00/040123450000002225' +
        'epc=https://id.gs1.org/00/040123450000003338action=OBSERVEbizStep=https://ref.gs1.org/cbv/BizStep-departing' +
        'readPointid=https://id.gs1.org/414/4012345000115/254/987' +
        `{${EX}}myField1{${EX}}mySubField1=2{${EX}}mySubField2=5{${EX}}myField2=0{${EX}}myField3{${EX}}mySubField3=1{${EX}}mySubField3=3`,
    );
    expect(eventHashId(event)).toBe('ni:///sha-256;6ae96341e0acc6d7a261364751f60e68278a81cdf51da0abb6b4e617014e39d7?ver=CBV2.0');
  });

  it('ignores eventID, recordTime, errorDeclaration, comments and the event @context', () => {
    const a = referenceEvent();
    const b: EpcisEvent = {
      ...referenceEvent(),
      '@context': { example: EX, other: 'https://other.example/' },
      eventID: 'urn:uuid:1',
      recordTime: '2030-01-01T00:00:00Z',
      errorDeclaration: { declarationTime: '2020-03-05T00:00:00Z', reason: 'incorrect_data' },
      'rdfs:comment': 'a remark',
    };
    expect(eventHashId(b)).toBe(eventHashId(a));
  });

  it('is independent of key order, list order, time zone and number spelling', () => {
    const a = referenceEvent();
    const b: EpcisEvent = {
      'example:myField3': { 'example:mySubField3': ['1', '3.0'] },
      'example:myField2': '+0',
      readPoint: { id: 'https://example.com/414/4012345000115/254/987?x=1' },
      type: 'ObjectEvent',
      eventTimeZoneOffset: '+01:00',
      eventTime: '2020-03-04T10:00:30Z',
      epcList: [...(a.epcList ?? [])].reverse(),
      action: 'OBSERVE',
      bizStep: 'urn:epcglobal:cbv:bizstep:departing',
      'example:myField1': { 'example:mySubField2': 5, 'example:mySubField1': 2.0 },
      '@context': { example: EX },
    };
    expect(preHashString(b)).toBe(preHashString(a));
  });

  it('writes parentID before epcList, sensor data before bizTransactionList, destinations before sources', () => {
    const event: EpcisEvent = {
      type: 'TransactionEvent',
      eventTime: '2020-01-01T00:00:00Z',
      eventTimeZoneOffset: '+00:00',
      parentID: 'urn:epc:id:sscc:4012345.0000000333',
      epcList: ['urn:epc:id:sgtin:0614141.107346.2017'],
      action: 'ADD',
      sourceList: [{ type: 'owning_party', source: 'urn:epc:id:pgln:4012345.00000' }],
      destinationList: [{ type: 'owning_party', destination: 'urn:epc:id:pgln:0614141.00000' }],
      bizTransactionList: [
        { type: 'po', bizTransaction: 'urn:epcglobal:cbv:bt:4012345123456:2' },
        { type: 'desadv', bizTransaction: 'urn:epcglobal:cbv:bt:4012345123456:1' },
      ],
      sensorElementList: [{ sensorReport: [{ type: 'Temperature', value: 26.0, uom: 'CEL' }] }],
    };
    expect(preHashString(event)).toBe(
      'eventType=TransactionEventeventTime=2020-01-01T00:00:00.000ZeventTimeZoneOffset=+00:00' +
        'parentID=https://id.gs1.org/00/040123450000003338epcListepc=https://id.gs1.org/01/10614141073464/21/2017action=ADD' +
        'sensorElementListsensorElementsensorReporttype=https://gs1.org/voc/Temperaturevalue=26uom=CEL' +
        'bizTransactionListtype=https://ref.gs1.org/cbv/BTT-desadvbizTransaction=urn:epcglobal:cbv:bt:4012345123456:1' +
        'type=https://ref.gs1.org/cbv/BTT-pobizTransaction=urn:epcglobal:cbv:bt:4012345123456:2' +
        'destinationListtype=https://ref.gs1.org/cbv/SDT-owning_partydestination=https://id.gs1.org/417/0614141000005' +
        'sourceListtype=https://ref.gs1.org/cbv/SDT-owning_partysource=https://id.gs1.org/417/4012345000009',
    );
  });

  it('keeps extensions inside readPoint only when their namespace ends with a slash (reference quirk)', () => {
    const base = { type: 'ObjectEvent', eventTime: '2020-01-01T00:00:00Z', eventTimeZoneOffset: '+00:00', action: 'OBSERVE' } as const;
    const slash: EpcisEvent = { ...base, '@context': { ex: EX }, readPoint: { id: 'urn:epc:id:sgln:4012345.00011.0', 'ex:f': 'AB' }, 'ex:z': '1' };
    expect(preHashString(slash)).toBe(
      `eventType=ObjectEventeventTime=2020-01-01T00:00:00.000ZeventTimeZoneOffset=+00:00action=OBSERVEreadPointid=https://id.gs1.org/414/4012345000115{${EX}}f=AB{${EX}}z=1`,
    );
    const noSlash: EpcisEvent = { ...base, '@context': { ex: 'urn:ex' }, readPoint: { id: 'urn:epc:id:sgln:4012345.00011.0', 'ex:f': 'AB' } };
    expect(preHashString(noSlash)).toBe(
      'eventType=ObjectEventeventTime=2020-01-01T00:00:00.000ZeventTimeZoneOffset=+00:00action=OBSERVEreadPointid=https://id.gs1.org/414/4012345000115readPoint{urn:ex}f=AB',
    );
  });

  it('writes un-namespaced nested keys bare and takes #text as the element value', () => {
    const event: EpcisEvent = {
      '@context': { ex: EX },
      type: 'ObjectEvent',
      eventTime: '2020-01-01T00:00:00Z',
      eventTimeZoneOffset: '+00:00',
      action: 'OBSERVE',
      'ex:outer': { epcClass: 'urn:epc:class:lgtin:4012345.012345.998877', 'ex:measure': { '#text': '12.50', unit: 'KGM' } },
    };
    expect(preHashString(event, { binding: 'xml' })).toBe(
      'eventType=ObjectEventeventTime=2020-01-01T00:00:00.000ZeventTimeZoneOffset=+00:00action=OBSERVE' +
        `{${EX}}outerepcClass=https://id.gs1.org/01/04012345123456/10/998877{${EX}}measure=12.5unit=KGM`,
    );
  });

  it('applies the binding differences of the reference (CURIEs, booleans, bare terms, *List items)', () => {
    const event: EpcisEvent = {
      '@context': { ex: EX },
      type: 'ObjectEvent',
      eventTime: '2020-01-01T00:00:00Z',
      eventTimeZoneOffset: '+00:00',
      action: 'OBSERVE',
      disposition: 'in_transit',
      sensorElementList: [{ sensorReport: [{ type: 'ex:Custom', booleanValue: true }] }],
      'ex:thingList': { 'ex:thing': 'x' },
    };
    const json = preHashString(event, { binding: 'json' });
    const xml = preHashString(event, { binding: 'xml' });
    expect(json).toContain('disposition=https://ref.gs1.org/cbv/Disp-in_transit');
    expect(xml).toContain('disposition=in_transit');
    expect(json).toContain(`type=${EX}CustombooleanValue=True`);
    expect(xml).toContain('type=ex:CustombooleanValue=true');
    expect(json).toContain(`{${EX}}thingList{${EX}}thing{${EX}}thing=x`);
    expect(xml).toContain(`{${EX}}thingList{${EX}}thing=x`);
  });

  it('drops the fields named by ignoreFields, as CURIE or {iri}local', () => {
    const event: EpcisEvent = { ...referenceEvent(), 'example:hash': 'abc' };
    const plain = eventHashId(referenceEvent());
    expect(eventHashId(event)).not.toBe(plain);
    expect(eventHashId(event, { ignoreFields: ['example:hash'] })).toBe(plain);
    expect(eventHashId(event, { ignoreFields: [`{${EX}}hash`] })).toBe(plain);
  });

  it('reads the ignoreFields document extension in its JSON and XML shapes', () => {
    const namespaces = { rx: 'https://repository-x.example.com/', ex: EX };
    expect(ignoreFieldsOf({ namespaces, extensions: { 'rx:ignoreFields': ['ex:a', 'ex:b'] } })).toEqual([`{${EX}}a`, `{${EX}}b`]);
    expect(ignoreFieldsOf({ namespaces, extensions: { 'rx:ignoreFields': { 'ex:a': '', 'ex:b': '' } } })).toEqual([`{${EX}}a`, `{${EX}}b`]);
    expect(ignoreFieldsOf({ namespaces, extensions: { 'ex:other': ['ex:a'] } })).toEqual([]);
    expect(ignoreFieldsOf({ namespaces })).toEqual([]);
  });

  it('sorts in code-point order, not UTF-16 order', () => {
    const event: EpcisEvent = {
      type: 'ObjectEvent',
      eventTime: '2020-01-01T00:00:00Z',
      eventTimeZoneOffset: '+00:00',
      action: 'OBSERVE',
      epcList: ['urn:x:\u{1F600}', 'urn:x:\uFF21'],
    };
    expect(preHashString(event)).toContain('epcListepc=urn:x:\uFF21epc=urn:x:\u{1F600}');
  });

  it('supports the other digest algorithms', () => {
    const event = referenceEvent();
    expect(eventHashId(event, { algorithm: 'sha-384' })).toMatch(/^ni:\/\/\/sha-384;[0-9a-f]{96}\?ver=CBV2\.0$/);
    expect(eventHashId(event, { algorithm: 'sha-512' })).toMatch(/^ni:\/\/\/sha-512;[0-9a-f]{128}\?ver=CBV2\.0$/);
    expect(eventHashId(event, { algorithm: 'sha3-256' })).toMatch(/^ni:\/\/\/sha3-256;[0-9a-f]{64}\?ver=CBV2\.0$/);
  });

  it('rejects bad input with an EpcisException', () => {
    expect(() => eventHashId({ ...referenceEvent(), type: 'FooEvent' as never })).toThrow(EpcisException);
    expect(() => eventHashId(null as unknown as EpcisEvent)).toThrow(/not an object/);
    expect(() => eventHashId(referenceEvent(), { algorithm: 'md5' as never })).toThrow(/Unknown event hash algorithm/);
  });
});

describe('canonicalTimestamp', () => {
  it('converts to UTC with three fractional digits, rounding half to even', () => {
    expect(canonicalTimestamp('2020-03-04T11:00:30+01:00')).toBe('2020-03-04T10:00:30.000Z');
    expect(canonicalTimestamp('2023-02-02T12:04:03.1415+01:00')).toBe('2023-02-02T11:04:03.142Z');
    expect(canonicalTimestamp('2023-02-02T12:04:03.1425+01:00')).toBe('2023-02-02T11:04:03.142Z');
    expect(canonicalTimestamp('2023-02-02T12:04:03.1435+01:00')).toBe('2023-02-02T11:04:03.144Z');
    expect(canonicalTimestamp('2022-02-16T08:40:21.3142715Z')).toBe('2022-02-16T08:40:21.314Z');
    expect(canonicalTimestamp('2019-12-31T23:59:59.9996Z')).toBe('2020-01-01T00:00:00.000Z');
    expect(canonicalTimestamp('2020-01-01T02:00:00.5-0530')).toBe('2020-01-01T07:30:00.500Z');
    expect(canonicalTimestamp('2020-02-29T23:30:00.000Z')).toBe('2020-02-29T23:30:00.000Z');
  });
  it('returns null for what is not a date-time', () => {
    expect(canonicalTimestamp('yesterday')).toBeNull();
    expect(canonicalTimestamp('2020-13-01T00:00:00Z')).toBeNull();
    expect(canonicalTimestamp('2020-01-01T00:00:00+25:00')).toBeNull();
  });
});

describe('canonicalNumber (Python float semantics)', () => {
  it.each([
    ['26.0', '26'], ['1.0', '1'], ['007', '7'], ['+5', '5'], ['1e3', '1000'], ['0.3434', '0.3434'],
    ['0.00001', '1e-05'], ['-0.0', '0'], ['1_000', '1000'], ['.5', '0.5'], ['5.', '5'], ['0.0001', '0.0001'],
    ['1.5e-7', '1.5e-07'], ['12345678901234567890', '12345678901234567168'], ['4012345123456', '4012345123456'],
  ])('%s -> %s', (input, output) => {
    expect(canonicalNumber(input)).toBe(output);
  });
  it.each(['abc', '', '1e', '1__0', '_1', '0x10', '1e999', 'nan', '12a', '2019-10-21'])('%s is not rewritten', (input) => {
    expect(canonicalNumber(input)).toBeNull();
  });
});
