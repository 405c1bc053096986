// The OsmAnd protocol as Traccar Client and trackers send it: query or form parameters, and the JSON
// body form of Traccar Client 9+. Units converted (knots, m/s, battery fraction), the device key never kept.
import { describe, expect, it } from 'vitest';
import { decodeOsmand } from '../../src/telemetry/decode/osmand.decoder.js';
import { decodeOsmandJson } from '../../src/telemetry/decode/osmand-json.decoder.js';

const SERVER_TIME = Date.parse('2026-12-07T10:00:05Z');
const FIX_MS = Date.parse('2026-12-07T10:00:00Z');
const params = (extra: Record<string, unknown> = {}) => ({ id: 'trk-1', lat: '44.1', lon: '80.2', timestamp: String(FIX_MS / 1000), ...extra });
const problemOf = (extra: Record<string, unknown>) => {
  const decoded = decodeOsmand(params(extra), SERVER_TIME);
  expect(decoded.readings).toEqual([]);
  expect(decoded.problems).toHaveLength(1);
  return decoded.problems[0]!;
};
const positionOf = (extra: Record<string, unknown>) => {
  const decoded = decodeOsmand(params(extra), SERVER_TIME);
  expect(decoded.problems).toEqual([]);
  return decoded.readings[0]!;
};

