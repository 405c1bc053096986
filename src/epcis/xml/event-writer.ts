/**
 * One event of Karvon's model written as an EPCIS 2.0 XML event element, children in the order the
 * EPCIS 2.0 XSD sequences require, user extensions last.
 */
import type { EpcisEvent, EventType, ExtensionValue, NamespaceBindings, SensorElement } from '../model.js';
import { STANDARD_PREFIXES } from '../model.js';
import { isBareTerm, toCbvUrn, toWebVocabulary, type VocabularyKind } from '../vocabulary.js';
import { isNcName, type Attributes, type XmlWriter } from './xml-writer.js';
import { SBDH_NS, XSI_NS } from './xml-tree.js';

const BASE = ['eventTime', 'recordTime', 'eventTimeZoneOffset', 'eventID', 'errorDeclaration', 'certificationInfo'];
const TAIL = ['sourceList', 'destinationList', 'sensorElementList', 'persistentDisposition'];
const PLACES = ['bizStep', 'disposition', 'readPoint', 'bizLocation'];

/** Child order of each event type (EPCIS 2.0 XSD), after the common EPCISEventType fields. */
export const XSD_ORDER: Record<EventType, string[]> = {
  ObjectEvent: [...BASE, 'epcList', 'action', ...PLACES, 'bizTransactionList', 'quantityList', ...TAIL, 'ilmd'],
  AggregationEvent: [...BASE, 'parentID', 'childEPCs', 'action', ...PLACES, 'bizTransactionList', 'childQuantityList', ...TAIL],
  TransactionEvent: [...BASE, 'bizTransactionList', 'parentID', 'epcList', 'action', ...PLACES, 'quantityList', ...TAIL],
  TransformationEvent: [
    ...BASE,
    'inputEPCList',
    'inputQuantityList',
    'outputEPCList',
    'outputQuantityList',
    'transformationID',
    ...PLACES,
    'bizTransactionList',
    ...TAIL,
    'ilmd',
  ],
  AssociationEvent: [...BASE, 'parentID', 'childEPCs', 'childQuantityList', 'action', ...PLACES, 'bizTransactionList', ...TAIL],
};

const STANDARD_KEYS = new Set(['@context', 'type', ...Object.values(XSD_ORDER).flat()]);

/** Well-known IRIs for prefixes a stored event may use without binding them itself. */
const KNOWN_PREFIXES: NamespaceBindings = {
  ...STANDARD_PREFIXES,
  xsi: XSI_NS,
  xsd: 'http://www.w3.org/2001/XMLSchema',
  sbdh: SBDH_NS,
};

/** How CBV values are spelled in the output: bare JSON-LD terms always become full URIs in XML. */
export type VocabularySpelling = 'urn' | 'web';

/**
 * The prefix -> IRI bindings an event (or header) needs in XML: its '@context' (or the given bindings)
 * for the prefixes its keys use, well-known IRIs for standard prefixes.
 */
export function requiredBindings(event: object, bindings?: NamespaceBindings): NamespaceBindings {
  const ctx = { ...bindings, ...((event as { '@context'?: NamespaceBindings })['@context'] ?? {}) };
  const out: NamespaceBindings = {};
  const visit = (value: unknown, topLevel: boolean) => {
    if (Array.isArray(value)) value.forEach((v) => visit(v, false));
    else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        if (topLevel && key === '@context') continue;
        const colon = key.indexOf(':');
        // The xml prefix is bound by XML itself and must not be declared again.
        if (colon > 0 && key.slice(0, colon) !== 'xml') {
          const prefix = key.slice(0, colon);
          const own = typeof ctx[prefix] === 'string' ? ctx[prefix] : undefined;
          out[prefix] ??= own ?? KNOWN_PREFIXES[prefix] ?? `urn:karvon:undeclared-prefix:${prefix}`;
          if (out[prefix] === XSI_NS && key.endsWith(':type') && typeof v === 'string' && v.includes(':')) {
            // xsi:type values are QNames such as xsd:string; their prefix must be in scope too.
            const typePrefix = v.slice(0, v.indexOf(':'));
            const iri = ctx[typePrefix] ?? KNOWN_PREFIXES[typePrefix];
            if (iri) out[typePrefix] ??= iri;
          }
        }
        visit(v, false);
      }
    }
  };
  visit(event, true);
  return out;
}

