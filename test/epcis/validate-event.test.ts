import { describe, expect, it } from 'vitest';
import type { EpcisEvent } from '../../src/epcis/model.js';
import { eventFindings, validateEvent } from '../../src/epcis/validate/index.js';

const base = (): Record<string, unknown> => ({
  type: 'ObjectEvent',
  eventTime: '2024-05-01T10:15:00.000Z',
  eventTimeZoneOffset: '+03:00',
  eventID: 'urn:uuid:6f3a1c2e-1111-4a5b-9c9d-0123456789ab',
  action: 'OBSERVE',
  epcList: ['urn:epc:id:sgtin:0614141.107346.2017', 'urn:epc:id:sscc:0614141.1234567890'],
  bizStep: 'shipping',
  disposition: 'in_transit',
  readPoint: { id: 'urn:epc:id:sgln:0614141.07346.1234' },
  bizTransactionList: [{ type: 'po', bizTransaction: 'urn:epcglobal:cbv:bt:0614141073467:PO-1' }],
});

/** Errors and warnings together: most cases below are errors; the GS1-key and CBV-term findings are warnings. */
const check = (event: Record<string, unknown>, pointer = '') => {
  const { errors, warnings } = eventFindings(event as unknown as EpcisEvent, pointer);
  return [...errors, ...warnings];
};

/** Exactly one finding, a warning (the event is accepted), at this pointer. */
function expectWarning(event: Record<string, unknown>, pointer: string, ...fragments: string[]) {
  expect(validateEvent(event as unknown as EpcisEvent)).toEqual([]);
  const { warnings } = eventFindings(event as unknown as EpcisEvent);
  expect(warnings, JSON.stringify(warnings)).toHaveLength(1);
  expect(warnings[0]!.severity).toBe('warning');
  expect(warnings[0]!.pointer).toBe(pointer);
  for (const fragment of fragments) expect(warnings[0]!.message).toContain(fragment);
}

/** Exactly one issue, at this pointer, whose message contains every fragment. */
function expectOne(event: Record<string, unknown>, pointer: string, ...fragments: string[]) {
  const issues = check(event);
  expect(issues, JSON.stringify(issues)).toHaveLength(1);
  expect(issues[0]!.pointer).toBe(pointer);
  for (const fragment of fragments) expect(issues[0]!.message).toContain(fragment);
}

const withField = (key: string, value: unknown) => ({ ...base(), [key]: value });

describe('validateEvent: a valid event', () => {
  it('has no issues', () => {
    expect(check(base())).toEqual([]);
  });
  it('accepts extension fields and the other spellings of CBV values', () => {
    expect(
      check({
        ...base(),
        'ex:temperatureBand': 'chilled',
        'https://ns.example.com/epcis/field': { 'ex:x': 1 },
        bizStep: 'urn:epcglobal:cbv:bizstep:shipping',
        disposition: 'https://ref.gs1.org/cbv/Disp-in_transit',
        epcList: ['https://id.gs1.org/01/09506000134352/21/12345', 'urn:epc:id:bic:CSQU3054383', 'https://example.org/private/42'],
      }),
    ).toEqual([]);
  });
  it('reports pointers below a given event pointer', () => {
    const issues = check(withField('action', 'ADDD'), '/epcisBody/eventList/3');
    expect(issues.map((i) => i.pointer)).toEqual(['/epcisBody/eventList/3/action']);
  });
});

