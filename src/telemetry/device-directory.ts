/**
 * The registered devices the pipeline meets, with their open attachment, kept in memory: every batch
 * asks for thousands of devices, and reading them from the store each time was a sixth of the cost
 * of a reading (docs/benchmarks.md). A device changed in this process is forgotten at once (the
 * DeviceService says so on the bus); one changed by another process (`karvon device attach` on the
 * command line, another server) is read again within `ttlMs` at most.
 */
import type { Attachment, StoredDevice } from '../model/telemetry.js';
import type { Store } from '../store/store.js';

export interface KnownDevice {
  readonly device: StoredDevice;
  /** Its attachment without an end, if any. */
  readonly open?: Attachment;
}

/** How long a device is trusted when nothing in this process changed it, plus up to as much again at random (expiries spread out). */
export const DEVICE_TTL_MS = 30_000;

export class DeviceDirectory {
  private readonly known = new Map<string, { until: number; entry: KnownDevice }>();

  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
    private readonly ttlMs = DEVICE_TTL_MS,
  ) {}

  /** These devices (unknown ids are absent), reading those not known or expired from the store in one go. */
  async lookUp(ids: readonly string[]): Promise<Map<string, KnownDevice>> {
    const now = this.now();
    const out = new Map<string, KnownDevice>();
    const missing: string[] = [];
    for (const id of ids) {
      const cached = this.known.get(id);
      if (cached !== undefined && now < cached.until) out.set(id, cached.entry);
      else missing.push(id);
    }
    if (missing.length === 0) return out;
    const [devices, open] = await Promise.all([this.store.telemetry.devices.getMany(missing), this.store.telemetry.devices.openAttachments(missing)]);
    for (const id of missing) {
      const device = devices.get(id);
      // Unknown ids are not kept: they are refused anyway, and a sender could make up any number of them.
      if (device === undefined) {
        this.known.delete(id);
        continue;
      }
      const attachment = open.get(id);
      const entry: KnownDevice = attachment ? { device, open: attachment } : { device };
      this.known.set(id, { until: now + this.ttlMs * (1 + Math.random()), entry });
      out.set(id, entry);
    }
    return out;
  }

  /** What is kept of a device, however old, without asking the store (a first sift; undefined: nothing kept). */
  peek(id: string): KnownDevice | undefined {
    return this.known.get(id)?.entry;
  }

  forget(id: string): void {
    this.known.delete(id);
  }
}
