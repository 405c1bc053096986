/**
 * EPCIS 2.0 XML binding: serialisation of events, EPCISDocument and EPCISQueryDocument.
 *
 * Namespace prefixes come from each event's '@context'. A prefix bound to the same IRI by every event
 * is declared once on the root; one that differs between events is declared on the event element.
 * Bare JSON-LD vocabulary terms ("shipping") are written as CBV URNs (or Web URIs with
 * cbvFormat Always_Web_URI), since XML has no context to expand them.
 */
import { applyCbvFormat, type CbvFormat } from '../jsonld/cbv-format.js';
import { applyEpcFormat, type EpcFormat } from '../jsonld/epc-format.js';
import type { EpcisEvent, EpcisHeader, NamespaceBindings, Vocabulary } from '../model.js';
import { requiredBindings, writeEvent, writeExtensions, writeValue, type VocabularySpelling } from './event-writer.js';
import { EPCIS_NS, EPCIS_QUERY_NS, SBDH_NS } from './xml-tree.js';
import { isNcName, XmlWriter, type Attributes } from './xml-writer.js';

export interface XmlSerializeOptions {
  epcFormat?: EpcFormat;
  cbvFormat?: CbvFormat;
  /** Write an EPCISQueryDocument with these query results instead of an EPCISDocument. */
  query?: { queryName: string; subscriptionID?: string };
  /** Defaults to the current time. */
  creationDate?: string;
  header?: EpcisHeader;
  /** Extra document-level namespace bindings (e.g. for prefixes used in the header). */
  namespaces?: NamespaceBindings;
}

function prepare(event: EpcisEvent, options: XmlSerializeOptions): EpcisEvent {
  return applyCbvFormat(applyEpcFormat(event, options.epcFormat), options.cbvFormat);
}

function spelling(options: XmlSerializeOptions): VocabularySpelling {
  return options.cbvFormat === 'Always_Web_URI' ? 'web' : 'urn';
}

/** Splits the events' bindings into those the root can declare once and those each event declares. */
function planNamespaces(events: EpcisEvent[], reserved: NamespaceBindings) {
  const perEvent = events.map((e) => requiredBindings(e));
  const root: NamespaceBindings = {};
  const conflicting = new Set<string>();
  for (const bindings of perEvent) {
    for (const [p, iri] of Object.entries(bindings)) {
      if (reserved[p] !== undefined && reserved[p] !== iri) conflicting.add(p);
      else if (root[p] === undefined) root[p] = iri;
      else if (root[p] !== iri) conflicting.add(p);
    }
  }
  for (const p of conflicting) delete root[p];
  const local = perEvent.map((bindings) => Object.fromEntries(Object.entries(bindings).filter(([p]) => root[p] === undefined && reserved[p] !== bindings[p])));
  return { root, local };
}

/** Serialises events as an EPCIS 2.0 XML EPCISDocument, or an EPCISQueryDocument with `query`. */
export function serializeXmlDocument(events: EpcisEvent[], options: XmlSerializeOptions = {}): string {
  const prepared = events.map((e) => prepare(e, options));
  const isQuery = options.query !== undefined;
  const rootName = isQuery ? 'epcisq:EPCISQueryDocument' : 'epcis:EPCISDocument';
  const reserved: NamespaceBindings = { epcis: EPCIS_NS, ...(isQuery ? { epcisq: EPCIS_QUERY_NS } : {}) };
  for (const [p, iri] of Object.entries(options.namespaces ?? {})) if (isNcName(p)) reserved[p] ??= iri;
  if (options.header) {
    const headerBindings = requiredBindings(options.header, { sbdh: SBDH_NS, ...options.namespaces });
    for (const [p, iri] of Object.entries(headerBindings)) reserved[p] ??= iri;
  }
  const plan = planNamespaces(prepared, reserved);
  const attrs: Attributes = [
    ...Object.entries({ ...reserved, ...plan.root }).map(([p, iri]): [string, string] => [`xmlns:${p}`, iri]),
    ['schemaVersion', '2.0'],
    ['creationDate', options.creationDate ?? new Date().toISOString()],
  ];
  const w = new XmlWriter().declaration().open(rootName, attrs);
  if (options.header) writeHeader(w, options.header);
  w.open('EPCISBody');
  if (isQuery) {
    w.open('epcisq:QueryResults').leaf('queryName', options.query!.queryName);
    if (options.query!.subscriptionID !== undefined) w.leaf('subscriptionID', options.query!.subscriptionID);
    w.open('resultsBody');
  }
  if (prepared.length === 0) w.leaf('EventList', undefined);
  else {
    w.open('EventList');
    prepared.forEach((e, i) => writeEvent(w, e, spelling(options), plan.local[i]));
    w.close('EventList');
  }
  if (isQuery) w.close('resultsBody').close('epcisq:QueryResults');
  return w.close('EPCISBody').close(rootName).toString() + '\n';
}

/** Serialises one event as a standalone event element carrying its own namespace declarations. */
export function serializeXmlEvent(event: EpcisEvent, options: XmlSerializeOptions = {}): string {
  const prepared = prepare(event, options);
  const w = new XmlWriter().declaration();
  writeEvent(w, prepared, spelling(options), requiredBindings(prepared));
  return w.toString() + '\n';
}

function writeHeader(w: XmlWriter, header: EpcisHeader): void {
  w.open('EPCISHeader');
  if (header.sbdh !== undefined) writeExtensions(w, { 'sbdh:StandardBusinessDocumentHeader': header.sbdh }, []);
  const vocabularies = header.epcisMasterData?.vocabularyList;
  if (vocabularies) {
    // EPCIS 2.0 XSD: EPCISHeader/extension/EPCISMasterData/VocabularyList.
    w.open('extension').open('EPCISMasterData');
    writeVocabularyList(w, vocabularies);
    w.close('EPCISMasterData').close('extension');
  }
  w.close('EPCISHeader');
}

/** Writes a VocabularyList element (master data) from the JSON binding shape. */
export function writeVocabularyList(w: XmlWriter, vocabularies: Vocabulary[]): void {
  w.open('VocabularyList');
  for (const v of vocabularies) {
    w.open('Vocabulary', [['type', v.type]]).open('VocabularyElementList');
    for (const el of v.vocabularyElementList ?? []) {
      w.open('VocabularyElement', [['id', el.id]]);
      for (const a of el.attributes ?? []) writeValue(w, 'attribute', a.attribute, [['id', a.id]]);
      if (el.children?.length) {
        w.open('children');
        for (const c of el.children) w.leaf('id', c);
        w.close('children');
      }
      w.close('VocabularyElement');
    }
    w.close('VocabularyElementList').close('Vocabulary');
  }
  w.close('VocabularyList');
}


export { serializeXmlCaptureJob } from './capture-job.js';
