import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { EpcisEvent } from '../../src/epcis/model.js';
import { parseJsonLdDocument } from '../../src/epcis/jsonld/parse.js';
import { parseXmlDocument, parseXmlEvent } from '../../src/epcis/xml/parse.js';
import { serializeXmlDocument, serializeXmlEvent } from '../../src/epcis/xml/serialize.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const conformance = path.resolve(repoRoot, '../shared/conformance');
const xsd = readFileSync(path.join(conformance, 'gs1-epcis/XSD/EPCglobal-epcis-2_0.xsd'), 'utf8').replace(/<!--[\s\S]*?-->/g, '');

/** The element sequence of an event type, read from the official XSD. */
function xsdSequence(type: string): string[] {
  const body = (name: string) => {
    const m = new RegExp(`<xsd:complexType name="${name}"[^>]*>([\\s\\S]*?)</xsd:complexType>`).exec(xsd);
    if (!m) throw new Error(`${name} not in XSD`);
    return [...m[1]!.matchAll(/<xsd:element name="(\w+)"/g)].map((x) => x[1]!).filter((n) => n !== 'extension' && n !== 'baseExtension');
  };
  return [...body('EPCISEventType'), ...body(`${type}Type`)];
}

const event = (extra: Partial<EpcisEvent> & Record<string, unknown>): EpcisEvent => ({
  type: 'ObjectEvent',
  eventTime: '2024-05-01T10:00:00.000Z',
  eventTimeZoneOffset: '+05:00',
  action: 'OBSERVE',
  ...extra,
});

