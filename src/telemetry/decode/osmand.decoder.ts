// The OsmAnd protocol as Traccar's OsmAnd port speaks it (Traccar Client, OsmAnd, many trackers):
// one reading per GET or POST, its fields as query or form parameters.
//
//   id | deviceid         the device                 lat, lon | location=lat,lon   WGS 84 degrees
//   timestamp            epoch s or ms (by size), ISO 8601, or yyyy-MM-dd HH:mm:ss (UTC); default: now
//   speed                knots (converted to km/h)  bearing | heading   degrees
//   altitude             metres                     accuracy            metres
//   batt                 battery percent            charge              true/false -> attribute charge
//   valid                false or 0: the device says the fix is not valid, so the reading is not used
//   hdop                 -> attribute hdop (dimensionless: not metres, so not accuracy)
//   sealCodes            01,05 (Karvon's addition: EAEU seal status codes)
//   key                  the device's credential: read by the HTTP layer, never kept
//   anything else        -> an attribute of that name: a number when it reads as one, true/false, or text
//
// Traccar, where it differs: it reads a time without zone in the server's zone (Karvon: UTC), takes
// the device's last position when lat/lon are missing (Karvon refuses the reading: it has no position
// to attach geofences to) and accepts any parameter name (Karvon: camelCase attribute names).
import type { SealCode } from '../../model/telemetry.js';
import { SEAL_CODES } from '../../model/telemetry.js';
import { attributeNameProblem, attributesFrom, attributeValueProblem, MAX_ATTRIBUTES, tooManyAttributes, type AttributeValue } from './attributes.js';
import { deviceIdProblem } from './batch.decoder.js';
import { collect, emptyDecoded, kindOf, shown, type Decoded, type MutablePosition, type ReadingOutcome } from './decoded.js';
import { earliestTimeProblem, noFixProblem, rangeProblem, type RangedField } from './reading-rules.js';
import { parseOsmandTimestamp } from './reading-time.js';
import { parseDecimal } from '../../epcis/query/normalise.js';
import { inferValue, knotsToKmh } from './osmand-values.js';

/**
 * Parameters that are not readings: `key` is the device's credential and `notificationToken` a push
 * token for Traccar's server; neither may be stored or shown with a position.
 */
const NOT_READINGS: ReadonlySet<string> = new Set(['key', 'notificationToken']);

/** Parameters Karvon reads into a position's own fields (or, for charge and hdop, named attributes). */
const READ_FIELDS: ReadonlySet<string> = new Set(['id', 'deviceid', 'valid', 'timestamp', 'lat', 'lon', 'location', 'speed', 'bearing', 'heading', 'altitude', 'accuracy', 'batt', 'charge', 'hdop', 'sealCodes']);

const BOOLEAN_TEXTS: ReadonlyMap<string, boolean> = new Map([['true', true], ['1', true], ['false', false], ['0', false]]);

/** Decodes one OsmAnd request's parameters (query string or form body, as the HTTP layer parsed them). */
export function decodeOsmand(params: Readonly<Record<string, unknown>>, serverTime: number): Decoded {
  const decoded = emptyDecoded();
  collect(decoded, decodeOsmandReading(params, serverTime), '');
  return decoded;
}

function decodeOsmandReading(params: Readonly<Record<string, unknown>>, serverTime: number): ReadingOutcome {
  const texts = new Map<string, string>();
  for (const name of Object.keys(params)) {
    if (NOT_READINGS.has(name) || params[name] === undefined) continue;
    const text = parameterText(name, params[name]);
    if (typeof text !== 'string') return { problem: { pointer: name, reason: text.problem } };
    texts.set(name, text);
  }

  const id = texts.get('id');
  const alias = texts.get('deviceid');
  const idName = id !== undefined ? 'id' : 'deviceid';
  const deviceId = id ?? alias;
  if (deviceId === undefined) return { problem: { pointer: 'id', reason: 'id is missing: an OsmAnd request names its device in id (or deviceid)' } };
  if (id !== undefined && alias !== undefined && id !== alias) return { problem: { pointer: 'deviceid', reason: `deviceid '${alias}' differs from id '${id}'; send one of them` } };
  const idProblem = deviceIdProblem(deviceId);
  if (idProblem) return { problem: { pointer: idName, reason: idProblem.replace(/^deviceId/, idName) } };
  const fail = (pointer: string, reason: string): ReadingOutcome => ({ problem: { pointer, deviceId, reason } });

  const valid = texts.get('valid');
  if (valid !== undefined && !['true', '1'].includes(valid.toLowerCase())) {
    return fail('valid', `valid=${valid}: the device says this fix is not valid, so the reading is not used`);
  }

  let fixTime = serverTime;
  const timestamp = texts.get('timestamp');
  if (timestamp !== undefined) {
    const parsed = parseOsmandTimestamp(timestamp);
    if (parsed === undefined) {
      return fail('timestamp', `timestamp ${shown(timestamp)} is not epoch seconds, epoch milliseconds, ISO 8601 or yyyy-MM-dd HH:mm:ss`);
    }
    const tooEarly = earliestTimeProblem(parsed, 'timestamp');
    if (tooEarly) return fail('timestamp', tooEarly);
    fixTime = parsed;
  }

  const place = readPlace(texts);
  if ('problem' in place) return fail(place.pointer, place.problem);
  const noFix = noFixProblem(place.lat, place.lon);
  if (noFix) return fail(place.pointer, noFix);
  const position: MutablePosition = { deviceId, fixTime, deviceTime: fixTime, serverTime, lat: place.lat, lon: place.lon };

  const speed = texts.get('speed');
  if (speed !== undefined) {
    const knots = parseDecimal(speed);
    if (knots === undefined) return fail('speed', `speed ${shown(speed)} is not a number (knots)`);
    const kmh = knotsToKmh(knots);
    const problem = rangeProblem('speedKmh', kmh, 'speed', `${knots} knots (${kmh} km/h)`);
    if (problem) return fail('speed', problem);
    position.speedKmh = kmh;
  }
  const bearing = texts.get('bearing');
  const heading = texts.get('heading');
  if (bearing !== undefined && heading !== undefined && bearing !== heading) return fail('heading', `heading ${heading} differs from bearing ${bearing}; send one of them`);
  const headingName = bearing !== undefined ? 'bearing' : 'heading';
  const simple: readonly [string, RangedField][] = [[headingName, 'headingDeg'], ['altitude', 'altitudeM'], ['accuracy', 'accuracyM'], ['batt', 'batteryPct']];
  for (const [name, field] of simple) {
    const text = texts.get(name);
    if (text === undefined) continue;
    const value = parseDecimal(text);
    if (value === undefined) return fail(name, `${name} ${shown(text)} is not a number`);
    const problem = rangeProblem(field, value, name);
    if (problem) return fail(name, problem);
    position[field] = value;
  }

  const seals = texts.get('sealCodes');
  if (seals !== undefined && seals.trim() !== '') {
    const codes = seals.split(',').map((code) => code.trim());
    const unknown = codes.find((code) => !(SEAL_CODES as readonly string[]).includes(code));
    if (unknown !== undefined) return fail('sealCodes', `${shown(unknown)} is not an EAEU seal status code; the codes are ${SEAL_CODES.join(', ')}, comma-separated`);
    position.sealCodes = [...new Set(codes)] as SealCode[];
  }

  const attributes = readAttributes(texts);
  if ('problem' in attributes) return fail(attributes.pointer, attributes.problem);
  if (attributes.entries.length > 0) position.attributes = attributesFrom(attributes.entries);
  return { position };
}

