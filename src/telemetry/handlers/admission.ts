// The first handlers: which readings may enter at all. A refused reading carries its reason to the
// sender (HTTP) or the log (MQTT) and goes no further; nothing of it is stored.
import type { Attachment } from '../../model/telemetry.js';
import { validateReading } from '../decode/validate-reading.js';
import { live, type TelemetryBatch } from '../pipeline-batch.js';
import type { PipelineDeps } from '../pipeline-deps.js';

function refuse(item: TelemetryBatch['items'][number], reason: string, deps: PipelineDeps, counter: string): void {
  item.refused = reason;
  deps.counters.refuse(counter);
}

/** Known, active devices the sender may report for. */
export async function identifyDevices(batch: TelemetryBatch, deps: PipelineDeps): Promise<void> {
  const items = live(batch);
  const known = await deps.devices.lookUp([...new Set(items.map((item) => item.position.deviceId))]);
  const { sender } = batch;
  for (const item of items) {
    const id = item.position.deviceId;
    const device = known.get(id)?.device;
    if (!device) {
      refuse(item, `unknown device '${id}': register it first (POST /api/devices)`, deps, 'unknown-device');
      continue;
    }
    if (sender.kind === 'device' && sender.device.id !== id) {
      refuse(item, `this credential belongs to device '${sender.device.id}', not to '${id}'`, deps, 'other-device');
      continue;
    }
    if (sender.kind === 'organisation' && !sender.networkAdmin && sender.organisation.id !== device.ownerId) {
      // Said like an unknown device: whose devices exist is not the sender's business.
      refuse(item, `unknown device '${id}': register it first (POST /api/devices)`, deps, 'not-owner');
      continue;
    }
    if (device.status !== 'active') {
      refuse(item, `device '${id}' is retired`, deps, 'retired-device');
      continue;
    }
    item.device = device;
  }
}

/** Coordinates, times and values that can be true. */
export function validateReadings(batch: TelemetryBatch, deps: PipelineDeps): void {
  for (const item of live(batch)) {
    const problem = validateReading(item.position, batch.serverTime, { maxFutureMs: deps.settings.maxFutureMs });
    if (problem !== undefined) refuse(item, problem, deps, 'invalid');
  }
}

function attachmentAt(attachments: readonly Attachment[], at: number): Attachment | undefined {
  return attachments.find((a) => a.from <= at && (a.to === undefined || at < a.to));
}

/** Readings of a device attached to a unit at their fix time: a reading of no unit says nothing about goods. */
export async function requireAttachment(batch: TelemetryBatch, deps: PipelineDeps): Promise<void> {
  const items = live(batch);
  const known = await deps.devices.lookUp([...new Set(items.map((item) => item.position.deviceId))]);
  const history = new Map<string, Attachment[]>();
  for (const item of items) {
    const id = item.position.deviceId;
    const current = known.get(id)?.open;
    let attachment = current && current.from <= item.position.fixTime ? current : undefined;
    if (!attachment) {
      if (!history.has(id)) history.set(id, await deps.store.telemetry.devices.attachments(id));
      attachment = attachmentAt(history.get(id)!, item.position.fixTime);
    }
    if (!attachment) {
      refuse(item, `device '${id}' was not attached to a unit at ${new Date(item.position.fixTime).toISOString()}: attach it first (POST /api/devices/${id}/attachments)`, deps, 'not-attached');
    } else {
      item.attachment = attachment;
    }
  }
}

/** Per-device flood control: a device over its rate loses its excess readings, other devices nothing. */
export function limitRate(batch: TelemetryBatch, deps: PipelineDeps): void {
  for (const item of live(batch)) {
    if (!deps.limiter.take(item.position.deviceId, batch.serverTime)) {
      refuse(item, `device '${item.position.deviceId}' sends more than ${deps.limiter.perMinute} readings a minute; slow down`, deps, 'rate-limited');
    }
  }
}

/** The same device and fix time twice in one batch: the first counts. (The store drops repeats of earlier batches.) */
export function dropDuplicates(batch: TelemetryBatch, deps: PipelineDeps): void {
  const seen = new Set<string>();
  for (const item of live(batch)) {
    const key = `${item.position.deviceId}\u0000${item.position.fixTime}`;
    if (seen.has(key)) {
      item.duplicate = true;
      deps.counters.duplicates++;
    } else {
      seen.add(key);
    }
  }
}