describe('decodeOsmand: query and form parameters', () => {
  it('decodes a Traccar Client request, speed from knots to km/h, the key left out', () => {
    const decoded = decodeOsmand(
      { ...params(), speed: '10', bearing: '271.5', altitude: '640', accuracy: '12.5', batt: '87', charge: 'true', key: 'secret-device-token' },
      SERVER_TIME,
    );
    expect(decoded).toEqual({
      readings: [
        {
          deviceId: 'trk-1',
          fixTime: FIX_MS,
          deviceTime: FIX_MS,
          serverTime: SERVER_TIME,
          lat: 44.1,
          lon: 80.2,
          speedKmh: 18.52,
          headingDeg: 271.5,
          altitudeM: 640,
          accuracyM: 12.5,
          batteryPct: 87,
          attributes: { charge: true },
        },
      ],
      problems: [],
      pointers: [''],
    });
    expect(JSON.stringify(decoded)).not.toContain('secret-device-token');
  });

  it('reads the aliases: deviceid, location=lat,lon, heading', () => {
    const position = positionOf({ id: undefined, deviceid: 'trk-9', lat: undefined, lon: undefined, location: '42.87,74.59', heading: '90' });
    expect(position).toMatchObject({ deviceId: 'trk-9', lat: 42.87, lon: 74.59, headingDeg: 90 });
  });

  it('reads timestamps as epoch seconds, epoch milliseconds, ISO 8601 and yyyy-MM-dd HH:mm:ss (UTC)', () => {
    expect(positionOf({ timestamp: '1796637600' }).fixTime).toBe(FIX_MS);
    expect(positionOf({ timestamp: '1796637600.5' }).fixTime).toBe(FIX_MS + 500);
    expect(positionOf({ timestamp: String(FIX_MS) }).fixTime).toBe(FIX_MS);
    expect(positionOf({ timestamp: '2026-12-07T15:00:00+05:00' }).fixTime).toBe(FIX_MS);
    expect(positionOf({ timestamp: '2026-12-07T10:00:00.000Z' }).fixTime).toBe(FIX_MS);
    expect(positionOf({ timestamp: '2026-12-07 10:00:00' }).fixTime).toBe(FIX_MS);
  });

  it('uses the server time when the request has no timestamp', () => {
    expect(positionOf({ timestamp: undefined })).toMatchObject({ fixTime: SERVER_TIME, deviceTime: SERVER_TIME, serverTime: SERVER_TIME });
  });

  it('keeps other parameters as attributes: numbers, booleans, text; long digit strings and driver ids as text', () => {
    const position = positionOf({ hdop: '1.2', sat: '9', ignition: 'false', event: 'motion', iccid: '89860012345678901234', driverUniqueId: '0042', notificationToken: 'push-token' });
    expect(position.attributes).toEqual({ hdop: 1.2, sat: 9, ignition: false, event: 'motion', iccid: '89860012345678901234', driverUniqueId: '0042' });
    expect(position.accuracyM).toBeUndefined();
  });

  it('takes a single-element array (a parser that always makes lists) like a single value, and e-seal codes as a list', () => {
    expect(positionOf({ lat: ['44.1'], sealCodes: '01,05' })).toMatchObject({ lat: 44.1, sealCodes: ['01', '05'] });
  });

  it('accepts valid=true or 1 and refuses a fix the device says is not valid', () => {
    expect(positionOf({ valid: '1' }).lat).toBe(44.1);
    expect(positionOf({ valid: 'TRUE' }).lat).toBe(44.1);
    expect(problemOf({ valid: 'false' })).toEqual({ pointer: 'valid', deviceId: 'trk-1', reason: 'valid=false: the device says this fix is not valid, so the reading is not used' });
    expect(problemOf({ valid: '0' }).pointer).toBe('valid');
  });

  it('names the parameter of every problem', () => {
    expect(problemOf({ id: undefined })).toEqual({ pointer: 'id', reason: 'id is missing: an OsmAnd request names its device in id (or deviceid)' });
    expect(problemOf({ id: 'trk 1' })).toMatchObject({ pointer: 'id', reason: expect.stringMatching(/^id "trk 1" is not a device id/) });
    expect(problemOf({ deviceid: 'trk-2' })).toMatchObject({ pointer: 'deviceid', reason: "deviceid 'trk-2' differs from id 'trk-1'; send one of them" });
    expect(problemOf({ lat: undefined })).toMatchObject({ pointer: 'lat', reason: 'lat is missing: send lat and lon (or location=lat,lon) in decimal degrees' });
    expect(problemOf({ lon: '0x10' })).toMatchObject({ pointer: 'lon', reason: 'lon "0x10" is not a number' });
    expect(problemOf({ lat: '' })).toMatchObject({ pointer: 'lat', reason: 'lat "" is not a number' });
    expect(problemOf({ lat: '95' })).toMatchObject({ pointer: 'lat', reason: 'lat 95 is outside -90..90' });
    expect(problemOf({ lat: '0', lon: '0' }).reason).toMatch(/no GPS fix/);
    expect(problemOf({ lat: undefined, lon: undefined, location: '42.8' })).toMatchObject({ pointer: 'location', reason: 'location "42.8" is not "lat,lon" in decimal degrees' });
    expect(problemOf({ lat: undefined, lon: undefined, location: '42.8,190' })).toMatchObject({ pointer: 'location', reason: 'location: lon 190 is outside -180..180' });
    expect(problemOf({ location: '1,2' }).reason).toBe('location and lat/lon are both given; send one of them');
    expect(problemOf({ timestamp: 'yesterday' })).toMatchObject({ pointer: 'timestamp', reason: expect.stringMatching(/^timestamp "yesterday" is not epoch seconds/) });
    expect(problemOf({ timestamp: '2026-13-01 10:00:00' }).pointer).toBe('timestamp');
    expect(problemOf({ timestamp: '86400' }).reason).toBe('timestamp 1970-01-02T00:00:00.000Z is before 2000-01-01: check the device clock');
    expect(problemOf({ speed: 'fast' })).toMatchObject({ pointer: 'speed', reason: 'speed "fast" is not a number (knots)' });
    expect(problemOf({ speed: '600' })).toMatchObject({ pointer: 'speed', reason: 'speed 600 knots (1111.2 km/h) is outside 0..1000 km/h' });
    expect(problemOf({ bearing: '400' })).toMatchObject({ pointer: 'bearing', reason: 'bearing 400 is outside 0..360 degrees' });
    expect(problemOf({ bearing: '10', heading: '20' }).pointer).toBe('heading');
    expect(problemOf({ batt: '120' })).toMatchObject({ pointer: 'batt', reason: 'batt 120 is outside 0..100%' });
    expect(problemOf({ accuracy: '-3' })).toMatchObject({ pointer: 'accuracy', reason: 'accuracy -3 is below 0 m' });
    expect(problemOf({ charge: 'maybe' })).toMatchObject({ pointer: 'charge', reason: 'charge "maybe" is not true or false' });
    expect(problemOf({ hdop: '-1' }).pointer).toBe('hdop');
    expect(problemOf({ sealCodes: '01,9' })).toMatchObject({ pointer: 'sealCodes', reason: expect.stringMatching(/^"9" is not an EAEU seal status code/) });
  });

  it('refuses repeated parameters, non-text values, bad names, long values and too many attributes', () => {
    expect(problemOf({ lat: ['44.1', '45'] })).toEqual({ pointer: 'lat', reason: "parameter 'lat' is given 2 times; give it once" });
    expect(problemOf({ extra: { nested: '1' } })).toEqual({ pointer: 'extra', reason: "parameter 'extra' must be text, not an object" });
    expect(problemOf({ temp_c: '4' })).toMatchObject({ pointer: 'temp_c', reason: expect.stringMatching(/^parameter name "temp_c" is not a camelCase name/) });
    expect(problemOf({ note: 'x'.repeat(300) })).toMatchObject({ pointer: 'note', reason: "attribute 'note' is 300 characters long; at most 256 are accepted" });
    const many = Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`a${i}`, '1']));
    expect(problemOf(many)).toMatchObject({ pointer: '', reason: '33 attributes; at most 32 are accepted per reading (parameters other than the position\'s own)' });
  });

  it('refuses prototype-pollution parameter names and never throws on garbage', () => {
    const polluted = Object.assign(Object.create(null) as Record<string, unknown>, params());
    Object.defineProperty(polluted, '__proto__', { value: 'x', enumerable: true });
    expect(decodeOsmand(polluted, SERVER_TIME).problems[0]).toMatchObject({ pointer: '__proto__' });
    expect(problemOf({ constructor: '1' }).reason).toBe("parameter name 'constructor' is reserved; choose another name");
    expect(problemOf({ charge: '__proto__' }).pointer).toBe('charge');
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
    for (const value of [null, undefined, 1, true, [], [[]], {}, Symbol('s'), Number.NaN]) {
      for (const name of ['id', 'lat', 'timestamp', 'speed', 'valid', 'other', 'key']) {
        const decoded = decodeOsmand(params({ [name]: value }), SERVER_TIME);
        expect(decoded.readings.length + decoded.problems.length).toBe(1);
      }
    }
    expect(decodeOsmand({}, SERVER_TIME).problems[0]!.pointer).toBe('id');
  });
});