/** The text of one parameter, or why it has none: a repeated parameter would leave its value to chance. */
function parameterText(name: string, value: unknown): string | { problem: string } {
  const single = Array.isArray(value) && value.length === 1 ? value[0] : value;
  if (typeof single === 'string') return single;
  if (typeof single === 'number' || typeof single === 'boolean') return String(single);
  if (Array.isArray(single)) return { problem: `parameter '${name}' is given ${single.length} times; give it once` };
  return { problem: `parameter '${name}' must be text, not ${kindOf(single)}` };
}

function readPlace(texts: ReadonlyMap<string, string>): { lat: number; lon: number; pointer: string } | { pointer: string; problem: string } {
  const location = texts.get('location');
  if (location !== undefined) {
    if (texts.has('lat') || texts.has('lon')) return { pointer: 'location', problem: 'location and lat/lon are both given; send one of them' };
    const parts = location.split(',');
    const [lat, lon] = parts.map(parseDecimal);
    if (parts.length !== 2 || lat === undefined || lon === undefined) return { pointer: 'location', problem: `location ${shown(location)} is not "lat,lon" in decimal degrees` };
    const problem = rangeProblem('lat', lat) ?? rangeProblem('lon', lon);
    return problem ? { pointer: 'location', problem: `location: ${problem}` } : { lat, lon, pointer: 'location' };
  }
  const read = (name: 'lat' | 'lon'): number | string => {
    const text = texts.get(name);
    if (text === undefined) return `${name} is missing: send lat and lon (or location=lat,lon) in decimal degrees`;
    const value = parseDecimal(text);
    if (value === undefined) return `${name} ${shown(text)} is not a number`;
    return rangeProblem(name, value) ?? value;
  };
  const lat = read('lat');
  if (typeof lat === 'string') return { pointer: 'lat', problem: lat };
  const lon = read('lon');
  if (typeof lon === 'string') return { pointer: 'lon', problem: lon };
  return { lat, lon, pointer: '' };
}

function readAttributes(texts: ReadonlyMap<string, string>): { entries: [string, AttributeValue][] } | { pointer: string; problem: string } {
  const entries: [string, AttributeValue][] = [];
  const charge = texts.get('charge');
  if (charge !== undefined) {
    const value = BOOLEAN_TEXTS.get(charge.toLowerCase());
    if (value === undefined) return { pointer: 'charge', problem: `charge ${shown(charge)} is not true or false` };
    entries.push(['charge', value]);
  }
  const hdop = texts.get('hdop');
  if (hdop !== undefined) {
    const value = parseDecimal(hdop);
    if (value === undefined || value < 0) return { pointer: 'hdop', problem: `hdop ${shown(hdop)} is not a non-negative number` };
    entries.push(['hdop', value]);
  }
  for (const [name, text] of texts) {
    if (READ_FIELDS.has(name)) continue;
    // A driver's id or a card number is an identifier, not a quantity, however many digits it has.
    const value = name === 'driverUniqueId' ? text : inferValue(text);
    const problem = attributeNameProblem(name) ?? attributeValueProblem(name, value);
    if (problem) return { pointer: name, problem: problem.replace(/^attribute name/, 'parameter name') };
    entries.push([name, value]);
  }
  if (entries.length > MAX_ATTRIBUTES) return { pointer: '', problem: `${tooManyAttributes(entries.length)} (parameters other than the position's own)` };
  return { entries };
}
