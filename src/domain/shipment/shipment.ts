import type { ShipmentReference } from '../identifiers/document-reference.js';

export type { ShipmentReference, ShipmentReferenceKind } from '../identifiers/document-reference.js';

export const PARTY_ROLES = ['consignor', 'consignee', 'carrier', 'forwarder', 'declarant', 'notify-party'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

export interface Party {
  readonly role: PartyRole;
  readonly name: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  /** GS1 Global Location Number of the party, when it has one. */
  readonly gln?: string;
}

export interface MonetaryAmount {
  readonly amount: number;
  /** ISO 4217 alphabetic code. */
  readonly currency: string;
}

export interface GoodsLine {
  /** HS code, 6 to 10 digits. */
  readonly hsCode: string;
  readonly description: string;
  readonly packages: number;
  /** UN/ECE Rec. 21 package type code, e.g. PK, CT, PX. */
  readonly packageType?: string;
  readonly grossKg: number;
  readonly declaredValue?: MonetaryAmount;
}

export const TRANSPORT_UNIT_KINDS = ['container', 'wagon', 'truck', 'trailer', 'vessel'] as const;
export type TransportUnitKind = (typeof TRANSPORT_UNIT_KINDS)[number];

export interface TransportUnit {
  readonly kind: TransportUnitKind;
  /**
   * The unit's own identifier: ISO 6346 number (container), UIC or 1520-gauge number (wagon),
   * registration plate (truck, trailer), IMO number (vessel).
   */
  readonly id: string;
  /** Country of registration; required for trucks and trailers, whose plates are unique per country. */
  readonly country?: string;
  /** id of the unit carrying this one: a container on a wagon, truck, trailer or vessel; a trailer or wagon on a ferry. */
  readonly carriedBy?: string;
  readonly seals?: readonly string[];
}

export const TRANSPORT_MODES = ['road', 'rail', 'sea'] as const;
export type TransportMode = (typeof TRANSPORT_MODES)[number];

export interface ItineraryLeg {
  readonly mode: TransportMode;
  /** Karvon location ids (reference data: terminals, border crossings, ports). */
  readonly from: string;
  readonly to: string;
  /** UTC instants, ISO 8601 with Z or an offset. */
  readonly plannedDeparture: string;
  readonly plannedArrival: string;
  /** ids of the transport units that move on this leg. */
  readonly transportUnitIds?: readonly string[];
}

export interface ShipmentRegistration {
  readonly references: readonly ShipmentReference[];
  readonly parties: readonly Party[];
  readonly goods: readonly GoodsLine[];
  readonly transportUnits: readonly TransportUnit[];
  readonly itinerary: readonly ItineraryLeg[];
  /** Karvon corridor id, when the shipment follows a known corridor. */
  readonly corridorId?: string;
}

/** Which mode a transport unit belongs to when it is the one doing the moving. */
export const MODE_OF_CARRIER: Readonly<Record<Exclude<TransportUnitKind, 'container'>, TransportMode>> = {
  wagon: 'rail',
  truck: 'road',
  trailer: 'road',
  vessel: 'sea',
};
