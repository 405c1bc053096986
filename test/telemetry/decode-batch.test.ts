// POST /api/telemetry's body: many readings of many devices, each decoded on its own; what cannot be
// used is one problem per reading, naming the field by JSON pointer and saying why.
import { describe, expect, it } from 'vitest';
import { parseDateTime } from '../../src/telemetry/decode/reading-time.js';
import { decodeBatch } from '../../src/telemetry/decode/batch.decoder.js';

const SERVER_TIME = Date.parse('2026-12-07T10:00:05Z');
const FIX = '2026-12-07T10:00:00Z';
const FIX_MS = Date.parse(FIX);
const reading = (extra: Record<string, unknown> = {}) => ({ deviceId: 'trk-1', fixTime: FIX, lat: 44.1, lon: 80.2, ...extra });
const decodeOne = (extra: Record<string, unknown>) => decodeBatch({ readings: [reading(extra)] }, SERVER_TIME);
const onlyProblem = (extra: Record<string, unknown>) => {
  const decoded = decodeOne(extra);
  expect(decoded.readings).toEqual([]);
  expect(decoded.problems).toHaveLength(1);
  return decoded.problems[0]!;
};

describe('decodeBatch: readings that can be used', () => {
  it('turns a minimal reading into a position with the three times', () => {
    expect(decodeBatch({ readings: [reading()] }, SERVER_TIME)).toEqual({
      readings: [{ deviceId: 'trk-1', fixTime: FIX_MS, deviceTime: FIX_MS, serverTime: SERVER_TIME, lat: 44.1, lon: 80.2 }],
      problems: [],
      pointers: ['/readings/0'],
    });
  });

  it('keeps every documented field', () => {
    const full = reading({
      deviceId: 'KZ.seal_7:a-1',
      fixTime: FIX_MS,
      deviceTime: '2026-12-07T15:00:02+05:00',
      speedKmh: 62.5,
      headingDeg: 270,
      altitudeM: -12,
      accuracyM: 8,
      batteryPct: 87,
      sealCodes: ['01', '05'],
      attributes: { temperatureC: 4.5, doorOpen: false, driver: 'Aibek', batteryV: 12 },
    });
    // Every field comes through as sent; only the device's clock is read into epoch ms, and the server's time added.
    expect(decodeBatch({ readings: [full] }, SERVER_TIME).readings).toEqual([{ ...full, deviceTime: FIX_MS + 2000, serverTime: SERVER_TIME }]);
  });

  it('reads RFC 3339 with offsets and fractions, and epoch milliseconds', () => {
    expect(decodeOne({ fixTime: '2026-12-07T15:30:00.250+05:30' }).readings[0]!.fixTime).toBe(FIX_MS + 250);
    expect(decodeOne({ fixTime: '2026-12-07t10:00:00.123456z' }).readings[0]!.fixTime).toBe(FIX_MS + 123);
    expect(decodeOne({ fixTime: '2026-12-07T05:00:00-0500' }).readings[0]!.fixTime).toBe(FIX_MS);
    expect(decodeOne({ fixTime: FIX_MS + 0.4 }).readings[0]!.fixTime).toBe(FIX_MS);
  });

  it('treats null optional fields as not measured and leaves empty seal codes and attributes out', () => {
    const [position] = decodeOne({ speedKmh: null, deviceTime: null, sealCodes: [], attributes: {} }).readings;
    expect(position).toEqual({ deviceId: 'trk-1', fixTime: FIX_MS, deviceTime: FIX_MS, serverTime: SERVER_TIME, lat: 44.1, lon: 80.2 });
  });

  it('returns the good readings of a batch beside a problem for each bad one', () => {
    const decoded = decodeBatch({ readings: [reading(), reading({ lat: 'north' }), 42, reading({ deviceId: 'trk-2' })] }, SERVER_TIME);
    expect(decoded.readings.map((r) => r.deviceId)).toEqual(['trk-1', 'trk-2']);
    expect(decoded.pointers).toEqual(['/readings/0', '/readings/3']);
    expect(decoded.problems).toEqual([
      { pointer: '/readings/1/lat', deviceId: 'trk-1', reason: 'lat must be a number, not a string "north"' },
      { pointer: '/readings/2', reason: 'a reading must be a JSON object, not a number' },
    ]);
  });

  it('accepts an empty batch without problems', () => {
    expect(decodeBatch({ readings: [] }, SERVER_TIME)).toEqual({ readings: [], problems: [], pointers: [] });
  });
});

