/**
 * The official GS1 material in ../shared/conformance (read in place, never copied), for the tests
 * that check Karvon against it. Test files importing this module are left out of a run on a machine
 * without that folder (see test/shared-material.ts).
 */
import { SHARED_CONFORMANCE } from '../shared-material.js';

export { filesUnder } from '../shared-material.js';
export const conformance = SHARED_CONFORMANCE;
