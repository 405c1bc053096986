import { describe, it, expect } from 'vitest';
import {
  companyPrefixLengthOf,
  gs1CheckDigit,
  isDigitalLink,
  isEpcUrn,
  toDigitalLink,
  toEpcUrn,
} from '../../src/epcis/identifiers/index.js';
import { EpcisException } from '../../src/epcis/exceptions.js';

describe('gs1CheckDigit', () => {
  it('computes the mod-10 check digit of GS1 keys', () => {
    expect(gs1CheckDigit('1061414107346')).toBe(4); // GTIN 10614141073464
    expect(gs1CheckDigit('04012345000000333')).toBe(8); // SSCC 040123450000003338
    expect(gs1CheckDigit('401234500011')).toBe(5); // GLN 4012345000115
    expect(gs1CheckDigit('978034541891')).toBe(3); // ISBN-13 as GTIN
    expect(gs1CheckDigit('0000000')).toBe(0);
  });
  it('rejects non-digits', () => {
    expect(() => gs1CheckDigit('12a4')).toThrow(RangeError);
  });
});

describe('toDigitalLink: EPC URNs', () => {
  const cases: [string, string][] = [
    ['urn:epc:id:sgtin:0614141.107346.2017', 'https://id.gs1.org/01/10614141073464/21/2017'],
    ['urn:epc:id:sscc:4012345.0000000333', 'https://id.gs1.org/00/040123450000003338'],
    ['urn:epc:id:sgln:0012345.11111.0', 'https://id.gs1.org/414/0012345111112'],
    ['urn:epc:id:sgln:0012345.11111.400', 'https://id.gs1.org/414/0012345111112/254/400'],
    ['urn:epc:id:pgln:4012345.00225', 'https://id.gs1.org/417/4012345002256'],
    ['urn:epc:class:lgtin:4012345.012345.998877', 'https://id.gs1.org/01/04012345123456/10/998877'],
    ['urn:epc:idpat:sgtin:4012345.012345.*', 'https://id.gs1.org/01/04012345123456'],
    ['urn:epc:id:gdti:0614141.00001.1618034', 'https://id.gs1.org/253/06141410000121618034'],
    // from the hash vectors' epclist_normalisation / epcisDocWithAllGS1Keys
    ['urn:epc:id:sgtin:4012345.011111.98%22', 'https://id.gs1.org/01/04012345111118/21/98%22'],
    ['urn:epc:id:sgtin:415056789012.0.987654', 'https://id.gs1.org/01/04150567890128/21/987654'],
    ['urn:epc:id:sgtin:0614141.812345.6789%2F%26%25%22!%3F()', 'https://id.gs1.org/01/80614141123458/21/6789%2F%26%25%22%21%3F%28%29'],
    ['urn:epc:id:sscc:4012345.3111111111', 'https://id.gs1.org/00/340123451111111111'],
    ['urn:epc:id:grai:4012345.00022.334455', 'https://id.gs1.org/8003/04012345000221334455'],
    ['urn:epc:id:giai:4012345.ABC345', 'https://id.gs1.org/8004/4012345ABC345'],
    ['urn:epc:id:gsrn:4012345.0000006765', 'https://id.gs1.org/8018/401234500000067657'],
    ['urn:epc:id:gsrnp:4012345.0000000007', 'https://id.gs1.org/8017/401234500000000074'],
    ['urn:epc:id:gdti:4012345.00009.PO-4711', 'https://id.gs1.org/253/4012345000092PO-4711'],
    ['urn:epc:id:gdti:987659999999..9', 'https://id.gs1.org/253/98765999999929'],
    ['urn:epc:id:cpi:0614141.11111111111111-A%23%2F.1234', 'https://id.gs1.org/8010/061414111111111111111-A%23%2F/8011/1234'],
    ['urn:epc:id:ginc:0614141.xyz47%2F11', 'https://id.gs1.org/401/0614141xyz47%2F11'],
    ['urn:epc:id:gsin:4012345.222333444', 'https://id.gs1.org/402/40123452223334442'],
    ['urn:epc:id:itip:4012345.011111.01.02.987', 'https://id.gs1.org/8006/040123451111180102/21/987'],
    ['urn:epc:id:upui:1234567.098765.51qIgY)%3C%26Jp3*j7\'SDB', "https://id.gs1.org/01/01234567987651/235/51qIgY%29%3C%26Jp3%2Aj7'SDB"],
    ['urn:epc:id:pgln:999999999999.', 'https://id.gs1.org/417/9999999999994'],
    ['urn:epc:id:sgcn:4012345.99999.44', 'https://id.gs1.org/255/401234599999044'],
    ['urn:epc:idpat:grai:4012345.66666.*', 'https://id.gs1.org/8003/04012345666663'],
    ['urn:epc:idpat:gdti:4012345.55555.*', 'https://id.gs1.org/253/4012345555554'],
    ['urn:epc:idpat:sgcn:4012345.99999.*', 'https://id.gs1.org/255/4012345999990'],
    ['urn:epc:idpat:cpi:4012345.ABC.*', 'https://id.gs1.org/8010/4012345ABC'],
    ['urn:epc:idpat:itip:4012345.012345.01.02.*', 'https://id.gs1.org/8006/040123451234560102'],
    ['urn:epc:idpat:upui:4012345.012345.*', 'https://id.gs1.org/01/04012345123456'],
  ];
  it.each(cases)('%s', (urn, dl) => {
    expect(toDigitalLink(urn)).toBe(dl);
    expect(toDigitalLink(`  ${urn} `)).toBe(dl);
  });

  it('leaves malformed URNs and other values unchanged (trimmed)', () => {
    expect(toDigitalLink('urn:epc:id:sgtin:0614141.10734.2017')).toBe('urn:epc:id:sgtin:0614141.10734.2017');
    expect(toDigitalLink('urn:epc:id:sscc:4012345.000000033')).toBe('urn:epc:id:sscc:4012345.000000033');
    expect(toDigitalLink('urn:epc:id:unknown:4012345.1')).toBe('urn:epc:id:unknown:4012345.1');
    expect(toDigitalLink(' geo:47.506694,11.104301 ')).toBe('geo:47.506694,11.104301');
    expect(toDigitalLink('urn:epcglobal:cbv:bt:4012345123456:RE1099')).toBe('urn:epcglobal:cbv:bt:4012345123456:RE1099');
  });
});