describe('validateEvent: required fields and combinations', () => {
  it('eventTime', () => {
    const e = base();
    delete e.eventTime;
    expectOne(e, '', 'needs eventTime');
  });
  it('eventTimeZoneOffset', () => {
    const e = base();
    delete e.eventTimeZoneOffset;
    expectOne(e, '', 'needs eventTimeZoneOffset');
  });
  it('action on an ObjectEvent', () => {
    const e = base();
    delete e.action;
    expectOne(e, '', 'ObjectEvent needs action', 'ADD, OBSERVE, DELETE');
  });
  it('ObjectEvent without epcList, quantityList or sensor data', () => {
    const e = base();
    delete e.epcList;
    expectOne(e, '', 'ObjectEvent needs epcList, a non-empty quantityList');
  });
  it('an ObjectEvent with only sensor data and a readPoint is fine', () => {
    const e = base();
    delete e.epcList;
    e.sensorElementList = [{ sensorReport: [{ type: 'Temperature', value: 4.5, uom: 'CEL' }] }];
    expect(check(e)).toEqual([]);
  });
  it('AssociationEvent needs parentID', () => {
    expectOne(
      { type: 'AssociationEvent', eventTime: '2024-05-01T10:15:00Z', eventTimeZoneOffset: '+00:00', action: 'ADD', childEPCs: ['urn:epc:id:giai:4000001.12345'] },
      '',
      'AssociationEvent needs parentID',
    );
  });
  it('AggregationEvent ADD needs parentID and children', () => {
    const issues = check({ type: 'AggregationEvent', eventTime: '2024-05-01T10:15:00Z', eventTimeZoneOffset: '+00:00', action: 'ADD' });
    expect(issues.map((i) => i.message)).toEqual([
      'AggregationEvent needs parentID when action is ADD',
      'AggregationEvent needs a non-empty childEPCs or childQuantityList (only a DELETE may omit both)',
    ]);
  });
  it('an AggregationEvent DELETE may omit its children', () => {
    expect(check({ type: 'AggregationEvent', eventTime: '2024-05-01T10:15:00Z', eventTimeZoneOffset: '+00:00', action: 'DELETE', parentID: 'urn:epc:id:sscc:0614141.1234567890' })).toEqual([]);
  });
  it('TransactionEvent needs bizTransactionList with an item', () => {
    const e = { ...base(), type: 'TransactionEvent' };
    delete (e as Record<string, unknown>).bizTransactionList;
    expectOne(e, '', 'TransactionEvent needs bizTransactionList');
    expectOne({ ...base(), type: 'TransactionEvent', bizTransactionList: [] }, '/bizTransactionList', 'at least one item');
  });
  it('TransformationEvent needs inputs and outputs, or a transformationID', () => {
    const t = { type: 'TransformationEvent', eventTime: '2024-05-01T10:15:00Z', eventTimeZoneOffset: '+00:00' };
    expectOne({ ...t, inputEPCList: ['urn:epc:id:sgtin:4012345.011122.25'] }, '', 'has inputs but no outputs', 'transformationID');
    expectOne(t, '', 'needs inputs');
    expect(check({ ...t, inputEPCList: ['urn:epc:id:sgtin:4012345.011122.25'], transformationID: 'urn:epc:id:gdti:0614141.12345.400' })).toEqual([]);
  });
  it('TransformationEvent takes no action', () => {
    const t = { type: 'TransformationEvent', eventTime: '2024-05-01T10:15:00Z', eventTimeZoneOffset: '+00:00', action: 'ADD', inputEPCList: ['urn:epc:id:sgtin:4012345.011122.25'], outputEPCList: ['urn:epc:id:sgtin:4012345.011122.26'] };
    expectOne(t, '/action', 'action is not a field of TransformationEvent', 'ObjectEvent');
  });
  it('errorDeclaration needs declarationTime', () => {
    expectOne(withField('errorDeclaration', { reason: 'incorrect_data' }), '/errorDeclaration', 'needs declarationTime');
  });
  it('readPoint and bizLocation need id', () => {
    expectOne(withField('readPoint', { 'ex:gate': '3' }), '/readPoint', 'readPoint needs id');
    expectOne(withField('bizLocation', {}), '/bizLocation', 'bizLocation needs id');
  });
  it('bizTransactionList items need bizTransaction', () => {
    expectOne(withField('bizTransactionList', [{ type: 'po' }]), '/bizTransactionList/0', 'needs bizTransaction');
  });
  it('source and destination items need type and their identifier', () => {
    expectOne(withField('sourceList', [{ source: 'urn:epc:id:pgln:4000001.00012' }]), '/sourceList/0', 'needs type');
    const swapped = check(withField('destinationList', [{ type: 'owning_party', source: 'urn:epc:id:pgln:4000001.00012' }]));
    expect(swapped.map((i) => i.pointer)).toEqual(['/destinationList/0/source', '/destinationList/0']);
    expect(swapped[0]!.message).toContain("'source' is not a field of a destination (allowed: type, destination)");
    const missing = check(withField('destinationList', [{ type: 'owning_party' }]));
    expect(missing).toEqual([{ pointer: '/destinationList/0', message: 'destinationList item needs destination (the party or location identifier)' }]);
  });
  it('persistentDisposition needs set or unset', () => {
    expectOne(withField('persistentDisposition', {}), '/persistentDisposition', 'needs set or unset');
    expectOne(withField('persistentDisposition', { set: [] }), '/persistentDisposition/set', 'at least one');
  });
});

