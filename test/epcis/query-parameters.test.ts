import { describe, it, expect } from 'vitest';
import { EpcisException } from '../../src/epcis/exceptions.js';
import {
  parseQueryParameters,
  parseNamedQueryBody,
  queryFromDefinition,
  parseExtensionsHeader,
  isIndexedCondition,
  splitConditions,
  type Condition,
} from '../../src/epcis/query/index.js';

const CBV = 'https://ref.gs1.org/cbv/';

function expectParameterError(fn: () => unknown, parameter: string, detail?: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(EpcisException);
  const err = caught as EpcisException;
  expect(err.type).toBe('QueryParameterException');
  expect(err.message).toContain(`"${parameter}"`);
  if (detail) expect(err.message).toMatch(detail);
}

function only(params: Record<string, string | string[]>): Condition {
  const q = parseQueryParameters(params);
  expect(q.conditions).toHaveLength(1);
  return q.conditions[0]!;
}

describe('parseQueryParameters: core fields', () => {
  it('reads eventType as a pipe-delimited list', () => {
    expect(only({ eventType: 'ObjectEvent|AggregationEvent' })).toEqual({
      kind: 'in',
      field: 'eventType',
      values: ['ObjectEvent', 'AggregationEvent'],
    });
  });

  it('accepts repeated parameters as lists too', () => {
    expect(only({ eventType: ['ObjectEvent', 'TransformationEvent|AssociationEvent'] })).toEqual({
      kind: 'in',
      field: 'eventType',
      values: ['ObjectEvent', 'TransformationEvent', 'AssociationEvent'],
    });
  });

  it('an empty query has no conditions', () => {
    expect(parseQueryParameters({})).toEqual({ conditions: [] });
  });

  it('validates EQ_action', () => {
    expect(only({ EQ_action: 'ADD|DELETE' })).toEqual({ kind: 'in', field: 'action', values: ['ADD', 'DELETE'] });
    expectParameterError(() => parseQueryParameters({ EQ_action: 'ADD|REMOVE' }), 'EQ_action', /REMOVE/);
  });

  it('normalises bizStep, disposition and errorReason to Web URIs from any spelling', () => {
    expect(only({ EQ_bizStep: 'shipping|urn:epcglobal:cbv:bizstep:receiving|https://example.com/myStep' })).toEqual({
      kind: 'in',
      field: 'bizStep',
      values: [`${CBV}BizStep-shipping`, `${CBV}BizStep-receiving`, 'https://example.com/myStep'],
    });
    expect(only({ EQ_disposition: 'in_transit' })).toEqual({ kind: 'in', field: 'disposition', values: [`${CBV}Disp-in_transit`] });
    expect(only({ EQ_errorReason: 'did_not_occur' })).toEqual({
      kind: 'in',
      field: 'errorReason',
      values: [`${CBV}ER-did_not_occur`],
    });
  });

  it('reads persistentDisposition set and unset', () => {
    const q = parseQueryParameters({ EQ_persistentDisposition_set: 'completeness_verified', EQ_persistentDisposition_unset: 'completeness_inferred' });
    expect(q.conditions).toEqual([
      { kind: 'persistentDisposition', op: 'set', values: [`${CBV}Disp-completeness_verified`] },
      { kind: 'persistentDisposition', op: 'unset', values: [`${CBV}Disp-completeness_inferred`] },
    ]);
  });

  it('normalises locations to Digital Link, EQ_ and WD_', () => {
    const q = parseQueryParameters({
      EQ_readPoint: 'urn:epc:id:sgln:0614141.07346.1234',
      WD_bizLocation: 'urn:epc:id:sgln:0012345.11111.0',
    });
    expect(q.conditions).toEqual([
      { kind: 'in', field: 'readPoint', values: ['https://id.gs1.org/414/0614141073467/254/1234'] },
      { kind: 'within', field: 'bizLocation', values: ['https://id.gs1.org/414/0012345111112'] },
    ]);
    expect(only({ WD_readPoint: 'urn:x:a' })).toEqual({ kind: 'within', field: 'readPoint', values: ['urn:x:a'] });
    expect(only({ EQ_bizLocation: 'urn:x:b' })).toEqual({ kind: 'in', field: 'bizLocation', values: ['urn:x:b'] });
  });

  it('reads eventID, transformationID and correctiveEventID lists', () => {
    expect(only({ EQ_eventID: 'urn:uuid:1|ni:///sha-256;ab?ver=CBV2.0' })).toEqual({
      kind: 'in',
      field: 'eventID',
      values: ['urn:uuid:1', 'ni:///sha-256;ab?ver=CBV2.0'],
    });
    expect(only({ EQ_transformationID: 'urn:uuid:t' })).toEqual({ kind: 'in', field: 'transformationID', values: ['urn:uuid:t'] });
    expect(only({ EQ_correctiveEventID: 'urn:uuid:c' })).toEqual({ kind: 'in', field: 'correctiveEventID', values: ['urn:uuid:c'] });
  });

  it('rejects empty list members', () => {
    expectParameterError(() => parseQueryParameters({ EQ_bizStep: 'shipping||receiving' }), 'EQ_bizStep', /empty/);
  });
});

