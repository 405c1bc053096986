import type { BizTransaction } from '../epcis/model.js';
import type { SimRandom } from './prng.js';
import type { SimRoute } from './sim-route.js';

/** Chances of the things that go wrong; each is a probability per opportunity, 0..1. */
export interface IncidentRates {
  /** Per shipment per customs office that passes or receives the goods: customs hold the goods, then release them. */
  customsHold: number;
  /** Per shipment per customs office: a control (documentary, physical, scanning or seal check). */
  inspection: number;
  /** Per shipment: a seal found broken on the way, reported as an incident and resealed. */
  sealProblem: number;
  /** Per train or truck per leg: a delay on the way (breakdown, weather, congestion), reported as an incident. */
  delay: number;
}

export const DEFAULT_INCIDENT_RATES: Readonly<IncidentRates> = Object.freeze({ customsHold: 0.03, inspection: 0.08, sealProblem: 0.02, delay: 0.05 });

export interface SimulationOptions {
  /** How many shipments depart. */
  shipments: number;
  /** Departures are spread over this many days from `start`; events after start + days are left out. */
  days: number;
  seed: number;
  /** Default 2025-01-01T00:00:00Z, so that a seed alone fixes the events. */
  start?: Date;
  incidentRates?: Partial<IncidentRates>;
  /** Also produce what the containers' e-seals report (sim-telemetry.ts); see TelemetryOptions. */
  telemetry?: TelemetryOptions;
}

/**
 * The telemetry of a simulation. Given at all, it leaves out the `position-reported` events within
 * the readings' window [from, to] (the readings stand for them there); with `deriveBorderEvents` it
 * also leaves out, within that window, arrivals at and passages of border crossings and ports, which
 * the telemetry pipeline then derives from the readings.
 */
export interface TelemetryOptions {
  /** Seconds between two readings of a device; default 300. */
  reportingPeriodS?: number;
  /** Readings before this are left out (default: the simulation's start). */
  from?: Date;
  /** Readings after this are left out (default: the simulation's end). */
  to?: Date;
  /**
   * Leave out `arrived-at-border` and `border-passed` within the window, so that positions produce
   * them; default false. An arrival that hands the goods over (at a corridor's first crossing) stays.
   */
  deriveBorderEvents?: boolean;
}

/** One simulated shipment: its containers and the documents it moves under. */
export interface SimShipment {
  readonly id: string;
  readonly corridorId: string;
  readonly containers: readonly string[];
  /** Container IRIs, the EPCs of the shipment's events. */
  readonly epcs: readonly string[];
  readonly booking: BizTransaction;
  /** The booking number as the forwarder writes it (the registration's reference). */
  readonly bookingNumber: string;
  /** PGLN of the forwarder that arranged the shipment (sim-parties.ts). */
  readonly forwarder: string;
  readonly modeDocuments: Readonly<Record<'rail' | 'road' | 'sea', BizTransaction>>;
  seal: string;
  /** Guarantee reference (GRN) of the transit declaration. */
  readonly guarantee: string;
  /** The leg on which a broken seal is found, if any. */
  readonly sealProblemLeg?: number;
  mrn?: BizTransaction;
  /** Extra time of this shipment behind its convoy (customs holds and controls), ms. */
  lagMs: number;
}

/** A block train or a truck: shipments that move together. */
export interface Convoy {
  readonly kind: 'train' | 'truck';
  readonly route: SimRoute;
  readonly departAt: number;
  readonly shipments: SimShipment[];
  readonly rng: SimRandom;
}
