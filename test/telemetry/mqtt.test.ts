// Telemetry over MQTT, against the in-process broker and against this machine's Mosquitto: an
// e-seal publishing a breach on its topic gives a seal-status event on its shipment; the in-process
// broker takes only device tokens or API keys, lets a device publish only on its own topic, and
// lets nobody else subscribe to telemetry.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import type { EpcisEvent } from '../../src/epcis/model.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { KZ_SIDE, MINUTE, captureDeparture, containerNumber, createCarriers, HAULIER, raisedSealCodes } from './telemetry-fixtures.js';

const MOSQUITTO = process.env.KARVON_TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function sealEvents(app: TestApp, deviceId: string, wanted: number): Promise<EpcisEvent[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    await app.runtime.mqtt()?.idle();
    const rows = await app.runtime.store.events.after(0, 10_000);
    const events = rows.map((r) => r.event).filter((e) => (e as Record<string, unknown>)['krv:device'] === deviceId);
    if (events.length >= wanted || Date.now() > deadline) return events;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A sealed container under way with its e-seal registered; returns the device token. */
async function sealedContainer(app: TestApp, deviceId: string, serial: number, since: number): Promise<string> {
  await createCarriers(app.runtime);
  const container = containerNumber(serial);
  await captureDeparture(app.runtime, container, new Date(since - 30 * MINUTE));
  const { token } = await app.runtime.devices.register('cli', { id: deviceId, kind: 'e-seal', ownerId: HAULIER, reportingPeriodS: 300 });
  await app.runtime.devices.attach('cli', deviceId, { unitKind: 'container', unitId: container, from: new Date(since - 60 * MINUTE).toISOString() });
  return token;
}

const payload = (at: number, sealCodes: string[]) => JSON.stringify({ fixTime: new Date(at).toISOString(), lat: KZ_SIDE[1], lon: KZ_SIDE[0], speedKmh: 0, sealCodes });

describe('the in-process broker', () => {
  it('takes an e-seal breach from the device itself and gives a seal-status event', async () => {
    const port = await freePort();
    t = await startTestApp({ KARVON_MQTT_PORT: String(port) });
    const since = Date.now() - 30 * MINUTE;
    const token = await sealedContainer(t, 'seal-1', 31, since);
    await t.runtime.startTelemetry();
    expect(t.runtime.mqttUrl()).toBe(`mqtt://127.0.0.1:${port}`);
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { username: 'seal-1', password: token, reconnectPeriod: 0 });
    await client.publishAsync('karvon/devices/seal-1/telemetry', payload(since, []), { qos: 1 });
    await client.publishAsync('karvon/devices/seal-1/telemetry', payload(since + MINUTE, ['01']), { qos: 1 });
    await client.endAsync();
    const events = await sealEvents(t, 'seal-1', 1);
    expect(events.map((e) => (e as Record<string, unknown>)['krv:movementStep'])).toEqual(['seal-status']);
    expect(raisedSealCodes(events[0]!)).toEqual(['01']);
  });

  it('refuses a wrong password, a publish on another device\'s topic, and subscriptions', async () => {
    const port = await freePort();
    t = await startTestApp({ KARVON_MQTT_PORT: String(port) });
    const since = Date.now() - 30 * MINUTE;
    const token = await sealedContainer(t, 'seal-2', 32, since);
    await t.runtime.startTelemetry();
    await expect(mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { username: 'seal-2', password: `krvd_${'B'.repeat(43)}`, reconnectPeriod: 0 })).rejects.toThrow(/Bad username or password|Not authorized/i);
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { username: 'seal-2', password: token, reconnectPeriod: 0 });
    // Refused with a failure return code (128), which the client reports as an error.
    await expect(client.subscribeAsync('karvon/devices/+/telemetry', { qos: 1 })).rejects.toThrow(/Subscribe error/);
    // Publishing on another device's topic gets the connection closed by the broker (MQTT 3.1.1 has no refusal to send).
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    client.publish('karvon/devices/seal-1/telemetry', payload(since, ['01']), { qos: 1 });
    await closed;
    client.end(true);
    expect(await t.runtime.store.telemetry.positions.count()).toBe(0);
  });
});

describe('an external broker (Mosquitto)', () => {
  it('is subscribed to, and a breach published on it gives a seal-status event', async () => {
    t = await startTestApp({ KARVON_MQTT_URL: MOSQUITTO });
    const since = Date.now() - 30 * MINUTE;
    const deviceId = `seal-m-${process.pid}-${Date.now()}`;
    await sealedContainer(t, deviceId, 33, since);
    await t.runtime.startTelemetry();
    expect(t.runtime.mqttUrl()).toBe(MOSQUITTO);
    const client = await mqtt.connectAsync(MOSQUITTO, { reconnectPeriod: 0 });
    await client.publishAsync(`karvon/devices/${deviceId}/telemetry`, payload(since, []), { qos: 1 });
    await client.publishAsync(`karvon/devices/${deviceId}/telemetry`, payload(since + MINUTE, ['01', '07']), { qos: 1 });
    await client.publishAsync(`karvon/devices/${deviceId}/telemetry`, Buffer.from('{"fixTime": nonsense'), { qos: 1 });
    await client.endAsync();
    const events = await sealEvents(t, deviceId, 1);
    expect(events.map((e) => (e as Record<string, unknown>)['krv:movementStep'])).toEqual(['seal-status']);
    expect(raisedSealCodes(events[0]!)).toEqual(['01', '07']);
    expect(await t.runtime.store.telemetry.positions.count()).toBe(2);
    // The message that was not JSON: dropped and counted, nothing of it stored.
    expect(t.runtime.telemetry.counters.refused.get('malformed')).toBe(1);
  });
});

describe('a publisher faster than the pipeline', () => {
  it('is paused while the pipeline catches up, and loses nothing', async () => {
    t = await startTestApp({ KARVON_DEVICE_READINGS_PER_MINUTE: '100000' });
    const since = Date.now() - 600 * MINUTE;
    const token = await sealedContainer(t, 'seal-fast', 34, since);
    const { MqttTelemetry } = await import('../../src/telemetry/mqtt-telemetry.js');
    const runtime = t.runtime;
    const broker = new MqttTelemetry({ telemetry: runtime.telemetry, store: runtime.store, access: runtime.access, logger: runtime.logger, now: () => new Date() }, { pauseAbove: 300 });
    const port = await freePort();
    await broker.startBroker(port, '127.0.0.1');
    try {
      const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { username: 'seal-fast', password: token, reconnectPeriod: 0 });
      const before = await runtime.store.telemetry.positions.count();
      const readings = 3000;
      for (let i = 0; i < readings; i++) {
        if (!client.publish('karvon/devices/seal-fast/telemetry', payload(since + i * 1000, []), { qos: 0 })) await new Promise((resolve) => client.stream.once('drain', resolve));
      }
      await client.publishAsync('karvon/devices/seal-fast/telemetry', payload(since + readings * 1000, []), { qos: 1 });
      const deadline = Date.now() + 30_000;
      while ((await runtime.store.telemetry.positions.count()) < before + readings + 1 && Date.now() < deadline) {
        await broker.idle();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(await runtime.store.telemetry.positions.count()).toBe(before + readings + 1);
      expect(broker.pauses).toBeGreaterThan(0);
      expect(broker.dropped).toBe(0);
      await client.endAsync();
    } finally {
      await broker.close();
    }
  });
});