/** Writes one event element; `declare` are xmlns declarations to put on the event element itself. */
export function writeEvent(w: XmlWriter, event: EpcisEvent, spelling: VocabularySpelling, declare: NamespaceBindings = {}): void {
  const e = event as Record<string, unknown>;
  const vocab = (kind: VocabularyKind, value: string) =>
    isBareTerm(kind, value) ? (spelling === 'web' ? toWebVocabulary(kind, value) : toCbvUrn(kind, value)) : value;
  const web = (kind: VocabularyKind, value: string) => (isBareTerm(kind, value) ? toWebVocabulary(kind, value) : value);
  const attrs: Attributes = Object.entries(declare).map(([p, iri]) => [`xmlns:${p}`, iri]);
  w.open(event.type, attrs);
  for (const field of XSD_ORDER[event.type] ?? []) {
    const value = e[field];
    if (value === undefined || value === null) continue;
    switch (field) {
      case 'bizStep':
      case 'disposition':
        w.leaf(field, vocab(field, String(value)));
        break;
      case 'certificationInfo':
        for (const c of Array.isArray(value) ? value : [value]) w.leaf(field, String(c));
        break;
      case 'epcList':
      case 'childEPCs':
      case 'inputEPCList':
      case 'outputEPCList':
        list(w, field, value as string[], (id) => w.leaf('epc', String(id)));
        break;
      case 'quantityList':
      case 'childQuantityList':
      case 'inputQuantityList':
      case 'outputQuantityList':
        list(w, field, value as { epcClass: string; quantity?: number; uom?: string }[], (q) => {
          w.open('quantityElement').leaf('epcClass', q.epcClass);
          if (q.quantity !== undefined && q.quantity !== null) w.leaf('quantity', String(q.quantity));
          if (q.uom !== undefined) w.leaf('uom', q.uom);
          w.close('quantityElement');
        });
        break;
      case 'bizTransactionList':
        list(w, field, value as { type?: string; bizTransaction: string }[], (t) =>
          w.leaf('bizTransaction', t.bizTransaction, t.type === undefined ? [] : [['type', vocab('bizTransactionType', t.type)]]),
        );
        break;
      case 'sourceList':
      case 'destinationList': {
        const item = field === 'sourceList' ? 'source' : 'destination';
        list(w, field, value as Record<string, string>[], (s) =>
          w.leaf(item, s[item], [['type', vocab('sourceDestinationType', s.type ?? '')]]),
        );
        break;
      }
      case 'persistentDisposition': {
        const pd = value as { set?: string[]; unset?: string[] };
        w.open(field);
        for (const u of pd.unset ?? []) w.leaf('unset', vocab('disposition', u));
        for (const s of pd.set ?? []) w.leaf('set', vocab('disposition', s));
        w.close(field);
        break;
      }
      case 'readPoint':
      case 'bizLocation':
        writeStructure(w, field, value as Record<string, unknown>, ['id']);
        break;
      case 'errorDeclaration': {
        const d = { ...(value as Record<string, unknown>) };
        if (typeof d.reason === 'string') d.reason = vocab('errorReason', d.reason);
        const ids = d.correctiveEventIDs as string[] | undefined;
        delete d.correctiveEventIDs;
        w.open(field);
        for (const k of ['declarationTime', 'reason']) if (d[k] !== undefined) w.leaf(k, String(d[k]));
        if (ids) list(w, 'correctiveEventIDs', ids, (id) => w.leaf('correctiveEventID', id));
        writeExtensions(w, d, ['declarationTime', 'reason']);
        w.close(field);
        break;
      }
      case 'ilmd':
        w.open(field);
        writeExtensions(w, value as Record<string, unknown>, []);
        w.close(field);
        break;
      case 'sensorElementList':
        list(w, field, value as SensorElement[], (se) => writeSensorElement(w, se, web));
        break;
      default:
        w.leaf(field, String(value));
    }
  }
  writeExtensions(w, e, [...STANDARD_KEYS]);
  w.close(event.type);
}

