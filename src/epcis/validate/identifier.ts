/**
 * One rule for every identifier field of an event (EPCs, classes, parent, locations, parties,
 * transactions): an EPC URN must follow the Tag Data Standard, an http(s) URI carrying a GS1 key must be a
 * valid Digital Link, and anything else must at least be an absolute URI (private identifiers are allowed).
 */
import { digitalLinkProblem } from './digital-link.js';
import { epcUrnProblem, type EpcLevel } from './epc-urn.js';
import { uriProblem } from './uri.js';

/** Why a value is not an acceptable identifier at this level, or null when it is. */
export function identifierProblem(value: string, level: EpcLevel = 'any'): string | null {
  if (value.startsWith('urn:epc:')) return epcUrnProblem(value, level);
  const problem = uriProblem(value);
  if (problem) return problem;
  if (value.startsWith('https://') || value.startsWith('http://')) {
    const dl = digitalLinkProblem(value);
    if (dl) return `not a valid GS1 Digital Link URI: ${dl}`;
  }
  return null;
}
