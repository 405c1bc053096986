import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expandEventUris, iriTypedTerms } from '../../src/epcis/jsonld/expand-uris.js';
import { describe, expect, it } from 'vitest';
import { EpcisException } from '../../src/epcis/exceptions.js';
import { STANDARD_PREFIXES } from '../../src/epcis/model.js';
import { parseJsonLdDocument, parseJsonLdEvent } from '../../src/epcis/jsonld/parse.js';
import { conformance, filesUnder } from '../helpers/conformance-material.js';


const files = [
  ...filesUnder(path.join(conformance, 'gs1-epcis/JSON'), /\.json(ld)?$/),
  ...filesUnder(path.join(conformance, 'gs1-epcis/JSON-simple-context'), /\.json(ld)?$/),
  ...filesUnder(path.join(conformance, 'event-hash/inputs'), /\.json(ld)?$/),
];

/** The raw events of a document as JSON.parse sees them. */
function rawEvents(doc: Record<string, any>): Record<string, unknown>[] {
  return doc.type === 'EPCISQueryDocument' ? doc.epcisBody.queryResults.resultsBody.eventList : doc.epcisBody.eventList;
}

/** Every "prefix:local" key prefix used at any depth. */
function prefixesUsed(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => prefixesUsed(v, out));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const m = /^([^@#:][^:]*):(?!\/\/)/.exec(key);
      if (m) out.add(m[1]!);
      prefixesUsed(child, out);
    }
  }
  return out;
}

function withoutContext(event: Record<string, unknown>): Record<string, unknown> {
  const { '@context': _c, ...rest } = event;
  return rest;
}

function thrown(fn: () => unknown): EpcisException {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(EpcisException);
    return error as EpcisException;
  }
  throw new Error('expected an EpcisException');
}

const LISTS = ['epcList', 'childEPCs', 'inputEPCList', 'outputEPCList', 'quantityList', 'childQuantityList', 'inputQuantityList', 'outputQuantityList', 'bizTransactionList', 'sourceList', 'destinationList', 'sensorElementList'];

/** The raw event with single items wrapped in lists and `id` renamed to `eventID`, written out plainly. */
function modelShape(raw: any): any {
  const event = structuredClone(raw);
  if (event.eventID === undefined && typeof event.id === 'string') {
    event.eventID = event.id;
    delete event.id;
  }
  for (const key of LISTS) if (event[key] !== undefined && !Array.isArray(event[key])) event[key] = [event[key]];
  return event;
}

describe('official JSON-LD documents parse faithfully', () => {
  it('finds the conformance material', () => {
    expect(files.length).toBeGreaterThan(100);
  });
  for (const file of files) {
    it(path.relative(conformance, file), () => {
      const bytes = readFileSync(file);
      const raw = JSON.parse(bytes.toString('utf8'));
      const doc = parseJsonLdDocument(bytes);
      expect(doc.type).toBe(raw.type);
      const expected = rawEvents(raw);
      expect(doc.events).toHaveLength(expected.length);
      doc.events.forEach((event, i) => {
        // Values exactly as written: nothing rewritten, nothing dropped — apart from the two
        // spellings JSON-LD allows for the same data (a one-item list without brackets, `id` for
        // `eventID`), which the reader turns into the model's one form, and CURIEs of the document's
        // own prefixes in URI-valued fields, which become full IRIs (tested apart in jsonld-curies).
        const shaped = modelShape(expected[i]!);
        expandEventUris(shaped, doc.namespaces, iriTypedTerms(raw['@context'], doc.namespaces));
        expect(withoutContext(event)).toEqual(withoutContext(shaped));
        const used = prefixesUsed(withoutContext(event));
        expect(new Set(Object.keys(event['@context'] ?? {}))).toEqual(used);
        for (const prefix of used) {
          const iri = event['@context']![prefix];
          expect(iri === doc.namespaces[prefix] || (doc.namespaces[prefix] === undefined && iri === STANDARD_PREFIXES[prefix])).toBe(true);
        }
      });
    });
  }
});