describe('parseQueryParameters: times', () => {
  it('merges GE_ and LT_ of one field into one condition, as epoch ms', () => {
    const q = parseQueryParameters({ GE_eventTime: '2005-04-03T20:00:00-06:00', LT_eventTime: '2005-04-05T00:00:00Z' });
    expect(q.conditions).toEqual([
      { kind: 'time', field: 'eventTime', ge: Date.parse('2005-04-04T02:00:00Z'), lt: Date.parse('2005-04-05T00:00:00Z') },
    ]);
  });

  it('covers recordTime, errorDeclarationTime (both spellings) and sensor times', () => {
    const t = '2020-01-01T00:00:00.000Z';
    const ms = Date.parse(t);
    const q = parseQueryParameters({
      GE_recordTime: t,
      LT_errorDeclarationTime: t,
      GE_errorDeclaration_Time: t,
      GE_time: t,
      LT_startTime: t,
      GE_endTime: t,
    });
    expect(q.conditions).toEqual([
      { kind: 'time', field: 'recordTime', ge: ms },
      { kind: 'time', field: 'errorDeclarationTime', lt: ms, ge: ms },
      { kind: 'time', field: 'sensorTime', ge: ms },
      { kind: 'time', field: 'startTime', lt: ms },
      { kind: 'time', field: 'endTime', ge: ms },
    ]);
  });

  it('keeps sub-millisecond fractions without failing', () => {
    expect(only({ GE_eventTime: '2005-04-03T20:33:31.116000-06:00' })).toEqual({
      kind: 'time',
      field: 'eventTime',
      ge: Date.parse('2005-04-03T20:33:31.116-06:00'),
    });
  });

  it('rejects bad times, times without zone, and repeated single values', () => {
    expectParameterError(() => parseQueryParameters({ GE_eventTime: 'yesterday' }), 'GE_eventTime', /date-time/);
    expectParameterError(() => parseQueryParameters({ LT_recordTime: '2020-01-01T00:00:00' }), 'LT_recordTime', /time zone/);
    expectParameterError(() => parseQueryParameters({ GE_eventTime: ['2020-01-01T00:00:00Z', '2021-01-01T00:00:00Z'] }), 'GE_eventTime', /exactly one/);
    expectParameterError(
      () => parseQueryParameters({ GE_errorDeclarationTime: '2020-01-01T00:00:00Z', GE_errorDeclaration_Time: '2020-01-01T00:00:00Z' }),
      'GE_errorDeclaration_Time',
      /twice/,
    );
  });
});

