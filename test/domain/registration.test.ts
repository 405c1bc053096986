import { describe, expect, it } from 'vitest';
import { validateShipmentRegistration, type RegistrationLookups, type ShipmentRegistration, type TransportMode } from '../../src/domain/index.js';

const LOCATIONS = new Set(['KZ-ALA-TERM', 'KZ-KHORGOS', 'KZ-AKTAU-PORT', 'AZ-ALAT-PORT', 'GE-POTI-PORT']);
const SEA_PAIRS = new Set(['KZ-AKTAU-PORT>AZ-ALAT-PORT']);
const lookups: RegistrationLookups = {
  isKnownLocation: (id) => LOCATIONS.has(id),
  isModePossible: (mode: TransportMode, from, to) => (mode === 'sea' ? SEA_PAIRS.has(`${from}>${to}`) : from.endsWith('PORT') && to.endsWith('PORT') ? false : undefined),
};

const valid: ShipmentRegistration = {
  references: [{ kind: 'bill-of-lading', value: 'KZAKT0001234' }, { kind: 'tir-carnet', value: 'XY12345678' }],
  parties: [
    { role: 'consignor', name: 'Almaty Textiles LLP', country: 'KZ', gln: '6291041500213' },
    { role: 'consignee', name: 'Baku Trade LLC', country: 'AZ' },
    { role: 'carrier', name: 'KTZ Express', country: 'KZ' },
  ],
  goods: [{ hsCode: '6109.10', description: 'cotton T-shirts', packages: 420, packageType: 'CT', grossKg: 5120.5, declaredValue: { amount: 84000, currency: 'USD' } }],
  transportUnits: [
    { kind: 'container', id: 'CSQU3054383', carriedBy: '52543261', seals: ['KZ123456'] },
    { kind: 'wagon', id: '52543261' },
    { kind: 'vessel', id: 'IMO 9074729' },
  ],
  itinerary: [
    { mode: 'rail', from: 'KZ-ALA-TERM', to: 'KZ-AKTAU-PORT', plannedDeparture: '2025-03-01T08:00:00Z', plannedArrival: '2025-03-05T18:00:00+05:00', transportUnitIds: ['52543261', 'CSQU3054383'] },
    { mode: 'sea', from: 'KZ-AKTAU-PORT', to: 'AZ-ALAT-PORT', plannedDeparture: '2025-03-07T06:00:00Z', plannedArrival: '2025-03-08T06:00:00Z', transportUnitIds: ['IMO 9074729'] },
  ],
};

function paths(input: ShipmentRegistration) {
  return validateShipmentRegistration(input, lookups).map((p) => `${p.code} ${p.path}`);
}

