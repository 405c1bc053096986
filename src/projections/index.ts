// Shipment projection and ETA: pure folding of EPCIS events under the Karvon profile into shipment
// read models, and the persisted read model that follows the event store.
export { eventFacts, documentOf, karvonField, compareFacts, DOCUMENT_KINDS } from './event-facts.js';
export type { DocumentKind, DocumentRef, EventFacts, Whereabouts } from './event-facts.js';
export { foldShipment, foldFacts, insertFacts, shipmentIdOf, plannedHoursTo } from './fold-shipment.js';
export { ShipmentLinker, type LinkResult } from './shipment-linker.js';
export { CorridorStatistics, legKey, dwellKey, samplesOf, type Quantiles } from './corridor-statistics.js';
export { estimateArrival, MIN_OBSERVATIONS, type ArrivalEstimate, type StopEstimate } from './estimate-arrival.js';
export { referenceLegHours, referenceStopHours, type HourRange } from './reference-timing.js';
export { ShipmentProjection, shipmentReadModel, type ShipmentReadModel, type ShipmentProjectionOptions } from './shipment-projection.js';
export { ShipmentQueries, type ShipmentListQuery, type ShipmentPage, type ProjectionStats } from './shipment-queries.js';
export { DailyEventCount, DAILY_EVENT_COUNT_FOLLOWER, eventDay } from './daily-event-count.js';
export { describeEvent, placeText, sentenceOf } from './timeline-text.js';
export { whatOf, TIMELINE_KINDS, type TimelineWhat, type TimelineKind } from './timeline-what.js';
export type * from './shipment-state.js';
export { delayAgainstItinerary } from './itinerary-delay.js';
export { estimateFromItinerary, DEFAULT_LEG_SPREAD } from './estimate-from-plan.js';