describe('parseQueryParameters: EPCs and classes', () => {
  it('maps each MATCH_ parameter to its roles, normalising exact ids and keeping patterns', () => {
    const q = parseQueryParameters({
      MATCH_epc: 'urn:epc:id:sgtin:0614141.107346.2017|urn:epc:idpat:sgtin:0614141.107346.*',
      MATCH_parentID: 'urn:epc:id:sscc:0614141.1234567890',
      MATCH_inputEPC: 'urn:x:in',
      MATCH_outputEPC: 'urn:x:out',
      MATCH_anyEPC: 'urn:x:any',
    });
    expect(q.conditions).toEqual([
      {
        kind: 'epc',
        roles: ['epc', 'childEPC'],
        patterns: ['https://id.gs1.org/01/10614141073464/21/2017', 'urn:epc:idpat:sgtin:0614141.107346.*'],
      },
      { kind: 'epc', roles: ['parentID'], patterns: ['https://id.gs1.org/00/106141412345678908'] },
      { kind: 'epc', roles: ['inputEPC'], patterns: ['urn:x:in'] },
      { kind: 'epc', roles: ['outputEPC'], patterns: ['urn:x:out'] },
      { kind: 'epc', roles: ['epc', 'childEPC', 'parentID', 'inputEPC', 'outputEPC'], patterns: ['urn:x:any'] },
    ]);
  });

  it('maps each MATCH_*EPCClass parameter to its quantity lists', () => {
    const q = parseQueryParameters({
      MATCH_epcClass: 'urn:epc:class:lgtin:4012345.012345.998877',
      MATCH_inputEPCClass: 'urn:x:a',
      MATCH_outputEPCClass: 'urn:x:b',
      MATCH_anyEPCClass: 'urn:x:c',
    });
    expect(q.conditions).toEqual([
      { kind: 'epcClass', roles: ['quantity', 'childQuantity'], patterns: ['https://id.gs1.org/01/04012345123456/10/998877'] },
      { kind: 'epcClass', roles: ['inputQuantity'], patterns: ['urn:x:a'] },
      { kind: 'epcClass', roles: ['outputQuantity'], patterns: ['urn:x:b'] },
      { kind: 'epcClass', roles: ['quantity', 'childQuantity', 'inputQuantity', 'outputQuantity'], patterns: ['urn:x:c'] },
    ]);
  });

  it('rejects a malformed EPC pattern', () => {
    expectParameterError(() => parseQueryParameters({ MATCH_epc: 'urn:epc:idpat:sgtin' }), 'MATCH_epc', /pattern/);
  });
});

