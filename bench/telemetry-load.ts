/**
 * The telemetry benchmark's three ways of writing the same readings, and the latency probes:
 * HTTP batches to POST /api/telemetry from a few concurrent clients, MQTT messages to the server's
 * in-process broker (done when GET /api/telemetry/status counts them all stored), the baseline's plain
 * insert into the same table (telemetry-raw.ts), and probes crossing into the Khorgos geofence while the HTTP load runs.
 */
import mqtt from 'mqtt';
import type { Position } from '../src/model/telemetry.js';
import { BENCH_AUTHORIZATION } from './karvon-process.js';
import type { RawPositions } from './telemetry-raw.js';
import { readingJson, type Probe } from './telemetry-workload.js';

const POLL_AFTER_PUBLISHING_MS = 250;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RateResult {
  readings: number;
  seconds: number;
  rate: number;
}

export interface HttpRunResult extends RateResult {
  stored: number;
  refused: number;
  derivedEvents: number;
}

/** Readings grouped by their device's owner, each group in time order. */
function byOwner(readings: readonly Position[], ownerOf: ReadonlyMap<string, string>): Map<string, Position[]> {
  const groups = new Map<string, Position[]>();
  for (const r of readings) {
    const owner = ownerOf.get(r.deviceId)!;
    const group = groups.get(owner) ?? [];
    group.push(r);
    groups.set(owner, group);
  }
  return groups;
}

/** The request bodies of an HTTP run: each owner's readings in batches of `batch`, with that owner's key, in time order. */
export interface HttpBodies {
  readings: number;
  bodies: { key: string; body: string; at: number }[];
}

/** Makes the bodies before the clock (and the latency probes) start: the figure is of the server, not of JSON.stringify here. */
export function httpBodies(readings: readonly Position[], ownerOf: ReadonlyMap<string, string>, keys: ReadonlyMap<string, string>, batch: number): HttpBodies {
  const bodies: HttpBodies['bodies'] = [];
  for (const [owner, group] of byOwner(readings, ownerOf)) {
    for (let i = 0; i < group.length; i += batch) {
      const part = group.slice(i, i + batch);
      bodies.push({ key: keys.get(owner)!, body: JSON.stringify({ readings: part.map((r) => readingJson(r, true)) }), at: part[0]!.fixTime });
    }
  }
  // The owners' batches interleaved in time order, as their platforms would send them.
  bodies.sort((a, b) => a.at - b.at);
  return { readings: readings.length, bodies };
}

/** POSTs the bodies from `clients` concurrent clients (each takes the next body when its last is answered). */
export async function httpRun(baseUrl: string, { readings, bodies }: HttpBodies, clients: number): Promise<HttpRunResult> {
  let next = 0;
  const totals = { stored: 0, refused: 0, derivedEvents: 0 };
  const client = async () => {
    while (next < bodies.length) {
      const { key, body } = bodies[next++]!;
      const response = await fetch(`${baseUrl}/api/telemetry`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body });
      const text = await response.text();
      if (response.status !== 200) throw new Error(`POST /api/telemetry answered ${response.status}: ${text.slice(0, 500)}`);
      const result = JSON.parse(text) as { stored: number; refused: unknown[]; derivedEvents: number };
      totals.stored += result.stored;
      totals.refused += result.refused.length;
      totals.derivedEvents += result.derivedEvents;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, client));
  const seconds = (performance.now() - started) / 1000;
  return { readings, seconds, rate: readings / seconds, ...totals };
}

export async function storedPositions(baseUrl: string): Promise<number> {
  const response = await fetch(`${baseUrl}/api/telemetry/status`, { headers: { authorization: BENCH_AUTHORIZATION } });
  if (response.status !== 200) throw new Error(`GET /api/telemetry/status answered ${response.status}`);
  return ((await response.json()) as { positions: number }).positions;
}

/** Waits until the server's followers have folded every stored event (GET /api/status: lag 0), so a run does not pay for the one before. */
export async function untilFolded(baseUrl: string, timeoutS = 300): Promise<void> {
  const deadline = performance.now() + timeoutS * 1000;
  for (;;) {
    const response = await fetch(`${baseUrl}/api/status`, { headers: { authorization: BENCH_AUTHORIZATION } });
    if (response.status !== 200) throw new Error(`GET /api/status answered ${response.status}`);
    const { followers } = (await response.json()) as { followers: { lag: number }[] };
    if (followers.every((f) => f.lag === 0)) return;
    if (performance.now() > deadline) throw new Error(`the server's followers were still behind after ${timeoutS} s`);
    await sleep(100);
  }
}

export interface MqttRunResult extends RateResult {
  /** Seconds the clients took to publish everything (the pipeline may still be behind then). */
  publishSeconds: number;
  stored: number;
}

/**
 * Publishes `readings` (one JSON message each, on karvon/devices/{id}/telemetry), one connection per
 * owner authenticated with its API key, each in time order, and polls the stored positions until all
 * are there. The time runs from the first publish until the poll that saw them all; the poll looks
 * every second while publishing and every 250 ms after, so the end is known to 250 ms. (Each poll
 * costs the server a listing of every device: GET /api/telemetry/status counts them that way.)
 */
