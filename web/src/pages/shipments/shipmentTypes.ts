/**
 * The shapes the shipment lists read, named once from the typed API (schema.d.ts is generated from
 * the server's OpenAPI; the list route is registered as '/api/shipments/', and the server answers
 * with or without the slash): a change of the list contract breaks these pages' type check.
 */
import type { paths } from '../../api/schema';

export type ShipmentListPage = paths['/api/shipments/']['get']['responses']['200']['content']['application/json'];
export type ShipmentListItem = ShipmentListPage['shipments'][number];
export type ShipmentListQuery = NonNullable<paths['/api/shipments/']['get']['parameters']['query']>;
export type ShipmentStatus = ShipmentListItem['status'];
export type TransportMode = NonNullable<ShipmentListItem['mode']>;
export type StopArrival = NonNullable<ShipmentListItem['arrival']>;

export type ReferenceLocation = paths['/api/reference/locations']['get']['responses']['200']['content']['application/json']['items'][number];
export type ReferenceCorridor = paths['/api/reference/corridors']['get']['responses']['200']['content']['application/json']['items'][number];
export type ReferenceCountry = paths['/api/reference/countries']['get']['responses']['200']['content']['application/json']['items'][number];

/** Every status, in the order a shipment usually passes them (the server's SHIPMENT_STATUSES). */
export const STATUSES = [
  'planned', 'departed', 'in-transit', 'at-border', 'held-by-customs', 'on-ferry', 'arrived', 'delivered', 'exception', 'cancelled',
] as const satisfies readonly ShipmentStatus[];

export const MODES = ['road', 'rail', 'sea'] as const satisfies readonly TransportMode[];

/** The page size the lists ask for: the API allows up to 500. */
export const PAGE_SIZE = 100;
/** A board asks for the most the API gives at once: a busy crossing is read in one or two requests. */
export const PAGE_SIZE_BOARD = 500;