describe('parseJsonLdDocument details', () => {
  const read = (rel: string) => readFileSync(path.join(conformance, rel));

  it('reads an EPCISQueryDocument with its query name and subscription', () => {
    const doc = parseJsonLdDocument(read('gs1-epcis/JSON/EPCISQueryDocument.jsonld'));
    expect(doc.type).toBe('EPCISQueryDocument');
    expect(doc.queryName).toBe('SimpleEventQuery');
    expect(doc.subscriptionID).toBe('32d2aec1-a6d2-46d9-900a-24124288cce1');
    expect(doc.namespaces).toEqual({ example: 'http://ns.example.com/epcis/' });
    expect(doc.events[1]!['@context']).toEqual({ example: 'http://ns.example.com/epcis/' });
    expect(doc.events[0]!['@context']).toBeUndefined();
  });

  it('keeps comments and binds the rdfs prefix for them', () => {
    const doc = parseJsonLdDocument(read('gs1-epcis/JSON/Example_9.6.1-with-comment.jsonld'));
    expect(doc.events[0]!['rdfs:comment']).toBe('An ObjectEvent may be used for reporting an observation');
    expect(doc.events[0]!['@context']).toEqual({ rdfs: 'http://www.w3.org/2000/01/rdf-schema#' });
    expect(doc.events[0]!.bizStep).toBe('shipping');
  });

  it('does not count pseudo-SBDH fields as extensions, but keeps real document extensions', () => {
    const sbdh = parseJsonLdDocument(read('gs1-epcis/JSON/Example_9.6.1-ObjectEvent-with-pseudo-SBDH-headers.jsonld'));
    expect(sbdh.extensions).toBeUndefined();
    const ignore = parseJsonLdDocument(read('event-hash/inputs/examples/epcisDocHavingEventWithIgnoreFields.jsonld'));
    expect(ignore.extensions).toEqual({ 'repository-x:ignoreFields': ['repository-x:hash', 'example:captureID'] });
    expect(ignore.namespaces['repository-x']).toBe('https://repository-x.example.com/');
    const query = parseJsonLdDocument(read('event-hash/inputs/examples/epcisQueryDocHavingEventWithIgnoreFields.jsonld'));
    expect(query.extensions).toEqual({ 'repository-x:ignoreFields': ['repository-x:hash', 'example:captureID'] });
  });

  it('reads bindings from a rebinding of a standard prefix and ignores typed term definitions', () => {
    const doc = parseJsonLdDocument(read('gs1-epcis/JSON/WithFullCombinationOfFields/transformation_event_all_possible_fields.jsonld'));
    expect(doc.namespaces.cbvmda).toBe('http://example.com/cbvmda/');
    const rail = parseJsonLdDocument(read('gs1-epcis/JSON/Example-TransactionEvents-2020_07_03y.jsonld'));
    expect(rail.namespaces).toEqual({ rail: 'urn:gs1:epcisapp:rail:' });
    expect(rail.events[1]!['rail:vehicle']).toHaveLength(3);
  });

  it('tolerates the missing or numeric schemaVersion of some examples', () => {
    const doc = parseJsonLdDocument(read('gs1-epcis/JSON-simple-context/WithSensorData/SensorDataExample17.jsonld'));
    expect(doc.schemaVersion).toBe('2.0');
  });

  it('keeps #text keys, numbers, booleans and nested extensions at any depth', () => {
    const doc = parseJsonLdDocument({
      '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld', { ex: 'https://ex.org/ns/' }],
      type: 'EPCISDocument',
      schemaVersion: '2.0',
      creationDate: '2024-01-01T00:00:00Z',
      epcisBody: {
        eventList: [
          {
            type: 'ObjectEvent',
            eventTime: '2024-01-01T00:00:00Z',
            eventTimeZoneOffset: '+00:00',
            action: 'OBSERVE',
            epcList: [],
            readPoint: { id: 'urn:epc:id:sgln:0614141.07346.0', 'ex:dock': { '#text': '7', 'ex:side': 'east' } },
            ilmd: { 'cbvmda:lotNumber': 'L1', 'ex:count': 1.5, 'ex:ok': true },
          },
        ],
      },
    });
    const event = doc.events[0]!;
    expect(event.readPoint!['ex:dock']).toEqual({ '#text': '7', 'ex:side': 'east' });
    expect(event.ilmd).toEqual({ 'cbvmda:lotNumber': 'L1', 'ex:count': 1.5, 'ex:ok': true });
    expect(event['@context']).toEqual({ cbvmda: 'urn:epcglobal:cbv:mda:', ex: 'https://ex.org/ns/' });
  });

  it('accepts a plain string context and a context object', () => {
    const base = { type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2024-01-01T00:00:00Z', epcisBody: { eventList: [] } };
    expect(parseJsonLdDocument(JSON.stringify({ '@context': 'https://gs1.github.io/EPCIS/epcis-context.jsonld', ...base })).events).toEqual([]);
    expect(parseJsonLdDocument({ '@context': { ex: 'https://ex.org/' }, ...base }).namespaces).toEqual({ ex: 'https://ex.org/' });
  });
});

