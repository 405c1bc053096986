// Karvon's own reading format, spoken by POST /api/telemetry and (one reading or a batch) by MQTT:
//
//   { "readings": [ {
//       "deviceId": "trk-1",                      required; 1..128 of A-Z a-z 0-9 . _ : -
//       "fixTime": "2026-12-07T10:00:00Z",        required; RFC 3339 with Z or an offset, or epoch ms
//       "deviceTime": 1796637600000,              optional, same forms; the device's clock (default: fixTime)
//       "lat": 44.1, "lon": 80.2,                 required; WGS 84 degrees
//       "speedKmh": 62.5, "headingDeg": 270,      optional; km/h, degrees clockwise from north 0..360
//       "altitudeM": 640, "accuracyM": 8,         optional; metres
//       "batteryPct": 87,                         optional; 0..100
//       "sealCodes": ["01"],                      optional; EAEU e-seal status codes 01..07
//       "attributes": { "temperatureC": 4.5 }     optional; camelCase names with the unit at the end,
//   } ] }                                           string (<= 256 chars), number or boolean values, <= 32
//
// At most 10,000 readings per body. Each reading is decoded on its own: the good ones are returned
// even when others are not, and each bad one is one problem naming its field. Unknown fields are
// problems rather than silently dropped, so a misspelt `speedKph` is noticed; optional fields may be
// null (not measured).
import type { SealCode } from '../../model/telemetry.js';
import { SEAL_CODES } from '../../model/telemetry.js';
import {
  attributeNameProblem,
  attributesFrom,
  attributeValueProblem,
  MAX_ATTRIBUTES,
  tooManyAttributes,
  type AttributeValue,
} from './attributes.js';
import {
  collect,
  emptyDecoded,
  isPlainObject,
  kindOf,
  MAX_READINGS_PER_BODY,
  pointerTo,
  problemOnly,
  shown,
  type Decoded,
  type MutablePosition,
  type ReadingOutcome,
  type ReadingProblem,
} from './decoded.js';
import { earliestTimeProblem, noFixProblem, rangeProblem, type RangedField } from './reading-rules.js';
import { parseDateTime } from './reading-time.js';

const READING_FIELDS = [
  'deviceId',
  'fixTime',
  'deviceTime',
  'lat',
  'lon',
  'speedKmh',
  'headingDeg',
  'altitudeM',
  'accuracyM',
  'batteryPct',
  'sealCodes',
  'attributes',
] as const;
const KNOWN_FIELDS: ReadonlySet<string> = new Set(READING_FIELDS);
const OPTIONAL_NUMBERS = ['speedKmh', 'headingDeg', 'altitudeM', 'accuracyM', 'batteryPct'] as const satisfies readonly RangedField[];

const DEVICE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Decodes the body of POST /api/telemetry (already parsed JSON). */
export function decodeBatch(body: unknown, serverTime: number): Decoded {
  if (!isPlainObject(body)) return problemOnly({ pointer: '', reason: `the body must be a JSON object {"readings": [...]}, not ${kindOf(body)}` });
  const decoded = emptyDecoded();
  for (const key of Object.keys(body)) {
    if (key !== 'readings') decoded.problems.push({ pointer: pointerTo('', key), reason: `unknown field '${key}'; a batch is {"readings": [...]}` });
  }
  const list = readingList(body['readings'], '/readings');
  if ('problem' in list) decoded.problems.push(list.problem);
  else decodeReadingsInto(decoded, list.items, '/readings', serverTime);
  return decoded;
}

/** The array of readings at `pointer`, or why it is not one (missing, not an array, too long). */
export function readingList(value: unknown, pointer: string): { items: readonly unknown[] } | { problem: ReadingProblem } {
  if (value === undefined) return { problem: { pointer, reason: 'readings is missing: send {"readings": [ ... ]}' } };
  if (!Array.isArray(value)) return { problem: { pointer, reason: `readings must be an array of readings, not ${kindOf(value)}` } };
  if (value.length > MAX_READINGS_PER_BODY) {
    return {
      problem: { pointer, reason: `${value.length} readings in one body; at most ${MAX_READINGS_PER_BODY} are accepted: send them in several batches (none of these was used)` },
    };
  }
  return { items: value };
}

