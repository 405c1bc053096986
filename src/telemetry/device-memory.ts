/**
 * What the pipeline remembers of each device between readings: where it was, which places it is
 * in, its country, motion, route and seal state. Kept in memory for the devices that report and
 * written to the store with every batch that changes it (store.telemetry.deviceStates), so that a
 * restart carries on without deriving an arrival twice or missing a departure.
 */
import type { LonLat } from '../reference/types.js';
import type { DeviceState, SealCode } from '../model/telemetry.js';
import type { Store } from '../store/store.js';
import type { MotionState } from './geo/motion.js';

export interface PlaceVisit {
  readonly id: string;
  /** When the unit entered it (epoch ms). */
  readonly since: number;
}

export interface DeviceMemory {
  readonly deviceId: string;
  /** Fix time of the last reading that moved the state machines (0: none yet). */
  lastFixTime: number;
  lastPosition?: LonLat;
  /** The places (geofence ids) the unit is inside. */
  places: PlaceVisit[];
  /** The country of the last reading outside every border crossing's geofence. */
  country?: string;
  motion?: MotionState;
  /** True while the unit is farther from its corridor than the threshold. */
  offRoute: boolean;
  /** E-seal codes reported last (empty: all well). */
  seal: SealCode[];
  /** True once two reporting periods passed without a reading, until the next reading. */
  signalLost: boolean;
  /** Changes to save with this batch. */
  dirty: boolean;
  /** From this fix time on, the memory is saved even if nothing was told (not saved itself). */
  saveDue: number;
}

/**
 * A memory whose state machines only moved on is saved at most this often (by fix time): saving
 * every device after every reading doubled the rows each reading writes. After a crash the readings
 * of the last minutes may be taken again: their events are the same, so capture sees duplicates.
 */
export const SAVE_EVERY_MS = 10 * 60_000;

/**
 * When a memory saved at `fixTime` is due again: between half and all of SAVE_EVERY_MS later, at
 * random, so that devices that started together (a restart, a fleet switched on) do not all come due
 * in the same batch and stall it with thousands of writes.
 */
export function nextSaveDue(fixTime: number): number {
  return fixTime + SAVE_EVERY_MS * (0.5 + Math.random() / 2);
}

function fresh(deviceId: string): DeviceMemory {
  return { deviceId, lastFixTime: 0, places: [], offRoute: false, seal: [], signalLost: false, dirty: false, saveDue: 0 };
}

function fromStored(stored: DeviceState): DeviceMemory {
  const s = stored.state as Partial<DeviceMemory>;
  return {
    ...fresh(stored.deviceId),
    lastFixTime: stored.lastFixTime,
    saveDue: nextSaveDue(stored.lastFixTime),
    ...(Array.isArray(s.lastPosition) ? { lastPosition: s.lastPosition } : {}),
    places: Array.isArray(s.places) ? s.places : [],
    ...(typeof s.country === 'string' ? { country: s.country } : {}),
    ...(s.motion ? { motion: s.motion } : {}),
    offRoute: s.offRoute === true,
    seal: Array.isArray(s.seal) ? s.seal : [],
    signalLost: s.signalLost === true,
  };
}

function toStored(memory: DeviceMemory): DeviceState {
  const { deviceId, lastFixTime, dirty: _dirty, saveDue: _due, ...state } = memory;
  return { deviceId, lastFixTime, state: state as unknown as Record<string, unknown> };
}

/** The memories of every device seen by this process, loaded from the store on first use. */
export class DeviceMemories {
  private readonly memories = new Map<string, DeviceMemory>();

  constructor(private readonly store: Store) {}

  /** The memories of these devices, loading from the store those not in memory yet. */
  async load(deviceIds: readonly string[]): Promise<Map<string, DeviceMemory>> {
    const missing = deviceIds.filter((id) => !this.memories.has(id));
    if (missing.length > 0) {
      const stored = await this.store.telemetry.deviceStates.get(missing);
      for (const id of missing) {
        const found = stored.get(id);
        this.memories.set(id, found ? fromStored(found) : fresh(id));
      }
    }
    return new Map(deviceIds.map((id) => [id, this.memories.get(id)!]));
  }

  /** Every device state kept in the store, in memory (the signal watch goes over all of them at start). */
  async loadAll(deviceIds: readonly string[]): Promise<void> {
    for (let i = 0; i < deviceIds.length; i += 1000) await this.load(deviceIds.slice(i, i + 1000));
  }

  all(): IterableIterator<DeviceMemory> {
    return this.memories.values();
  }

  /** Writes those of these memories that changed to the store. */
  async save(memories: Iterable<DeviceMemory>): Promise<void> {
    const dirty = [...memories].filter((m) => m.dirty);
    if (dirty.length === 0) return;
    await this.store.telemetry.deviceStates.put(dirty.map(toStored));
    for (const memory of dirty) {
      memory.dirty = false;
      memory.saveDue = nextSaveDue(memory.lastFixTime);
    }
  }

  /** Forgets what is in memory (another process moved the state, or tests). */
  clear(): void {
    this.memories.clear();
  }
}