function list<T>(w: XmlWriter, name: string, items: T[], each: (item: T) => void): void {
  if (!Array.isArray(items) || items.length === 0) {
    w.leaf(name, undefined);
    return;
  }
  w.open(name);
  items.forEach(each);
  w.close(name);
}

function writeStructure(w: XmlWriter, name: string, value: Record<string, unknown>, fields: string[]): void {
  w.open(name);
  for (const f of fields) if (value[f] !== undefined) w.leaf(f, String(value[f]));
  writeExtensions(w, value, fields);
  w.close(name);
}

type Web = (kind: VocabularyKind, value: string) => string;

function writeSensorElement(w: XmlWriter, se: SensorElement, web: Web): void {
  w.open('sensorElement');
  if (se.sensorMetadata) writeSensorPart(w, 'sensorMetadata', se.sensorMetadata as Record<string, unknown>, web);
  for (const r of se.sensorReport ?? []) writeSensorPart(w, 'sensorReport', r as Record<string, unknown>, web);
  writeExtensions(w, se as Record<string, unknown>, ['sensorMetadata', 'sensorReport']);
  w.close('sensorElement');
}

const SENSOR_VOCAB: Record<string, VocabularyKind> = { type: 'measurementType', exception: 'sensorAlertType', component: 'component' };

/** sensorMetadata / sensorReport: scalar fields as attributes, structured extensions as children. */
function writeSensorPart(w: XmlWriter, name: string, part: Record<string, unknown>, web: Web): void {
  const attrs: Attributes = [];
  const nested: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(part)) {
    if (v === undefined || v === null) continue;
    if (typeof v === 'object') nested[k] = v;
    else if (validQName(k)) attrs.push([k, SENSOR_VOCAB[k] ? web(SENSOR_VOCAB[k]!, String(v)) : String(v)]);
  }
  if (Object.keys(nested).length === 0) {
    w.leaf(name, undefined, attrs);
    return;
  }
  w.open(name, attrs);
  writeExtensions(w, nested, []);
  w.close(name);
}

function validQName(key: string): boolean {
  const parts = key.split(':');
  return parts.length <= 2 && parts.every(isNcName) && (parts.length === 1 || parts[0] !== 'xmlns');
}

/**
 * Writes every entry of an object except the listed standard ones as extension elements. Keys that are
 * not XML names (possible in JSON-LD input) cannot be written in XML and are left out.
 */
export function writeExtensions(w: XmlWriter, obj: Record<string, unknown>, skip: string[]): void {
  for (const [key, value] of Object.entries(obj)) {
    if (skip.includes(key) || key === '#text' || value === undefined || !validQName(key)) continue;
    for (const item of Array.isArray(value) ? value.flat(Infinity) : [value]) writeValue(w, key, item as ExtensionValue);
  }
}

/** Writes one extension value as an element named `name` (objects as attributes/children/text). */
export function writeValue(w: XmlWriter, name: string, value: ExtensionValue, extraAttributes: Attributes = []): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const text = value === null ? '' : Array.isArray(value) ? value.join(' ') : String(value);
    w.leaf(name, text, extraAttributes);
    return;
  }
  const obj = value as Record<string, unknown>;
  const text = obj['#text'];
  const attrs: Attributes = [...extraAttributes];
  const children: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (k === '#text' || v === undefined || !validQName(k)) continue;
    // Beside text, scalar entries can only have been attributes; xsi:* are attributes by nature.
    const scalar = v === null || typeof v !== 'object';
    if (scalar && (text !== undefined || k.startsWith('xsi:'))) attrs.push([k, v === null ? '' : String(v)]);
    else children[k] = v;
  }
  if (Object.keys(children).length === 0) {
    w.leaf(name, text === undefined ? undefined : String(text), attrs);
    return;
  }
  w.open(name, attrs);
  if (text !== undefined) w.text(String(text));
  writeExtensions(w, children, []);
  w.close(name);
}
