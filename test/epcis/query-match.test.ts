import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EpcisEvent, NamespaceBindings } from '../../src/epcis/model.js';
import {
  compareSortKeys,
  eventSortKey,
  matchesEventQuery,
  parseQueryParameters,
  queryFromDefinition,
  type EventQuery,
  type MatchOptions,
} from '../../src/epcis/query/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const examples = path.resolve(repoRoot, '../shared/conformance/gs1-epcis/JSON');

/** The events of an official example, each carrying the document's prefix bindings as the model does. */
function load(file: string): EpcisEvent[] {
  const doc = JSON.parse(readFileSync(path.join(examples, file), 'utf8')) as {
    '@context': unknown;
    epcisBody: { eventList: EpcisEvent[] };
  };
  const bindings: NamespaceBindings = {};
  for (const entry of Array.isArray(doc['@context']) ? doc['@context'] : [doc['@context']]) {
    if (entry && typeof entry === 'object') Object.assign(bindings, entry);
  }
  return doc.epcisBody.eventList.map((e) => ({ ...e, '@context': { ...bindings, ...(e['@context'] ?? {}) } }));
}

const objectEvents = load('Example_9.6.1-ObjectEvent.jsonld');
const [shipped, received] = objectEvents as [EpcisEvent, EpcisEvent];
const [allFields] = load('WithFullCombinationOfFields/object_event_all_possible_fields.jsonld') as [EpcisEvent];
const [declared, corrective] = load('WithErrorDeclaration/ErrorDeclarationAndCorrectiveEvent.jsonld') as [EpcisEvent, EpcisEvent];
const [sensor1] = load('WithSensorData/SensorDataExample1.jsonld') as [EpcisEvent];
const [persistent] = load('PersistentDisposition-example.jsonld') as [EpcisEvent];
const aggregation = load('Example_9.6.3-AggregationEvent.jsonld');
const dlObjects = load('WithDigitalLinkID/Example_9.6.1-ObjectEventWithDigitalLink.jsonld');

function matches(event: EpcisEvent, params: Record<string, string | string[]>, options?: MatchOptions): boolean {
  return matchesEventQuery(event, parseQueryParameters(params), options);
}

