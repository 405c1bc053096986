/**
 * Serialises a pre-hash tree into the CBV 2.0 pre-hash string the way the reference implementation
 * does (see ALGORITHM_NOTES.md in the conformance material): standard fields in a fixed order, each
 * repeated group sorted; what the fixed order does not consume (including what is left inside a
 * partly consumed field) follows as one lexicographically sorted remainder.
 */
import type { HashNode } from './hash-tree.js';
import { canonicalValue } from './canonical-value.js';
import { canonicalTimestamp } from './timestamp.js';

type Order = readonly (readonly [string, Order | null])[];

const EPCS: Order = [['epc', null]];
const QUANTITIES: Order = [['quantityElement', [['epcClass', null], ['quantity', null], ['uom', null]]]];
const SENSOR_METADATA: Order = ['time', 'startTime', 'endTime', 'deviceID', 'deviceMetadata', 'rawData', 'dataProcessingMethod', 'bizRules'].map(
  (n) => [n, null] as const,
);
const SENSOR_REPORT: Order = [
  'type', 'exception', 'deviceID', 'deviceMetadata', 'rawData', 'dataProcessingMethod', 'time', 'microorganism',
  'chemicalSubstance', 'value', 'component', 'stringValue', 'booleanValue', 'hexBinaryValue', 'uriValue', 'minValue',
  'maxValue', 'meanValue', 'sDev', 'percRank', 'percValue', 'uom', 'coordinateReferenceSystem',
].map((n) => [n, null] as const);
/** Lists whose order entry never matches in the reference: they fall through to the sorted remainder. */
const NEVER_MATCHES: Order = [];

const EVENT_ORDER: Order = [
  ['eventTime', null],
  ['eventTimeZoneOffset', null],
  ['certificationInfo', null],
  ['parentID', null],
  ['epcList', EPCS],
  ['inputEPCList', EPCS],
  ['childEPCs', EPCS],
  ['quantityList', QUANTITIES],
  ['childQuantityList', QUANTITIES],
  ['inputQuantityList', QUANTITIES],
  ['outputEPCList', EPCS],
  ['outputQuantityList', QUANTITIES],
  ['action', null],
  ['transformationID', null],
  ['bizStep', null],
  ['disposition', null],
  ['persistentDisposition', [['set', null], ['unset', null]]],
  ['readPoint', [['id', null]]],
  ['bizLocation', [['id', null]]],
  ['bizTransactionList', NEVER_MATCHES],
  ['sourceList', NEVER_MATCHES],
  ['destinationList', NEVER_MATCHES],
  ['sensorElementList', [['sensorElement', [['sensorMetadata', SENSOR_METADATA], ['sensorReport', SENSOR_REPORT]]]]],
];

/** Code-point order (Python's str order); UTF-16 order differs only for astral vs U+E000..U+FFFF. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && y >= 0xd800) {
        // Surrogates (astral code points) must sort after U+E000..U+FFFF.
        x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
        y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
      }
      return x - y;
    }
  }
  return a.length - b.length;
}

/** Standard fields whose value is a date-time (name contains "time" but not "offset"). */
const TIME_FIELDS = new Set(['eventTime', 'time', 'startTime', 'endTime']);

function fieldText(name: string, text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  if (TIME_FIELDS.has(name)) return canonicalTimestamp(trimmed) ?? trimmed;
  return canonicalValue(trimmed);
}

/**
 * Takes user extensions (names with a namespace ending in '/') out of a standard field's children, so
 * that they are written at the end of that field. The reference skips this when a child's name contains
 * "eventTime" or "action" (meant for the event level) and when the field has a single child.
 */
function takeExtensions(node: HashNode): HashNode[] | undefined {
  const children = node.children;
  if (children.length <= 1) return undefined;
  let found = false;
  for (const c of children) {
    if (c.pair) continue;
    if (c.name.includes('eventTime') || c.name.includes('action')) return undefined;
    if (!found && c.name.includes('{') && c.name.includes('/}')) found = true;
  }
  if (!found) return undefined;
  const extensions: HashNode[] = [];
  const rest: HashNode[] = [];
  for (const c of children) (!c.pair && c.name.includes('{') && c.name.includes('/}') ? extensions : rest).push(c);
  node.children = rest;
  return extensions;
}

