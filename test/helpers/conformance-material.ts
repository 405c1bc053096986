/**
 * The official GS1 material in ../shared/conformance (read in place, never copied), for the tests
 * that check Karvon against it. Test files importing this module are left out of a run on a machine
 * without that folder (see test/shared-material.ts).
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { SHARED_CONFORMANCE } from '../shared-material.js';

export const conformance = SHARED_CONFORMANCE;

/** Every file below `dir` whose name matches `pattern`, sorted. */
export function filesUnder(dir: string, pattern: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full, pattern));
    else if (pattern.test(name)) out.push(full);
  }
  return out.sort();
}