describe('validateEvent: fields that do not belong', () => {
  it('childEPCs on an ObjectEvent', () => {
    expectOne(withField('childEPCs', ['urn:epc:id:sgtin:0614141.107346.1']), '/childEPCs', 'childEPCs is not a field of ObjectEvent', 'AggregationEvent, AssociationEvent');
  });
  it('an unprefixed unknown field', () => {
    expectOne(withField('temperature', 5), '/temperature', "'temperature' is not a field of ObjectEvent", 'prefix:local');
  });
  it('an unknown key in a quantity element', () => {
    expectOne(withField('quantityList', [{ epcClass: 'urn:epc:class:lgtin:4012345.012345.998877', qty: 3 }]), '/quantityList/0/qty', "'qty' is not a field of a quantity element");
  });
  it('an unknown event type', () => {
    expectOne(withField('type', 'ObjectEvnt'), '/type', 'type must be one of ObjectEvent', "got 'ObjectEvnt'");
  });
  it('an extension event type (an IRI) is allowed with the common fields checked', () => {
    expect(check({ type: 'ex:CustomEvent', eventTime: '2024-05-01T10:15:00Z', eventTimeZoneOffset: '+00:00', 'ex:a': 1 })).toEqual([]);
    expectOne({ type: 'ex:CustomEvent', eventTime: 'yesterday', eventTimeZoneOffset: '+00:00' }, '/eventTime', 'not a valid date-time');
  });
  it('ilmd keys need a namespace', () => {
    expectOne({ ...base(), action: 'ADD', ilmd: { lot: 'A1' } }, '/ilmd/lot', "ilmd field 'lot' needs a namespace prefix");
  });
});

describe('validateEvent: types and formats', () => {
  it('action enum', () => {
    expectOne(withField('action', 'ADDD'), '/action', "action must be one of ADD, OBSERVE, DELETE, got 'ADDD'");
  });
  it('eventTime without a zone, or impossible', () => {
    expectOne(withField('eventTime', '2024-05-01T10:15:00'), '/eventTime', 'eventTime', 'with a time zone');
    expectOne(withField('eventTime', '2023-02-29T10:15:00Z'), '/eventTime', 'day 29 is out of range');
    expectOne(withField('eventTime', 1714558500000), '/eventTime', 'eventTime must be a string, got 1714558500000');
  });
  it('recordTime', () => {
    expectOne(withField('recordTime', '2024-13-01T00:00:00Z'), '/recordTime', 'month 13 is out of range');
  });
  it('eventTimeZoneOffset format and range', () => {
    expectOne(withField('eventTimeZoneOffset', '+14:30'), '/eventTimeZoneOffset', 'between -14:00 and +14:00', "got '+14:30'");
    expectOne(withField('eventTimeZoneOffset', '0300'), '/eventTimeZoneOffset', '±hh:mm');
    expect(check(withField('eventTimeZoneOffset', '-14:00'))).toEqual([]);
  });
  it('eventID must be a URI', () => {
    expectOne(withField('eventID', 'event 42'), '/eventID', 'eventID must be an absolute URI');
  });
  it('certificationInfo must be URIs', () => {
    expectOne(withField('certificationInfo', ['https://cert.example.org/1', 'not a uri']), '/certificationInfo/1', 'certificationInfo item must be an absolute URI');
  });
  it('epcList must be an array of valid identifiers, without duplicates', () => {
    expectOne(withField('epcList', 42), '/epcList', 'epcList must be an array, got 42');
    // The schema asks for a URI: a malformed GS1 key is a data-quality warning, not a refusal.
    expectWarning(withField('epcList', ['urn:epc:id:sgtin:0614141.107346.2017', 'urn:epc:id:sgtin:0614141.10734.2018']), '/epcList/1', 'must have 13 digits together, got 12');
    expectOne(withField('epcList', ['urn:epc:id:sgtin:0614141.107346.1', 'urn:epc:id:sgtin:0614141.107346.1']), '/epcList/1', 'more than once');
    expect(validateEvent(withField('epcList', ['urn:epc:id:sgtin:0614141.107346.1', 'urn:epc:id:sgtin:0614141.107346.1']) as unknown as EpcisEvent)).toHaveLength(1);
    expectWarning(withField('epcList', ['urn:epc:class:lgtin:4012345.012345.998877']), '/epcList/0', 'class identifier');
    expectWarning(withField('epcList', ['https://id.gs1.org/01/09506000134353/21/1']), '/epcList/0', 'check digit of GTIN 09506000134353 is wrong');
    expectWarning(withField('epcList', ['https://brand.example.com/01/09506000134353/21/1']), '/epcList/0', 'check digit');
    expectOne(withField('epcList', ['not a uri']), '/epcList/0', 'needs a scheme');
    expect(validateEvent(withField('epcList', ['not a uri']) as unknown as EpcisEvent)).toHaveLength(1);
  });
  it('parentID', () => {
    expectWarning({ ...base(), type: 'AggregationEvent', epcList: undefined, childEPCs: ['urn:epc:id:sgtin:0614141.107346.1'], parentID: 'urn:epc:id:sscc:0614141.12345' }, '/parentID', 'parentID', 'must have 17 digits together');
  });
  it('quantity must be a number of zero or more, uom a UN/CEFACT code', () => {
    const q = (element: Record<string, unknown>) => withField('quantityList', [{ epcClass: 'urn:epc:class:lgtin:4012345.012345.998877', ...element }]);
    expectOne(q({ quantity: '5' }), '/quantityList/0/quantity', "quantity must be a number, got '5'");
    expectOne(q({ quantity: -1 }), '/quantityList/0/quantity', 'zero or more, got -1');
    expectOne(q({ quantity: 2, uom: 'kg' }), '/quantityList/0/uom', 'UN/CEFACT', "got 'kg'");
    expectOne(withField('quantityList', [{ quantity: 1 }]), '/quantityList/0', 'needs epcClass');
    expectWarning(withField('quantityList', [{ epcClass: 'urn:epc:id:sgtin:0614141.107346.1', quantity: 1 }]), '/quantityList/0/epcClass', 'needs a class');
  });
});