describe('decodeOsmandJson: the JSON body form', () => {
  const location = (extra: Record<string, unknown> = {}, coords: Record<string, unknown> = {}) => ({
    timestamp: '2026-12-07T10:00:00.000Z',
    coords: { latitude: 44.1, longitude: 80.2, accuracy: 5, speed: 10, heading: 90, altitude: 640, ...coords },
    ...extra,
  });
  const problemOfJson = (body: unknown) => {
    const decoded = decodeOsmandJson(body, SERVER_TIME);
    expect(decoded.readings).toEqual([]);
    expect(decoded.problems).toHaveLength(1);
    return decoded.problems[0]!;
  };

  it('decodes a Traccar Client body: m/s to km/h, battery fraction to percent, flags to attributes', () => {
    const body = {
      device_id: 'phone-7',
      location: location({
        is_moving: true,
        odometer: 1234.5,
        event: 'motionchange',
        mock: false,
        uuid: 'ignored',
        age: 12,
        activity: { type: 'in_vehicle', confidence: 100 },
        battery: { level: 0.57, is_charging: false },
        extras: { alarm: 'sos' },
      }),
    };
    expect(decodeOsmandJson(body, SERVER_TIME)).toEqual({
      readings: [
        {
          deviceId: 'phone-7',
          fixTime: FIX_MS,
          deviceTime: FIX_MS,
          serverTime: SERVER_TIME,
          lat: 44.1,
          lon: 80.2,
          speedKmh: 36,
          headingDeg: 90,
          accuracyM: 5,
          altitudeM: 640,
          batteryPct: 57,
          attributes: { charge: false, moving: true, odometerM: 1234.5, event: 'motionchange', mock: false, activity: 'in_vehicle', alarm: 'sos' },
        },
      ],
      problems: [],
      pointers: ['/location'],
    });
  });

  it('leaves out what the phone marks unknown (-1) and keeps a negative altitude', () => {
    const [position] = decodeOsmandJson({ device_id: 'p', location: location({ battery: { level: -1, is_charging: true } }, { speed: -1, heading: -1, accuracy: -1, altitude: -28 }) }, SERVER_TIME).readings;
    expect(position).toEqual({ deviceId: 'p', fixTime: FIX_MS, deviceTime: FIX_MS, serverTime: SERVER_TIME, lat: 44.1, lon: 80.2, altitudeM: -28, attributes: { charge: true } });
  });

  it('decodes an array of locations, each on its own', () => {
    const decoded = decodeOsmandJson({ device_id: 'p', location: [location(), location({ timestamp: 'soon' }), location({}, { latitude: 44.2 })] }, SERVER_TIME);
    expect(decoded.readings.map((r) => r.lat)).toEqual([44.1, 44.2]);
    expect(decoded.pointers).toEqual(['/location/0', '/location/2']);
    expect(decoded.problems).toEqual([{ pointer: '/location/1/timestamp', deviceId: 'p', reason: 'timestamp "soon" is not an ISO 8601 time like "2026-12-07T10:00:00.000Z" (or epoch milliseconds)' }]);
    expect(problemOfJson({ device_id: 'p', location: Array.from({ length: 10_001 }, () => location()) })).toMatchObject({ pointer: '/location', reason: expect.stringMatching(/^10001 readings in one body/) });
  });

  it('names where each problem is', () => {
    expect(problemOfJson('x')).toEqual({ pointer: '', reason: 'the body must be a JSON object {"device_id": ..., "location": {...}}, not a string' });
    expect(problemOfJson({ location: location() })).toEqual({ pointer: '/device_id', reason: 'device_id is missing: the body names its device in device_id' });
    expect(problemOfJson({ device_id: 17, location: location() })).toEqual({ pointer: '/device_id', reason: 'device_id must be a string, not a number' });
    expect(problemOfJson({ device_id: 'p' })).toMatchObject({ pointer: '/location', deviceId: 'p' });
    expect(problemOfJson({ device_id: 'p', location: 'here' }).reason).toBe('a location must be a JSON object, not a string');
    expect(problemOfJson({ device_id: 'p', location: location({ timestamp: undefined }) }).reason).toMatch(/^timestamp is missing/);
    expect(problemOfJson({ device_id: 'p', location: location({ coords: undefined }) })).toMatchObject({ pointer: '/location/coords', reason: 'coords is missing: Karvon needs the position of every reading' });
    expect(problemOfJson({ device_id: 'p', location: location({}, { latitude: '44' }) })).toMatchObject({ pointer: '/location/coords/latitude', reason: 'latitude must be a number, not a string "44"' });
    expect(problemOfJson({ device_id: 'p', location: location({}, { longitude: undefined }) })).toMatchObject({ pointer: '/location/coords/longitude', reason: 'longitude is missing' });
    expect(problemOfJson({ device_id: 'p', location: location({}, { latitude: -91 }) }).reason).toBe('latitude -91 is outside -90..90');
    expect(problemOfJson({ device_id: 'p', location: location({}, { latitude: 0, longitude: 0 }) }).reason).toMatch(/no GPS fix/);
    expect(problemOfJson({ device_id: 'p', location: location({}, { speed: 300 }) })).toMatchObject({ pointer: '/location/coords/speed', reason: 'speed 300 m/s (1080 km/h) is outside 0..1000 km/h' });
    expect(problemOfJson({ device_id: 'p', location: location({}, { heading: 361 }) }).reason).toBe('heading 361 is outside 0..360 degrees');
    expect(problemOfJson({ device_id: 'p', location: location({ battery: { level: 57 } }) })).toMatchObject({ pointer: '/location/battery/level', reason: 'battery level 57 is above 1: it is a fraction from 0 to 1 (0.87 is 87%)' });
    expect(problemOfJson({ device_id: 'p', location: location({ battery: 0.5 }) }).pointer).toBe('/location/battery');
    expect(problemOfJson({ device_id: 'p', location: location({ battery: { is_charging: 'yes' } }) }).pointer).toBe('/location/battery/is_charging');
    expect(problemOfJson({ device_id: 'p', location: location({ is_moving: 'yes' }) })).toMatchObject({ pointer: '/location/is_moving', reason: 'is_moving must be a boolean, not a string "yes"' });
    expect(problemOfJson({ device_id: 'p', location: location({ activity: { type: 3 } }) }).pointer).toBe('/location/activity/type');
    expect(problemOfJson({ device_id: 'p', location: location({ event: 'e'.repeat(257) }) }).reason).toBe("attribute 'event' is 257 characters long; at most 256 are accepted");
  });

  it('reads a timestamp without zone as UTC, like the query form', () => {
    expect(decodeOsmandJson({ device_id: 'p', location: location({ timestamp: '2026-12-07T10:00:00' }) }, SERVER_TIME).readings[0]!.fixTime).toBe(FIX_MS);
  });

  it('never throws on garbage', () => {
    for (const value of [null, 1, 'x', [], [[]], {}, { coords: [] }, Symbol('s'), Number.NaN]) {
      expect(() => decodeOsmandJson(value, SERVER_TIME)).not.toThrow();
      expect(() => decodeOsmandJson({ device_id: 'p', location: value }, SERVER_TIME)).not.toThrow();
      for (const field of ['timestamp', 'coords', 'battery', 'activity', 'extras', 'odometer']) {
        const decoded = decodeOsmandJson({ device_id: 'p', location: location({ [field]: value }) }, SERVER_TIME);
        expect(decoded.readings.length + decoded.problems.length).toBe(1);
      }
    }
  });
});
