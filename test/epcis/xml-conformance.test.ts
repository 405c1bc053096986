import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseXmlDocument, parseXmlMasterDataDocument } from '../../src/epcis/xml/parse.js';
import { conformance, filesUnder } from '../helpers/conformance-material.js';


const rootOf = (text: string) => /<([A-Za-z_][\w.-]*:)?(EPCIS\w*Document|EPCISCaptureJob)\b/.exec(text)?.[2];

const official = filesUnder(path.join(conformance, 'gs1-epcis/XML'), /\.xml$/);
const hashInputs = filesUnder(path.join(conformance, 'event-hash/inputs'), /\.xml$/);

describe('official and event-hash XML documents parse', () => {
  for (const file of [...official, ...hashInputs]) {
    const text = readFileSync(file, 'utf8');
    const root = rootOf(text);
    if (root !== 'EPCISDocument' && root !== 'EPCISQueryDocument') continue;
    it(path.relative(conformance, file), () => {
      const doc = parseXmlDocument(readFileSync(file));
      expect(doc.type).toBe(root);
      const count = (text.replace(/<!--[\s\S]*?-->/g, '').match(/<(ObjectEvent|AggregationEvent|TransactionEvent|TransformationEvent|AssociationEvent)[\s>]/g) ?? []).length;
      expect(doc.events).toHaveLength(count);
      for (const e of doc.events) {
        expect(e.eventTime).toMatch(/^\d{4}-\d\d-\d\dT/);
        expect(e.eventTimeZoneOffset).toMatch(/^[+-]\d\d:\d\d$/);
      }
    });
  }
  it('covers every document kind in the folders', () => {
    const roots = new Set(official.map((f) => rootOf(readFileSync(f, 'utf8'))));
    expect([...roots].sort()).toEqual(['EPCISCaptureJob', 'EPCISDocument', 'EPCISMasterDataDocument']);
  });
  for (const file of official.filter((f) => rootOf(readFileSync(f, 'utf8')) === 'EPCISMasterDataDocument')) {
    it(`master data ${path.relative(conformance, file)}`, () => {
      const vocabularies = parseXmlMasterDataDocument(readFileSync(file));
      expect(vocabularies.length).toBeGreaterThan(0);
      for (const v of vocabularies) {
        expect(v.type).toMatch(/^urn:epcglobal:epcis:vtype:/);
        expect(v.vocabularyElementList.length).toBeGreaterThan(0);
      }
    });
  }
});
