/**
 * The telemetry benchmark's store and readings: a corridor simulation whose shipments are all on the
 * way now (departures over the last `days`), its events captured through the capture pipeline so the
 * read model knows every shipment (route checks and derived events need it), its containers' e-seals
 * registered for the carriers that took the goods (as the demo does) and attached, and their
 * readings (sim-telemetry.ts: along the corridor route lines, GPS noise, dwell at yards and borders,
 * gaps in the mountains) handed out in consecutive chunks of the last hours, so each run sends
 * readings later than the one before.
 *
 * Also the latency probes: extra devices on containers of shipments of the Khorgos corridor, each
 * reporting once outside and once inside the Khorgos geofence (44.2 N 80.3 E, 10 km).
 */
import type { EpcisEvent } from '../src/epcis/model.js';
import type { Position } from '../src/model/telemetry.js';
import type { Runtime } from '../src/runtime/runtime.js';
import { ensureDeviceOwners, seedDemoDevices } from '../src/sim/demo-telemetry.js';
import { simulate } from '../src/sim/index.js';

const DOCUMENT_SIZE = 500;
const KHORGOS_CORRIDOR = 'middle-corridor-altynkol';
const HOUR_MS = 3_600_000;
const QUIET_REPORTING_PERIOD_S = 86_400;

export interface WorkloadOptions {
  shipments: number;
  days: number;
  seed: number;
  reportingPeriodS: number;
  /** Hours of readings before `now` the chunks are cut from. */
  windowHours: number;
  probes: number;
  now: number;
}

export interface Probe {
  deviceId: string;
  ownerId: string;
  /** The container's EPC (containerIri): the derived event names it. */
  unitEpc: string;
}

export interface Workload {
  events: number;
  shipments: number;
  devices: number;
  probes: Probe[];
  /** The owner organisation of each registered seal. */
  ownerOf: ReadonlyMap<string, string>;
  /** An API key (secret; scopes capture and read) of each owner. */
  keys: ReadonlyMap<string, string>;
  /** The next `size` readings in time order (fewer at the end of the window), serverTime set to the moment they are taken. */
  nextChunk(size: number): Position[];
  seedSeconds: number;
}

