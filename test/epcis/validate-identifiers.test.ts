import { describe, expect, it } from 'vitest';
import {
  dateTimeProblem,
  digitalLinkProblem,
  epcUrnProblem,
  identifierProblem,
  isAbsoluteUri,
  isTimeZoneOffset,
  vocabularyProblem,
} from '../../src/epcis/validate/index.js';

describe('EPC URNs', () => {
  const valid = [
    'urn:epc:id:sgtin:0614141.107346.2017',
    'urn:epc:id:sgtin:0614141.107346.A%2Fb.c',
    'urn:epc:id:sscc:0614141.1234567890',
    'urn:epc:id:sgln:0614141.07346.1234',
    'urn:epc:id:sgln:952005385.011.ts4711',
    'urn:epc:id:grai:4012345.55555.987',
    'urn:epc:id:giai:4000001.12345',
    'urn:epc:id:gsrn:95252084.000000001',
    'urn:epc:id:gsrnp:4012345.0000000007',
    'urn:epc:id:gdti:95252084.0001.0003555480001000',
    'urn:epc:id:gdti:987659999999..9',
    'urn:epc:id:cpi:0614141.11111111111111-A%23%2F.1234',
    'urn:epc:id:sgcn:4012345.99999.44',
    'urn:epc:id:ginc:0614141.xyz47%2F11',
    'urn:epc:id:gsin:4012345.222333444',
    'urn:epc:id:itip:4012345.011111.01.02.987',
    "urn:epc:id:upui:1234567.098765.51qIgY)%3C%26Jp3*j7'SDB",
    'urn:epc:id:pgln:4000001.00012',
    'urn:epc:id:gid:95100000.12345.400',
    'urn:epc:id:usdod:2S194.12345678901',
    'urn:epc:id:adi:2S194.12345A1B2.%23123',
    'urn:epc:id:bic:CSQU3054383',
    'urn:epc:id:imovn:9176187',
  ];
  for (const urn of valid) {
    it(`accepts ${urn}`, () => expect(epcUrnProblem(urn, 'instance')).toBeNull());
  }
  it('accepts classes and patterns where classes are expected', () => {
    for (const urn of ['urn:epc:class:lgtin:4012345.012345.998877', 'urn:epc:idpat:sgtin:4012345.098765.*', 'urn:epc:idpat:sgtin:4012345.*.*', 'urn:epc:idpat:itip:4012345.012345.01.02.*']) {
      expect(epcUrnProblem(urn, 'class')).toBeNull();
    }
  });
  const invalid: [string, string][] = [
    ['urn:epc:id:sgtin:0614141.10734.2017', 'must have 13 digits together, got 12'],
    ['urn:epc:id:sgtin:06141.1073460.2017', 'company prefix of a sgtin must be 6 to 12 digits'],
    ['urn:epc:id:sgtin:0614141.107346', 'a sgtin has 3 dot-separated parts'],
    ['urn:epc:id:sgtin:0614141.107346.abc/def', 'serial number of a sgtin'],
    ['urn:epc:id:sgtin:0614141.107346.123456789012345678901', 'at most 20 characters'],
    ['urn:epc:id:sscc:0614141.123456789', 'must have 17 digits together, got 16'],
    ['urn:epc:id:sgln:0614141.0734.1', 'must have 12 digits together'],
    ['urn:epc:id:bic:CSQU3054384', 'check digit'],
    ['urn:epc:id:imovn:917618', 'IMO number of a imovn must be 7 digits'],
    ['urn:epc:id:foo:1.2', "unknown EPC scheme 'urn:epc:id:foo'"],
    ['urn:epc:tag:sgtin-96:3.0614141.107346.2017', 'tag and raw encodings are not'],
    ['urn:epc:idpat:sgtin:4012345.*.2017', "every part after the first '*' must be '*'"],
    ['urn:epc:id:gid:95100000.012345.400', 'without leading zeros'],
  ];
  for (const [urn, message] of invalid) {
    it(`rejects ${urn}`, () => expect(epcUrnProblem(urn, 'any')).toContain(message));
  }
  it('keeps instance and class levels apart', () => {
    expect(epcUrnProblem('urn:epc:class:lgtin:4012345.012345.998877', 'instance')).toContain('class identifier');
    expect(epcUrnProblem('urn:epc:idpat:sgtin:4012345.098765.*', 'instance')).toContain('pattern');
    expect(epcUrnProblem('urn:epc:id:sgtin:0614141.107346.2017', 'class')).toContain('needs a class');
  });
});

