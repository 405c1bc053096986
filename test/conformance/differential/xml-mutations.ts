/**
 * Deterministic mutations of an EPCIS XML document, for the differential test against the XSD: each
 * changes one thing in one of the first events (a field dropped or repeated, fields out of order, a bad
 * date, URI, number or action, an unknown event type or field). Text-level edits on the official
 * examples, whose event elements are written plainly (no prefix, no attributes).
 */
import type { Mutation } from './mutations.js';

export interface XmlMutation extends Omit<Mutation, 'document' | 'at'> {
  /** Index of the event changed (in document order). */
  event: number;
  text: string;
}

const EVENT = /<(ObjectEvent|AggregationEvent|TransactionEvent|TransformationEvent|AssociationEvent)>([\s\S]*?)<\/\1>/g;
const BAD_DATES = ['2024-13-01T00:00:00Z', 'yesterday', '2024-02-30T10:00:00+03:00'];
const BAD_URIS = ['not a uri', '://no-scheme', 'urn:has space'];

/** The first element `<name>...</name>` (or `<name/>`) in `inner`, with its position. */
function element(inner: string, name: string): { start: number; end: number; text: string } | undefined {
  const match = new RegExp(`<${name}(?:\\s[^>]*)?(?:/>|>[\\s\\S]*?</${name}>)`).exec(inner);
  return match ? { start: match.index, end: match.index + match[0].length, text: match[0] } : undefined;
}

/** Every mutation of one XML document (events up to `eventsPerDocument`). */
export function xmlMutationsOf(text: string, eventsPerDocument = 3): XmlMutation[] {
  const out: XmlMutation[] = [];
  const events = [...text.matchAll(EVENT)].slice(0, eventsPerDocument);
  events.forEach((match, index) => {
    const [whole, type, inner] = match as unknown as [string, string, string];
    const at = match.index!;
    const replaceEvent = (kind: Mutation['kind'], field: string, name: string, newWhole: string) => {
      if (newWhole === whole) return;
      out.push({ kind, field, name: `${name} in event ${index}`, event: index, text: text.slice(0, at) + newWhole + text.slice(at + whole.length) });
    };
    const replaceInner = (kind: Mutation['kind'], field: string, name: string, newInner: string) =>
      replaceEvent(kind, field, name, `<${type}>${newInner}</${type}>`);

    for (const field of ['eventTime', 'eventTimeZoneOffset', 'action', 'epcList', 'childEPCs', 'parentID', 'bizStep', 'readPoint', 'bizTransactionList', 'quantityList']) {
      const el = element(inner, field);
      if (!el) continue;
      replaceInner('drop', field, `drop <${field}>`, inner.slice(0, el.start) + inner.slice(el.end));
      replaceInner('duplicate', field, `repeat <${field}>`, inner.slice(0, el.end) + el.text + inner.slice(el.end));
    }
    // Out of order: a later field moved to the front.
    const first = element(inner, 'eventTime');
    for (const field of ['action', 'bizStep', 'epcList', 'readPoint', 'eventTimeZoneOffset']) {
      const el = element(inner, field);
      if (!el || !first || el.start < first.start) continue;
      const without = inner.slice(0, el.start) + inner.slice(el.end);
      replaceInner('value', field, `<${field}> moved before <eventTime>`, without.slice(0, first.start) + el.text + without.slice(first.start));
    }
    const set = (field: string, value: string, kind: Mutation['kind'], name: string) => {
      const el = element(inner, field);
      // An element with attributes (xsi:nil on a quantity) is left alone: its text means nothing.
      if (!el || el.text.endsWith('/>') || /^<[^>\s]+\s/.test(el.text)) return;
      const open = el.text.indexOf('>') + 1;
      replaceInner(kind, field, name, inner.slice(0, el.start) + el.text.slice(0, open) + value + `</${field}>` + inner.slice(el.end));
    };
    BAD_DATES.forEach((d, i) => set('eventTime', d, 'date', `bad eventTime #${i}`));
    set('recordTime', 'not-a-date', 'date', 'bad recordTime');
    set('eventTimeZoneOffset', '+25:00', 'value', 'bad eventTimeZoneOffset');
    set('action', 'MOVE', 'value', 'unknown action');
    set('quantity', 'five', 'type', 'quantity not a number');
    set('bizStep', BAD_URIS[index % BAD_URIS.length]!, 'uri', 'bad bizStep URI');
    set('parentID', BAD_URIS[(index + 1) % BAD_URIS.length]!, 'uri', 'bad parentID URI');
    BAD_URIS.forEach((u, i) => set('epc', u, 'uri', `bad epc URI #${i}`));
    const epc = element(inner, 'epc');
    if (epc) replaceInner('duplicate', 'epc', 'repeat an <epc>', inner.slice(0, epc.end) + epc.text + inner.slice(epc.end));
    replaceEvent('eventType', 'type', 'unknown event type', `<${type}X>${inner}</${type}X>`);
    const timeAt = element(inner, 'eventTime');
    if (timeAt) replaceInner('value', 'foo', 'unknown field <foo>', inner.slice(0, timeAt.end) + '<foo>1</foo>' + inner.slice(timeAt.end));
  });
  return out;
}
