/**
 * Validation of EPCIS 2.0 documents and events against the rules of the official JSON schema, the EPC
 * and Digital Link identifier grammars and the CBV vocabularies.
 */
export { validateEvent, eventFindings, splitFindings, type Findings } from './event.js';
export { MAX_IDENTIFIER_LENGTH } from './checks.js';
export { validateDocument, documentFindings, eventListPointer } from './document.js';
export { assertValidEvent, assertValidDocument, MAX_REPORTED_ISSUES } from './assert.js';
export { xmlPathOfPointer } from './xml-path.js';
export { identifierProblem } from './identifier.js';
export { epcUrnProblem, type EpcLevel } from './epc-urn.js';
export { digitalLinkProblem } from './digital-link.js';
export { isAbsoluteUri, uriProblem } from './uri.js';
export { dateTimeProblem, isTimeZoneOffset, futureEventTimeProblem, DEFAULT_MAX_CLOCK_SKEW_MS } from './time.js';
export { vocabularyProblem } from './cbv.js';
