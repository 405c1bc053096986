/**
 * What no reading can tell: a device that stopped reporting. When two reporting periods pass
 * without a reading from a device attached to a unit, its signal is lost (the EAEU seals' code 06),
 * and a signal-lost event is captured, dated when the second period ran out. The next reading
 * brings the signal back (the pipeline's 'signal' handler).
 */
import type { EpcisEvent } from '../epcis/model.js';
import type { Store } from '../store/store.js';
import { signalLostEvent } from './derived-events.js';
import type { DeviceDirectory } from './device-directory.js';
import type { DeviceMemories } from './device-memory.js';
import type { PipelineLogger } from './pipeline-deps.js';
import type { TelemetryCounters } from './telemetry-counters.js';
import type { UnitSubjects } from './unit-subjects.js';

/** Periods missed before the signal counts as lost. */
export const MISSED_PERIODS = 2;

export class SignalWatch {
  constructor(
    private readonly deps: {
      store: Store;
      devices: DeviceDirectory;
      memories: DeviceMemories;
      subjects: UnitSubjects;
      now: () => number;
      logger: PipelineLogger;
      counters: TelemetryCounters;
      captureDerived(ownerId: string, events: readonly EpcisEvent[]): Promise<{ captured: number; refused: number; reasons: string[] }>;
    },
  ) {}

  /** Looks at every device once; returns how many lost their signal now. */
  async check(): Promise<number> {
    const now = this.deps.now();
    // Sifted with what the device directory keeps (a reporting period seldom changes), so that only
    // the devices that may be due are read again: not every device of the network every 15 s.
    const silent = [...this.deps.memories.all()].filter((memory) => {
      if (memory.signalLost || memory.lastFixTime === 0 || memory.lastPosition === undefined) return false;
      const kept = this.deps.devices.peek(memory.deviceId);
      return kept === undefined || now >= memory.lastFixTime + MISSED_PERIODS * kept.device.reportingPeriodS * 1000;
    });
    if (silent.length === 0) return 0;
    const known = await this.deps.devices.lookUp(silent.map((memory) => memory.deviceId));
    const byOwner = new Map<string, EpcisEvent[]>();
    const lost = [];
    for (const memory of silent) {
      const device = known.get(memory.deviceId)?.device;
      const attachment = known.get(memory.deviceId)?.open;
      if (!device || device.status !== 'active' || !attachment) continue;
      const deadline = memory.lastFixTime + MISSED_PERIODS * device.reportingPeriodS * 1000;
      if (now < deadline) continue;
      const subject = await this.deps.subjects.of(attachment.unitEpc, attachment.unitKind);
      if (subject.shipmentId === undefined) continue;
      const event = signalLostEvent(
        { deviceId: device.id, epcs: subject.epcs, documents: [], ...(subject.corridor ? { corridor: subject.corridor } : {}) },
        { at: deadline, lastFixTime: memory.lastFixTime, lonLat: memory.lastPosition!, periodS: device.reportingPeriodS, ...(memory.country ? { country: memory.country } : {}) },
      );
      byOwner.set(device.ownerId, byOwner.get(device.ownerId) ?? []);
      byOwner.get(device.ownerId)!.push(event);
      memory.signalLost = true;
      memory.dirty = true;
      lost.push(memory);
    }
    for (const [owner, events] of byOwner) {
      const result = await this.deps.captureDerived(owner, events);
      this.deps.counters.derived += result.captured;
      this.deps.counters.derivedRefused += result.refused;
      if (result.refused > 0) this.deps.logger.warn({ owner, refused: result.refused, reasons: result.reasons.slice(0, 3) }, 'telemetry: signal-lost events refused by capture');
    }
    await this.deps.memories.save(lost);
    return lost.length;
  }
}