describe('parseJsonLdEvent', () => {
  const event = {
    '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld', { corr: 'https://karvon.example/corridor/' }],
    type: 'ObjectEvent',
    eventTime: '2024-05-01T10:00:00Z',
    eventTimeZoneOffset: '+05:00',
    action: 'OBSERVE',
    epcList: ['urn:epc:id:sgtin:0614141.107346.2017'],
    bizStep: 'departing',
    'corr:borderPoint': 'Dostyk',
  };

  it('reads a bare event with its own @context', () => {
    const parsed = parseJsonLdEvent(JSON.stringify(event));
    expect(parsed['@context']).toEqual({ corr: 'https://karvon.example/corridor/' });
    expect(parsed['corr:borderPoint']).toBe('Dostyk');
    expect(parsed.bizStep).toBe('departing');
  });

  it('reads a document holding exactly one event, and refuses one holding two', () => {
    const { '@context': context, ...bare } = event;
    const doc = { '@context': context, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2024-05-01T10:00:00Z', epcisBody: { eventList: [bare] } };
    expect(parseJsonLdEvent(doc)['corr:borderPoint']).toBe('Dostyk');
    doc.epcisBody.eventList.push(bare);
    const error = thrown(() => parseJsonLdEvent(doc));
    expect(error.message).toMatch(/exactly one event/);
  });

  it('refuses an unknown type at /type', () => {
    const error = thrown(() => parseJsonLdEvent({ ...event, type: 'ShipEvent' }));
    expect(error.issues[0]!.pointer).toBe('/type');
  });
});

