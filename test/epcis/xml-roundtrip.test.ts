import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseXmlDocument, parseXmlEvent } from '../../src/epcis/xml/parse.js';
import { serializeXmlDocument, serializeXmlEvent } from '../../src/epcis/xml/serialize.js';
import { conformance, filesUnder } from '../helpers/conformance-material.js';


const documents = [...filesUnder(path.join(conformance, 'gs1-epcis/XML'), /\.xml$/), ...filesUnder(path.join(conformance, 'event-hash/inputs'), /\.xml$/)].filter(
  (f) => /<([\w-]+:)?EPCIS(Query)?Document\b/.test(readFileSync(f, 'utf8')),
);

describe('XML parse -> serialise -> parse keeps every event equal', () => {
  for (const file of documents) {
    it(path.relative(conformance, file), () => {
      const doc = parseXmlDocument(readFileSync(file));
      const query = doc.type === 'EPCISQueryDocument' ? { queryName: doc.queryName ?? 'SimpleEventQuery', subscriptionID: doc.subscriptionID } : undefined;
      const xml = serializeXmlDocument(doc.events, { creationDate: doc.creationDate, header: doc.epcisHeader, namespaces: doc.namespaces, query });
      const again = parseXmlDocument(xml);
      expect(again.type).toBe(doc.type);
      expect(again.creationDate).toBe(doc.creationDate);
      expect(again.events).toEqual(doc.events);
      expect(again.epcisHeader).toEqual(doc.epcisHeader);
      if (query) {
        expect(again.queryName).toBe(query.queryName);
        expect(again.subscriptionID).toBe(query.subscriptionID);
      }
      for (const event of doc.events) expect(parseXmlEvent(serializeXmlEvent(event))).toEqual(event);
    });
  }
});