describe('GS1 Digital Link URIs', () => {
  it('accepts primary keys with qualifiers on any host and path prefix', () => {
    for (const uri of [
      'https://id.gs1.org/01/09506000134352/21/12345',
      'https://id.gs1.org/01/09506000134352',
      'https://example.com/shop/01/09506000134352/10/LOT%2F7/21/1',
      'https://id.gs1.org/00/106141412345678908',
      'https://id.gs1.org/414/4012345000054/254/122',
      'https://id.example.com/8003/040123450007718765',
      'https://id.gs1.org/8004/4012345ABC345',
      'https://id.gs1.org/8006/040123451111180102/21/987',
      'https://id.gs1.org/8010/061414111111111111111-A%23%2F/8011/1234',
      'https://id.gs1.org/253/4012345000092PO-4711',
      'https://id.gs1.org/417/4000001000005?linkType=all',
    ]) {
      expect(digitalLinkProblem(uri), uri).toBeNull();
    }
  });
  it('rejects wrong keys, check digits and qualifiers', () => {
    expect(digitalLinkProblem('https://id.gs1.org/01/09506000134353')).toContain('check digit of GTIN 09506000134353 is wrong');
    expect(digitalLinkProblem('https://id.gs1.org/01/0950600013435')).toContain('check digit');
    expect(digitalLinkProblem('https://id.gs1.org/01/950600013435A')).toContain('a GTIN must be 8, 12, 13, 14 digits');
    expect(digitalLinkProblem('https://id.gs1.org/01/09506000134352/21/1/10/L')).toContain("'10' is not a qualifier of a GTIN here");
    expect(digitalLinkProblem('https://id.gs1.org/00/10614141234567890')).toContain('SSCC must be 18 digits');
    expect(digitalLinkProblem('https://id.gs1.org/414/4012345000054/21/9')).toContain('qualifiers: only 254, 7040');
  });
  it('says when a URI is no Digital Link at all', () => {
    expect(digitalLinkProblem('https://example.org/po/12345678')).toBeUndefined();
  });
});

describe('identifiers and URIs', () => {
  it('allows private URIs of any scheme', () => {
    for (const uri of ['urn:uuid:fd338495-0e6d-41dd-afee-a862ecd32518', 'geo:42.698334,23.319941', 'ni:///sha-256;df7b?ver=CBV2.0', 'https://example.org/a b'.replace(' ', '%20')]) {
      expect(identifierProblem(uri), uri).toBeNull();
    }
  });
  it('rejects what is no URI', () => {
    expect(identifierProblem('ABC123')).toContain('needs a scheme');
    expect(identifierProblem('urn:')).toContain('nothing follows');
    expect(identifierProblem('https://example.org/a b')).toContain('a space at position 22');
    expect(identifierProblem('https://example.org/%zz')).toContain('%XX');
    expect(isAbsoluteUri('https://example.org/ü')).toBe(false);
    expect(identifierProblem('https://id.gs1.org/01/123')).toContain('not a valid GS1 Digital Link URI');
  });
});

describe('times', () => {
  it('date-times need a zone and real calendar values', () => {
    expect(dateTimeProblem('2005-04-03T20:33:31.116000-06:00')).toBeNull();
    expect(dateTimeProblem('2024-02-29T00:00:00Z')).toBeNull();
    expect(dateTimeProblem('2023-02-29T00:00:00Z')).toContain('day 29');
    expect(dateTimeProblem('2024-01-01T24:00:00Z')).toContain('time of day');
    expect(dateTimeProblem('2024-01-01')).toContain('expected a date-time');
  });
  it('time zone offsets', () => {
    expect(['+00:00', '-06:00', '+14:00', '-14:00', '+05:45'].every(isTimeZoneOffset)).toBe(true);
    expect(['+14:01', '+15:00', 'Z', '+3:00', '03:00'].some(isTimeZoneOffset)).toBe(false);
  });
});

describe('CBV vocabulary values', () => {
  it('accepts bare terms, URNs, Web URIs, CURIEs and private URIs', () => {
    for (const value of ['shipping', 'urn:epcglobal:cbv:bizstep:shipping', 'https://ref.gs1.org/cbv/BizStep-shipping', 'cbv:BizStep-shipping', 'https://example.org/steps/x']) {
      expect(vocabularyProblem('bizStep', value, 'bizStep'), value).toBeNull();
    }
    expect(vocabularyProblem('component', 'cbv:Comp-latitude', 'component')).toBeNull();
    expect(vocabularyProblem('measurementType', 'gs1:Temperature', 'type')).toBeNull();
  });
  it('rejects unknown terms in every spelling', () => {
    expect(vocabularyProblem('bizStep', 'urn:epcglobal:cbv:bizstep:shippingg', 'bizStep')).toContain('names no bizStep');
    expect(vocabularyProblem('bizStep', 'https://ref.gs1.org/cbv/BizStep-shippingg', 'bizStep')).toContain('names no bizStep');
    expect(vocabularyProblem('disposition', 'https://ref.gs1.org/cbv/BizStep-shipping', 'disposition')).toContain('another vocabulary');
    expect(vocabularyProblem('disposition', 'sold', 'disposition')).toContain('disposition must be one of active');
  });
});