describe('validateEvent: CBV vocabularies', () => {
  it('an unknown bare bizStep names the allowed terms', () => {
    expectOne(withField('bizStep', 'shippin'), '/bizStep', "bizStep must be one of accepting, arriving", "got 'shippin'", "did you mean 'shipping'");
  });
  it('a CBV URN of an unknown term', () => {
    expectOne(withField('bizStep', 'urn:epcglobal:cbv:bizstep:shippingg'), '/bizStep', "'urn:epcglobal:cbv:bizstep:shippingg' names no bizStep", "did you mean 'shipping'");
  });
  it('a CBV URN of another vocabulary', () => {
    expectOne(withField('bizStep', 'urn:epcglobal:cbv:disp:in_transit'), '/bizStep', 'another vocabulary', 'urn:epcglobal:cbv:bizstep:');
  });
  it('a Web URI of an unknown disposition', () => {
    expectWarning(withField('disposition', 'https://ref.gs1.org/cbv/Disp-lost'), '/disposition', 'names no disposition');
    // Under the cbv: prefix, as written, the schema sees a URI outside its reserved namespaces.
    expectWarning(withField('sourceList', [{ type: 'cbv:SDT-nonsense', source: 'urn:epc:id:pgln:4000001.00012' }]), '/sourceList/0/type', 'names no sourceDestinationType');
    // A CBV 1.x URN is in the reserved namespace: naming no term there is an error.
    expectOne(withField('disposition', 'urn:epcglobal:cbv:disp:lost'), '/disposition', 'names no disposition');
    expect(validateEvent(withField('disposition', 'urn:epcglobal:cbv:disp:lost') as unknown as EpcisEvent)).toHaveLength(1);
  });
  it('a private vocabulary URI is fine', () => {
    expect(check(withField('bizStep', 'https://vocab.example.org/bizstep/customs_hold'))).toEqual([]);
  });
  it('bizTransaction type, source type, error reason, persistent disposition', () => {
    expectOne(withField('bizTransactionList', [{ type: 'purchase_order', bizTransaction: 'urn:uuid:1' }]), '/bizTransactionList/0/type', 'bizTransaction type must be one of bol');
    expectOne(withField('sourceList', [{ type: 'owner', source: 'urn:epc:id:pgln:4000001.00012' }]), '/sourceList/0/type', 'source type must be one of location, owning_party, possessing_party');
    expectOne(withField('errorDeclaration', { declarationTime: '2024-05-02T00:00:00Z', reason: 'wrong' }), '/errorDeclaration/reason', 'did_not_occur, incorrect_data');
    expectOne(withField('persistentDisposition', { set: ['recalled', 'recaled'] }), '/persistentDisposition/set/1', "did you mean 'recalled'");
  });
});