describe('toDigitalLink: existing Digital Links', () => {
  it('moves another host to id.gs1.org, drops the query, pads the GTIN', () => {
    expect(toDigitalLink('https://example.com/gtin/09780345418913/21/765tz?abc=211121')).toBe(
      'https://id.gs1.org/01/09780345418913/21/765tz',
    );
    expect(toDigitalLink('https://id.gs1.org/01/9780345418913')).toBe('https://id.gs1.org/01/09780345418913');
    expect(toDigitalLink('https://id.gs1.de/414/4012345000115')).toBe('https://id.gs1.org/414/4012345000115');
    expect(toDigitalLink('http://example.org/foo/00/040123450000003338')).toBe('https://id.gs1.org/00/040123450000003338');
  });
  it('keeps only the finest level: CPV dropped, lot dropped under a serial', () => {
    expect(toDigitalLink('https://id.gs1.org/01/04012345123456/22/ABC/10/LOT1/21/SER1')).toBe(
      'https://id.gs1.org/01/04012345123456/21/SER1',
    );
  });
  it('leaves values outside the canonical syntax unchanged', () => {
    const odd = 'https://id.gs1.org/01/04012345123456/21/1/10/ABC';
    expect(toDigitalLink(odd)).toBe(odd);
    expect(toDigitalLink('https://example.com/about')).toBe('https://example.com/about');
  });
});

