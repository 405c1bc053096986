// Readings published over MQTT on `karvon/devices/{deviceId}/telemetry`: the payload is one reading
// in Karvon's format (batch.decoder.ts) or a batch {"readings": [...]}, with the device named by
// the topic (a deviceId in a reading may repeat it, never name another device).
import { decodeReading, decodeReadingsInto, deviceIdProblem, readingList } from './batch.decoder.js';
import { collect, emptyDecoded, isPlainObject, kindOf, pointerTo, problemOnly, type Decoded } from './decoded.js';
import { parseJsonPayload } from './json-payload.js';

export const TELEMETRY_TOPIC_FILTER = 'karvon/devices/+/telemetry';

/** The device a telemetry topic names, or why the topic is not one. */
export function deviceOfTopic(topic: string): { deviceId: string } | { reason: string } {
  const parts = topic.split('/');
  if (parts.length !== 4 || parts[0] !== 'karvon' || parts[1] !== 'devices' || parts[3] !== 'telemetry') {
    return { reason: `topic '${topic}' is not karvon/devices/{deviceId}/telemetry` };
  }
  const problem = deviceIdProblem(parts[2]);
  return problem ? { reason: `topic '${topic}': ${problem}` } : { deviceId: parts[2]! };
}

/** Decodes one MQTT message on a telemetry topic. */
export function decodeMqtt(topic: string, payload: Buffer, serverTime: number): Decoded {
  const device = deviceOfTopic(topic);
  if ('reason' in device) return problemOnly({ pointer: 'topic', reason: device.reason });
  const { deviceId } = device;
  const parsed = parseJsonPayload(payload);
  if ('reason' in parsed) return problemOnly({ pointer: '', deviceId, reason: parsed.reason });
  const body = parsed.value;
  if (!isPlainObject(body)) return problemOnly({ pointer: '', deviceId, reason: `the message must be a JSON object (a reading, or {"readings": [...]}), not ${kindOf(body)}` });

  const decoded = emptyDecoded();
  if (!('readings' in body)) {
    collect(decoded, decodeReading(body, '', serverTime, deviceId), '');
    return decoded;
  }
  for (const key of Object.keys(body)) {
    if (key !== 'readings') decoded.problems.push({ pointer: pointerTo('', key), deviceId, reason: `unknown field '${key}' beside readings; a batch is {"readings": [...]}` });
  }
  const list = readingList(body['readings'], '/readings');
  if ('problem' in list) decoded.problems.push({ ...list.problem, deviceId });
  else decodeReadingsInto(decoded, list.items, '/readings', serverTime, deviceId);
  return decoded;
}
