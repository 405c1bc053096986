import { describe, it, expect } from 'vitest';
import { compileEpcPattern, convertUnit, normaliseIdentifier } from '../../src/epcis/query/index.js';

/** Whether a pattern matches an identifier, written as URN and normalised like an event value. */
function hit(pattern: string, id: string, mode: 'instance' | 'class' = 'instance'): boolean {
  return compileEpcPattern(pattern, mode).test(normaliseIdentifier(id));
}

describe('compileEpcPattern', () => {
  it('exact identifiers compare after normalisation and expose the exact value', () => {
    const p = compileEpcPattern('urn:epc:id:sgtin:0614141.107346.2017');
    expect(p.exact).toBe('https://id.gs1.org/01/10614141073464/21/2017');
    expect(p.test('https://id.gs1.org/01/10614141073464/21/2017')).toBe(true);
    expect(p.test('https://id.gs1.org/01/10614141073464/21/2018')).toBe(false);
  });

  it('sscc, sgln, grai, giai, gsrn, gdti, sgcn and cpi patterns match their Digital Links', () => {
    expect(hit('urn:epc:idpat:sscc:0614141.*', 'urn:epc:id:sscc:0614141.1234567890')).toBe(true);
    expect(hit('urn:epc:idpat:sscc:0614141.1234567890', 'urn:epc:id:sscc:0614141.1234567890')).toBe(true);
    expect(hit('urn:epc:idpat:sscc:0614142.*', 'urn:epc:id:sscc:0614141.1234567890')).toBe(false);
    expect(hit('urn:epc:idpat:sgln:0614141.07346.*', 'urn:epc:id:sgln:0614141.07346.1234')).toBe(true);
    expect(hit('urn:epc:idpat:sgln:0614141.07346.1234', 'urn:epc:id:sgln:0614141.07346.1234')).toBe(true);
    expect(hit('urn:epc:idpat:sgln:0614141.07346.0', 'urn:epc:id:sgln:0614141.07346.1234')).toBe(false);
    expect(hit('urn:epc:idpat:sgln:0614141.07346.0', 'urn:epc:id:sgln:0614141.07346.0')).toBe(true);
    expect(hit('urn:epc:idpat:grai:0614141.12345.*', 'urn:epc:id:grai:0614141.12345.400')).toBe(true);
    expect(hit('urn:epc:idpat:grai:0614141.12346.*', 'urn:epc:id:grai:0614141.12345.400')).toBe(false);
    expect(hit('urn:epc:idpat:giai:4000001.*', 'urn:epc:id:giai:4000001.111')).toBe(true);
    expect(hit('urn:epc:idpat:giai:4000002.*', 'urn:epc:id:giai:4000001.111')).toBe(false);
    expect(hit('urn:epc:idpat:gsrn:0614141.*', 'urn:epc:id:gsrn:0614141.0000010253')).toBe(true);
    expect(hit('urn:epc:idpat:gdti:0614141.00001.*', 'urn:epc:id:gdti:0614141.00001.1618034')).toBe(true);
    expect(hit('urn:epc:idpat:gdti:0614141.00002.*', 'urn:epc:id:gdti:0614141.00001.1618034')).toBe(false);
    expect(hit('urn:epc:idpat:sgcn:4012345.67890.*', 'urn:epc:id:sgcn:4012345.67890.04711')).toBe(true);
    expect(hit('urn:epc:idpat:cpi:0614141.123ABC.*', 'urn:epc:id:cpi:0614141.123ABC.123456789')).toBe(true);
    expect(hit('urn:epc:idpat:cpi:0614141.123ABD.*', 'urn:epc:id:cpi:0614141.123ABC.123456789')).toBe(false);
  });

  it('a pattern of one scheme never matches another scheme', () => {
    expect(hit('urn:epc:idpat:sgtin:*.*.*', 'urn:epc:id:sscc:0614141.1234567890')).toBe(false);
    expect(hit('urn:epc:idpat:sscc:*', 'urn:epc:id:sscc:0614141.1234567890')).toBe(true);
  });

  it('schemes without a Digital Link form match field by field as URNs', () => {
    expect(hit('urn:epc:idpat:usdod:CAGE1.*', 'urn:epc:id:usdod:CAGE1.5678')).toBe(true);
    expect(hit('urn:epc:idpat:usdod:CAGE2.*', 'urn:epc:id:usdod:CAGE1.5678')).toBe(false);
  });

  it('class mode: sgtin patterns and bare GTINs match lots', () => {
    expect(hit('urn:epc:idpat:sgtin:4012345.012345.*', 'urn:epc:class:lgtin:4012345.012345.998877', 'class')).toBe(true);
    expect(hit('urn:epc:idpat:sgtin:4012345.012345.*', 'urn:epc:idpat:sgtin:4012345.012345.*', 'class')).toBe(true);
    expect(hit('https://id.gs1.org/01/04012345123456', 'urn:epc:class:lgtin:4012345.012345.998877', 'class')).toBe(true);
    expect(hit('https://id.gs1.org/01/04012345123456', 'urn:epc:class:lgtin:4012345.012346.998877', 'class')).toBe(false);
    // In instance mode an sgtin pattern needs a serial.
    expect(hit('urn:epc:idpat:sgtin:4012345.012345.*', 'urn:epc:class:lgtin:4012345.012345.998877')).toBe(false);
  });
});

describe('convertUnit', () => {
  it('converts within a dimension and refuses across', () => {
    expect(convertUnit(100, 'CEL', 'FAH')).toBeCloseTo(212, 9);
    expect(convertUnit(0, 'CEL', 'KEL')).toBeCloseTo(273.15, 9);
    expect(convertUnit(1, 'KGM', 'GRM')).toBeCloseTo(1000, 9);
    expect(convertUnit(36, 'KMH', 'MTS')).toBeCloseTo(10, 9);
    expect(convertUnit(1, 'KGM', 'MTR')).toBeUndefined();
    expect(convertUnit(1, 'A93', 'KGM')).toBeUndefined();
    expect(convertUnit(7, 'A93', 'A93')).toBe(7);
  });
});
