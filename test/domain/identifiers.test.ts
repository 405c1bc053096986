import { describe, expect, it } from 'vitest';
import {
  containerNumberMatches, gs1CheckDigit, imoCheckDigit, iso6346CheckDigit, parseContainerNumber, parseCountryCode,
  parseCurrencyCode, parseGln, parseHsCode, parseImoNumber, parseMrn, parseShipmentReference, parseTirCarnetNumber,
  parseVehiclePlate, parseWagonNumber, wagonCheckDigit,
} from '../../src/domain/index.js';

function errorOf(r: { ok: boolean; error?: string }): string {
  expect(r.ok).toBe(false);
  return r.error!;
}

describe('ISO 6346 container numbers', () => {
  it('computes the check digit of published examples', () => {
    // CSQU3054383 is the worked example of ISO 6346 (letters skip 11, 22, 33).
    expect(iso6346CheckDigit('CSQU305438')).toBe(3);
    expect(iso6346CheckDigit('MSKU123456')).toBe(5);
    // A sum whose remainder is 10 is written 0. Letter values from the standard's table.
    const table = 'A10 B12 C13 D14 E15 F16 G17 H18 I19 J20 K21 L23 M24 N25 O26 P27 Q28 R29 S30 T31 U32 V34 W35 X36 Y37 Z38';
    const values = new Map(table.split(' ').map((e) => [e[0]!, Number(e.slice(1))]));
    const sumOf = (b: string) => [...b].reduce((sum, ch, i) => sum + (values.get(ch) ?? Number(ch)) * 2 ** i, 0);
    expect(sumOf('CSQU305438') % 11).toBe(3);
    const body = Array.from({ length: 500 }, (_, i) => `TGHU${String(i).padStart(6, '0')}`).find((b) => sumOf(b) % 11 === 10);
    expect(body).toBeDefined();
    expect(iso6346CheckDigit(body!)).toBe(0);
  });

  it('gives letters the values 10..38 skipping multiples of 11', () => {
    // A=10, K=21, L=23, U=32, V=34, Z=38: a single letter in position 0 contributes its value.
    expect(iso6346CheckDigit('A')).toBe(10 % 11 % 10);
    expect(iso6346CheckDigit('L')).toBe(23 % 11);
    expect(iso6346CheckDigit('V')).toBe(34 % 11);
    expect(iso6346CheckDigit('Z')).toBe(38 % 11);
  });

  it('parses and normalises valid numbers', () => {
    const r = parseContainerNumber(' csqu 305438-3 ');
    expect(r).toEqual({ ok: true, value: { value: 'CSQU3054383', ownerCode: 'CSQ', category: 'U', serial: '305438', checkDigit: 3 } });
    expect(parseContainerNumber('MSKU1234565').ok).toBe(true);
  });

  it('rejects a wrong check digit and says which one is right', () => {
    expect(errorOf(parseContainerNumber('CSQU3054384'))).toMatch(/check digit is 4 but ISO 6346 gives 3/);
    expect(errorOf(parseContainerNumber('MSKU1234566'))).toMatch(/gives 5/);
  });

  it('names the faulty part', () => {
    expect(errorOf(parseContainerNumber('CSQU305438'))).toMatch(/10 characters; expected 11/);
    expect(errorOf(parseContainerNumber('C5QU3054383'))).toMatch(/owner code/);
    expect(errorOf(parseContainerNumber('CSQX3054383'))).toMatch(/category identifier .* U, J or Z, found "X"/);
    expect(errorOf(parseContainerNumber('CSQU30543A3'))).toMatch(/serial number/);
    expect(errorOf(parseContainerNumber('CSQU305438X'))).toMatch(/check digit \(character 11\) must be a digit/);
  });

  it('matches partial numbers for search', () => {
    expect(containerNumberMatches('MSKU123', 'MSKU1234565')).toBe(true);
    expect(containerNumberMatches('msku 1234', 'MSKU1234565')).toBe(true);
    expect(containerNumberMatches('123456', 'MSKU1234565')).toBe(true);
    expect(containerNumberMatches('1234565', 'MSKU1234565')).toBe(true);
    expect(containerNumberMatches('MSCU123', 'MSKU1234565')).toBe(false);
    expect(containerNumberMatches('23456', 'MSKU1234565')).toBe(false);
    expect(containerNumberMatches('', 'MSKU1234565')).toBe(false);
  });
});

describe('rail wagon numbers', () => {
  it('verifies UIC check digits of published examples', () => {
    expect(wagonCheckDigit('21812471217')).toBe(3);
    expect(wagonCheckDigit('50512618001')).toBe(5);
    expect(parseWagonNumber('21 81 2471 217-3')).toEqual({ ok: true, value: { value: '218124712173', system: 'uic', checkDigit: 3 } });
    expect(parseWagonNumber('50 51 26-18 001-5').ok).toBe(true);
    expect(errorOf(parseWagonNumber('21 81 2471 217-4'))).toMatch(/check digit is 4 but the UIC rule gives 3/);
  });

  it('verifies 1520-gauge 8-digit numbers (weights 2,1,2,1,2,1,2, cross sums, complement to 10)', () => {
    // 5·2=10→1, 2, 5·2=10→1, 4, 3·2=6, 2, 6·2=12→3: sum 19, check 1.
    expect(wagonCheckDigit('5254326')).toBe(1);
    expect(parseWagonNumber('5254 3261')).toEqual({ ok: true, value: { value: '52543261', system: 'gauge-1520', checkDigit: 1 } });
    expect(errorOf(parseWagonNumber('52543262'))).toMatch(/1520-gauge rule gives 1/);
  });

  it('rejects other lengths and letters', () => {
    expect(errorOf(parseWagonNumber('1234567890'))).toMatch(/10 digits; expected 12 \(UIC\) or 8/);
    expect(errorOf(parseWagonNumber('5254A261'))).toMatch(/digits only/);
  });
});