/** Fills the runtime's store (it must track shipments) with the workload's events, carrier organisations, keys, devices and probes. */
export async function seedWorkload(runtime: Runtime, options: WorkloadOptions, log: (message: string) => void): Promise<Workload> {
  const started = performance.now();
  const from = options.now - options.windowHours * HOUR_MS;
  const simulation = simulate({
    shipments: options.shipments,
    days: options.days,
    seed: options.seed,
    start: new Date(options.now - options.days * 24 * HOUR_MS),
    telemetry: { reportingPeriodS: options.reportingPeriodS, from: new Date(from), to: new Date(options.now), deriveBorderEvents: true },
  });
  const telemetry = simulation.telemetry!;
  log(`simulated ${simulation.shipments.length} shipments, ${simulation.events.length} events, ${telemetry.devices.length} e-seals`);

  for (let i = 0; i < simulation.events.length; i += DOCUMENT_SIZE) {
    const events = simulation.events.slice(i, i + DOCUMENT_SIZE) as EpcisEvent[];
    const doc = { namespaces: {}, type: 'EPCISDocument' as const, schemaVersion: '2.0', creationDate: new Date().toISOString(), events };
    const result = await runtime.capture.captureDocument(doc, { binding: 'json', errorBehaviour: 'proceed' });
    if (result.rejected > 0) throw new Error(`capture rejected ${result.rejected} simulated events: ${result.errors[0]?.message}`);
  }
  await runtime.followers.caughtUp();
  log(`captured ${simulation.events.length} events and folded them (${((performance.now() - started) / 1000).toFixed(1)} s)`);

  // The seals belong to the carriers that took the goods (demo carrier organisations, created here),
  // as in the demo: derived events are captured in the owner's name, and capture lets an organisation
  // write only about shipments it sees. Each owner sends its own seals' readings with its own key.
  await ensureDeviceOwners(runtime, telemetry);
  await seedDemoDevices(runtime, telemetry, options.now);
  // The readings are replayed about 150 times faster than they were taken, hours behind the clock:
  // with their true period every device would look silent to the signal watch (two periods without
  // a reading) at its next pass, and 20,000 signal-lost and signal-recovered events a run would be
  // measured that live readings never cause. A reporting period of a day keeps the watch quiet.
  for (const device of await runtime.store.telemetry.devices.list()) await runtime.store.telemetry.devices.update(device.id, { reportingPeriodS: QUIET_REPORTING_PERIOD_S });
  const registered = await runtime.store.telemetry.devices.list();
  const ownerOf = new Map(registered.map((d) => [d.id, d.ownerId]));
  const keys = new Map<string, string>();
  for (const ownerId of new Set(ownerOf.values())) {
    keys.set(ownerId, (await runtime.access.createApiKey('cli', { organisationId: ownerId, name: 'telemetry benchmark', scopes: ['capture', 'read'] })).secret);
  }

  // Probes: containers of shipments on the corridor through Khorgos, one more device each, of the container's seal's owner.
  const probes: Probe[] = [];
  const devices = runtime.store.telemetry.devices;
  for (const shipment of simulation.shipments) {
    if (probes.length >= options.probes) break;
    if (shipment.corridorId !== KHORGOS_CORRIDOR) continue;
    for (let c = 0; c < shipment.containers.length && probes.length < options.probes; c++) {
      const ownerId = ownerOf.get(`seal-${shipment.containers[c]!}`);
      if (!ownerId) continue;
      const probe: Probe = { deviceId: `probe-${probes.length + 1}`, unitEpc: shipment.epcs[c]!, ownerId };
      await devices.create({ id: probe.deviceId, kind: 'tracker', ownerId, reportingPeriodS: QUIET_REPORTING_PERIOD_S, name: 'Benchmark probe', status: 'active', createdAt: new Date(options.now).toISOString() });
      await devices.attach({ deviceId: probe.deviceId, unitKind: 'container', unitId: shipment.containers[c]!, unitEpc: probe.unitEpc, from: options.now - HOUR_MS });
      probes.push(probe);
    }
  }
  if (probes.length < options.probes) throw new Error(`only ${probes.length} containers on ${KHORGOS_CORRIDOR} for ${options.probes} probes: simulate more shipments`);
  log(`registered and attached ${registered.length} e-seals of ${keys.size} carriers, and ${probes.length} probe devices (${((performance.now() - started) / 1000).toFixed(1)} s)`);

  const readings = telemetry.readingsBetween(from, options.now)[Symbol.iterator]();
  return {
    events: simulation.events.length,
    shipments: simulation.shipments.length,
    devices: registered.length,
    probes,
    ownerOf,
    keys,
    nextChunk(size) {
      const chunk: Position[] = [];
      const serverTime = Date.now();
      while (chunk.length < size) {
        const next = readings.next();
        if (next.done) break;
        if (ownerOf.has(next.value.deviceId)) chunk.push({ ...next.value, serverTime });
      }
      return chunk;
    },
    seedSeconds: (performance.now() - started) / 1000,
  };
}

/** A reading as a device sends it in Karvon's JSON format (decode/batch.decoder.ts), without the device id for MQTT (the topic names it). */
export function readingJson(p: Position, withDeviceId: boolean): Record<string, unknown> {
  return {
    ...(withDeviceId ? { deviceId: p.deviceId } : {}),
    fixTime: new Date(p.fixTime).toISOString(),
    lat: p.lat,
    lon: p.lon,
    ...(p.speedKmh !== undefined ? { speedKmh: p.speedKmh } : {}),
    ...(p.headingDeg !== undefined ? { headingDeg: p.headingDeg } : {}),
    ...(p.accuracyM !== undefined ? { accuracyM: p.accuracyM } : {}),
    ...(p.batteryPct !== undefined ? { batteryPct: p.batteryPct } : {}),
    ...(p.sealCodes !== undefined ? { sealCodes: p.sealCodes } : {}),
  };
}