/** Decodes each of `items` (found under `base`) into `into`; `topicDeviceId` is the device an MQTT topic names. */
export function decodeReadingsInto(into: Decoded, items: readonly unknown[], base: string, serverTime: number, topicDeviceId?: string): void {
  items.forEach((item, i) => {
    const pointer = pointerTo(base, i);
    collect(into, decodeReading(item, pointer, serverTime, topicDeviceId), pointer);
  });
}

/** One reading in Karvon's format at `pointer`: its position or its first problem. */
export function decodeReading(value: unknown, pointer: string, serverTime: number, topicDeviceId?: string): ReadingOutcome {
  if (!isPlainObject(value)) return { problem: { pointer, reason: `a reading must be a JSON object, not ${kindOf(value)}` } };
  const device = readDeviceId(value['deviceId'], pointer, topicDeviceId);
  if ('problem' in device) return device;
  const deviceId = device.deviceId;
  const fail = (at: string, reason: string): ReadingOutcome => ({ problem: { pointer: at, deviceId, reason } });

  let unknown: string | undefined;
  for (const key in value) {
    if (!KNOWN_FIELDS.has(key)) {
      unknown = key;
      break;
    }
  }
  if (unknown !== undefined) {
    return fail(
      pointerTo(pointer, unknown),
      `unknown field '${unknown}'; readings carry ${READING_FIELDS.join(', ')} (other measurements go in attributes, the unit in the name, like temperatureC)`,
    );
  }

  const fixTime = readTime(value['fixTime'], 'fixTime');
  if (typeof fixTime === 'string') return fail(pointerTo(pointer, 'fixTime'), fixTime);
  const tooEarly = earliestTimeProblem(fixTime);
  if (tooEarly) return fail(pointerTo(pointer, 'fixTime'), tooEarly);
  const deviceTime = value['deviceTime'] == null ? fixTime : readTime(value['deviceTime'], 'deviceTime');
  if (typeof deviceTime === 'string') return fail(pointerTo(pointer, 'deviceTime'), deviceTime);

  const lat = readNumber(value['lat'], 'lat', true);
  if (typeof lat === 'string') return fail(pointerTo(pointer, 'lat'), lat);
  const lon = readNumber(value['lon'], 'lon', true);
  if (typeof lon === 'string') return fail(pointerTo(pointer, 'lon'), lon);
  const noFix = noFixProblem(lat!, lon!);
  if (noFix) return fail(pointer, noFix);

  const position: MutablePosition = { deviceId, fixTime, deviceTime, serverTime, lat: lat!, lon: lon! };
  for (const field of OPTIONAL_NUMBERS) {
    const number = readNumber(value[field], field, false);
    if (typeof number === 'string') return fail(pointerTo(pointer, field), number);
    if (number !== undefined) position[field] = number;
  }

  if (value['sealCodes'] != null) {
    const seals = readSealCodes(value['sealCodes'], pointerTo(pointer, 'sealCodes'));
    if ('problem' in seals) return fail(seals.problem.pointer, seals.problem.reason);
    if (seals.codes.length > 0) position.sealCodes = seals.codes;
  }
  if (value['attributes'] != null) {
    const attributes = readAttributes(value['attributes'], pointerTo(pointer, 'attributes'));
    if ('problem' in attributes) return fail(attributes.problem.pointer, attributes.problem.reason);
    if (Object.keys(attributes.attributes).length > 0) position.attributes = attributes.attributes;
  }
  return { position };
}

