/**
 * The demo's telemetry: the simulated containers' e-seals are registered for the carriers that took
 * the goods (the demo's carrier organisations), attached to their containers, and report as the
 * clock reaches their readings, so the live map moves and the demo's border events come from
 * positions. The last hours of readings are sent at start as history; the rest is published live
 * over MQTT to the server's own broker when it runs one (the way trackers send), else handed to the
 * pipeline as the HTTP batch route does.
 *
 * The demo's devices and attachments are written straight to the store, as an import would: thousands
 * of them, created by the node itself, are not administrative acts of anyone's.
 */
import mqtt from 'mqtt';
import type { OrganisationInput } from '../access/access-input.js';
import type { Position } from '../model/telemetry.js';
import { AttachmentOverlap } from '../store/store.js';
import type { Runtime } from '../runtime/runtime.js';
import { LOCAL_MQTT_USER } from '../telemetry/mqtt-telemetry.js';
import { demoOrganisations } from './demo-organisations.js';
import type { SimAttachment, SimTelemetry } from './sim-telemetry.js';

const BATCH = 2000;

/** The demo organisation of each party id (PGLN) the demo organisations hold. */
function demoOrganisationOfParty(): Map<string, OrganisationInput> {
  const organisationOf = new Map<string, OrganisationInput>();
  for (const organisation of demoOrganisations()) for (const party of organisation.partyIds ?? []) organisationOf.set(party, organisation);
  return organisationOf;
}

/**
 * Creates the demo carrier organisations that own the simulated devices and are not in the store
 * yet (`karvon simulate --telemetry` on a node without the demo), through the access service as the
 * demo does, but without demo users: a sign-in with a published password has no place on a node
 * that is not a demo. Returns how many organisations were created.
 */
export async function ensureDeviceOwners(runtime: Runtime, telemetry: SimTelemetry): Promise<number> {
  const organisationOf = demoOrganisationOfParty();
  const owners = new Map<string, OrganisationInput>();
  for (const device of telemetry.devices) {
    const organisation = organisationOf.get(device.ownerParty);
    if (organisation) owners.set(organisation.id, organisation);
  }
  let created = 0;
  for (const organisation of owners.values()) {
    if (await runtime.store.access.organisations.get(organisation.id)) continue;
    await runtime.access.createOrganisation('cli', organisation);
    created++;
  }
  return created;
}

/** Registers the demo's devices and attachments that are not in the store yet; returns how many devices were new. */
export async function seedDemoDevices(runtime: Runtime, telemetry: SimTelemetry, now: number): Promise<number> {
  const ownerOf = new Map<string, string>();
  for (const [party, organisation] of demoOrganisationOfParty()) ownerOf.set(party, organisation.id);
  const devices = runtime.store.telemetry.devices;
  const known = await devices.getMany(telemetry.devices.map((d) => d.id));
  let created = 0;
  const createdAt = new Date(now).toISOString();
  for (const device of telemetry.devices) {
    if (known.has(device.id)) continue;
    const ownerId = ownerOf.get(device.ownerParty);
    if (!ownerId) continue;
    await devices.create({ id: device.id, kind: device.kind, ownerId, reportingPeriodS: device.reportingPeriodS, name: `Demo ${device.kind}`, status: 'active', createdAt });
    created++;
  }
  const registered = await devices.getMany(telemetry.devices.map((d) => d.id));
  // A container used by two shipments carries the same seal twice: each stay is an attachment of its own.
  for (const a of [...telemetry.attachments].sort((x, y) => x.from - y.from)) {
    if (!registered.has(a.deviceId)) continue;
    if ((await devices.attachments(a.deviceId)).some((known) => known.from === a.from)) continue;
    // Attachments still running stay open, so the live map shows them; the demo detaches them when their time comes.
    try {
      await devices.attach({ deviceId: a.deviceId, unitKind: a.unitKind, unitId: a.unitId, unitEpc: a.unitEpc, from: a.from, ...(a.to <= now ? { to: a.to } : {}) });
    } catch (error) {
      // Two simulated shipments that put the same container on the road at once: the later stay is left out.
      if (!(error instanceof AttachmentOverlap)) throw error;
    }
  }
  return created;
}

export interface DemoTelemetryPlayer {
  /** Sends the readings and detachments due by `until` (simulated epoch ms). */
  playUntil(until: number): Promise<void>;
  close(): Promise<void>;
}

/** Plays readings from `from` on, in time order, and detaches devices when their attachment ends. */
export async function demoTelemetryPlayer(runtime: Runtime, telemetry: SimTelemetry, from: number, end: number): Promise<DemoTelemetryPlayer> {
  const readings = telemetry.readingsBetween(from, end)[Symbol.iterator]();
  let next: Position | undefined = readings.next().value ?? undefined;
  const ends: SimAttachment[] = [...telemetry.attachments].sort((a, b) => a.to - b.to);
  let nextEnd = 0;
  const broker = runtime.mqtt();
  const client = broker?.url && 'localSecret' in broker
    ? await mqtt.connectAsync(broker.url, { username: LOCAL_MQTT_USER, password: broker.localSecret, clientId: `karvon-demo-${process.pid}`, reconnectPeriod: 1000 }).catch(() => undefined)
    : undefined;

  const send = async (batch: Position[]) => {
    if (batch.length === 0) return;
    if (client) {
      for (const reading of batch) {
        const { deviceId, serverTime: _serverTime, ...rest } = reading;
        await client.publishAsync(`karvon/devices/${encodeURIComponent(deviceId)}/telemetry`, JSON.stringify({ ...rest, fixTime: new Date(rest.fixTime).toISOString(), deviceTime: new Date(rest.deviceTime).toISOString() }), { qos: 0 });
      }
    } else {
      await runtime.telemetry.ingest({ readings: batch, problems: [], pointers: batch.map((_, i) => `/readings/${i}`) }, { kind: 'local' });
    }
  };

  return {
    async playUntil(until) {
      let batch: Position[] = [];
      while (next && next.fixTime <= until) {
        batch.push({ ...next, serverTime: Date.now() });
        next = readings.next().value ?? undefined;
        if (batch.length >= BATCH) {
          await send(batch);
          batch = [];
        }
      }
      await send(batch);
      while (nextEnd < ends.length && ends[nextEnd]!.to <= until) {
        const a = ends[nextEnd++]!;
        const open = (await runtime.store.telemetry.devices.openAttachments([a.deviceId])).get(a.deviceId);
        if (open && open.unitEpc === a.unitEpc) await runtime.store.telemetry.devices.detach(a.deviceId, a.to);
      }
    },
    async close() {
      await client?.endAsync().catch(() => {});
    },
  };
}
