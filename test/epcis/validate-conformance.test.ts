import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseJsonLdDocument } from '../../src/epcis/jsonld/parse.js';
import type { EpcisEvent } from '../../src/epcis/model.js';
import { validateDocument, validateEvent } from '../../src/epcis/validate/index.js';
import { parseXmlDocument } from '../../src/epcis/xml/parse.js';
import { filesUnder } from '../shared-material.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const gs1 = path.resolve(repoRoot, '../shared/conformance/gs1-epcis');

const jsonExamples = [...filesUnder(path.join(gs1, 'JSON'), /\.jsonld$/), ...filesUnder(path.join(gs1, 'JSON-simple-context'), /\.jsonld$/)];
const xmlExamples = filesUnder(path.join(gs1, 'XML'), /\.xml$/).filter((file) => {
  const root = /<([A-Za-z_][\w.-]*:)?(EPCIS\w*Document|EPCISCaptureJob)\b/.exec(readFileSync(file, 'utf8'))?.[2];
  return root === 'EPCISDocument' || root === 'EPCISQueryDocument';
});

describe('every official JSON-LD example is valid', () => {
  it('finds the examples', () => {
    expect(jsonExamples.length).toBeGreaterThanOrEqual(90);
  });
  for (const file of jsonExamples) {
    it(path.relative(gs1, file), () => {
      const doc = parseJsonLdDocument(readFileSync(file, 'utf8'));
      expect(doc.events.length).toBeGreaterThan(0);
      expect(validateDocument(doc)).toEqual([]);
    });
  }
});

describe('every official XML EPCIS document is valid', () => {
  it('finds the examples', () => {
    expect(xmlExamples.length).toBeGreaterThanOrEqual(25);
  });
  for (const file of xmlExamples) {
    it(path.relative(gs1, file), () => {
      expect(validateDocument(parseXmlDocument(readFileSync(file, 'utf8')))).toEqual([]);
    });
  }
});

describe('raw JSON events of the examples (without the parser) are valid too', () => {
  for (const file of jsonExamples) {
    it(path.relative(gs1, file), () => {
      const raw = JSON.parse(readFileSync(file, 'utf8'));
      const list: EpcisEvent[] = raw.epcisBody.eventList ?? raw.epcisBody.queryResults.resultsBody.eventList;
      list.forEach((event, i) => expect(validateEvent(event, `/epcisBody/eventList/${i}`)).toEqual([]));
    });
  }
});

describe("the JSON schema's own test samples", () => {
  const dir = path.join(gs1, 'JSON-Schema/test');
  const samples = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.json')) : [];
  it('finds the samples', () => {
    expect(samples.length).toBeGreaterThanOrEqual(5);
  });
  for (const name of samples) {
    it(`${name} is valid`, () => {
      const event = JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as EpcisEvent;
      expect(validateEvent(event)).toEqual([]);
    });
  }
  it('each sample turns invalid when a required part is broken', () => {
    for (const name of samples) {
      const event = JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as Record<string, unknown>;
      delete event.eventTime;
      event.eventTimeZoneOffset = '+15:00';
      const pointers = validateEvent(event as unknown as EpcisEvent).map((issue) => issue.pointer);
      expect(pointers).toContain('');
      expect(pointers).toContain('/eventTimeZoneOffset');
    }
  });
});