describe('parseQueryParameters: quantities and sensor data', () => {
  it('reads quantity comparisons with and without unit', () => {
    const q = parseQueryParameters({ EQ_quantity: '200|300', GT_quantity: '1', LE_quantity: '1e3', GE_quantity_KGM: '2.5', LT_quantity_KGM: '9' });
    expect(q.conditions).toEqual([
      { kind: 'compare', target: { scope: 'quantity', field: 'quantity' }, op: 'EQ', values: [200, 300] },
      { kind: 'compare', target: { scope: 'quantity', field: 'quantity' }, op: 'GT', values: [1] },
      { kind: 'compare', target: { scope: 'quantity', field: 'quantity' }, op: 'LE', values: [1000] },
      { kind: 'compare', target: { scope: 'quantity', field: 'quantity', uom: 'KGM' }, op: 'GE', values: [2.5] },
      { kind: 'compare', target: { scope: 'quantity', field: 'quantity', uom: 'KGM' }, op: 'LT', values: [9] },
    ]);
    expectParameterError(() => parseQueryParameters({ GT_quantity: 'ten' }), 'GT_quantity', /not a number/);
    expectParameterError(() => parseQueryParameters({ EQ_quantity: '1|x' }), 'EQ_quantity', /not a number/);
  });

  it('reads every sensor value field with its unit', () => {
    for (const field of ['value', 'minValue', 'maxValue', 'meanValue', 'sDev', 'percRank', 'percValue']) {
      for (const op of ['GT', 'GE', 'LT', 'LE'] as const) {
        expect(only({ [`${op}_${field}_CEL`]: '-4.5' })).toEqual({
          kind: 'compare',
          target: { scope: 'sensorReport', field, uom: 'CEL' },
          op,
          values: [-4.5],
        });
      }
    }
    expect(only({ EQ_value_KMH: '160|161' })).toEqual({
      kind: 'compare',
      target: { scope: 'sensorReport', field: 'value', uom: 'KMH' },
      op: 'EQ',
      values: [160, 161],
    });
    expect(only({ GE_percRank: '50' })).toEqual({ kind: 'compare', target: { scope: 'sensorReport', field: 'percRank' }, op: 'GE', values: [50] });
    expectParameterError(() => parseQueryParameters({ GE_value_CEL: 'warm' }), 'GE_value_CEL', /not a number/);
  });

  it('reads the sensor equality parameters', () => {
    const q = parseQueryParameters({
      EQ_type: 'Temperature|gs1:AbsoluteHumidity',
      EQ_deviceID: 'urn:epc:id:giai:4000001.111',
      EQ_dataProcessingMethod: 'https://example.com/m',
      EQ_bizRules: 'https://example.com/r',
      EQ_microorganism: 'https://example.com/o',
      EQ_chemicalSubstance: 'https://example.com/c',
      EQ_stringValue: 'SomeString',
      EQ_hexBinaryValue: 'f0f0f0',
      EQ_uriValue: 'https://example.com/u',
      EQ_booleanValue: 'true',
    });
    expect(q.conditions).toEqual([
      {
        kind: 'compare',
        target: { scope: 'sensorReport', field: 'type' },
        op: 'EQ',
        values: ['https://gs1.org/voc/Temperature', 'https://gs1.org/voc/AbsoluteHumidity'],
      },
      { kind: 'compare', target: { scope: 'sensor', field: 'deviceID' }, op: 'EQ', values: ['https://id.gs1.org/8004/4000001111'] },
      { kind: 'compare', target: { scope: 'sensor', field: 'dataProcessingMethod' }, op: 'EQ', values: ['https://example.com/m'] },
      { kind: 'compare', target: { scope: 'sensorMetadata', field: 'bizRules' }, op: 'EQ', values: ['https://example.com/r'] },
      { kind: 'compare', target: { scope: 'sensorReport', field: 'microorganism' }, op: 'EQ', values: ['https://example.com/o'] },
      { kind: 'compare', target: { scope: 'sensorReport', field: 'chemicalSubstance' }, op: 'EQ', values: ['https://example.com/c'] },
      { kind: 'compare', target: { scope: 'sensorReport', field: 'stringValue' }, op: 'EQ', values: ['SomeString'] },
      { kind: 'compare', target: { scope: 'sensorReport', field: 'hexBinaryValue' }, op: 'EQ', values: ['F0F0F0'] },
      { kind: 'compare', target: { scope: 'sensorReport', field: 'uriValue' }, op: 'EQ', values: ['https://example.com/u'] },
      { kind: 'compare', target: { scope: 'sensorReport', field: 'booleanValue' }, op: 'EQ', values: [true] },
    ]);
    expectParameterError(() => parseQueryParameters({ EQ_booleanValue: 'yes' }), 'EQ_booleanValue', /true or false/);
    expectParameterError(() => parseQueryParameters({ EQ_hexBinaryValue: 'f0f' }), 'EQ_hexBinaryValue', /hexBinary/);
  });

  it('reads EXISTS_ flags, treating false as no condition', () => {
    expect(only({ EXISTS_sensorElementList: '' })).toEqual({ kind: 'exists', target: { scope: 'event', field: 'sensorElementList' } });
    expect(only({ EXISTS_errorDeclaration: 'true' })).toEqual({ kind: 'exists', target: { scope: 'event', field: 'errorDeclaration' } });
    expect(parseQueryParameters({ EXISTS_errorDeclaration: 'false' }).conditions).toEqual([]);
    expectParameterError(() => parseQueryParameters({ EXISTS_errorDeclaration: 'maybe' }), 'EXISTS_errorDeclaration', /EXISTS_/);
  });
});