function readDeviceId(value: unknown, pointer: string, topicDeviceId: string | undefined): { deviceId: string } | { problem: ReadingProblem } {
  const at = pointerTo(pointer, 'deviceId');
  if (value == null) {
    return topicDeviceId !== undefined ? { deviceId: topicDeviceId } : { problem: { pointer: at, reason: 'deviceId is missing: every reading names its device' } };
  }
  const problem = deviceIdProblem(value);
  if (problem) return { problem: { pointer: at, reason: problem } };
  const deviceId = value as string;
  if (topicDeviceId !== undefined && deviceId !== topicDeviceId) {
    return {
      problem: {
        pointer: at,
        deviceId: topicDeviceId,
        reason: `deviceId '${deviceId}' differs from the device '${topicDeviceId}' the topic names; a device publishes only its own readings (leave deviceId out, or send the topic's)`,
      },
    };
  }
  return { deviceId };
}

/** Why `value` is not a device id, or undefined when it is one. */
export function deviceIdProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return `deviceId must be a string, not ${kindOf(value)}`;
  if (DEVICE_ID.test(value)) return undefined;
  return `deviceId ${shown(value)} is not a device id: 1 to 128 letters, digits and . _ : - (it has ${value.length} characters)`;
}

/** Epoch ms, or the reason `value` is not a time. */
function readTime(value: unknown, field: string): number | string {
  if (value == null) return `${field} is missing: send the GPS fix time as RFC 3339 ("2026-12-07T10:00:00Z") or epoch milliseconds`;
  if (typeof value === 'number') return Number.isFinite(value) ? Math.round(value) : `${field} must be a finite number, not ${String(value)}`;
  if (typeof value === 'string') {
    const time = parseDateTime(value, { offsetRequired: true });
    return time ?? `${field} ${shown(value)} is not an RFC 3339 date and time with Z or an offset, like "2026-12-07T10:00:00Z" (or epoch milliseconds)`;
  }
  return `${field} must be an RFC 3339 string or epoch milliseconds, not ${kindOf(value)}`;
}

/** The number, undefined when an optional field is absent, or the reason `value` cannot be `field`. */
function readNumber(value: unknown, field: RangedField, required: boolean): number | undefined | string {
  if (value == null) return required ? `${field} is missing` : undefined;
  if (typeof value !== 'number') return `${field} must be a number, not ${kindOf(value)} ${shown(value)}`;
  return rangeProblem(field, value) ?? value;
}

function readSealCodes(value: unknown, pointer: string): { codes: SealCode[] } | { problem: ReadingProblem } {
  if (!Array.isArray(value)) return { problem: { pointer, reason: `sealCodes must be an array of EAEU seal status codes like ["01"], not ${kindOf(value)}` } };
  const codes: SealCode[] = [];
  for (const [i, code] of value.entries()) {
    if (typeof code !== 'string' || !(SEAL_CODES as readonly string[]).includes(code)) {
      return { problem: { pointer: pointerTo(pointer, i), reason: `${shown(code)} is not an EAEU seal status code; the codes are ${SEAL_CODES.join(', ')} (strings)` } };
    }
    if (codes.includes(code as SealCode)) return { problem: { pointer: pointerTo(pointer, i), reason: `seal code '${code}' is listed twice` } };
    codes.push(code as SealCode);
  }
  return { codes };
}

function readAttributes(value: unknown, pointer: string): { attributes: Record<string, AttributeValue> } | { problem: ReadingProblem } {
  if (!isPlainObject(value)) return { problem: { pointer, reason: `attributes must be a JSON object of named values, not ${kindOf(value)}` } };
  const names = Object.keys(value);
  if (names.length > MAX_ATTRIBUTES) return { problem: { pointer, reason: tooManyAttributes(names.length) } };
  const entries: [string, AttributeValue][] = [];
  for (const name of names) {
    const reason = attributeNameProblem(name) ?? attributeValueProblem(name, value[name]);
    if (reason) return { problem: { pointer: pointerTo(pointer, name), reason } };
    entries.push([name, value[name] as AttributeValue]);
  }
  return { attributes: attributesFrom(entries) };
}
