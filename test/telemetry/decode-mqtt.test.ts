// MQTT messages on karvon/devices/{deviceId}/telemetry: one reading or a batch in Karvon's format,
// the device named by the topic; bytes that are not UTF-8 or not JSON refused with where they break.
import { describe, expect, it } from 'vitest';
import { decodeMqtt, deviceOfTopic } from '../../src/telemetry/decode/mqtt.decoder.js';

const SERVER_TIME = Date.parse('2026-12-07T10:00:05Z');
const FIX = '2026-12-07T10:00:00Z';
const FIX_MS = Date.parse(FIX);
const TOPIC = 'karvon/devices/seal-1/telemetry';
const message = (value: unknown) => Buffer.from(JSON.stringify(value));
const problemOf = (topic: string, payload: Buffer) => {
  const decoded = decodeMqtt(topic, payload, SERVER_TIME);
  expect(decoded.readings).toEqual([]);
  expect(decoded.problems).toHaveLength(1);
  return decoded.problems[0]!;
};

describe('decodeMqtt', () => {
  it('decodes one reading without a deviceId, for the topic device', () => {
    expect(decodeMqtt(TOPIC, message({ fixTime: FIX, lat: 44.2, lon: 80.3, sealCodes: ['01'] }), SERVER_TIME)).toEqual({
      readings: [{ deviceId: 'seal-1', fixTime: FIX_MS, deviceTime: FIX_MS, serverTime: SERVER_TIME, lat: 44.2, lon: 80.3, sealCodes: ['01'] }],
      problems: [],
      pointers: [''],
    });
  });

  it('accepts the topic device repeated in the reading, refuses another device', () => {
    expect(decodeMqtt(TOPIC, message({ deviceId: 'seal-1', fixTime: FIX, lat: 44.2, lon: 80.3 }), SERVER_TIME).readings).toHaveLength(1);
    expect(problemOf(TOPIC, message({ deviceId: 'seal-2', fixTime: FIX, lat: 44.2, lon: 80.3 }))).toEqual({
      pointer: '/deviceId',
      deviceId: 'seal-1',
      reason: "deviceId 'seal-2' differs from the device 'seal-1' the topic names; a device publishes only its own readings (leave deviceId out, or send the topic's)",
    });
  });

  it('decodes a batch, good readings beside problems at their pointers', () => {
    const decoded = decodeMqtt(
      TOPIC,
      message({ readings: [{ fixTime: FIX, lat: 44.2, lon: 80.3 }, { deviceId: 'other', fixTime: FIX, lat: 1, lon: 1 }, { fixTime: FIX_MS + 1000, lat: 44.3, lon: 80.4, attributes: { temperatureC: -18 } }] }),
      SERVER_TIME,
    );
    expect(decoded.readings.map((r) => [r.deviceId, r.lat])).toEqual([['seal-1', 44.2], ['seal-1', 44.3]]);
    expect(decoded.readings[1]!.attributes).toEqual({ temperatureC: -18 });
    expect(decoded.pointers).toEqual(['/readings/0', '/readings/2']);
    expect(decoded.problems).toEqual([{ pointer: '/readings/1/deviceId', deviceId: 'seal-1', reason: expect.stringMatching(/^deviceId 'other' differs/) }]);
  });

  it('refuses a batch beyond 10,000 readings whole, and names fields beside readings', () => {
    const reading = { fixTime: FIX, lat: 44.2, lon: 80.3 };
    expect(problemOf(TOPIC, message({ readings: Array.from({ length: 10_001 }, () => reading) }))).toMatchObject({ pointer: '/readings', deviceId: 'seal-1', reason: expect.stringMatching(/^10001 readings in one body/) });
    expect(problemOf(TOPIC, message({ readings: 'all' })).reason).toBe('readings must be an array of readings, not a string');
    const beside = decodeMqtt(TOPIC, message({ readings: [reading], batch: 1 }), SERVER_TIME);
    expect(beside.readings).toHaveLength(1);
    expect(beside.problems).toEqual([{ pointer: '/batch', deviceId: 'seal-1', reason: "unknown field 'batch' beside readings; a batch is {\"readings\": [...]}" }]);
  });

  it('refuses topics that are not telemetry topics of one valid device', () => {
    for (const topic of ['karvon/devices/seal-1', 'karvon/devices/seal-1/status', 'other/devices/seal-1/telemetry', 'karvon/devices//telemetry', 'karvon/devices/a/b/telemetry', 'karvon/devices/bad id/telemetry']) {
      expect(problemOf(topic, message({ fixTime: FIX, lat: 1, lon: 1 }))).toMatchObject({ pointer: 'topic' });
    }
    expect(deviceOfTopic('karvon/devices/+/telemetry')).toEqual({ reason: 'topic \'karvon/devices/+/telemetry\': deviceId "+" is not a device id: 1 to 128 letters, digits and . _ : - (it has 1 characters)' });
    expect(deviceOfTopic(TOPIC)).toEqual({ deviceId: 'seal-1' });
  });

  it('locates the first byte that is not UTF-8', () => {
    const bad = Buffer.concat([Buffer.from('{"fixTime": "'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    expect(problemOf(TOPIC, bad)).toEqual({ pointer: '', deviceId: 'seal-1', reason: 'the message is not UTF-8 text: byte 13 (0xc3) starts no valid character' });
    expect(problemOf(TOPIC, Buffer.from([0xff, 0x7b])).reason).toMatch(/byte 0 \(0xff\)/);
    // Truncated in the middle of a character.
    expect(problemOf(TOPIC, Buffer.from('{"a":"ж', 'utf8').subarray(0, 7)).reason).toMatch(/byte 6 \(0xd0\)/);
    // Well-formed text, even a real U+FFFD and a byte order mark, is not refused for its bytes.
    expect(decodeMqtt(TOPIC, Buffer.from(`\ufeff{"fixTime": "${FIX}", "lat": 1, "lon": 1, "attributes": {"note": "\ufffd ж"}}`), SERVER_TIME).readings).toHaveLength(1);
  });

  it('locates JSON syntax errors by line and column', () => {
    expect(problemOf(TOPIC, Buffer.from('{\n  "lat": 1\n  "lon": 2}')).reason).toBe("the message is not JSON: Expected ',' or '}' after property value at line 3, column 3 (offset 15)");
    expect(problemOf(TOPIC, Buffer.from('{"lat": 1')).reason).toMatch(/^the message is not JSON: .* at line 1, column 10 \(offset 9\)$/);
    expect(problemOf(TOPIC, Buffer.from('{"lat":}')).reason).toMatch(/^the message is not JSON: Unexpected token/);
  });

  it('refuses empty messages and JSON that is not an object', () => {
    expect(problemOf(TOPIC, Buffer.alloc(0)).reason).toBe('the message is empty: send a JSON reading');
    expect(problemOf(TOPIC, Buffer.from('  \n')).reason).toBe('the message is empty: send a JSON reading');
    expect(problemOf(TOPIC, Buffer.from('[1]')).reason).toBe('the message must be a JSON object (a reading, or {"readings": [...]}), not an array');
    expect(problemOf(TOPIC, Buffer.from('null')).reason).toMatch(/not null$/);
  });

  it('refuses prototype-pollution keys and leaves prototypes alone', () => {
    const payload = Buffer.from(`{"fixTime": "${FIX}", "lat": 1, "lon": 1, "attributes": {"__proto__": {"polluted": true}}}`);
    expect(problemOf(TOPIC, payload).pointer).toBe('/attributes/__proto__');
    expect(problemOf(TOPIC, Buffer.from(`{"__proto__": {"polluted": true}, "fixTime": "${FIX}", "lat": 1, "lon": 1}`)).pointer).toBe('/__proto__');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('never throws on random bytes', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 500; i++) {
      const bytes = Buffer.from(Array.from({ length: Math.floor(random() * 64) }, () => Math.floor(random() * 256)));
      const decoded = decodeMqtt(TOPIC, bytes, SERVER_TIME);
      expect(decoded.problems.length).toBeGreaterThan(0);
    }
  });
});
