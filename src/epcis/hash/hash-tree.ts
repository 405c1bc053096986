/**
 * Karvon's event model to the neutral tree the CBV 2.0 hash algorithm works on: each node has a name,
 * a text and children, like an XML element whose attributes became children. Names of user extensions
 * are written `{namespace IRI}localName`. Binding-specific value rules of the reference implementation
 * (JSON-LD bare terms and CURIEs, XML's gs1:/cbv: only) are applied here.
 */
import { isBareTerm, toWebVocabulary, type VocabularyKind } from '../vocabulary.js';
import { STANDARD_PREFIXES, type EpcisEvent, type NamespaceBindings } from '../model.js';

export type Binding = 'json' | 'xml';

/** One node of the pre-hash tree. `pair` marks a bizTransaction/source/destination item (type, then id). */
export interface HashNode {
  name: string;
  text: string;
  children: HashNode[];
  pair?: boolean;
  /** Set by the ordered pass when the node has been fully written. */
  done?: boolean;
}

/** What the tree builder needs to know about the event being hashed. */
export interface BuildContext {
  binding: Binding;
  bindings: NamespaceBindings;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** `{iri}local` for a "prefix:local" key whose prefix is bound; other keys (bare names, IRIs) as they are. */
export function resolveName(key: string, bindings: NamespaceBindings): string {
  const colon = key.indexOf(':');
  if (colon <= 0) return key;
  const prefix = key.slice(0, colon);
  let iri: string | undefined;
  if (hasOwn.call(bindings, prefix)) iri = bindings[prefix];
  else if (hasOwn.call(STANDARD_PREFIXES, prefix)) iri = STANDARD_PREFIXES[prefix];
  if (iri === undefined || key.startsWith('//', colon + 1)) return key;
  return `{${iri}}${key.slice(colon + 1)}`;
}

const RDFS_COMMENT = `{${STANDARD_PREFIXES.rdfs}}comment`;

/** JSON-LD comments (`comment`, `rdfs:comment`) never take part; XML comments never reach the model. */
function isJsonComment(key: string, name: string, ctx: BuildContext): boolean {
  return ctx.binding === 'json' && (key === 'comment' || key === 'rdfs:comment' || name === RDFS_COMMENT);
}

const XML_VALUE_PREFIXES: [string, string][] = [
  ['gs1:', 'https://gs1.org/voc/'],
  ['cbv:', 'https://ref.gs1.org/cbv/'],
];

/** A string value as the reference reads it: JSON bare terms and CURIEs expanded, XML only gs1:/cbv:. */
function readString(value: string, ctx: BuildContext, kind: VocabularyKind | undefined): string {
  if (ctx.binding === 'xml') {
    for (const [prefix, iri] of XML_VALUE_PREFIXES) {
      if (value.startsWith(prefix)) return value.split(prefix).join(iri);
    }
    return value;
  }
  if (kind !== undefined && isBareTerm(kind, value)) return toWebVocabulary(kind, value);
  const colon = value.indexOf(':');
  // "scheme://" values (http, https) are never CURIEs worth a lookup.
  if (colon <= 0 || value.charCodeAt(colon + 1) === 47) return value;
  const prefix = value.slice(0, colon);
  if (hasOwn.call(ctx.bindings, prefix)) return ctx.bindings[prefix] + value.slice(colon + 1);
  if (hasOwn.call(STANDARD_PREFIXES, prefix)) return STANDARD_PREFIXES[prefix] + value.slice(colon + 1);
  return value;
}

function scalarText(value: unknown, ctx: BuildContext, kind?: VocabularyKind): string | undefined {
  switch (typeof value) {
    case 'string':
      return readString(value, ctx, kind);
    case 'number':
      return String(value);
    case 'boolean':
      // The JSON reader sees Python booleans; XML text says true/false.
      return ctx.binding === 'json' ? (value ? 'True' : 'False') : value ? 'true' : 'false';
    case 'bigint':
      return value.toString();
    default:
      return undefined;
  }
}

function leaf(name: string, text: string): HashNode {
  return { name, text, children: [] };
}

/** Appends the node(s) of one named value: arrays repeat the name, objects nest. */
export function appendValue(
  out: HashNode[],
  name: string,
  value: unknown,
  ctx: BuildContext,
  kind?: VocabularyKind,
): void {
  if (value === null || value === undefined) return;
  if (ctx.binding === 'json' && name.endsWith('List') && name.length > 4) {
    // The JSON reader turns every "xyzList" into a container of "xyz" items, array or not.
    const items: HashNode[] = [];
    const itemName = name.slice(0, -4);
    if (Array.isArray(value)) for (const item of value) appendValue(items, itemName, item, ctx, kind);
    else appendValue(items, itemName, value, ctx, kind);
    out.push({ name, text: '', children: items });
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) appendValue(out, name, item, ctx, kind);
    return;
  }
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const text = hasOwn.call(obj, '#text') ? (scalarText(obj['#text'], ctx) ?? '') : '';
    out.push({ name, text, children: objectChildren(obj, ctx) });
    return;
  }
  const text = scalarText(value, ctx, kind);
  if (text !== undefined) out.push(leaf(name, text));
}

