/**
 * The in-process bus: features announce what happened (events captured, jobs finished) and others
 * react (projections, alerts, live feeds) without importing each other. The map of topics is typed
 * so that a publisher and its subscribers cannot disagree on a payload.
 */
import { EventEmitter } from 'node:events';
import type { EpcisEvent } from '../epcis/model.js';

/** A shipment as the read model just folded it: what a cache of "which shipment does this unit carry" needs. */
export interface FoldedShipment {
  readonly id: string;
  readonly status: string;
  readonly corridor?: string;
  readonly mode?: string;
  /** Units it holds as its own (EPCs), and units it learnt from another organisation's events. */
  readonly units: readonly string[];
  readonly privateUnits: readonly string[];
  /** The transport units of its state (what a wagon's or truck's events name). */
  readonly transportUnits: readonly string[];
  readonly audience: readonly string[];
}

export interface BusTopics {
  /** New events are durable in the store (duplicates are not announced again). */
  'epcis.captured': {
    events: EpcisEvent[];
    /** Their hash IDs, in the same order. */
    hashIDs: string[];
    captureJobID?: string;
    /** The organisation that captured them (absent for local imports, the simulator and the demo). */
    capturedBy?: string;
  };
  /** Positions are durable in the store up to this sequence of the positions log (a wake-up for its followers: the live feed). */
  'telemetry.stored': { lastSequence: number };
  /** A device was registered, retired or reactivated, attached, detached or given a new credential in this process. */
  'telemetry.device-changed': { deviceId: string };
  /** The shipment read model folded these shipments again (what their transport units carry may have changed). */
  'shipments.folded': { shipments: FoldedShipment[] };
  /** A capture job ended, successfully or not. */
  'capture.job-finished': { captureJobID: string; status: 'success' | 'failed' };
}

export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Many features subscribe; the default warning at 10 listeners would be noise, not a leak.
    this.emitter.setMaxListeners(100);
  }

  /** Publishes synchronously; a failing subscriber is reported through onError and never stops the others. */
  publish<T extends keyof BusTopics>(topic: T, payload: BusTopics[T]): void {
    for (const listener of this.emitter.listeners(topic)) {
      try {
        (listener as (p: BusTopics[T]) => void)(payload);
      } catch (error) {
        this.onError(error, topic);
      }
    }
  }

  subscribe<T extends keyof BusTopics>(topic: T, listener: (payload: BusTopics[T]) => void): () => void {
    this.emitter.on(topic, listener);
    return () => this.emitter.off(topic, listener);
  }

  onError: (error: unknown, topic: string) => void = () => {};
}
