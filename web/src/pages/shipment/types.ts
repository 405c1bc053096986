/** The shapes this page reads, as the server's OpenAPI declares them (generated into api/schema.d.ts). */
import type { paths } from '../../api/schema';

type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;

export type ShipmentDetail = Json<paths['/api/shipments/{id}']['get']['responses']['200']>;
export type TimelineEntry = ShipmentDetail['timeline'][number];
export type TimelineWhat = TimelineEntry['what'];
export type Whereabouts = NonNullable<TimelineWhat['place']>;
export type ArrivalEstimate = NonNullable<ShipmentDetail['eta']>;
export type StopEstimate = ArrivalEstimate['stops'][number];
export type TransitStep = ShipmentDetail['transit'][string][number];
export type Hold = ShipmentDetail['holds'][number];
export type PreArrival = NonNullable<ShipmentDetail['preArrival']>;
export type PublicLink = Json<paths['/api/shipments/{id}/public-links']['get']['responses']['200']>['links'][number];