describe('matchesEventQuery over the official examples', () => {
  it('an empty query matches everything', () => {
    for (const e of [shipped, received, allFields, declared, sensor1]) expect(matches(e, {})).toBe(true);
  });

  it('eventType and action', () => {
    expect(matches(shipped, { eventType: 'ObjectEvent' })).toBe(true);
    expect(matches(shipped, { eventType: 'AggregationEvent|TransformationEvent' })).toBe(false);
    expect(matches(declared, { eventType: 'TransformationEvent' })).toBe(true);
    expect(matches(shipped, { EQ_action: 'OBSERVE' })).toBe(true);
    expect(matches(allFields, { EQ_action: 'OBSERVE|DELETE' })).toBe(false);
    expect(matches(declared, { EQ_action: 'ADD' })).toBe(false); // no action at all
  });

  it('bizStep and disposition match in every spelling', () => {
    for (const v of ['shipping', 'urn:epcglobal:cbv:bizstep:shipping', 'https://ref.gs1.org/cbv/BizStep-shipping', 'cbv:BizStep-shipping']) {
      expect(matches(shipped, { EQ_bizStep: v })).toBe(true);
      expect(matches(received, { EQ_bizStep: v })).toBe(false);
    }
    const webStyle: EpcisEvent = { ...shipped, bizStep: 'https://ref.gs1.org/cbv/BizStep-shipping', disposition: 'urn:epcglobal:cbv:disp:in_transit' };
    expect(matches(webStyle, { EQ_bizStep: 'shipping', EQ_disposition: 'in_transit' })).toBe(true);
    expect(matches(received, { EQ_disposition: 'in_progress|in_transit' })).toBe(true);
  });

  it('readPoint and bizLocation compare URN and Digital Link forms', () => {
    expect(matches(shipped, { EQ_readPoint: 'urn:epc:id:sgln:0614141.07346.1234' })).toBe(true);
    expect(matches(shipped, { EQ_readPoint: 'https://id.gs1.org/414/0614141073467/254/1234' })).toBe(true);
    expect(matches(received, { EQ_bizLocation: 'https://id.gs1.org/414/0012345111112' })).toBe(true);
    expect(matches(shipped, { EQ_bizLocation: 'https://id.gs1.org/414/0012345111112' })).toBe(false);
  });

  it('WD_ uses master-data descendants when given', () => {
    const site = 'urn:epc:id:sgln:0012345.11111.0';
    const descendants = (id: string): string[] =>
      id === 'https://id.gs1.org/414/0012345111112' ? [id, 'urn:epc:id:sgln:0012345.11111.400'] : [id];
    expect(matches(received, { WD_readPoint: site })).toBe(false);
    expect(matches(received, { WD_readPoint: site }, { descendants })).toBe(true);
    expect(matches(received, { WD_bizLocation: site })).toBe(true);
    expect(matches(shipped, { WD_readPoint: site }, { descendants })).toBe(false);
  });

  it('MATCH_epc with exact ids in either form and with patterns', () => {
    expect(matches(shipped, { MATCH_epc: 'urn:epc:id:sgtin:0614141.107346.2017' })).toBe(true);
    expect(matches(received, { MATCH_epc: 'urn:epc:id:sgtin:0614141.107346.2017' })).toBe(false);
    expect(matches(shipped, { MATCH_epc: 'https://id.gs1.org/01/10614141073464/21/2017' })).toBe(true);
    expect(matches(received, { MATCH_epc: 'urn:epc:idpat:sgtin:0614141.107346.*' })).toBe(true);
    expect(matches(received, { MATCH_epc: 'urn:epc:idpat:sgtin:0614141.*.*' })).toBe(true);
    expect(matches(received, { MATCH_epc: 'urn:epc:idpat:sgtin:0614142.*.*' })).toBe(false);
    expect(matches(received, { MATCH_epc: 'urn:epc:idpat:sgtin:0614141.107347.*' })).toBe(false);
    expect(matches(received, { MATCH_epc: 'urn:epc:idpat:sgtin:0614141.107346.2018' })).toBe(true);
    expect(matches(received, { MATCH_epc: 'urn:epc:idpat:sscc:0614141.*' })).toBe(false);
    // Events written with Digital Links answer URN patterns (GTIN 70614141123451 = 0614141.712345).
    expect(dlObjects.map((e) => matches(e, { MATCH_epc: 'urn:epc:idpat:sgtin:0614141.712345.*' }))).toEqual([true, true]);
    expect(dlObjects.map((e) => matches(e, { MATCH_epc: 'urn:epc:idpat:sgtin:0614141.712345.2017' }))).toEqual([true, false]);
    expect(dlObjects.map((e) => matches(e, { MATCH_epc: 'urn:epc:idpat:sgtin:0614141.*.*' }))).toEqual([true, true]);
    expect(dlObjects.map((e) => matches(e, { MATCH_epc: 'urn:epc:idpat:sgtin:0614142.*.*' }))).toEqual([false, false]);
    expect(dlObjects.map((e) => matches(e, { MATCH_epc: 'urn:epc:id:sgtin:0614141.712345.2018' }))).toEqual([true, true]);
  });

  it('MATCH_parentID, MATCH_anyEPC and childEPCs on aggregations', () => {
    const agg = aggregation[0]!;
    expect(agg.parentID).toBeDefined();
    expect(matches(agg, { MATCH_parentID: agg.parentID! })).toBe(true);
    expect(matches(agg, { MATCH_anyEPC: agg.parentID! })).toBe(true);
    expect(matches(agg, { MATCH_epc: agg.parentID! })).toBe(false);
    expect(matches(agg, { MATCH_epc: agg.childEPCs![0]! })).toBe(true);
    expect(matches(agg, { MATCH_parentID: 'urn:epc:idpat:sscc:*' })).toBe(agg.parentID!.includes('sscc'));
  });

  it('MATCH_inputEPC / outputEPC and the class parameters on transformations', () => {
    expect(matches(declared, { MATCH_inputEPC: 'urn:epc:id:sgtin:4012345.011111.987' })).toBe(true);
    expect(matches(declared, { MATCH_outputEPC: 'urn:epc:id:sgtin:4012345.011111.987' })).toBe(false);
    expect(matches(declared, { MATCH_anyEPC: 'urn:epc:idpat:sgtin:4012345.033333.*' })).toBe(true);
    expect(matches(declared, { MATCH_inputEPCClass: 'urn:epc:class:lgtin:4012345.022222.87545GHGH' })).toBe(true);
    expect(matches(declared, { MATCH_inputEPCClass: 'urn:epc:idpat:sgtin:4012345.022222.*' })).toBe(true);
    expect(matches(declared, { MATCH_inputEPCClass: 'https://id.gs1.org/01/04012345222227' })).toBe(true);
    expect(matches(declared, { MATCH_outputEPCClass: 'urn:epc:idpat:sgtin:4012345.044444.*' })).toBe(true);
    expect(matches(declared, { MATCH_epcClass: 'urn:epc:idpat:sgtin:4012345.*.*' })).toBe(false);
    expect(matches(declared, { MATCH_anyEPCClass: 'urn:epc:idpat:sgtin:4012345.*.*' })).toBe(true);
    expect(matches(allFields, { MATCH_epcClass: 'https://id.gs1.org/01/04012345123456/10/998877' })).toBe(true);
  });

  it('event and record time windows', () => {
    expect(matches(shipped, { GE_eventTime: '2005-04-03T20:33:31.116-06:00' })).toBe(true);
    expect(matches(shipped, { GE_eventTime: '2005-04-04T02:33:31.117Z' })).toBe(false);
    expect(matches(shipped, { LT_eventTime: '2005-04-04T02:33:31.117Z' })).toBe(true);
    expect(matches(shipped, { LT_eventTime: '2005-04-04T02:33:31.116Z' })).toBe(false);
    expect(matches(shipped, { GE_recordTime: '2000-01-01T00:00:00Z' })).toBe(false); // no recordTime
    expect(matches(shipped, { GE_recordTime: '2000-01-01T00:00:00Z' }, { recordTime: '2024-01-01T00:00:00Z' })).toBe(true);
  });

  it('bizTransaction, source and destination by type', () => {
    expect(matches(received, { EQ_bizTransaction_desadv: 'urn:epcglobal:cbv:bt:0614141073467:1152' })).toBe(true);
    expect(matches(received, { EQ_bizTransaction_po: 'urn:epcglobal:cbv:bt:0614141073467:1152' })).toBe(false);
    expect(matches(allFields, { EQ_bizTransaction_po: 'https://id.gs1.org/253/06141410000121618034' })).toBe(true);
    expect(matches(allFields, { EQ_source_owning_party: 'urn:epc:id:pgln:4012345.00225' })).toBe(true);
    expect(matches(allFields, { EQ_source_location: 'urn:epc:id:pgln:4012345.00225' })).toBe(false);
    expect(matches(allFields, { EQ_destination_location: 'https://id.gs1.org/414/0614141007776' })).toBe(true);
    expect(matches(persistent, { EQ_destination_owning_party: 'urn:epc:id:pgln:9520999.99999|urn:x:y' })).toBe(true);
  });

  it('persistentDisposition set / unset', () => {
    expect(matches(persistent, { EQ_persistentDisposition_set: 'completeness_inferred' })).toBe(true);
    expect(matches(persistent, { EQ_persistentDisposition_unset: 'completeness_inferred' })).toBe(false);
    expect(matches(allFields, { EQ_persistentDisposition_unset: 'urn:epcglobal:cbv:disp:completeness_inferred' })).toBe(true);
  });

  it('error declarations', () => {
    expect(matches(declared, { EXISTS_errorDeclaration: '' })).toBe(true);
    expect(matches(corrective, { EXISTS_errorDeclaration: '' })).toBe(false);
    expect(matches(declared, { EQ_errorReason: 'incorrect_data' })).toBe(true);
    expect(matches(declared, { EQ_errorReason: 'did_not_occur' })).toBe(false);
    expect(matches(declared, { EQ_correctiveEventID: corrective.eventID! })).toBe(true);
    expect(matches(declared, { GE_errorDeclarationTime: '2020-01-15T00:00:00+01:00', LT_errorDeclarationTime: '2020-01-15T00:00:01+01:00' })).toBe(true);
    expect(matches(declared, { GE_errorDeclarationTime: '2020-01-15T00:00:00Z' })).toBe(false);
    expect(matches(declared, { 'EQ_ERROR_DECLARATION_example:vendorExtension': 'Test1' })).toBe(true);
    expect(matches(declared, { 'EQ_ERROR_DECLARATION_example:vendorExtension': 'Test2' })).toBe(false);
    expect(matches(corrective, { EQ_eventID: 'urn:uuid:404d95fc-9457-4a51-bd6a-0bba133845a8' })).toBe(true);
  });

  it('quantities, with unit conversion', () => {
    expect(matches(declared, { EQ_quantity: '500' })).toBe(true);
    expect(matches(declared, { GT_quantity: '500' })).toBe(false);
    expect(matches(declared, { GE_quantity: '500', LT_quantity: '501' })).toBe(true);
    expect(matches(declared, { LE_quantity: '452' })).toBe(true);
    expect(matches(declared, { GE_quantity_GRM: '500000' })).toBe(true);
    expect(matches(declared, { GT_quantity_GRM: '500000' })).toBe(false);
    expect(matches(declared, { GE_quantity_CEL: '0' })).toBe(false); // not convertible
  });

  it('sensor reports: values per unit, types, devices and times', () => {
    expect(matches(sensor1, { EXISTS_sensorElementList: '' })).toBe(true);
    expect(matches(shipped, { EXISTS_sensorElementList: '' })).toBe(false);
    expect(matches(sensor1, { GE_value_CEL: '26.2' })).toBe(true);
    expect(matches(sensor1, { GT_value_CEL: '26.2' })).toBe(false);
    expect(matches(sensor1, { GT_value_FAH: '79' })).toBe(true); // 26.2 °C = 79.16 °F
    expect(matches(sensor1, { GT_value_FAH: '79.2' })).toBe(false);
    expect(matches(sensor1, { EQ_value_KMH: '161' })).toBe(true);
    expect(matches(sensor1, { EQ_value_KMH: '163' })).toBe(false);
    expect(matches(sensor1, { LT_value_LUX: '800' })).toBe(false);
    expect(matches(sensor1, { EQ_type: 'Temperature|Illuminance' })).toBe(true);
    expect(matches(sensor1, { EQ_type: 'gs1:Temperature' })).toBe(true);
    expect(matches(sensor1, { EQ_type: 'Pressure' })).toBe(false);
    expect(matches(sensor1, { EQ_deviceID: 'urn:epc:id:giai:4000001.111' })).toBe(true);
    expect(matches(sensor1, { EQ_deviceID: 'https://id.gs1.org/8004/4000001111' })).toBe(true);
    expect(matches(sensor1, { GE_time: '2019-04-02T14:55:00+01:00' })).toBe(true);
    expect(matches(sensor1, { GE_time: '2019-04-02T14:55:00.001+01:00' })).toBe(false);
  });

  it('every standard sensor report field of the all-fields example', () => {
    const yes: Record<string, string>[] = [
      { EQ_dataProcessingMethod: 'https://example.com/253/4012345000054987' },
      { EQ_bizRules: 'https://example.com/253/4012345000054987' },
      { EQ_microorganism: 'https://www.ncbi.nlm.nih.gov/taxonomy/1126011' },
      { EQ_chemicalSubstance: 'https://identifiers.org/inchikey:CZMRCDWAGMRECN-UGDNZRGBSA-N' },
      { EQ_stringValue: 'SomeString' },
      { EQ_booleanValue: 'true' },
      { EQ_hexBinaryValue: 'F0F0F0' },
      { EQ_uriValue: 'https://id.gs1.org/8004/4000001111' },
      { GE_minValue_CEL: '26', LT_maxValue_CEL: '26.3', GT_meanValue_CEL: '13', LE_sDev_CEL: '0.1' },
      { GE_percRank: '50', LE_percValue_CEL: '12.7' },
      { GE_startTime: '2019-04-02T12:55:01Z', LT_endTime: '2019-04-02T13:55:01Z' },
      { 'EQ_SENSORMETADATA_ext1:someFurtherMetadata': 'someText' },
      { 'EQ_SENSORREPORT_ext1:someFurtherReportData': 'someText' },
      { 'GE_SENSORELEMENT_ext1:int': '10', 'EQ_SENSORELEMENT_ext1:boolean': 'true' },
    ];
    for (const params of yes) expect(matches(allFields, params), JSON.stringify(params)).toBe(true);
    const no: Record<string, string>[] = [
      { EQ_booleanValue: 'false' },
      { EQ_stringValue: 'somestring' },
      { GT_percRank: '50' },
      { GE_startTime: '2019-04-02T12:55:02Z' },
      { 'EQ_SENSORREPORT_ext1:someFurtherMetadata': 'someText' },
      { 'GT_SENSORELEMENT_ext1:int': '10' },
    ];
    for (const params of no) expect(matches(allFields, params), JSON.stringify(params)).toBe(false);
  });

  it('ILMD and user extension fields, direct and INNER, by prefix or namespace', () => {
    const ok = (params: Record<string, string>, namespaces?: Record<string, string>): boolean =>
      matchesEventQuery(allFields, parseQueryParameters(params, { namespaces }));
    expect(ok({ 'EQ_ILMD_ext1:int': '10' })).toBe(true);
    expect(ok({ 'EQ_ILMD_ext1:int': '10.0' })).toBe(true); // numeric equality
    expect(ok({ 'GT_ILMD_ext1:float': '19.5', 'LT_ILMD_ext1:float': '20.5' })).toBe(true);
    expect(ok({ 'GE_ILMD_ext1:time': '2013-06-08T14:58:56.591Z' })).toBe(true);
    expect(ok({ 'GT_ILMD_ext1:time': '2013-06-08T16:58:56.591+02:00' })).toBe(false);
    expect(ok({ 'EQ_ILMD_cbvmda:countryOfExport': 'KR' })).toBe(true);
    expect(ok({ 'EXISTS_ILMD_ext1:object': '' })).toBe(true);
    expect(ok({ 'EXISTS_ILMD_ext1:missing': '' })).toBe(false);
    // ext2:string is only nested: INNER finds it, the direct form does not.
    expect(ok({ 'EQ_INNER_ILMD_ext2:string': 'stringInObject' })).toBe(true);
    expect(ok({ 'EQ_ILMD_ext2:string': 'stringInObject' })).toBe(false);
    expect(ok({ 'EQ_INNER_ILMD_ext3:string': 'stringInObjectInObjectInArray' })).toBe(true);
    expect(ok({ 'EXISTS_INNER_ILMD_ext2:int': '' })).toBe(true);
    // Namespaces: the query's binding need not use the event's prefix.
    expect(ok({ 'EQ_ILMD_x:int': '10' }, { x: 'http://example.com/ext1/' })).toBe(true);
    expect(ok({ 'EQ_ILMD_x:int': '10' }, { x: 'http://example.com/other/' })).toBe(false);
    expect(ok({ 'EQ_ILMD_{http://example.com/ext1/}int': '10' })).toBe(true);
    expect(ok({ 'EQ_ILMD_http://example.com/ext1#int': '10' })).toBe(true);
    // Top-level user extension of the 9.6.1 example.
    expect(matches(received, { 'EQ_example:myField': 'Example of a vendor/user extension' })).toBe(true);
    expect(matches(received, { 'EXISTS_example:myField': '' })).toBe(true);
    expect(matches(shipped, { 'EXISTS_example:myField': '' })).toBe(false);
  });

  it('master-data attributes', () => {
    const attributes = (id: string): Record<string, unknown> | undefined =>
      id === 'https://id.gs1.org/414/0012345111112' ? { 'urn:epcglobal:cbv:mda#city': 'Tashkent' } : undefined;
    expect(matches(received, { HASATTR_bizLocation: 'urn:epcglobal:cbv:mda#city' }, { attributes })).toBe(true);
    expect(matches(received, { HASATTR_bizLocation: 'urn:epcglobal:cbv:mda#sst' }, { attributes })).toBe(false);
    expect(matches(received, { 'EQ_ATTR_bizLocation_urn:epcglobal:cbv:mda#city': 'Tashkent' }, { attributes })).toBe(true);
    expect(matches(received, { 'EQ_ATTR_bizLocation_urn:epcglobal:cbv:mda#city': 'Samarkand' }, { attributes })).toBe(false);
    expect(matches(received, { HASATTR_bizLocation: 'urn:epcglobal:cbv:mda#city' })).toBe(false);
  });

  it('conditions are ANDed', () => {
    expect(matches(received, { EQ_bizStep: 'receiving', MATCH_epc: 'urn:epc:id:sgtin:0614141.107346.2018' })).toBe(true);
    expect(matches(received, { EQ_bizStep: 'receiving', MATCH_epc: 'urn:epc:id:sgtin:0614141.107346.2017' })).toBe(false);
  });

  it('named query definitions evaluate like their REST form', () => {
    const q: EventQuery = queryFromDefinition({ eventType: ['ObjectEvent'], EQ_bizStep: ['shipping', 'receiving'], GE_value_CEL: 26.1 });
    expect(matchesEventQuery(sensor1, q)).toBe(false); // bizStep inspecting
    expect(matchesEventQuery(sensor1, queryFromDefinition({ EQ_bizStep: ['inspecting'], GE_value_CEL: 26.1 }))).toBe(true);
  });
});