/** Children of an object value: every key but '#text' (and JSON comments), names resolved. */
export function objectChildren(
  obj: Record<string, unknown>,
  ctx: BuildContext,
  kinds?: Readonly<Record<string, VocabularyKind>>,
): HashNode[] {
  const out: HashNode[] = [];
  for (const key in obj) {
    if (!hasOwn.call(obj, key) || key === '#text') continue;
    const name = resolveName(key, ctx.bindings);
    if (isJsonComment(key, name, ctx)) continue;
    appendValue(out, name, obj[key], ctx, kinds?.[key]);
  }
  return out;
}

const REPORT_KINDS: Readonly<Record<string, VocabularyKind>> = {
  type: 'measurementType',
  exception: 'sensorAlertType',
  component: 'component',
};

function sensorElement(item: unknown, ctx: BuildContext): HashNode {
  const children: HashNode[] = [];
  if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
    const obj = item as Record<string, unknown>;
    for (const key in obj) {
      if (!hasOwn.call(obj, key)) continue;
      const value = obj[key];
      if (key === 'sensorReport') {
        const reports = Array.isArray(value) ? value : [value];
        for (const report of reports) {
          if (report !== null && typeof report === 'object' && !Array.isArray(report)) {
            children.push({ name: 'sensorReport', text: '', children: objectChildren(report as Record<string, unknown>, ctx, REPORT_KINDS) });
          } else {
            appendValue(children, 'sensorReport', report, ctx);
          }
        }
      } else if (key !== '#text') {
        const name = resolveName(key, ctx.bindings);
        if (!isJsonComment(key, name, ctx)) appendValue(children, name, value, ctx);
      }
    }
  }
  return { name: 'sensorElement', text: '', children };
}

function listOf(value: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** A bizTransaction/source/destination item: its type first, then its id (RalphTro issue #80). */
function pairItem(item: unknown, idKey: string, kind: VocabularyKind, ctx: BuildContext): HashNode | undefined {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return undefined;
  const obj = item as Record<string, unknown>;
  const children: HashNode[] = [];
  appendValue(children, 'type', obj.type, ctx, kind);
  appendValue(children, idKey, obj[idKey], ctx);
  return children.length > 0 ? { name: '', text: '', children, pair: true } : undefined;
}

function container(name: string, children: HashNode[]): HashNode {
  return { name, text: '', children };
}

const EPC_LISTS = new Set(['epcList', 'inputEPCList', 'outputEPCList', 'childEPCs']);
const QUANTITY_LISTS = new Set(['quantityList', 'childQuantityList', 'inputQuantityList', 'outputQuantityList']);
/** Fields that never take part in the hash. */
const EXCLUDED = new Set(['@context', 'type', 'eventID', 'recordTime', 'errorDeclaration']);

/** The top-level nodes of an event, minus the fields that never take part and those in `ignore`. */
export function eventChildren(event: EpcisEvent, ctx: BuildContext, ignore: ReadonlySet<string> | undefined): HashNode[] {
  const out: HashNode[] = [];
  const record = event as Record<string, unknown>;
  for (const key in record) {
    if (!hasOwn.call(record, key) || EXCLUDED.has(key)) continue;
    const value = record[key];
    if (value === undefined || value === null) continue;
    if (EPC_LISTS.has(key)) {
      const epcs: HashNode[] = [];
      for (const epc of listOf(value)) appendValue(epcs, 'epc', epc, ctx);
      if (epcs.length > 0 || !Array.isArray(value)) out.push(container(key, epcs));
    } else if (QUANTITY_LISTS.has(key)) {
      const items: HashNode[] = [];
      for (const q of listOf(value)) appendValue(items, 'quantityElement', q, ctx);
      if (items.length > 0) out.push(container(key, items));
    } else if (key === 'bizTransactionList' || key === 'sourceList' || key === 'destinationList') {
      const idKey = key === 'bizTransactionList' ? 'bizTransaction' : key === 'sourceList' ? 'source' : 'destination';
      const kind: VocabularyKind = key === 'bizTransactionList' ? 'bizTransactionType' : 'sourceDestinationType';
      const items: HashNode[] = [];
      for (const item of listOf(value)) {
        const node = pairItem(item, idKey, kind, ctx);
        if (node) items.push(node);
      }
      if (items.length > 0) out.push(container(key, items));
    } else if (key === 'sensorElementList') {
      const items = listOf(value).map((item) => sensorElement(item, ctx));
      if (items.length > 0) out.push(container(key, items));
    } else if (key === 'bizStep') {
      appendValue(out, key, value, ctx, 'bizStep');
    } else if (key === 'disposition') {
      appendValue(out, key, value, ctx, 'disposition');
    } else if (key === 'persistentDisposition' && typeof value === 'object' && !Array.isArray(value)) {
      const obj = value as Record<string, unknown>;
      const children: HashNode[] = [];
      for (const k in obj) if (hasOwn.call(obj, k)) appendValue(children, resolveName(k, ctx.bindings), obj[k], ctx, 'disposition');
      out.push(container(key, children));
    } else if (key === 'ilmd' || key === 'readPoint' || key === 'bizLocation') {
      appendValue(out, key, value, ctx);
    } else {
      const name = resolveName(key, ctx.bindings);
      if ((ignore !== undefined && ignore.has(name)) || isJsonComment(key, name, ctx)) continue;
      appendValue(out, name, value, ctx);
    }
  }
  return out;
}