describe('validateEvent: sensor data', () => {
  const sensor = (report: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    withField('sensorElementList', [{ ...extra, sensorReport: [{ type: 'Temperature', ...report }] }]);
  it('valid reports pass', () => {
    expect(check(sensor({ value: 4.5, uom: 'CEL', time: '2024-05-01T10:00:00Z', hexBinaryValue: 'F0a1', booleanValue: false, component: 'x' }))).toEqual([]);
  });
  it('value types', () => {
    expectOne(sensor({ value: '4.5' }), '/sensorElementList/0/sensorReport/0/value', "value must be a number, got '4.5'");
    expectOne(sensor({ booleanValue: 'true' }), '/sensorElementList/0/sensorReport/0/booleanValue', 'booleanValue must be true or false');
    expectOne(sensor({ hexBinaryValue: 'XYZ' }), '/sensorElementList/0/sensorReport/0/hexBinaryValue', 'hexadecimal');
    expectOne(sensor({ time: '10:00' }), '/sensorElementList/0/sensorReport/0/time', 'not a valid date-time');
    expectOne(sensor({ uriValue: 'no uri' }), '/sensorElementList/0/sensorReport/0/uriValue', 'absolute URI');
    expectOne(sensor({ component: 'diagonal' }), '/sensorElementList/0/sensorReport/0/component', 'component must be one of');
  });
  it('type or exception', () => {
    expectOne(withField('sensorElementList', [{ sensorReport: [{ value: 1 }] }]), '/sensorElementList/0/sensorReport/0', 'needs type');
    expect(check(withField('sensorElementList', [{ sensorReport: [{ exception: 'ALARM_CONDITION' }] }]))).toEqual([]);
    expectOne(sensor({ type: 'Temprature' }), '/sensorElementList/0/sensorReport/0/type', "did you mean 'Temperature'");
  });
  it('sensor element structure', () => {
    expectOne(withField('sensorElementList', [{ sensorMetadata: {} }]), '/sensorElementList/0', 'needs sensorReport');
    expectOne(withField('sensorElementList', [{ sensorReport: [] }]), '/sensorElementList/0/sensorReport', 'at least one report');
    expectOne(sensor({}, { sensorMetadata: { startTime: '2024-05-01T10:00:00Z', endTime: '2024-05-01T09:00:00Z' } }), '/sensorElementList/0/sensorMetadata/endTime', 'before startTime');
    expectOne(sensor({ colour: 'red' }), '/sensorElementList/0/sensorReport/0/colour', "'colour' is not a field of a sensor report");
  });
});

describe('validateEvent: robustness', () => {
  it('never throws on odd input', () => {
    const odd: unknown[] = [null, 42, 'x', [], { type: 5 }, { ...base(), readPoint: 'x', bizTransactionList: [null], sensorElementList: [1], quantityList: [[]] }];
    for (const value of odd) expect(() => validateEvent(value as EpcisEvent)).not.toThrow();
    expect(validateEvent(null as unknown as EpcisEvent)).toEqual([{ pointer: '', message: 'an event must be an object, got null' }]);
  });
  it('escapes pointer tokens of extension IRIs', () => {
    const issues = check(withField('ilmd', { 'https://ns.example.com/a~b': 1, plain: 2 }));
    expect(issues.map((i) => i.pointer)).toEqual(['/ilmd/plain']);
    const item = check(withField('sensorElementList', [{ sensorReport: [{ type: 'Temperature' }], 'a/b': 1 }]));
    expect(item.map((i) => i.pointer)).toEqual(['/sensorElementList/0/a~1b']);
  });
});