export async function mqttRun(baseUrl: string, mqttUrl: string, readings: readonly Position[], ownerOf: ReadonlyMap<string, string>, keys: ReadonlyMap<string, string>, qos: 0 | 1, timeoutS: number): Promise<MqttRunResult> {
  const groups = [...byOwner(readings, ownerOf)].map(([owner, group]) => ({
    key: keys.get(owner)!,
    messages: group.map((r) => ({ topic: `karvon/devices/${encodeURIComponent(r.deviceId)}/telemetry`, payload: JSON.stringify(readingJson(r, false)) })),
  }));
  const connections = await Promise.all(
    groups.map((g, i) => mqtt.connectAsync(mqttUrl, { username: 'bench', password: g.key, clientId: `karvon-bench-${process.pid}-${i}-${Date.now()}`, reconnectPeriod: 0 })),
  );
  const before = await storedPositions(baseUrl);
  const target = before + readings.length;
  let published = false;
  const started = performance.now();
  const publishing = Promise.all(
    connections.map(async (connection, c) => {
      const { messages } = groups[c]!;
      for (let i = 0; i < messages.length; i++) {
        const m = messages[i]!;
        if (qos === 1) await connection.publishAsync(m.topic, m.payload, { qos });
        else if (!connection.publish(m.topic, m.payload, { qos })) await new Promise((resolve) => connection.stream.once('drain', resolve));
        if (i % 2000 === 1999) await new Promise((resolve) => setImmediate(resolve));
      }
    }),
  ).then(() => {
    published = true;
  });
  let publishSeconds = NaN;
  let stored = before;
  const deadline = started + timeoutS * 1000;
  for (;;) {
    stored = await storedPositions(baseUrl);
    if (published && Number.isNaN(publishSeconds)) publishSeconds = (performance.now() - started) / 1000;
    if (stored >= target || performance.now() > deadline) break;
    await sleep(published ? POLL_AFTER_PUBLISHING_MS : 1000);
  }
  const seconds = (performance.now() - started) / 1000;
  await publishing;
  await Promise.all(connections.map((c) => c.endAsync()));
  if (stored < target) throw new Error(`MQTT: ${stored - before} of ${readings.length} readings stored after ${timeoutS} s`);
  return { readings: readings.length, seconds, rate: readings.length / seconds, publishSeconds: Number.isNaN(publishSeconds) ? seconds : publishSeconds, stored: stored - before };
}

/** The same rows with a plain insert into the same table (telemetry-raw.ts), one transaction per batch. */
export function rawRun(raw: RawPositions, readings: readonly Position[], batch: number): RateResult & { stored: number; cpuMicrosPerRow: number } {
  let stored = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < readings.length; i += batch) stored += raw.insert(readings.slice(i, i + batch));
  const used = process.cpuUsage(cpu);
  const seconds = (performance.now() - started) / 1000;
  return { readings: readings.length, seconds, rate: readings.length / seconds, stored, cpuMicrosPerRow: (used.user + used.system) / readings.length };
}

/** Khorgos border crossing's geofence centre (reference data: 10 km radius), and a point 45 km north of it. */
const KHORGOS = { lat: 44.2, lon: 80.3 };
const OUTSIDE = { lat: 44.6, lon: 80.3 };

export interface ProbeLatency {
  deviceId: string;
  ms: number;
  /** How long the POST of its readings took (waiting behind the load's batches, then the pipeline). */
  postMs: number;
  /** No event within PROBE_TIMEOUT_MS. */
  timedOut?: true;
}

const PROBE_TIMEOUT_MS = 30_000;

/**
 * Sends each probe's two readings (outside, then inside Khorgos, fixed now) in one POST and polls
 * GET /epcis/events for its unit until the arrival event derived from them is there; the latency
 * runs from the POST until the query returns it. Probes run `concurrency` at a time while `running()`.
 */
export async function probeLatencies(baseUrl: string, keys: ReadonlyMap<string, string>, probes: Probe[], running: () => boolean, concurrency: number): Promise<ProbeLatency[]> {
  const results: ProbeLatency[] = [];
  const one = async (probe: Probe) => {
    const fixTime = Math.floor(Date.now() / 1000) * 1000;
    const readings = [
      { deviceId: probe.deviceId, fixTime: new Date(fixTime - 60_000).toISOString(), ...OUTSIDE, speedKmh: 40 },
      { deviceId: probe.deviceId, fixTime: new Date(fixTime).toISOString(), ...KHORGOS, speedKmh: 20 },
    ];
    const query = `${baseUrl}/epcis/events?MATCH_anyEPC=${encodeURIComponent(probe.unitEpc)}&GE_eventTime=${encodeURIComponent(new Date(fixTime).toISOString())}&perPage=100`;
    const started = performance.now();
    let postMs = NaN;
    const sent = fetch(`${baseUrl}/api/telemetry`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.get(probe.ownerId)!}` }, body: JSON.stringify({ readings }) })
      .then(async (r) => {
        const text = await r.text();
        postMs = performance.now() - started;
        if (r.status !== 200) throw new Error(`probe POST answered ${r.status}: ${text.slice(0, 300)}`);
      });
    for (;;) {
      const response = await fetch(query, { headers: { authorization: BENCH_AUTHORIZATION, 'GS1-EPCIS-Version': '2.0' } });
      const text = await response.text();
      if (response.status !== 200) throw new Error(`probe query answered ${response.status}: ${text.slice(0, 300)}`);
      if (text.includes(probe.deviceId) && text.includes('arrived-at-border')) break;
      if (performance.now() - started > PROBE_TIMEOUT_MS) break;
      await sleep(10);
    }
    // A probe whose event never came counts as its timeout: the percentiles must not hide it.
    const ms = performance.now() - started;
    await sent;
    results.push({ deviceId: probe.deviceId, ms, postMs, ...(ms > PROBE_TIMEOUT_MS ? { timedOut: true } : {}) });
  };
  let next = 0;
  const worker = async () => {
    while (running() && next < probes.length) await one(probes[next++]!);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}
