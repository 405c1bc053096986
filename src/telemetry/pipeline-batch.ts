/**
 * What flows through the telemetry pipeline (pipeline.ts): one batch of readings from one sender,
 * each reading with what the handlers learnt about it, and what the batch produced.
 */
import type { EpcisEvent } from '../epcis/model.js';
import type { Organisation } from '../model/access.js';
import type { Attachment, Position, StoredDevice, StoredPosition } from '../model/telemetry.js';
import type { ReadingProblem } from './decode/decoded.js';
import type { DeviceMemory } from './device-memory.js';
import type { IndexedPlace } from './geo/geofence-index.js';
import type { UnitSubject } from './unit-subjects.js';

/** Who sent the readings: a device with its own credential, an organisation's key, or Karvon itself (the demo, `karvon simulate`). */
export type Sender =
  | { readonly kind: 'device'; readonly device: StoredDevice }
  | { readonly kind: 'organisation'; readonly organisation: Organisation; readonly networkAdmin: boolean }
  | { readonly kind: 'local' };

/** What the state machines found in one reading (geofences, country, motion, route, seal). */
export interface ReadingFacts {
  entered: IndexedPlace[];
  left: { place: IndexedPlace; since: number }[];
  crossed?: { from: string; to: string; placeSgln?: string };
  motion?: 'stopped' | 'started';
  route?: { change: 'deviated' | 'rejoined'; distanceKm: number; thresholdKm: number };
  seal?: { codes: readonly string[]; previous: readonly string[] };
  signalRecovered?: { gapS: number };
}

export interface ReadingItem {
  /** Its place among the decoded readings (refusals are reported in this order). */
  readonly index: number;
  /** Where the reading was in the request (a JSON pointer or the MQTT topic), for problems. */
  readonly pointer: string;
  position: Position;
  device: StoredDevice | undefined;
  /** The attachment in force at the reading's fix time. */
  attachment: Attachment | undefined;
  /** The unit's shipment, when the route check or the derived events need it. */
  subject: UnitSubject | undefined;
  /** The device's memory (the same object for every reading of a device in the batch). */
  memory: DeviceMemory | undefined;
  /** Older than the last reading the state machines used: stored in the track, but moves no state. */
  late: boolean;
  /** Why the reading was refused; a refused reading goes no further. */
  refused: string | undefined;
  duplicate: boolean;
  facts: ReadingFacts;
}

/** An event a reading gave rise to, captured in the name of the device's owner. */
export interface DerivedEvent {
  readonly ownerId: string;
  readonly deviceId: string;
  readonly unitEpc: string;
  readonly event: EpcisEvent;
}

export interface TelemetryBatch {
  readonly sender: Sender;
  readonly serverTime: number;
  readonly items: ReadingItem[];
  /** Readings the decoder could not use. */
  readonly decodeProblems: readonly ReadingProblem[];
  stored: StoredPosition[];
  derived: DerivedEvent[];
  /** Derived events capture refused or failed on (logged). */
  derivedRefused: number;
  /** Errors thrown by handlers (logged and counted; the pipeline went on). */
  handlerErrors: number;
}

/** No places entered or left: shared by the readings that found none (most), never written to. */
const NO_PLACES: readonly never[] = Object.freeze([]);

export function newFacts(): ReadingFacts {
  return { entered: NO_PLACES as unknown as IndexedPlace[], left: NO_PLACES as unknown as ReadingFacts['left'] };
}

/**
 * A reading as it enters the pipeline, every field present from the start: items that all have
 * one shape keep the handlers' property reads fast (V8 inline caches), which at thousands of
 * readings per batch is a measurable part of their cost.
 */
export function newItem(index: number, pointer: string, position: Position): ReadingItem {
  return { index, pointer, position, device: undefined, attachment: undefined, subject: undefined, memory: undefined, late: false, refused: undefined, duplicate: false, facts: newFacts() };
}

/** The readings still going through the pipeline. */
export function live(batch: TelemetryBatch): ReadingItem[] {
  return batch.items.filter((item) => item.refused === undefined && !item.duplicate);
}