describe('validateShipmentRegistration', () => {
  it('accepts a complete, consistent registration', () => {
    expect(validateShipmentRegistration(valid, lookups)).toEqual([]);
  });

  it('reports every problem at once, each with its path', () => {
    const bad: ShipmentRegistration = {
      ...valid,
      references: [{ kind: 'mrn', value: '25KZ00000000012349' }, { kind: 'cmr', value: 'A1' }, { kind: 'cmr', value: ' A1 ' }],
      parties: [{ role: 'consignor', name: ' ', country: 'kz', gln: '6291041500214' }],
      goods: [{ hsCode: '7700', description: '', packages: 0, grossKg: -1, declaredValue: { amount: -5, currency: 'dollars' } }],
    };
    const found = paths(bad);
    expect(found).toEqual(expect.arrayContaining([
      'invalid-identifier /references/0/value',
      'duplicate /references/2',
      'missing /parties/0/name',
      'invalid-value /parties/0/country',
      'invalid-identifier /parties/0/gln',
      'missing /parties',
      'invalid-identifier /goods/0/hsCode',
      'missing /goods/0/description',
      'invalid-value /goods/0/packages',
      'invalid-value /goods/0/grossKg',
      'invalid-value /goods/0/declaredValue/amount',
      'invalid-value /goods/0/declaredValue/currency',
    ]));
    expect(validateShipmentRegistration(bad, lookups).find((p) => p.path === '/parties')!.message).toBe('a shipment needs a consignee');
  });

  it('requires references, goods and an itinerary', () => {
    expect(paths({ ...valid, references: [], goods: [], itinerary: [] })).toEqual(expect.arrayContaining(['missing /references', 'missing /goods', 'missing /itinerary']));
  });

  it('checks transport unit identifiers and carriage', () => {
    const found = paths({
      ...valid,
      transportUnits: [
        { kind: 'container', id: 'CSQU3054384', carriedBy: 'nowhere' },
        { kind: 'wagon', id: '52543262' },
        { kind: 'vessel', id: 'IMO 9074728' },
        { kind: 'truck', id: '01A123BC' },
        { kind: 'trailer', id: '01A124BC', country: 'UZ', carriedBy: '01A124BC' },
        { kind: 'container', id: 'MSKU1234565', carriedBy: 'MSKU1234565x' },
        { kind: 'wagon', id: '52543261', carriedBy: 'MSKU1234565' },
        { kind: 'container', id: 'MSKU1234565' },
      ],
      itinerary: [{ ...valid.itinerary[0]!, transportUnitIds: [] }],
    });
    expect(found).toEqual([
      'invalid-identifier /transportUnits/0/id',
      'invalid-identifier /transportUnits/1/id',
      'invalid-identifier /transportUnits/2/id',
      'missing /transportUnits/3/country',
      'duplicate /transportUnits/7/id',
      'unknown-transport-unit /transportUnits/0/carriedBy',
      'invalid-carriage /transportUnits/4/carriedBy',
      'unknown-transport-unit /transportUnits/5/carriedBy',
      'invalid-carriage /transportUnits/6/carriedBy',
    ]);
  });

  it('accepts trailers on ferries and refuses containers carried by containers', () => {
    const found = validateShipmentRegistration({
      ...valid,
      transportUnits: [{ kind: 'trailer', id: 'T1', country: 'KZ', carriedBy: 'IMO 9074729' }, { kind: 'vessel', id: 'IMO 9074729' }],
      itinerary: [{ ...valid.itinerary[0]!, transportUnitIds: [] }],
    }, lookups);
    expect(found).toEqual([]);
    // A container carried by a container is refused by the carriage table before any loop forms.
    expect(paths({ ...valid, transportUnits: [{ kind: 'container', id: 'CSQU3054383', carriedBy: 'MSKU1234565' }, { kind: 'container', id: 'MSKU1234565', carriedBy: 'CSQU3054383' }], itinerary: [{ ...valid.itinerary[0]!, transportUnitIds: [] }] }))
      .toEqual(['invalid-carriage /transportUnits/0/carriedBy', 'invalid-carriage /transportUnits/1/carriedBy']);
  });

  it('checks locations, times, chaining and modes of the itinerary', () => {
    const found = paths({
      ...valid,
      itinerary: [
        { mode: 'rail', from: 'KZ-ALA-TERM', to: 'XX-NOWHERE', plannedDeparture: '2025-03-05T08:00:00Z', plannedArrival: '2025-03-01T08:00:00Z', transportUnitIds: ['IMO 9074729'] },
        { mode: 'sea', from: 'KZ-AKTAU-PORT', to: 'GE-POTI-PORT', plannedDeparture: '2025-03-04T08:00:00Z', plannedArrival: 'tomorrow', transportUnitIds: ['ghost'] },
        { mode: 'road', from: 'GE-POTI-PORT', to: 'GE-POTI-PORT', plannedDeparture: '2025-03-10', plannedArrival: '2025-03-11T08:00:00Z' },
        { mode: 'air' as TransportMode, from: 'GE-POTI-PORT', to: 'KZ-KHORGOS', plannedDeparture: '2025-03-12T08:00:00Z', plannedArrival: '2025-03-13T08:00:00Z' },
      ],
    });
    expect(found).toEqual([
      'unknown-location /itinerary/0/to',
      'arrival-before-departure /itinerary/0/plannedArrival',
      'unit-mode-mismatch /itinerary/0/transportUnitIds/0',
      'invalid-time /itinerary/1/plannedArrival',
      'mode-impossible /itinerary/1/mode',
      'unknown-transport-unit /itinerary/1/transportUnitIds/0',
      'invalid-value /itinerary/2/to',
      'invalid-time /itinerary/2/plannedDeparture',
      'mode-impossible /itinerary/2/mode',
      'invalid-value /itinerary/3/mode',
      'legs-not-chained /itinerary/1/from',
    ]);
  });

  it('refuses a leg that departs before the previous one arrives', () => {
    const legs = valid.itinerary;
    const found = paths({ ...valid, itinerary: [legs[0]!, { ...legs[1]!, plannedDeparture: '2025-03-05T12:00:00Z' }] });
    // leg 0 arrives 2025-03-05T13:00Z (18:00+05:00).
    expect(found).toEqual(['legs-overlap /itinerary/1/plannedDeparture']);
    expect(paths({ ...valid, itinerary: [legs[0]!, { ...legs[1]!, plannedDeparture: '2025-03-05T13:00:00Z' }] })).toEqual([]);
  });

  it('trusts the mode lookup only when it knows', () => {
    const noModeLookup: RegistrationLookups = { isKnownLocation: lookups.isKnownLocation };
    const input = { ...valid, itinerary: [{ ...valid.itinerary[1]!, to: 'GE-POTI-PORT' }] };
    expect(validateShipmentRegistration(input, lookups).map((p) => p.code)).toEqual(['mode-impossible']);
    expect(validateShipmentRegistration(input, noModeLookup)).toEqual([]);
  });

  it('messages say what is wrong and what was expected', () => {
    const [problem] = validateShipmentRegistration({ ...valid, goods: [{ ...valid.goods[0]!, hsCode: '61' }] }, lookups);
    expect(problem).toEqual({ path: '/goods/0/hsCode', code: 'invalid-identifier', message: expect.stringMatching(/HS code "61" must be 6 to 10 digits/) });
  });
});