describe('ordering', () => {
  it('sorts by eventTime as instants, whatever the offset', () => {
    // received (20:33 at -06:00) is later than shipped written at the same offset, earlier than declared.
    const events = [declared, received, shipped];
    const sorted = [...events].sort((a, b) => compareSortKeys(eventSortKey(a, 'eventTime'), eventSortKey(b, 'eventTime'), 'ASC'));
    expect(sorted).toEqual([shipped, received, declared]);
    const desc = [...events].sort((a, b) => compareSortKeys(eventSortKey(a, 'eventTime'), eventSortKey(b, 'eventTime'), 'DESC'));
    expect(desc).toEqual([declared, received, shipped]);
    // The same instant written with different offsets sorts equal.
    expect(eventSortKey(received, 'eventTime')).toBe(eventSortKey(allFields, 'eventTime'));
  });

  it('sorts by an extension field, events without it last', () => {
    const q = parseQueryParameters({ orderBy: 'ext1:int' }, { namespaces: { ext1: 'http://example.com/ext1/' } });
    const withField: EpcisEvent = { ...shipped, '@context': { e: 'http://example.com/ext1/' }, 'e:int': 3 };
    expect(eventSortKey(withField, q.orderBy!)).toBe(3);
    expect(eventSortKey(shipped, q.orderBy!)).toBeUndefined();
    for (const dir of ['ASC', 'DESC'] as const) {
      const sorted = [shipped, withField].sort((a, b) => compareSortKeys(eventSortKey(a, q.orderBy!), eventSortKey(b, q.orderBy!), dir));
      expect(sorted[0]).toBe(withField);
    }
  });
});
