/** The EPCIS 2.0 query language: parameters to a typed EventQuery, and its in-memory semantics. */
export * from './event-query.js';
export { parseQueryParameters, buildEventQuery, NON_QUERY_PARAMETERS, type ParseOptions } from './parse-parameters.js';
export { parseNamedQueryBody, queryFromDefinition, contextBindings } from './named-query.js';
export { parseExtensionsHeader, type RawParameter } from './parameter-values.js';
export { matchesEventQuery, matchesCondition, eventSortKey, compareSortKeys, inFieldValues, timeFieldValues, type MatchOptions } from './match.js';
export { compileEpcPattern, digitalLinkKeys, type CompiledEpcPattern } from './epc-pattern.js';
export { normaliseIdentifier, normaliseVocabulary, parseInstant } from './normalise.js';
export { convertUnit } from './units.js';