describe('decodeBatch: bodies that are not batches', () => {
  it.each([
    [null, 'the body must be a JSON object {"readings": [...]}, not null'],
    ['{"readings": []}', 'the body must be a JSON object {"readings": [...]}, not a string'],
    [[reading()], 'the body must be a JSON object {"readings": [...]}, not an array'],
    [undefined, 'the body must be a JSON object {"readings": [...]}, not nothing'],
  ])('refuses %j as a whole', (body, reason) => {
    expect(decodeBatch(body, SERVER_TIME)).toEqual({ readings: [], problems: [{ pointer: '', reason }], pointers: [] });
  });

  it('names a missing or mistyped readings list', () => {
    expect(decodeBatch({}, SERVER_TIME).problems).toEqual([{ pointer: '/readings', reason: 'readings is missing: send {"readings": [ ... ]}' }]);
    expect(decodeBatch({ readings: { 0: reading() } }, SERVER_TIME).problems).toEqual([{ pointer: '/readings', reason: 'readings must be an array of readings, not an object' }]);
  });

  it('names unknown top-level fields and still decodes the readings', () => {
    const decoded = decodeBatch({ readings: [reading()], device: 'x', 'a/b': 1 }, SERVER_TIME);
    expect(decoded.readings).toHaveLength(1);
    expect(decoded.problems.map((p) => p.pointer)).toEqual(['/device', '/a~1b']);
  });

  it('refuses more than 10,000 readings whole, decoding none, and takes exactly 10,000', () => {
    const many = Array.from({ length: 10_001 }, () => reading());
    const refused = decodeBatch({ readings: many }, SERVER_TIME);
    expect(refused.readings).toEqual([]);
    expect(refused.problems).toEqual([
      { pointer: '/readings', reason: '10001 readings in one body; at most 10000 are accepted: send them in several batches (none of these was used)' },
    ]);
    expect(decodeBatch({ readings: many.slice(1) }, SERVER_TIME).readings).toHaveLength(10_000);
  });
});

