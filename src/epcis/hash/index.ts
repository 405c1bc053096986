/**
 * CBV 2.0 EPCIS event hash ID.
 */
export { eventHashId, preHashString, ignoreFieldsOf, IGNORE_FIELDS_EXTENSION } from './event-hash.js';
export type { EventHashOptions, HashAlgorithm } from './event-hash.js';
export type { Binding as HashBinding } from './hash-tree.js';
export { canonicalTimestamp } from './timestamp.js';
export { canonicalNumber } from './python-number.js';
export { canonicalValue } from './canonical-value.js';