describe('parseQueryParameters: typed lists and extensions', () => {
  it('reads bizTransaction, source and destination by type', () => {
    const q = parseQueryParameters({
      EQ_bizTransaction_po: 'http://transaction.acme.com/po/12345678',
      EQ_source_owning_party: 'urn:epc:id:pgln:4012345.00225',
      EQ_destination_location: 'urn:epc:id:sgln:0614141.00777.0',
    });
    expect(q.conditions).toEqual([
      { kind: 'bizTransaction', type: `${CBV}BTT-po`, values: ['http://transaction.acme.com/po/12345678'] },
      { kind: 'source', type: `${CBV}SDT-owning_party`, values: ['https://id.gs1.org/417/4012345002256'] },
      { kind: 'destination', type: `${CBV}SDT-location`, values: ['https://id.gs1.org/414/0614141007776'] },
    ]);
  });

  it('reads ILMD, INNER, error declaration, location and sensor extension families', () => {
    const namespaces = { ext1: 'http://example.com/ext1/' };
    const ns = 'http://example.com/ext1';
    const t = '2013-06-08T14:58:56.591Z';
    const q = parseQueryParameters(
      {
        'EQ_ILMD_ext1:int': '10|11',
        'GT_ILMD_ext1:float': '19.5',
        'LE_INNER_ILMD_ext1:time': t,
        'EXISTS_ILMD_ext1:object': '',
        'EQ_INNER_ext2:string': 'stringInObject',
        'EQ_ERROR_DECLARATION_example:vendorExtension': 'Test1',
        'EXISTS_INNER_ERROR_DECLARATION_example:deep': '',
        'EQ_readPoint_ext1:dock': 'A',
        'EQ_INNER_bizLocation_ext1:room': 'B',
        'GE_SENSORELEMENT_ext1:int': '10',
        'EQ_SENSORMETADATA_ext1:someFurtherMetadata': 'someText',
        'LT_INNER_SENSORREPORT_ext1:x': '5',
        'EQ_{http://example.com/ext3/}string': 's',
        'EQ_http://example.com/ext2#int': '13',
      },
      { namespaces },
    );
    expect(q.conditions).toEqual([
      { kind: 'compare', target: { scope: 'ilmd', field: 'int', namespace: ns, prefix: 'ext1' }, op: 'EQ', values: ['10', '11'] },
      { kind: 'compare', target: { scope: 'ilmd', field: 'float', namespace: ns, prefix: 'ext1' }, op: 'GT', values: [19.5] },
      {
        kind: 'compare',
        target: { scope: 'ilmd', field: 'time', namespace: ns, prefix: 'ext1', inner: true },
        op: 'LE',
        values: [Date.parse(t)],
        time: true,
      },
      { kind: 'exists', target: { scope: 'ilmd', field: 'object', namespace: ns, prefix: 'ext1' } },
      { kind: 'compare', target: { scope: 'event', field: 'string', prefix: 'ext2', inner: true }, op: 'EQ', values: ['stringInObject'] },
      { kind: 'compare', target: { scope: 'errorDeclaration', field: 'vendorExtension', prefix: 'example' }, op: 'EQ', values: ['Test1'] },
      { kind: 'exists', target: { scope: 'errorDeclaration', field: 'deep', prefix: 'example', inner: true } },
      { kind: 'compare', target: { scope: 'readPoint', field: 'dock', namespace: ns, prefix: 'ext1' }, op: 'EQ', values: ['A'] },
      { kind: 'compare', target: { scope: 'bizLocation', field: 'room', namespace: ns, prefix: 'ext1', inner: true }, op: 'EQ', values: ['B'] },
      { kind: 'compare', target: { scope: 'sensorElement', field: 'int', namespace: ns, prefix: 'ext1' }, op: 'GE', values: [10] },
      {
        kind: 'compare',
        target: { scope: 'sensorMetadata', field: 'someFurtherMetadata', namespace: ns, prefix: 'ext1' },
        op: 'EQ',
        values: ['someText'],
      },
      { kind: 'compare', target: { scope: 'sensorReport', field: 'x', namespace: ns, prefix: 'ext1', inner: true }, op: 'LT', values: [5] },
      { kind: 'compare', target: { scope: 'event', field: 'string', namespace: 'http://example.com/ext3' }, op: 'EQ', values: ['s'] },
      { kind: 'compare', target: { scope: 'event', field: 'int', namespace: 'http://example.com/ext2' }, op: 'EQ', values: ['13'] },
    ]);
  });

  it('rejects malformed extension parameters with the parameter name', () => {
    expectParameterError(() => parseQueryParameters({ EQ_ILMD_notAField: '1' }), 'EQ_ILMD_notAField', /prefix:local/);
    expectParameterError(() => parseQueryParameters({ 'GT_ILMD_ext1:int': 'big' }), 'GT_ILMD_ext1:int', /neither a number nor a date-time/);
    expectParameterError(() => parseQueryParameters({ 'EXISTS_ext1:x': 'no' }), 'EXISTS_ext1:x');
  });

  it('reads master-data attribute parameters', () => {
    const q = parseQueryParameters({ HASATTR_bizLocation: 'urn:epcglobal:cbv:mda#city|cbvmda:sst', EQ_ATTR_readPoint_city: 'Tashkent' });
    expect(q.conditions).toEqual([
      { kind: 'hasAttribute', field: 'bizLocation', attributes: ['urn:epcglobal:cbv:mda#city', 'cbvmda:sst'] },
      { kind: 'attributeEquals', field: 'readPoint', attribute: 'city', values: ['Tashkent'] },
    ]);
  });

  it('rejects unknown parameters by name', () => {
    expectParameterError(() => parseQueryParameters({ EQ_colour: 'red' }), 'EQ_colour', /not a parameter/);
    expectParameterError(() => parseQueryParameters({ bizStep: 'shipping' }), 'bizStep', /not a parameter/);
  });

  it('ignores paging and subscription controls', () => {
    expect(parseQueryParameters({ perPage: '10', nextPageToken: 'abc', stream: 'true' })).toEqual({ conditions: [] });
  });

  it('parses the GS1-Extensions header', () => {
    expect(parseExtensionsHeader('example-epc-ext=http://org1.example.com/epcis/,\nexample2=http://vendor.example.com/epcis/')).toEqual({
      'example-epc-ext': 'http://org1.example.com/epcis/',
      example2: 'http://vendor.example.com/epcis/',
    });
  });
});