describe('decodeBatch: each kind of bad reading', () => {
  it('names an unknown field and lists the known ones', () => {
    expect(onlyProblem({ speedKph: 60 })).toEqual({
      pointer: '/readings/0/speedKph',
      deviceId: 'trk-1',
      reason:
        "unknown field 'speedKph'; readings carry deviceId, fixTime, deviceTime, lat, lon, speedKmh, headingDeg, altitudeM, accuracyM, batteryPct, sealCodes, attributes (other measurements go in attributes, the unit in the name, like temperatureC)",
    });
  });

  it('refuses missing and malformed device ids, without naming a device', () => {
    expect(onlyProblem({ deviceId: undefined })).toEqual({ pointer: '/readings/0/deviceId', reason: 'deviceId is missing: every reading names its device' });
    expect(onlyProblem({ deviceId: 7 })).toEqual({ pointer: '/readings/0/deviceId', reason: 'deviceId must be a string, not a number' });
    expect(onlyProblem({ deviceId: '' }).reason).toBe('deviceId "" is not a device id: 1 to 128 letters, digits and . _ : - (it has 0 characters)');
    expect(onlyProblem({ deviceId: 'trk 1' }).reason).toMatch(/^deviceId "trk 1" is not a device id/);
    expect(onlyProblem({ deviceId: 'x'.repeat(129) }).reason).toMatch(/it has 129 characters\)$/);
    expect(decodeOne({ deviceId: 'x'.repeat(128) }).readings).toHaveLength(1);
  });

  it('refuses missing, zoneless, impossible and mistyped times', () => {
    expect(onlyProblem({ fixTime: undefined })).toEqual({
      pointer: '/readings/0/fixTime',
      deviceId: 'trk-1',
      reason: 'fixTime is missing: send the GPS fix time as RFC 3339 ("2026-12-07T10:00:00Z") or epoch milliseconds',
    });
    for (const fixTime of ['2026-12-07T10:00:00', '2026-02-30T10:00:00Z', '2026-12-07T24:00:00Z', '07.12.2026 10:00', '', '2026-12-07T10:00:00+25:00']) {
      expect(onlyProblem({ fixTime }).reason).toMatch(/^fixTime ".*" is not an RFC 3339 date and time with Z or an offset/);
    }
    expect(onlyProblem({ fixTime: true }).reason).toBe('fixTime must be an RFC 3339 string or epoch milliseconds, not a boolean');
    expect(onlyProblem({ deviceTime: 'yesterday' })).toMatchObject({ pointer: '/readings/0/deviceTime', reason: expect.stringMatching(/^deviceTime "yesterday" is not/) });
  });

  it('knows which years have a 29 February', () => {
    for (const day of ['2028-02-29', '2000-02-29', '2024-02-29']) expect(parseDateTime(`${day}T10:00:00Z`, { offsetRequired: true })).toBe(Date.parse(`${day}T10:00:00Z`));
    for (const day of ['2026-02-29', '2100-02-29', '2026-04-31']) expect(parseDateTime(`${day}T10:00:00Z`, { offsetRequired: true })).toBeUndefined();
    expect(parseDateTime('2026-12-31T23:59:59.250+05:00', { offsetRequired: true })).toBe(Date.parse('2026-12-31T18:59:59.250Z'));
  });

  it('refuses fix times before 2000 and hints at epoch seconds', () => {
    expect(onlyProblem({ fixTime: FIX_MS / 1000 }).reason).toMatch(/before 2000-01-01: it looks like epoch seconds/);
    expect(onlyProblem({ fixTime: '1999-12-31T23:59:59Z' }).reason).toBe('fixTime 1999-12-31T23:59:59.000Z is before 2000-01-01: check the device clock');
  });

  it('refuses positions off the globe, without a fix, or missing', () => {
    expect(onlyProblem({ lat: 91 })).toEqual({ pointer: '/readings/0/lat', deviceId: 'trk-1', reason: 'lat 91 is outside -90..90' });
    expect(onlyProblem({ lon: -180.5 }).pointer).toBe('/readings/0/lon');
    expect(onlyProblem({ lon: undefined })).toMatchObject({ pointer: '/readings/0/lon', reason: 'lon is missing' });
    expect(onlyProblem({ lat: '44.1' }).reason).toBe('lat must be a number, not a string "44.1"');
    expect(onlyProblem({ lat: 0, lon: 0 })).toMatchObject({ pointer: '/readings/0', reason: expect.stringMatching(/no GPS fix/) });
  });

  it('refuses impossible measures at their field', () => {
    expect(onlyProblem({ speedKmh: 1200 })).toMatchObject({ pointer: '/readings/0/speedKmh', reason: 'speedKmh 1200 is outside 0..1000 km/h' });
    expect(onlyProblem({ headingDeg: -5 })).toMatchObject({ pointer: '/readings/0/headingDeg' });
    expect(onlyProblem({ batteryPct: 150 })).toMatchObject({ pointer: '/readings/0/batteryPct' });
    expect(onlyProblem({ accuracyM: -1 })).toMatchObject({ pointer: '/readings/0/accuracyM', reason: 'accuracyM -1 is below 0 m' });
    expect(onlyProblem({ altitudeM: '640 m' }).reason).toBe('altitudeM must be a number, not a string "640 m"');
  });

  it('refuses seal codes that are not the EAEU ones, or repeated', () => {
    expect(onlyProblem({ sealCodes: ['01', '08'] })).toMatchObject({ pointer: '/readings/0/sealCodes/1', reason: '"08" is not an EAEU seal status code; the codes are 01, 02, 03, 04, 05, 06, 07 (strings)' });
    expect(onlyProblem({ sealCodes: [1] }).pointer).toBe('/readings/0/sealCodes/0');
    expect(onlyProblem({ sealCodes: '01' }).reason).toMatch(/^sealCodes must be an array/);
    expect(onlyProblem({ sealCodes: ['05', '05'] }).reason).toBe("seal code '05' is listed twice");
  });

  it('refuses attributes that are not flat, named in camelCase, small and few', () => {
    expect(onlyProblem({ attributes: [1] }).reason).toBe('attributes must be a JSON object of named values, not an array');
    expect(onlyProblem({ attributes: { temperature_c: 4 } })).toMatchObject({ pointer: '/readings/0/attributes/temperature_c', reason: expect.stringMatching(/is not a camelCase name/) });
    expect(onlyProblem({ attributes: { TemperatureC: 4 } }).reason).toMatch(/is not a camelCase name/);
    expect(onlyProblem({ attributes: { nested: { a: 1 } } }).reason).toBe("attribute 'nested' must be a string, number or boolean, not an object");
    expect(onlyProblem({ attributes: { list: [1] } }).reason).toMatch(/not an array$/);
    expect(onlyProblem({ attributes: { none: null } }).reason).toMatch(/not null$/);
    expect(onlyProblem({ attributes: { note: 'x'.repeat(257) } }).reason).toBe("attribute 'note' is 257 characters long; at most 256 are accepted");
    expect(decodeOne({ attributes: { note: 'x'.repeat(256) } }).readings).toHaveLength(1);
    const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`a${i}`, i]));
    expect(onlyProblem({ attributes: many(33) })).toMatchObject({ pointer: '/readings/0/attributes', reason: '33 attributes; at most 32 are accepted per reading' });
    expect(decodeOne({ attributes: many(32) }).readings).toHaveLength(1);
  });

  it('refuses prototype-pollution keys, leaving every prototype untouched', () => {
    const body = JSON.parse(
      `{"readings": [${JSON.stringify(reading())}, {"deviceId": "trk-1", "fixTime": "${FIX}", "lat": 1, "lon": 1, "attributes": {"__proto__": {"polluted": true}}},` +
        `{"deviceId": "trk-1", "fixTime": "${FIX}", "lat": 1, "lon": 1, "attributes": {"constructor": 1}}, {"__proto__": {"polluted": true}, "deviceId": "trk-1"}]}`,
    );
    const decoded = decodeBatch(body, SERVER_TIME);
    expect(decoded.readings).toHaveLength(1);
    expect(decoded.problems).toEqual([
      { pointer: '/readings/1/attributes/__proto__', deviceId: 'trk-1', reason: expect.stringMatching(/is not a camelCase name/) },
      { pointer: '/readings/2/attributes/constructor', deviceId: 'trk-1', reason: "attribute name 'constructor' is reserved; choose another name" },
      { pointer: '/readings/3/__proto__', deviceId: 'trk-1', reason: expect.stringMatching(/^unknown field '__proto__'/) },
    ]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(decoded.readings[0]!)).toBe(Object.prototype);
  });

  it('never throws, whatever it is given', () => {
    const garbage: unknown[] = [0, -1, 'x', true, Symbol('s'), () => 1, new Date(), Number.NaN, [], [[]], { readings: null }, { readings: [null, [], 'x', {}, { lat: {} }] }];
    for (const value of garbage) {
      expect(() => decodeBatch(value, SERVER_TIME)).not.toThrow();
      expect(() => decodeBatch({ readings: [value] }, SERVER_TIME)).not.toThrow();
      for (const field of ['deviceId', 'fixTime', 'deviceTime', 'lat', 'lon', 'speedKmh', 'sealCodes', 'attributes']) {
        const decoded = decodeOne({ [field]: value });
        expect(decoded.readings.length + decoded.problems.length).toBe(1);
      }
    }
  });
});
