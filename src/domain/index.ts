// Karvon's corridor domain: identifiers, shipments, customs transit, statuses, EPCIS profile.
// Pure: no I/O, and no imports from the rest of Karvon (not even src/epcis).
export * from './identifiers/index.js';
export * from './shipment/shipment.js';
export * from './shipment/registration-problem.js';
export * from './shipment/transport-unit-rules.js';
export * from './shipment/itinerary-rules.js';
export * from './shipment/validate-registration.js';
export * from './transit/index.js';
export * from './status/shipment-status.js';
export * from './epcis-profile.js';
export * from './epcis-profile-steps.js';
export * from './profile-identifiers.js';
export * from './local-time.js';
export * from './seal-status.js';