describe('parseQueryParameters: ordering and limits', () => {
  it('reads orderBy, defaulting orderDirection to DESC', () => {
    expect(parseQueryParameters({ orderBy: 'eventTime' })).toEqual({ conditions: [], orderBy: 'eventTime', orderDirection: 'DESC' });
    expect(parseQueryParameters({ orderBy: 'recordTime', orderDirection: 'ASC', eventCountLimit: '5' })).toEqual({
      conditions: [],
      orderBy: 'recordTime',
      orderDirection: 'ASC',
      eventCountLimit: 5,
    });
    expect(parseQueryParameters({ orderBy: 'ext1:int' }, { namespaces: { ext1: 'http://example.com/ext1/' } }).orderBy).toBe(
      '{http://example.com/ext1}int',
    );
    expect(parseQueryParameters({ orderBy: 'ext9:int' }).orderBy).toBe('ext9:int');
    expect(parseQueryParameters({ maxEventCount: '100' })).toEqual({ conditions: [], maxEventCount: 100 });
  });

  it('rejects bad ordering and limits', () => {
    expectParameterError(() => parseQueryParameters({ orderBy: 'bizStep' }), 'orderBy', /eventTime, recordTime/);
    expectParameterError(() => parseQueryParameters({ orderBy: 'eventTime', orderDirection: 'UP' }), 'orderDirection', /ASC or DESC/);
    expectParameterError(() => parseQueryParameters({ orderBy: 'eventTime', eventCountLimit: '-1' }), 'eventCountLimit', /non-negative integer/);
    expectParameterError(() => parseQueryParameters({ maxEventCount: '2.5' }), 'maxEventCount', /non-negative integer/);
    expectParameterError(
      () => parseQueryParameters({ orderBy: 'eventTime', eventCountLimit: '5', maxEventCount: '5' }),
      'eventCountLimit',
      /maxEventCount/,
    );
    expectParameterError(() => parseQueryParameters({ eventCountLimit: '5' }), 'eventCountLimit', /orderBy/);
  });
});