function childString(child: HashNode, order: Order | null): string {
  const nested = order !== null ? orderedString(child, order) : '';
  const text = child.text === '' ? '' : fieldText(child.name, child.text);
  if (text !== '' || nested !== '') return text !== '' ? `${child.name}=${text}${nested}` : child.name + nested;
  return '';
}

/** Position of each name in an order, computed once per order. */
const positions = new WeakMap<Order, Map<string, number>>();

function positionsOf(order: Order): Map<string, number> {
  let map = positions.get(order);
  if (map === undefined) {
    map = new Map(order.map(([name], i) => [name, i]));
    positions.set(order, map);
  }
  return map;
}

/** Writes the children of `node` named in `order`, removing those fully written. */
function orderedString(node: HashNode, order: Order): string {
  const extensions = takeExtensions(node);
  const index = positionsOf(order);
  // One slot per order entry, filled in a single pass over the children.
  let slots: (string | string[] | undefined)[] | undefined;
  let consumed = false;
  for (const child of node.children) {
    if (child.pair) continue;
    const at = index.get(child.name);
    if (at === undefined) continue;
    const s = childString(child, order[at][1]);
    if (child.children.length === 0) {
      child.done = true;
      consumed = true;
    }
    if (s === '') continue;
    slots ??= new Array(order.length);
    const slot = slots[at];
    if (slot === undefined) slots[at] = s;
    else if (typeof slot === 'string') slots[at] = [slot, s];
    else slot.push(s);
  }
  let out = '';
  if (slots !== undefined) {
    for (const slot of slots) {
      if (slot === undefined) continue;
      out += typeof slot === 'string' ? slot : sortStrings(slot).join('');
    }
  }
  if (consumed) node.children = node.children.filter((c) => !c.done);
  if (extensions !== undefined) out += remainderString(extensions);
  return out;
}

function nativeOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * UTF-16 order equals code-point order unless astral characters are present; serialiseEvent first
 * sorts natively and redoes the event in code-point order only when its pre-hash has a surrogate.
 */
let sortOrder: (a: string, b: string) => number = nativeOrder;

function sortStrings(parts: string[]): string[] {
  return parts.sort(sortOrder);
}

function nodeString(node: HashNode): string {
  if (node.pair) {
    let s = '';
    for (const c of node.children) s += nodeString(c);
    return s;
  }
  const text = node.text === '' ? '' : node.text.trim();
  const head = text === '' ? node.name : `${node.name}=${canonicalValue(text)}`;
  return node.children.length === 0 ? head : head + remainderString(node.children);
}

/** Generic serialisation: every node with its text and children, siblings sorted by their whole string. */
function remainderString(nodes: HashNode[]): string {
  if (nodes.length === 0) return '';
  if (nodes.length === 1) return nodeString(nodes[0]);
  const parts = nodes.map(nodeString);
  // The reference keeps document order among a bizTransaction/source/destination item's parts.
  let sort = true;
  for (const n of nodes) {
    if (!n.pair && (n.name === 'bizTransaction' || n.name === 'source' || n.name === 'destination')) {
      sort = false;
      break;
    }
  }
  if (sort) sortStrings(parts);
  return parts.join('');
}

function serialise(eventType: string, children: HashNode[]): string {
  const root: HashNode = { name: eventType, text: '', children };
  const ordered = orderedString(root, EVENT_ORDER);
  return `eventType=${eventType}${ordered}${remainderString(root.children)}`;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** The pre-hash string of an event given its type and a builder of its top-level nodes (which are consumed). */
export function serialiseEvent(eventType: string, build: () => HashNode[]): string {
  const fast = serialise(eventType, build());
  if (!SURROGATE.test(fast)) return fast;
  sortOrder = compareCodePoints;
  try {
    return serialise(eventType, build());
  } finally {
    sortOrder = nativeOrder;
  }
}
