import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EPCIS_CONTEXT_URL, type EpcisEvent } from '../../src/epcis/model.js';
import { parseJsonLdDocument, parseJsonLdEvent } from '../../src/epcis/jsonld/parse.js';
import { serializeJsonLdDocument, serializeJsonLdEvent } from '../../src/epcis/jsonld/serialize.js';
import { conformance, filesUnder } from '../helpers/conformance-material.js';


const files = [
  ...filesUnder(path.join(conformance, 'gs1-epcis/JSON'), /\.json(ld)?$/),
  ...filesUnder(path.join(conformance, 'gs1-epcis/JSON-simple-context'), /\.json(ld)?$/),
  ...filesUnder(path.join(conformance, 'event-hash/inputs'), /\.json(ld)?$/),
];

describe('round trip of every official JSON-LD document: parse -> serialise -> parse', () => {
  for (const file of files) {
    it(path.relative(conformance, file), () => {
      const first = parseJsonLdDocument(readFileSync(file));
      const query = first.queryName !== undefined ? { queryName: first.queryName, subscriptionID: first.subscriptionID } : undefined;
      const text = serializeJsonLdDocument(first.events, { creationDate: first.creationDate || '2024-01-01T00:00:00Z', query });
      const second = parseJsonLdDocument(text);
      expect(second.type).toBe(first.type);
      expect(second.events).toEqual(first.events);
      expect(second.queryName).toBe(first.queryName);
      expect(second.subscriptionID).toBe(first.subscriptionID);
      // Each event alone survives the single-event form too.
      for (const event of first.events) expect(parseJsonLdEvent(serializeJsonLdEvent(event))).toEqual(event);
    });
  }
});

const event = (extra: Record<string, unknown>): EpcisEvent => ({
  type: 'ObjectEvent',
  eventTime: '2024-05-01T10:00:00Z',
  eventTimeZoneOffset: '+05:00',
  action: 'OBSERVE',
  epcList: ['urn:epc:id:sgtin:0614141.107346.2017'],
  ...extra,
});