describe('MRN', () => {
  const body = '25KZ0000000001234';
  const check = String(iso6346CheckDigit(body));
  it('accepts the NCTS check character (ISO 6346 over the first 17 characters)', () => {
    expect(parseMrn(`${body}${check}`)).toEqual({ ok: true, value: { value: `${body}${check}`, year: '25', country: 'KZ', checkCharacter: check } });
    expect(parseMrn(`${body.toLowerCase()}${check}`).ok).toBe(true);
  });
  it('rejects a wrong check character unless told not to verify', () => {
    const wrong = String((Number(check) + 1) % 10);
    expect(errorOf(parseMrn(`${body}${wrong}`))).toMatch(new RegExp(`gives "${check}"`));
    expect(parseMrn(`${body}${wrong}`, { verifyCheckCharacter: false }).ok).toBe(true);
  });
  it('names the faulty part', () => {
    expect(errorOf(parseMrn('25KZ000'))).toMatch(/7 characters; expected 18/);
    expect(errorOf(parseMrn(`X5KZ0000000001234${check}`))).toMatch(/year/);
    expect(errorOf(parseMrn(`2512000000000123400`))).toMatch(/country/);
    expect(errorOf(parseMrn(`25KZ00000000012*40`))).toMatch(/letters A-Z or digits/);
  });
});

describe('TIR carnet, IMO, plates', () => {
  it('TIR carnet: 2 letters + 8 digits', () => {
    expect(parseTirCarnetNumber('xy 12345678')).toEqual({ ok: true, value: { value: 'XY12345678' } });
    expect(errorOf(parseTirCarnetNumber('X123456789'))).toMatch(/2 letters followed by 8 digits/);
  });
  it('IMO numbers carry a weighted check digit', () => {
    expect(imoCheckDigit('907472')).toBe(9);
    expect(parseImoNumber('IMO 9074729')).toEqual({ ok: true, value: { value: '9074729' } });
    expect(parseImoNumber('9176187').ok).toBe(true);
    expect(errorOf(parseImoNumber('IMO 9074728'))).toMatch(/check digit is 8 but the IMO rule gives 9/);
    expect(errorOf(parseImoNumber('IMO 907472'))).toMatch(/7 digits/);
  });
  it('plates are normalised and keyed by country', () => {
    expect(parseVehiclePlate('01 a 123-bc', 'UZ')).toEqual({ ok: true, value: { value: '01A123BC', country: 'UZ' } });
    expect(parseVehiclePlate('А 123 ВС 77', 'RU').ok).toBe(true);
    expect(errorOf(parseVehiclePlate('123ABC', 'uz'))).toMatch(/ISO 3166-1/);
    expect(errorOf(parseVehiclePlate('ABC', 'KZ'))).toMatch(/no digit/);
    expect(errorOf(parseVehiclePlate('A', 'KZ'))).toMatch(/2 to 12/);
  });
});

describe('trade codes', () => {
  it('HS codes: 6-10 digits in an existing chapter', () => {
    expect(parseHsCode('8471.30')).toEqual({ ok: true, value: '847130' });
    expect(parseHsCode('8471 30 00 00')).toEqual({ ok: true, value: '8471300000' });
    expect(parseHsCode('0101210000').ok).toBe(true);
    expect(errorOf(parseHsCode('84713'))).toMatch(/6 to 10 digits/);
    expect(errorOf(parseHsCode('84713000001'))).toMatch(/6 to 10 digits/);
    expect(errorOf(parseHsCode('8471A0'))).toMatch(/6 to 10 digits/);
    expect(errorOf(parseHsCode('000000'))).toMatch(/chapter 00 does not exist/);
    expect(errorOf(parseHsCode('770000'))).toMatch(/chapter 77/);
    expect(errorOf(parseHsCode('980000'))).toMatch(/chapter 98/);
  });
  it('currency and country codes', () => {
    expect(parseCurrencyCode('KZT').ok).toBe(true);
    expect(errorOf(parseCurrencyCode('usd'))).toMatch(/ISO 4217/);
    expect(parseCountryCode('UZ').ok).toBe(true);
    expect(errorOf(parseCountryCode('UZB'))).toMatch(/alpha-2/);
  });
  it('GLN check digit', () => {
    expect(gs1CheckDigit('629104150021')).toBe(3);
    expect(parseGln('6291041500213').ok).toBe(true);
    expect(errorOf(parseGln('6291041500214'))).toMatch(/GS1 rule gives 3/);
    expect(errorOf(parseGln('629104150021'))).toMatch(/13 digits/);
  });
});

describe('shipment references', () => {
  it('free-form kinds are trimmed; MRN and TIR are checked', () => {
    expect(parseShipmentReference('cmr', '  KZ 0012  345 ')).toEqual({ ok: true, value: { kind: 'cmr', value: 'KZ 0012 345' } });
    expect(parseShipmentReference('smgs', '12345678').ok).toBe(true);
    expect(errorOf(parseShipmentReference('tir-carnet', 'XY123'))).toMatch(/TIR carnet/);
    expect(errorOf(parseShipmentReference('mrn', 'abc'))).toMatch(/MRN/);
    expect(errorOf(parseShipmentReference('fax', '1'))).toMatch(/reference kind "fax" is unknown/);
    expect(errorOf(parseShipmentReference('bill-of-lading', '   '))).toMatch(/empty/);
    expect(errorOf(parseShipmentReference('booking', 'x'.repeat(65)))).toMatch(/at most 64/);
  });
});
