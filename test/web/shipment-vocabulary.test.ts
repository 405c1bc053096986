// The web app phrases what the server sends as data: every timeline kind, shipment status, customs
// transit step and registration section the server can send has its words in each complete language
// of the shipment page, and those languages hold the same keys. A kind added on the server fails
// here until the app can say it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHIPMENT_STATUSES } from '../../src/domain/status/shipment-status.js';
import { TRANSIT_STEP_KINDS } from '../../src/domain/transit/transit-transitions.js';
import { CONTROL_KINDS } from '../../src/domain/transit/transit-types.js';
import { SEAL_STATUS_CODES } from '../../src/domain/seal-status.js';
import { REGISTRATION_SECTIONS } from '../../src/projections/registration-acts.js';
import { TIMELINE_KINDS } from '../../src/projections/timeline-what.js';

const LOCALES = path.resolve(import.meta.dirname, '../../web/src/i18n/locales');
const COMPLETE = ['en', 'ru', 'ar'] as const;

type Tree = { [key: string]: string | Tree };
const read = (language: string, namespace: string): Tree => JSON.parse(fs.readFileSync(path.join(LOCALES, language, `${namespace}.json`), 'utf8')) as Tree;

/** The value at a dotted path, or undefined. */
function at(tree: Tree, dotted: string): string | Tree | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of dotted.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return node;
}

/** Every leaf key, plural forms folded into their base key (languages have different plural forms). */
function leafKeys(tree: Tree, prefix = ''): Set<string> {
  const keys = new Set<string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = `${prefix}${key}`;
    if (typeof value === 'object') for (const leaf of leafKeys(value, `${full}.`)) keys.add(leaf);
    else keys.add(full.replace(/_(zero|one|two|few|many|other)$/, ''));
  }
  return keys;
}

describe.each(COMPLETE)('the shipment page in %s', (language) => {
  const timeline = read(language, 'timeline');
  const shipment = read(language, 'shipment');

  it('has a sentence for every timeline kind', () => {
    for (const kind of TIMELINE_KINDS) expect(at(timeline, `kind.${kind}`), kind).toBeDefined();
  });

  it('names every status, transit step, registration section and control kind', () => {
    for (const status of SHIPMENT_STATUSES) expect(typeof at(shipment, `status.${status}`), status).toBe('string');
    for (const step of TRANSIT_STEP_KINDS) expect(typeof at(shipment, `transit.steps.${step}`), step).toBe('string');
    for (const section of Object.keys(REGISTRATION_SECTIONS)) expect(typeof at(timeline, `section.${section}`), section).toBe('string');
    for (const control of CONTROL_KINDS) expect(typeof at(timeline, `controlKind.${control}`), control).toBe('string');
    for (const code of SEAL_STATUS_CODES) expect(typeof at(timeline, `sealCode.${code}`), code).toBe('string');
  });

  it('holds the same keys as English', () => {
    for (const namespace of ['timeline', 'shipment']) {
      expect([...leafKeys(read(language, namespace))].sort(), namespace).toEqual([...leafKeys(read('en', namespace))].sort());
    }
  });
});
