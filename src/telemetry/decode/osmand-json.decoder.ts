// The OsmAnd port's JSON body form, which Traccar Client 9 and later sends (the shape of its
// background-geolocation library's locations):
//
//   { "device_id": "trk-1",
//     "location": {                                 or an array of such objects (Karvon's addition;
//       "timestamp": "2026-12-07T10:00:00.000Z",      Traccar reads one)
//       "coords": { "latitude", "longitude", "accuracy" (m), "speed" (m/s), "heading", "altitude" (m) },
//       "is_moving": true, "odometer": 1234.5 (m), "event": "motionchange", "mock": false,
//       "activity": { "type": "in_vehicle" }, "battery": { "level": 0.87, "is_charging": false },
//       "alarm" | "extras": { "alarm" } } }
//
// Negative speed, heading, accuracy or battery level mean "unknown" in that library and are left out.
// Other fields it sends (uuid, age, extras...) are not readings and are ignored, as Traccar does;
// known fields of the wrong type are problems. The flags become attributes: moving, odometerM, event,
// mock, activity, charge, alarm.
import { attributesFrom, attributeValueProblem, type AttributeValue } from './attributes.js';
import { deviceIdProblem, readingList } from './batch.decoder.js';
import { collect, emptyDecoded, isPlainObject, kindOf, pointerTo, problemOnly, shown, type Decoded, type MutablePosition, type ReadingOutcome } from './decoded.js';
import { earliestTimeProblem, noFixProblem, rangeProblem, type RangedField } from './reading-rules.js';
import { parseDateTime } from './reading-time.js';
import { metresPerSecondToKmh } from './osmand-values.js';

/** Decodes the OsmAnd JSON body (already parsed JSON). */
export function decodeOsmandJson(body: unknown, serverTime: number): Decoded {
  if (!isPlainObject(body)) return problemOnly({ pointer: '', reason: `the body must be a JSON object {"device_id": ..., "location": {...}}, not ${kindOf(body)}` });
  const idProblem = body['device_id'] == null ? 'device_id is missing: the body names its device in device_id' : deviceIdProblem(body['device_id'])?.replace(/^deviceId/, 'device_id');
  if (idProblem) return problemOnly({ pointer: '/device_id', reason: idProblem });
  const deviceId = body['device_id'] as string;

  const location = body['location'];
  if (location == null) return problemOnly({ pointer: '/location', deviceId, reason: 'location is missing: the body carries the reading in location' });
  const decoded = emptyDecoded();
  if (!Array.isArray(location)) {
    collect(decoded, decodeLocation(location, '/location', deviceId, serverTime), '/location');
    return decoded;
  }
  const list = readingList(location, '/location');
  if ('problem' in list) return problemOnly({ ...list.problem, deviceId, reason: list.problem.reason.replace(/^readings/, 'location') });
  list.items.forEach((item, i) => collect(decoded, decodeLocation(item, pointerTo('/location', i), deviceId, serverTime), pointerTo('/location', i)));
  return decoded;
}