describe('validateShipmentRegistration on untyped JSON', () => {
  it('reports wrong types as problems instead of throwing', () => {
    const junk = {
      references: [{ kind: 'cmr', value: null }, { kind: 7, value: 'x' }],
      parties: [{ role: 'consignor', name: null, country: null, gln: 6291041500213 }],
      goods: [{ hsCode: 847130, description: 'x', packages: '3', grossKg: '10' }],
      transportUnits: [{ kind: 'container', id: null }, { kind: 'vessel', id: 9074729 }, { kind: 'truck', id: 5, country: 'KZ' }],
      itinerary: [{ mode: 'rail', from: 'KZ-ALA-TERM', to: 'KZ-AKTAU-PORT', plannedDeparture: 5, plannedArrival: null }],
    } as unknown as ShipmentRegistration;
    const found = validateShipmentRegistration(junk, lookups);
    expect(found.map((p) => `${p.code} ${p.path}`)).toEqual(expect.arrayContaining([
      'invalid-identifier /references/0/value',
      'invalid-value /references/1/kind',
      'missing /parties/0/name',
      'invalid-value /parties/0/country',
      'invalid-identifier /parties/0/gln',
      'invalid-identifier /goods/0/hsCode',
      'invalid-value /goods/0/packages',
      'invalid-value /goods/0/grossKg',
      'invalid-identifier /transportUnits/0/id',
      'invalid-identifier /transportUnits/1/id',
      'invalid-identifier /transportUnits/2/id',
      'invalid-time /itinerary/0/plannedDeparture',
      'invalid-time /itinerary/0/plannedArrival',
    ]));
    expect(found.find((p) => p.path === '/goods/0/hsCode')!.message).toBe('HS code must be a string, found number');
    expect(validateShipmentRegistration({} as ShipmentRegistration, lookups).map((p) => p.path)).toEqual(['/references', '/parties', '/parties', '/goods', '/itinerary']);
  });
});