describe('XML serialisation', () => {
  const allFields = ['aggregation', 'association', 'object', 'transaction', 'transformation'].map((t) =>
    parseXmlDocument(readFileSync(path.join(conformance, `gs1-epcis/XML/WithFullCombinationOfFields/${t}_event_all_possible_fields.xml`))),
  );

  it('writes event children in the order of the EPCIS 2.0 XSD sequences, extensions last', () => {
    for (const doc of allFields) {
      for (const e of doc.events) {
        const xml = serializeXmlEvent(e);
        const names = [...xml.matchAll(/^ {2}<([\w:]+)/gm)].map((m) => m[1]!);
        const order = xsdSequence(e.type);
        const standard = names.filter((n) => !n.includes(':'));
        expect(standard.length).toBeGreaterThan(5);
        const positions = standard.map((n) => order.indexOf(n));
        expect(positions.every((p) => p >= 0), `${e.type}: ${standard}`).toBe(true);
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
        const firstExtension = names.findIndex((n) => n.includes(':'));
        if (firstExtension >= 0) expect(names.slice(firstExtension).every((n) => n.includes(':'))).toBe(true);
      }
    }
  });

  it('writes an EPCISDocument and an EPCISQueryDocument in their namespaces', () => {
    const e = event({ epcList: ['urn:epc:id:sgtin:0614141.107346.2017'] });
    const plain = serializeXmlDocument([e], { creationDate: '2024-05-01T10:00:00Z' });
    expect(plain).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2"/);
    expect(plain).toContain('schemaVersion="2.0" creationDate="2024-05-01T10:00:00Z"');
    const query = serializeXmlDocument([e], { query: { queryName: 'SimpleEventQuery', subscriptionID: 'sub-1' } });
    expect(query).toContain('<epcisq:EPCISQueryDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:epcisq="urn:epcglobal:epcis-query:xsd:2"');
    expect(query).toMatch(/<epcisq:QueryResults>\s*<queryName>SimpleEventQuery<\/queryName>\s*<subscriptionID>sub-1<\/subscriptionID>\s*<resultsBody>\s*<EventList>/);
    const back = parseXmlDocument(query);
    expect(back).toMatchObject({ type: 'EPCISQueryDocument', queryName: 'SimpleEventQuery', subscriptionID: 'sub-1' });
    expect(back.events).toEqual([e]);
    expect(parseXmlDocument(serializeXmlDocument([])).events).toEqual([]);
  });

  it('writes bare JSON-LD terms as CBV URNs, or as Web URIs when asked', () => {
    const e = event({
      bizStep: 'shipping',
      disposition: 'in_transit',
      persistentDisposition: { set: ['completeness_verified'] },
      bizTransactionList: [{ type: 'po', bizTransaction: 'urn:epcglobal:cbv:bt:0614141073467:1152' }],
      sourceList: [{ type: 'owning_party', source: 'urn:epc:id:pgln:4012345.00225' }],
      errorDeclaration: { declarationTime: '2024-05-02T00:00:00Z', reason: 'incorrect_data', correctiveEventIDs: ['urn:uuid:1'] },
      sensorElementList: [{ sensorReport: [{ type: 'Temperature', value: 21.5, uom: 'CEL', component: 'x' }] }],
    });
    const urn = parseXmlEvent(serializeXmlEvent(e));
    expect(urn.bizStep).toBe('urn:epcglobal:cbv:bizstep:shipping');
    expect(urn.disposition).toBe('urn:epcglobal:cbv:disp:in_transit');
    expect(urn.persistentDisposition).toEqual({ set: ['urn:epcglobal:cbv:disp:completeness_verified'] });
    expect(urn.bizTransactionList).toEqual([{ type: 'urn:epcglobal:cbv:btt:po', bizTransaction: 'urn:epcglobal:cbv:bt:0614141073467:1152' }]);
    expect(urn.sourceList?.[0]?.type).toBe('urn:epcglobal:cbv:sdt:owning_party');
    expect(urn.errorDeclaration).toEqual({ declarationTime: '2024-05-02T00:00:00Z', reason: 'urn:epcglobal:cbv:er:incorrect_data', correctiveEventIDs: ['urn:uuid:1'] });
    expect(urn.sensorElementList?.[0]?.sensorReport[0]).toEqual({ type: 'https://gs1.org/voc/Temperature', value: 21.5, uom: 'CEL', component: 'https://ref.gs1.org/cbv/Comp-x' });
    const web = parseXmlEvent(serializeXmlEvent(e, { cbvFormat: 'Always_Web_URI' }));
    expect(web.bizStep).toBe('https://ref.gs1.org/cbv/BizStep-shipping');
    expect(web.bizTransactionList?.[0]?.type).toBe('https://ref.gs1.org/cbv/BTT-po');
  });

  it('applies the EPC format option', () => {
    const e = event({ epcList: ['urn:epc:id:sgtin:0614141.107346.2017'] });
    const dl = parseXmlEvent(serializeXmlEvent(e, { epcFormat: 'Always_GS1_Digital_Link' }));
    expect(dl.epcList).toEqual(['https://id.gs1.org/01/10614141073464/21/2017']);
    expect(parseXmlEvent(serializeXmlEvent(e, { epcFormat: 'Never_Translates' })).epcList).toEqual(e.epcList);
  });

  it('escapes markup in values and attributes and drops characters XML cannot carry', () => {
    const e = event({
      '@context': { ex: 'https://ex.example/ns#' },
      bizTransactionList: [{ type: 'urn:x:"quoted"&<', bizTransaction: 'a<b>&c]]>' }],
      'ex:note': 'line1\nline2 & <tag> \u0001',
      'ex:obj': { 'ex:attr': 'v"1', '#text': 'body<' },
    });
    const xml = serializeXmlEvent(e);
    expect(xml).not.toContain('\u0001');
    const back = parseXmlEvent(xml);
    expect(back.bizTransactionList).toEqual(e.bizTransactionList);
    expect(back['ex:note']).toBe('line1\nline2 & <tag>');
    expect(back['ex:obj']).toEqual({ 'ex:attr': 'v"1', '#text': 'body<' });
  });

  it('declares a prefix on the event itself when events bind it to different IRIs', () => {
    const a = event({ '@context': { ex: 'urn:a' }, 'ex:f': '1' });
    const b = event({ '@context': { ex: 'urn:b' }, 'ex:f': '2' });
    const c = event({ '@context': { k: 'urn:k' }, 'k:f': '3' });
    const xml = serializeXmlDocument([a, b, c]);
    expect(xml).toMatch(/<epcis:EPCISDocument [^>]*xmlns:k="urn:k"/);
    expect(xml).toContain('<ObjectEvent xmlns:ex="urn:a">');
    expect(xml).toContain('<ObjectEvent xmlns:ex="urn:b">');
    expect(parseXmlDocument(xml).events).toEqual([a, b, c]);
  });

  it('writes repeated, nested and typed extension values so they read back the same', () => {
    const e = event({
      '@context': { ex: 'https://ex.example/', xsi: 'http://www.w3.org/2001/XMLSchema-instance' },
      'ex:list': ['1', { 'ex:inner': ['a', 'b'], plain: 'p' }, ''],
      'ex:typed': { 'xsi:type': 'xsd:integer', '#text': '10' },
      readPoint: { id: 'urn:epc:id:sgln:0614141.00777.0', 'ex:gate': 'G1' },
      ilmd: { 'ex:lot': 'L1' },
    });
    const xml = serializeXmlEvent(e);
    expect(xml).toContain('xmlns:xsd="http://www.w3.org/2001/XMLSchema"');
    expect(xml).toContain('<ex:typed xsi:type="xsd:integer">10</ex:typed>');
    expect(parseXmlEvent(xml)).toEqual(e);
  });

  it('keeps xml:lang attributes without redeclaring the xml prefix', () => {
    const xml = `<ObjectEvent xmlns:ex="urn:ex"><eventTime>2024-01-01T00:00:00Z</eventTime><eventTimeZoneOffset>+00:00</eventTimeZoneOffset><action>ADD</action><ex:note xml:lang="uz">salom</ex:note></ObjectEvent>`;
    const e = parseXmlEvent(xml);
    expect(e['ex:note']).toEqual({ 'xml:lang': 'uz', '#text': 'salom' });
    const written = serializeXmlEvent(e);
    expect(written).not.toContain('xmlns:xml=');
    expect(parseXmlEvent(written)).toEqual(e);
  });

  it('binds standard prefixes a stored event uses without declaring them', () => {
    const e = event({ 'rdfs:comment': 'a note', 'gs1:x': '1' });
    const back = parseXmlEvent(serializeXmlEvent(e));
    expect(back['rdfs:comment']).toBe('a note');
    expect(back['@context']).toEqual({ rdfs: 'http://www.w3.org/2000/01/rdf-schema#', gs1: 'https://gs1.org/voc/' });
  });

  it('writes JSON-LD captured events as XML that reads back equal in the standard fields', () => {
    const json = parseJsonLdDocument(readFileSync(path.join(conformance, 'gs1-epcis/JSON/Example_9.6.4-TransformationEvent.jsonld')));
    const back = parseXmlDocument(serializeXmlDocument(json.events));
    expect(back.events).toHaveLength(json.events.length);
    back.events.forEach((x, i) => {
      const j = json.events[i]!;
      expect(x.type).toBe(j.type);
      expect(x.eventTime).toBe(j.eventTime);
      expect(x.inputEPCList).toEqual(j.inputEPCList);
      expect(x.outputEPCList).toEqual(j.outputEPCList);
      expect(x.inputQuantityList).toEqual(j.inputQuantityList);
      expect(x.ilmd && Object.values(x.ilmd)).toEqual(j.ilmd && Object.values(j.ilmd));
    });
  });

  it('writes the header with master data under EPCISHeader/extension', () => {
    const md = parseXmlDocument(readFileSync(path.join(conformance, 'gs1-epcis/XML/WithFullCombinationOfFields/masterdata_all_possible_fields.xml')));
    const xml = serializeXmlDocument([], { header: md.epcisHeader, namespaces: md.namespaces });
    expect(xml).toMatch(/<EPCISHeader>\s*<extension>\s*<EPCISMasterData>\s*<VocabularyList>/);
    expect(parseXmlDocument(xml).epcisHeader).toEqual(md.epcisHeader);
  });
});