function decodeLocation(location: unknown, pointer: string, deviceId: string, serverTime: number): ReadingOutcome {
  const fail = (at: string, reason: string): ReadingOutcome => ({ problem: { pointer: at, deviceId, reason } });
  if (!isPlainObject(location)) return fail(pointer, `a location must be a JSON object, not ${kindOf(location)}`);

  const timestamp = location['timestamp'];
  const fixTime =
    typeof timestamp === 'string' ? parseDateTime(timestamp, { offsetRequired: false }) : typeof timestamp === 'number' && Number.isFinite(timestamp) ? Math.round(timestamp) : undefined;
  if (fixTime === undefined) {
    const got = timestamp == null ? 'is missing' : `${shown(timestamp)} is not`;
    return fail(pointerTo(pointer, 'timestamp'), `timestamp ${got} an ISO 8601 time like "2026-12-07T10:00:00.000Z" (or epoch milliseconds)`);
  }
  const tooEarly = earliestTimeProblem(fixTime, 'timestamp');
  if (tooEarly) return fail(pointerTo(pointer, 'timestamp'), tooEarly);

  const coordsAt = pointerTo(pointer, 'coords');
  const coords = location['coords'];
  if (!isPlainObject(coords)) {
    return fail(coordsAt, coords == null ? 'coords is missing: Karvon needs the position of every reading' : `coords must be a JSON object, not ${kindOf(coords)}`);
  }
  const number = (object: Record<string, unknown>, name: string, at: string): number | undefined | { problem: ReadingOutcome } => {
    const value = object[name];
    if (value == null) return undefined;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    return { problem: fail(pointerTo(at, name), `${name} must be a number, not ${kindOf(value)} ${shown(value)}`) };
  };

  const place: Partial<Record<'latitude' | 'longitude', number>> = {};
  for (const [name, field] of [['latitude', 'lat'], ['longitude', 'lon']] as const) {
    const value = number(coords, name, coordsAt);
    if (typeof value === 'object') return value.problem;
    if (value === undefined) return fail(pointerTo(coordsAt, name), `${name} is missing`);
    const problem = rangeProblem(field, value, name);
    if (problem) return fail(pointerTo(coordsAt, name), problem);
    place[name] = value;
  }
  const noFix = noFixProblem(place.latitude!, place.longitude!);
  if (noFix) return fail(coordsAt, noFix);
  const position: MutablePosition = { deviceId, fixTime, deviceTime: fixTime, serverTime, lat: place.latitude!, lon: place.longitude! };

  const measures: readonly [string, RangedField, (value: number) => number, string][] = [
    ['speed', 'speedKmh', metresPerSecondToKmh, ' m/s'],
    ['heading', 'headingDeg', (value) => value, ''],
    ['accuracy', 'accuracyM', (value) => value, ''],
    ['altitude', 'altitudeM', (value) => value, ''],
  ];
  for (const [name, field, convert, unit] of measures) {
    const value = number(coords, name, coordsAt);
    if (typeof value === 'object') return value.problem;
    // The library writes -1 for what the phone did not measure; altitude may truly be below 0.
    if (value === undefined || (value < 0 && field !== 'altitudeM')) continue;
    const converted = convert(value);
    const problem = rangeProblem(field, converted, name, converted === value ? String(value) : `${value}${unit} (${converted} km/h)`);
    if (problem) return fail(pointerTo(coordsAt, name), problem);
    position[field] = converted;
  }

  const battery = location['battery'];
  const entries: [string, AttributeValue][] = [];
  if (battery != null) {
    const batteryAt = pointerTo(pointer, 'battery');
    if (!isPlainObject(battery)) return fail(batteryAt, `battery must be a JSON object, not ${kindOf(battery)}`);
    const level = number(battery, 'level', batteryAt);
    if (typeof level === 'object') return level.problem;
    if (level !== undefined && level >= 0) {
      if (level > 1) return fail(pointerTo(batteryAt, 'level'), `battery level ${level} is above 1: it is a fraction from 0 to 1 (0.87 is 87%)`);
      position.batteryPct = Math.round(level * 10_000) / 100;
    }
    const charging = battery['is_charging'];
    if (charging != null) {
      if (typeof charging !== 'boolean') return fail(pointerTo(batteryAt, 'is_charging'), `is_charging must be true or false, not ${kindOf(charging)}`);
      entries.push(['charge', charging]);
    }
  }

  const activity = location['activity'];
  const extras = location['extras'];
  const flags: readonly [string, unknown, 'boolean' | 'number' | 'string', string][] = [
    ['is_moving', location['is_moving'], 'boolean', 'moving'],
    ['odometer', location['odometer'], 'number', 'odometerM'],
    ['event', location['event'], 'string', 'event'],
    ['mock', location['mock'], 'boolean', 'mock'],
    ['activity/type', isPlainObject(activity) ? activity['type'] : undefined, 'string', 'activity'],
    ['alarm', location['alarm'] ?? (isPlainObject(extras) ? extras['alarm'] : undefined), 'string', 'alarm'],
  ];
  for (const [path, value, type, name] of flags) {
    if (value == null) continue;
    const at = `${pointer}/${path}`;
    if (typeof value !== type) return fail(at, `${path} must be a ${type}, not ${kindOf(value)} ${shown(value)}`);
    const problem = attributeValueProblem(name, value);
    if (problem) return fail(at, problem);
    entries.push([name, value as AttributeValue]);
  }
  if (entries.length > 0) position.attributes = attributesFrom(entries);
  return { position };
}