describe('named queries', () => {
  it('reads the OpenAPI example body and its JSON query definition', () => {
    const body = { name: 'UniqueQueryName', query: { eventType: ['ObjectEvent'], EQ_bizStep: ['shipping', 'receiving'] } };
    const { name, query } = parseNamedQueryBody(body);
    expect(name).toBe('UniqueQueryName');
    expect(queryFromDefinition(query)).toEqual({
      conditions: [
        { kind: 'in', field: 'eventType', values: ['ObjectEvent'] },
        { kind: 'in', field: 'bizStep', values: [`${CBV}BizStep-shipping`, `${CBV}BizStep-receiving`] },
      ],
    });
  });

  it('takes JSON numbers, booleans, null and the @context of the definition', () => {
    const q = queryFromDefinition({
      '@context': [{ ext1: 'http://example.com/ext1/' }],
      EQ_quantity: [200],
      GE_value_CEL: 20,
      EQ_booleanValue: true,
      EXISTS_errorDeclaration: null,
      'EQ_ILMD_ext1:int': [10, 'x|y'],
      maxEventCount: 3,
    });
    expect(q).toEqual({
      conditions: [
        { kind: 'compare', target: { scope: 'quantity', field: 'quantity' }, op: 'EQ', values: [200] },
        { kind: 'compare', target: { scope: 'sensorReport', field: 'value', uom: 'CEL' }, op: 'GE', values: [20] },
        { kind: 'compare', target: { scope: 'sensorReport', field: 'booleanValue' }, op: 'EQ', values: [true] },
        { kind: 'exists', target: { scope: 'event', field: 'errorDeclaration' } },
        {
          kind: 'compare',
          target: { scope: 'ilmd', field: 'int', namespace: 'http://example.com/ext1', prefix: 'ext1' },
          op: 'EQ',
          values: [10, 'x|y'],
        },
      ],
      maxEventCount: 3,
    });
  });

  it('rejects bad bodies and bad definitions', () => {
    const bad = (body: unknown, pattern: RegExp): void => {
      expect(() => parseNamedQueryBody(body)).toThrow(pattern);
      try {
        parseNamedQueryBody(body);
      } catch (e) {
        expect((e as EpcisException).type).toBe('QueryParameterException');
      }
    };
    bad([], /JSON object/);
    bad({ query: {} }, /query name/);
    bad({ name: 'a/b', query: {} }, /query name/);
    bad({ name: 'q' }, /"query" object/);
    bad({ name: 'q', query: {}, extra: 1 }, /extra/);
    expectParameterError(() => parseNamedQueryBody({ name: 'q', query: { EQ_action: ['MOVE'] } }), 'EQ_action');
    expectParameterError(() => queryFromDefinition({ EQ_bizStep: [7] }), 'EQ_bizStep', /expected a string/);
    expectParameterError(() => queryFromDefinition({ GE_eventTime: 1234 }), 'GE_eventTime', /date-time/);
  });
});

describe('indexed conditions', () => {
  it('splits what a store pushes down from what the matcher evaluates', () => {
    const q = parseQueryParameters({ EQ_bizStep: 'shipping', GE_eventTime: '2020-01-01T00:00:00Z', GE_time: '2020-01-01T00:00:00Z', GE_value_CEL: '3' });
    const { indexed, residual } = splitConditions(q);
    expect(indexed.map((c) => c.kind)).toEqual(['in', 'time']);
    expect(residual.map((c) => c.kind)).toEqual(['time', 'compare']);
    expect(isIndexedCondition({ kind: 'exists', target: { scope: 'event', field: 'errorDeclaration' } })).toBe(false);
  });
});