describe('isEpcUrn / isDigitalLink / companyPrefixLengthOf', () => {
  it('recognise the two forms', () => {
    expect(isEpcUrn('urn:epc:id:sgtin:0614141.107346.2017')).toBe(true);
    expect(isEpcUrn('urn:epc:class:lgtin:4012345.012345.998877')).toBe(true);
    expect(isEpcUrn('urn:epcglobal:cbv:bizstep:shipping')).toBe(false);
    expect(isDigitalLink('https://id.gs1.org/01/10614141073464/21/2017')).toBe(true);
    expect(isDigitalLink('https://example.com/gtin/09780345418913?x=1')).toBe(true);
    expect(isDigitalLink('https://example.com/01/12/foo')).toBe(false);
    expect(isDigitalLink('urn:epc:id:sgtin:0614141.107346.2017')).toBe(false);
  });
  it('reads the company prefix length of a URN', () => {
    expect(companyPrefixLengthOf('urn:epc:id:sgtin:0614141.107346.2017')).toBe(7);
    expect(companyPrefixLengthOf('urn:epc:class:lgtin:4012345678.012.9')).toBe(10);
    expect(companyPrefixLengthOf('urn:epc:idpat:sgtin:999999999999.0.*')).toBe(12);
    expect(companyPrefixLengthOf('https://id.gs1.org/01/10614141073464')).toBeUndefined();
    expect(companyPrefixLengthOf('urn:epc:id:sgtin:12345.1234567.1')).toBeUndefined();
  });
});

describe('toEpcUrn', () => {
  it('returns the value unchanged without a company prefix length', () => {
    expect(toEpcUrn('https://id.gs1.org/01/10614141073464/21/2017')).toBe('https://id.gs1.org/01/10614141073464/21/2017');
  });
  it('rejects an impossible prefix length with an EpcisException', () => {
    expect(() => toEpcUrn('https://id.gs1.org/01/10614141073464/21/2017', 5)).toThrow(EpcisException);
    expect(() => toEpcUrn('https://id.gs1.org/01/10614141073464/21/2017', 13)).toThrow(/6 to 12/);
  });
  it('leaves non-Digital-Link values unchanged', () => {
    expect(toEpcUrn('urn:example:thing', 7)).toBe('urn:example:thing');
  });

  const roundTrips = [
    'urn:epc:id:sgtin:0614141.107346.2017',
    'urn:epc:id:sgtin:0614141.812345.6789%2F%26%25%22!%3F()',
    'urn:epc:id:sscc:4012345.0000000333',
    'urn:epc:id:sgln:0012345.11111.0',
    'urn:epc:id:sgln:0012345.11111.400',
    'urn:epc:id:grai:4012345.00022.334455',
    'urn:epc:id:giai:4012345.ABC345',
    'urn:epc:id:gsrn:4012345.0000006765',
    'urn:epc:id:gsrnp:4012345.0000000007',
    'urn:epc:id:gdti:0614141.00001.1618034',
    'urn:epc:id:gsin:4012345.222333444',
    'urn:epc:id:ginc:0614141.xyz47%2F11',
    'urn:epc:id:cpi:0614141.11111111111111-A%23%2F.1234',
    'urn:epc:id:sgcn:4012345.99999.44',
    'urn:epc:id:pgln:4012345.00225',
    'urn:epc:id:itip:4012345.011111.01.02.987',
    'urn:epc:id:upui:1234567.098765.51qIgY)%3C%26Jp3*j7\'SDB',
    'urn:epc:class:lgtin:4012345.012345.998877',
    'urn:epc:idpat:sgtin:4012345.012345.*',
    'urn:epc:idpat:grai:4012345.66666.*',
    'urn:epc:idpat:itip:4012345.012345.01.02.*',
    'urn:epc:id:sgtin:999999999999.0.X',
  ];
  it.each(roundTrips)('round trip %s', (urn) => {
    const dl = toDigitalLink(urn);
    expect(dl.startsWith('https://id.gs1.org/')).toBe(true);
    const len = companyPrefixLengthOf(urn);
    expect(toEpcUrn(dl, len)).toBe(urn);
    expect(toDigitalLink(toEpcUrn(dl, len))).toBe(dl);
  });
});
