import { describe, it, expect, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventHashId, ignoreFieldsOf, preHashString } from '../../src/epcis/hash/index.js';
import { parseJsonLdDocument } from '../../src/epcis/jsonld/parse.js';
import { parseXmlDocument } from '../../src/epcis/xml/parse.js';
import type { EpcisDocument } from '../../src/epcis/model.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const hashDir = path.resolve(repoRoot, '../shared/conformance/event-hash');

interface VectorFile {
  input: string;
  binding: 'json' | 'xml';
  events: { index: number; hash: string; prehash: string }[];
}
interface EqualFile {
  input: string;
  binding: 'json' | 'xml';
  n_events: number;
  distinct_hashes: string[];
}

function load<T>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(hashDir, name), 'utf8')) as T;
}

function parse(file: string, binding: 'json' | 'xml'): EpcisDocument {
  const text = fs.readFileSync(path.join(hashDir, file), 'utf8');
  return binding === 'xml' ? parseXmlDocument(text) : parseJsonLdDocument(text);
}

const tally = { events: 0, reproduced: 0, groups: 0, groupsOk: 0 };

describe('CBV 2.0 event hash: conformance vectors', () => {
  const vectors = load<{ files: VectorFile[] }>('vectors.json').files;
  const equal = load<{ files: EqualFile[] }>('expected-equal.json').files;

  describe.each(vectors.map((f) => [`${f.input} (${f.binding})`, f] as const))('%s', (_label, file) => {
    it('reproduces every pre-hash and hash', () => {
      const doc = parse(file.input, file.binding);
      const ignoreFields = ignoreFieldsOf(doc);
      expect(doc.events.length).toBe(file.events.length);
      for (const expected of file.events) {
        tally.events++;
        const event = doc.events[expected.index];
        const options = { binding: file.binding, ignoreFields };
        const pre = preHashString(event, options);
        const hash = eventHashId(event, options);
        if (pre === expected.prehash && hash === expected.hash) tally.reproduced++;
        expect({ index: expected.index, pre }).toEqual({ index: expected.index, pre: expected.prehash });
        expect(hash).toBe(expected.hash);
      }
    });
  });

  describe.each(equal.map((f) => [`${f.input} (${f.binding})`, f] as const))('equal group %s', (_label, file) => {
    it('gives one hash for all events', () => {
      tally.groups++;
      const doc = parse(file.input, file.binding);
      expect(doc.events.length).toBe(file.n_events);
      const hashes = new Set(doc.events.map((e) => eventHashId(e, { binding: file.binding, ignoreFields: ignoreFieldsOf(doc) })));
      expect([...hashes]).toEqual(file.distinct_hashes);
      tally.groupsOk++;
    });
  });

  it('hashes of distinct example events differ (upstream test_distinct)', () => {
    const seen = new Map<string, string>();
    for (const file of vectors) {
      for (const e of file.events) {
        const other = seen.get(e.hash);
        if (other !== undefined) expect(other === e.prehash).toBe(true);
        seen.set(e.hash, e.prehash);
      }
    }
    expect(seen.size).toBeGreaterThan(40);
  });

  afterAll(() => {
    console.log(
      `event hash vectors: ${tally.reproduced}/${tally.events} events reproduced, ${tally.groupsOk}/${tally.groups} equal groups`,
    );
  });

  it('counts: all 89 events and 11 equal groups are covered', () => {
    // Runs last in this file: the per-file tests above have filled the tally.
    expect(vectors.reduce((n, f) => n + f.events.length, 0)).toBe(89);
    expect(vectors.length).toBe(39);
    expect(equal.length).toBe(11);
    expect(tally.events).toBe(89);
    expect(tally.reproduced).toBe(89);
    expect(tally.groupsOk).toBe(11);
  });
});