describe('serializeJsonLdDocument', () => {
  it('writes an EPCISDocument with the EPCIS context and the hoisted bindings', () => {
    const events = [
      event({ '@context': { corr: 'https://karvon.example/corridor/' }, 'corr:border': 'Dostyk' }),
      event({ '@context': { cbvmda: 'urn:epcglobal:cbv:mda:' }, ilmd: { 'cbvmda:lotNumber': 'L7' } }),
    ];
    const doc = JSON.parse(serializeJsonLdDocument(events, { creationDate: '2024-05-01T11:00:00Z' }));
    expect(doc['@context']).toEqual([EPCIS_CONTEXT_URL, { corr: 'https://karvon.example/corridor/' }]);
    expect(doc).toMatchObject({ type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2024-05-01T11:00:00Z' });
    expect(doc.epcisBody.eventList[0]).not.toHaveProperty('@context');
    expect(doc.epcisBody.eventList[1].ilmd).toEqual({ 'cbvmda:lotNumber': 'L7' });
  });

  it('writes only the context URL when no extension binding is needed', () => {
    const doc = JSON.parse(serializeJsonLdDocument([event({})]));
    expect(doc['@context']).toEqual([EPCIS_CONTEXT_URL]);
    expect(typeof doc.creationDate).toBe('string');
    expect(Number.isNaN(Date.parse(doc.creationDate))).toBe(false);
  });

  it('writes an EPCISQueryDocument with query name, subscription and header', () => {
    const header = { epcisMasterData: { vocabularyList: [{ type: 'urn:epcglobal:epcis:vtype:BusinessLocation', vocabularyElementList: [{ id: 'urn:epc:id:sgln:0614141.00001.0' }] }] } };
    const text = serializeJsonLdDocument([event({})], { query: { queryName: 'SimpleEventQuery', subscriptionID: 'sub-1' }, header });
    const raw = JSON.parse(text);
    expect(raw.type).toBe('EPCISQueryDocument');
    expect(raw.epcisBody.queryResults).toMatchObject({ queryName: 'SimpleEventQuery', subscriptionID: 'sub-1' });
    expect(raw.epcisBody.queryResults.resultsBody.eventList).toHaveLength(1);
    const doc = parseJsonLdDocument(text);
    expect(doc.epcisHeader).toEqual(header);
    expect(doc.subscriptionID).toBe('sub-1');
  });

  it('renames a prefix that a later event binds to another namespace, consistently inside that event', () => {
    const a = event({ '@context': { ex: 'https://a.example/' }, 'ex:weight': 10 });
    const b = event({
      '@context': { ex: 'https://b.example/' },
      'ex:weight': 20,
      readPoint: { id: 'urn:epc:id:sgln:0614141.00001.0', 'ex:gate': { 'ex:lane': '3' } },
    });
    const c = event({ '@context': { ex: 'https://b.example/' }, 'ex:seal': 'S1' });
    const d = event({ '@context': { other: 'https://b.example/' }, 'other:seal': 'S2' });
    const text = serializeJsonLdDocument([a, b, c, d]);
    const raw = JSON.parse(text);
    expect(raw['@context'][1]).toEqual({ ex: 'https://a.example/', ex2: 'https://b.example/', other: 'https://b.example/' });
    const back = parseJsonLdDocument(text).events;
    expect(back[0]).toEqual(a);
    expect(back[1]!['@context']).toEqual({ ex2: 'https://b.example/' });
    expect(back[1]!['ex2:weight']).toBe(20);
    expect(back[1]!.readPoint).toEqual({ id: 'urn:epc:id:sgln:0614141.00001.0', 'ex2:gate': { 'ex2:lane': '3' } });
    // On a clash, a prefix already bound to the same namespace is reused instead of inventing one more.
    expect(back[2]!['@context']).toEqual({ ex2: 'https://b.example/' });
    expect(back[2]!['ex2:seal']).toBe('S1');
    // Without a clash, the event's own prefix stays.
    expect(back[3]).toEqual(d);
  });

  it('keeps a document rebinding of a standard prefix and renames a later standard use', () => {
    const custom = event({ '@context': { cbvmda: 'http://example.com/cbvmda/' }, ilmd: { 'cbvmda:grade': 'A' } });
    const standard = event({ '@context': { cbvmda: 'urn:epcglobal:cbv:mda:' }, ilmd: { 'cbvmda:lotNumber': 'L1' } });
    const back = parseJsonLdDocument(serializeJsonLdDocument([custom, standard])).events;
    expect(back[0]).toEqual(custom);
    expect(back[1]!['@context']).toEqual({ cbvmda2: 'urn:epcglobal:cbv:mda:' });
    expect(back[1]!.ilmd).toEqual({ 'cbvmda2:lotNumber': 'L1' });
  });

  it('does not change the events it is given', () => {
    const a = event({ '@context': { ex: 'https://a.example/' }, 'ex:k': 1 });
    const b = event({ '@context': { ex: 'https://b.example/' }, 'ex:k': 2 });
    const before = structuredClone([a, b]);
    serializeJsonLdDocument([a, b], { cbvFormat: 'Always_URN', epcFormat: 'Always_GS1_Digital_Link' });
    expect([a, b]).toEqual(before);
  });
});

describe('serializeJsonLdEvent', () => {
  it('writes one event with its own @context first', () => {
    const e = event({ '@context': { corr: 'https://karvon.example/corridor/' }, 'corr:border': 'Khorgos' });
    const text = serializeJsonLdEvent(e, { indent: 2 });
    const raw = JSON.parse(text);
    expect(Object.keys(raw)[0]).toBe('@context');
    expect(raw['@context']).toEqual([EPCIS_CONTEXT_URL, { corr: 'https://karvon.example/corridor/' }]);
    expect(text).toContain('\n  "type": "ObjectEvent"');
    expect(parseJsonLdEvent(text)).toEqual(e);
  });
});

describe('GS1-CBV-Format', () => {
  const e = event({
    bizStep: 'shipping',
    disposition: 'urn:epcglobal:cbv:disp:in_transit',
    persistentDisposition: { set: ['completeness_verified'], unset: ['https://ref.gs1.org/cbv/Disp-completeness_inferred'] },
    bizTransactionList: [{ type: 'po', bizTransaction: 'urn:epcglobal:cbv:bt:0614141000005:PO-1' }, { bizTransaction: 'https://po.example/2' }],
    sourceList: [{ type: 'owning_party', source: 'urn:epc:id:pgln:0614141.00000' }],
    destinationList: [{ type: 'urn:epcglobal:cbv:sdt:location', destination: 'urn:epc:id:sgln:0614141.00001.0' }],
    errorDeclaration: { declarationTime: '2024-05-02T00:00:00Z', reason: 'incorrect_data' },
    'ex:private': 'shipping',
    '@context': { ex: 'https://ex.example/' },
  });
  const format = (cbvFormat: 'Always_Web_URI' | 'Always_URN' | 'Never_Translates' | 'No_Preference') =>
    parseJsonLdDocument(serializeJsonLdDocument([e], { cbvFormat })).events[0]!;

  it('Always_URN writes CBV URNs', () => {
    const out = format('Always_URN');
    expect(out.bizStep).toBe('urn:epcglobal:cbv:bizstep:shipping');
    expect(out.disposition).toBe('urn:epcglobal:cbv:disp:in_transit');
    expect(out.persistentDisposition).toEqual({ set: ['urn:epcglobal:cbv:disp:completeness_verified'], unset: ['urn:epcglobal:cbv:disp:completeness_inferred'] });
    expect(out.bizTransactionList).toEqual([
      { type: 'urn:epcglobal:cbv:btt:po', bizTransaction: 'urn:epcglobal:cbv:bt:0614141000005:PO-1' },
      { bizTransaction: 'https://po.example/2' },
    ]);
    expect(out.sourceList![0]!.type).toBe('urn:epcglobal:cbv:sdt:owning_party');
    expect(out.destinationList![0]!.type).toBe('urn:epcglobal:cbv:sdt:location');
    expect(out.errorDeclaration!.reason).toBe('urn:epcglobal:cbv:er:incorrect_data');
    expect(out['ex:private']).toBe('shipping');
  });

  it('Always_Web_URI writes GS1 Web URIs', () => {
    const out = format('Always_Web_URI');
    expect(out.bizStep).toBe('https://ref.gs1.org/cbv/BizStep-shipping');
    expect(out.disposition).toBe('https://ref.gs1.org/cbv/Disp-in_transit');
    expect(out.persistentDisposition!.set).toEqual(['https://ref.gs1.org/cbv/Disp-completeness_verified']);
    expect(out.bizTransactionList![0]!.type).toBe('https://ref.gs1.org/cbv/BTT-po');
    expect(out.destinationList![0]!.type).toBe('https://ref.gs1.org/cbv/SDT-location');
    expect(out.errorDeclaration!.reason).toBe('https://ref.gs1.org/cbv/ER-incorrect_data');
  });

  it('Never_Translates and No_Preference keep the captured spelling', () => {
    expect(format('Never_Translates')).toEqual(e);
    expect(format('No_Preference')).toEqual(e);
  });
});