describe('bad JSON-LD input', () => {
  const doc = (events: unknown[], extra: Record<string, unknown> = {}) => ({
    '@context': 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld',
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: '2024-01-01T00:00:00Z',
    epcisBody: { eventList: events },
    ...extra,
  });
  const event = { type: 'ObjectEvent', eventTime: '2024-01-01T00:00:00Z', eventTimeZoneOffset: '+00:00', action: 'OBSERVE' };

  it('names line and column of a syntax error', () => {
    const error = thrown(() => parseJsonLdDocument('{\n  "type": "EPCISDocument",\n  "epcisBody": {"eventList": [,]}\n}'));
    expect(error.type).toBe('ValidationException');
    expect(error.message).toContain('line 3, column 31');
    expect(error.issues[0]).toMatchObject({ line: 3, column: 31 });
  });

  it('names the position of a trailing comma and of an unterminated document', () => {
    expect(thrown(() => parseJsonLdDocument('{"a": 1,}')).issues[0]).toMatchObject({ line: 1, column: 9 });
    expect(thrown(() => parseJsonLdDocument('{"a": ')).message).toMatch(/line 1, column 7: unexpected end of input/);
  });

  it('names the byte offset of invalid UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from('{"type": "EPCISDocument", "x": "'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    const error = thrown(() => parseJsonLdDocument(bytes));
    expect(error.message).toContain('byte offset 32');
  });

  it('refuses nesting deeper than 64 levels, naming where', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 70; i += 1) deep = { 'ex:n': deep };
    const error = thrown(() => parseJsonLdDocument(doc([{ ...event, 'ex:deep': deep }], { '@context': { ex: 'https://ex.org/' } })));
    expect(error.message).toMatch(/deeper than 64 levels at \/epcisBody\/eventList\/0\/ex:deep(\/ex:n)+/);
    // The text form is refused too, before anything is built from it.
    const text = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(thrown(() => parseJsonLdDocument(text)).message).toMatch(/deeper than 64 levels/);
  });

  it('accepts nesting of exactly 64 levels', () => {
    let deep: unknown = 'bottom';
    // document(1) > epcisBody(2) > eventList(3) > event(4) > 60 more objects = 64
    for (let i = 0; i < 60; i += 1) deep = { 'ex:n': deep };
    const parsed = parseJsonLdDocument(doc([{ ...event, 'ex:deep': deep }], { '@context': { ex: 'https://ex.org/' } }));
    expect(parsed.events).toHaveLength(1);
  });

  it('refuses a key with an unbound prefix, naming its pointer', () => {
    const error = thrown(() => parseJsonLdDocument(doc([event, { ...event, ilmd: { 'acme:lot': 'A1' } }])));
    expect(error.issues[0]!.pointer).toBe('/epcisBody/eventList/1/ilmd/acme:lot');
    expect(error.message).toContain("prefix 'acme'");
  });

  it('refuses a document-level extension with an unbound prefix', () => {
    const error = thrown(() => parseJsonLdDocument(doc([event], { 'acme:batch': 'B1' })));
    expect(error.issues[0]!.pointer).toBe('/acme:batch');
  });

  it('accepts UTF-8 bytes with a byte order mark and non-ASCII text', () => {
    const text = JSON.stringify(doc([{ ...event, 'rdfs:comment': 'Қорғас — Хоргос' }]));
    const parsed = parseJsonLdDocument(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
    expect(parsed.events[0]!['rdfs:comment']).toBe('Қорғас — Хоргос');
  });

  it('refuses a root that is not an object', () => {
    expect(thrown(() => parseJsonLdDocument('[1, 2]')).issues[0]!.pointer).toBe('');
    expect(thrown(() => parseJsonLdDocument('"EPCISDocument"')).message).toMatch(/root must be an object/);
  });

  it('refuses an unknown document type and an unknown event type', () => {
    expect(thrown(() => parseJsonLdDocument({ ...doc([]), type: 'EPCISMasterDataDocument' })).issues[0]!.pointer).toBe('/type');
    const error = thrown(() => parseJsonLdDocument(doc([event, { ...event, type: 'ShipmentEvent' }])));
    expect(error.issues[0]!.pointer).toBe('/epcisBody/eventList/1/type');
  });

  it('refuses a missing eventList, naming where it should be', () => {
    const error = thrown(() => parseJsonLdDocument({ ...doc([]), epcisBody: {} }));
    expect(error.issues[0]!.pointer).toBe('/epcisBody/eventList');
    const query = thrown(() =>
      parseJsonLdDocument({ ...doc([]), type: 'EPCISQueryDocument', epcisBody: { queryResults: { queryName: 'SimpleEventQuery', resultsBody: {} } } }),
    );
    expect(query.issues[0]!.pointer).toBe('/epcisBody/queryResults/resultsBody/eventList');
  });

  it('refuses an event that is not an object, and remote contexts it cannot know', () => {
    expect(thrown(() => parseJsonLdDocument(doc([event, 'ObjectEvent']))).issues[0]!.pointer).toBe('/epcisBody/eventList/1');
    const remote = thrown(() => parseJsonLdDocument({ ...doc([]), '@context': ['https://evil.example/context.jsonld'] }));
    expect(remote.issues[0]!.pointer).toBe('/@context/0');
  });

  it('refuses a document without @context (the 2.0.1 schema requires it)', () => {
    const error = thrown(() => parseJsonLdDocument(`{"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2024-01-01T00:00:00Z","epcisBody":{"eventList":[]}}`));
    expect(error.issues[0]!.pointer).toBe('/@context');
    expect(error.message).toContain('needs one');
  });

  it('refuses a __proto__ key instead of letting it change an object', () => {
    const error = thrown(() => parseJsonLdDocument(`{"@context":[],"type":"EPCISDocument","epcisBody":{"eventList":[{"type":"ObjectEvent","__proto__":{"x":1}}]}}`));
    expect(error.issues[0]!.pointer).toBe('/epcisBody/eventList/0/__proto__');
  });
});
