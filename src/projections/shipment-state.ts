// The read model of one shipment, as folded from its events.
import type { ItineraryLeg } from '../domain/shipment/shipment.js';
import type { TransitStepKind } from '../domain/transit/transit-types.js';
import type { ShipmentStatus } from '../domain/status/shipment-status.js';
import type { ReferenceData } from '../reference/index.js';
import type { CurrentWhereabouts } from './current-whereabouts.js';
import type { DocumentKind, DocumentRef, EventFacts, Whereabouts } from './event-facts.js';
import type { TimelineWhat } from './timeline-what.js';

export type Mode = 'road' | 'rail' | 'sea';

/**
 * Where the shipment is on its corridor. Stops are numbered 0 (origin) to legs.length (destination):
 * stop k is the end of leg k-1 and the start of leg k.
 */
export type CorridorPosition =
  | { readonly kind: 'at-stop'; readonly stop: number; readonly since: string }
  | { readonly kind: 'on-leg'; readonly leg: number; readonly fraction: number; readonly since: string };

export interface LegProgress {
  readonly legIndex: number;
  readonly legCount: number;
  readonly from: string;
  readonly to: string;
  readonly mode: Mode;
  /** 0 at the start of the leg, 1 at its end. */
  readonly fraction: number;
  /** Set while the shipment stands at a stop (border, port, terminal). */
  readonly atStop?: string;
}

export interface TransitStepRecord {
  readonly step: TransitStepKind;
  readonly time: string;
  readonly office?: string;
  readonly place?: string;
  readonly eventID: string;
}

export interface Hold {
  readonly state: 'open' | 'closed';
  readonly reason: string;
  readonly openedAt: string;
  readonly closedAt?: string;
  readonly country?: string;
  readonly office?: string;
  readonly place?: string;
}

export interface TimelineEntry {
  readonly time: string;
  readonly place?: string;
  /** The English sentence of `what` (timeline-text.ts). */
  readonly text: string;
  /** What happened, as data the web app phrases in the reader's language (timeline-what.ts). */
  readonly what: TimelineWhat;
  readonly eventID: string;
}

/** First and last event time at a known location: the raw material of dwell and leg statistics. */
export interface Visit {
  readonly locationId: string;
  readonly firstAt: string;
  readonly lastAt: string;
  /** Time of the last event there that says the goods leave (departed, border passed, loaded...). */
  readonly leftAt?: string;
}

export interface Delay {
  /** Positive: behind plan. */
  readonly hours: number;
  readonly plannedHours: number;
  readonly actualHours: number;
  readonly basis: string;
}

export interface ShipmentState {
  readonly id: string;
  /** Document numbers by kind (MRN under transit-declaration). */
  readonly references: Readonly<Partial<Record<DocumentKind, readonly string[]>>>;
  readonly documents: readonly DocumentRef[];
  readonly transportUnits: readonly string[];
  readonly carriers: readonly string[];
  readonly corridor?: string;
  readonly mode?: Mode;
  readonly status: ShipmentStatus;
  readonly statusBeforeHold?: ShipmentStatus;
  readonly lastLocation?: Whereabouts;
  readonly lastLocationTime?: string;
  readonly position?: CorridorPosition;
  readonly legProgress?: LegProgress;
  /** Where the goods stand now and since when, and the country they are in (current-whereabouts.ts). */
  readonly current?: CurrentWhereabouts;
  readonly countries: readonly string[];
  readonly transit: Readonly<Record<string, readonly TransitStepRecord[]>>;
  readonly holds: readonly Hold[];
  readonly timeline: readonly TimelineEntry[];
  readonly visits: readonly Visit[];
  readonly delay?: Delay;
  readonly departedAt?: string;
  readonly arrivedAt?: string;
  readonly deliveredAt?: string;
  readonly firstEventTime?: string;
  readonly lastEventTime?: string;
  /** The planned itinerary the shipment was registered with, when it has one. */
  readonly itinerary?: readonly ItineraryLeg[];
  /** Party ids its events name (source/destination parties, registration GLNs), raw, sorted. */
  readonly parties: readonly string[];
  /** The shipment's events in fold order (eventTime, eventID), erroneous ones removed. */
  readonly events: readonly EventFacts[];
}

/**
 * A shipment as the read model keeps it and the API shows it: the folded state without the events
 * it was folded from (those stay in the event store), plus the registration it was created with.
 */
export type ShipmentSnapshot = Omit<ShipmentState, 'events'> & {
  /** The krv:registration of its registration event, when it was registered through Karvon. */
  readonly registration?: unknown;
};

export interface FoldContext {
  readonly reference: ReferenceData;
  /**
   * The shipment's audience (src/access/audience.ts). When given, events of an organisation outside
   * it that joined the shipment only by its right to record at its own place (an operator about
   * goods it does not see) are observations: in the timeline, saying where the goods were, but not
   * what the shipment is (references and id, units, status, customs steps, times).
   */
  readonly audience?: ReadonlySet<string>;
  /** Document values and units the shipment holds only privately (never its id while it has its own). */
  readonly learnt?: ReadonlySet<string>;
  /** The registered itinerary, when the shipment has one: delay is measured against it. */
  readonly itinerary?: readonly ItineraryLeg[];
}
