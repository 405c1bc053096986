/**
 * Deterministic mutations of an EPCIS JSON-LD document, for the differential tests: each one breaks (or
 * bends) one thing the way a faulty sender might — a required field dropped, a value of the wrong type,
 * a list item repeated, a malformed URI, a bad date, an unknown event type. The same input always gives
 * the same mutations, in the same order.
 */

export interface Mutation {
  /** What was done, e.g. "drop eventTime at /epcisBody/eventList/0". */
  name: string;
  /** The kind of change, for the figures and for matching documented differences. */
  kind: 'drop' | 'type' | 'duplicate' | 'uri' | 'date' | 'eventType' | 'value';
  /** The field changed (its key). */
  field: string;
  /** JSON pointer of the object holding the field. */
  at: string;
  document: Record<string, unknown>;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Follows a JSON pointer (no escapes: the paths used here have none). */
function resolve(root: unknown, pointer: string): unknown {
  let node = root;
  for (const token of pointer.split('/').slice(1)) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isObject(node)) node = node[token];
    else return undefined;
  }
  return node;
}

const EVENT_LISTS = ['epcList', 'childEPCs', 'inputEPCList', 'outputEPCList'];
const BAD_URIS = ['not a uri', 'no-scheme-here', 'https://exa mple.org/x', 'urn:'];
const BAD_DATES = ['2024-13-01T00:00:00Z', '2024-01-01T00:00:00', 'yesterday', '2024-02-30T10:00:00+03:00'];
const WRONG_TYPES: readonly unknown[] = [42, true, null];

/** A few pseudo-random picks that depend only on the seed (mulberry32). */
function picker(seed: number) {
  let state = seed >>> 0;
  return <T>(items: readonly T[]): T => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return items[Math.floor(r * items.length)]!;
  };
}

function hashOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Every mutation of one document; `eventsPerDocument` caps how many of its events are mutated. */
export function mutationsOf(name: string, original: Json, eventsPerDocument = 3): Mutation[] {
  const pick = picker(hashOf(name));
  const out: Mutation[] = [];
  const add = (kind: Mutation['kind'], field: string, at: string, description: string, change: (holder: Json) => void) => {
    const document = structuredClone(original);
    const holder = resolve(document, at);
    if (!isObject(holder)) return;
    change(holder);
    out.push({ name: `${description} at ${at || '/'}`, kind, field, at, document });
  };

  // The document envelope.
  for (const field of ['@context', 'type', 'schemaVersion', 'creationDate', 'epcisBody']) {
    if (original[field] !== undefined) add('drop', field, '', `drop ${field}`, (doc) => delete doc[field]);
  }
  add('type', 'schemaVersion', '', 'schemaVersion as a number', (doc) => (doc.schemaVersion = 2));
  add('date', 'creationDate', '', 'bad creationDate', (doc) => (doc.creationDate = pick(BAD_DATES)));
  add('value', 'type', '', 'unknown document type', (doc) => (doc.type = 'EPCISDoc'));
  const listAt = isObject(original.epcisBody) && isObject((original.epcisBody as Json).queryResults) ? '/epcisBody/queryResults/resultsBody' : '/epcisBody';
  add('type', 'eventList', listAt, 'eventList as an object', (body) => (body.eventList = {}));

  const events = resolve(original, `${listAt}/eventList`);
  if (!Array.isArray(events)) return out;
  for (let i = 0; i < Math.min(events.length, eventsPerDocument); i++) {
    const at = `${listAt}/eventList/${i}`;
    const event = events[i];
    if (!isObject(event)) continue;
    for (const field of ['type', 'eventTime', 'eventTimeZoneOffset', 'action', ...EVENT_LISTS, 'quantityList', 'bizTransactionList', 'parentID']) {
      if (event[field] !== undefined) add('drop', field, at, `drop ${field}`, (e) => delete e[field]);
    }
    for (const field of Object.keys(event)) {
      if (field === '@context') continue;
      const value = event[field];
      const wrong = Array.isArray(value) ? pick(['one', 7, { x: 1 }]) : isObject(value) ? pick(['x', 7, []]) : typeof value === 'string' ? pick(WRONG_TYPES) : 'x';
      add('type', field, at, `${field} of the wrong type`, (e) => (e[field] = wrong));
    }
    for (const field of EVENT_LISTS) {
      const list = event[field];
      if (Array.isArray(list) && list.length > 0) {
        add('duplicate', field, at, `repeat an item of ${field}`, (e) => (e[field] = [...list, list[0]]));
        add('uri', field, at, `bad URI in ${field}`, (e) => (e[field] = [pick(BAD_URIS), ...list.slice(1)]));
      }
    }
    const persistent = event.persistentDisposition;
    if (isObject(persistent) && Array.isArray(persistent.set) && persistent.set.length > 0) {
      add('duplicate', 'set', `${at}/persistentDisposition`, 'repeat a persistent disposition', (p) => (p.set = [...(p.set as unknown[]), (p.set as unknown[])[0]]));
    }
    for (const field of ['eventID', 'parentID', 'bizStep', 'disposition', 'transformationID']) {
      if (typeof event[field] === 'string') add('uri', field, at, `bad URI in ${field}`, (e) => (e[field] = pick(BAD_URIS)));
    }
    for (const place of ['readPoint', 'bizLocation']) {
      if (isObject(event[place])) add('uri', 'id', `${at}/${place}`, `bad URI in ${place}`, (p) => (p.id = pick(BAD_URIS)));
      if (isObject(event[place])) add('drop', 'id', `${at}/${place}`, `drop ${place} id`, (p) => delete p.id);
    }
    for (const [key, idKey] of [['bizTransactionList', 'bizTransaction'], ['sourceList', 'source'], ['destinationList', 'destination']] as const) {
      const list = event[key];
      if (!Array.isArray(list) || !isObject(list[0])) continue;
      add('drop', idKey, `${at}/${key}/0`, `drop ${idKey}`, (item) => delete item[idKey]);
      add('uri', idKey, `${at}/${key}/0`, `bad URI in ${idKey}`, (item) => (item[idKey] = pick(BAD_URIS)));
      if (key !== 'bizTransactionList') add('drop', 'type', `${at}/${key}/0`, `drop ${key} type`, (item) => delete item.type);
    }
    const quantities = event.quantityList ?? event.childQuantityList ?? event.inputQuantityList;
    const quantityKey = event.quantityList ? 'quantityList' : event.childQuantityList ? 'childQuantityList' : 'inputQuantityList';
    if (Array.isArray(quantities) && isObject(quantities[0])) {
      const q = `${at}/${quantityKey}/0`;
      add('drop', 'epcClass', q, 'drop epcClass', (item) => delete item.epcClass);
      add('type', 'quantity', q, 'quantity as a string', (item) => (item.quantity = '5'));
      add('value', 'uom', q, 'bad uom', (item) => (item.uom = 'kg'));
    }
    add('date', 'eventTime', at, 'bad eventTime', (e) => (e.eventTime = pick(BAD_DATES)));
    add('date', 'recordTime', at, 'bad recordTime', (e) => (e.recordTime = pick(BAD_DATES)));
    add('value', 'eventTimeZoneOffset', at, 'bad eventTimeZoneOffset', (e) => (e.eventTimeZoneOffset = pick(['+25:00', '0300', '+3:00'])));
    add('eventType', 'type', at, 'unknown event type', (e) => (e.type = pick(['ObjectEvnt', 'Event', 'objectEvent'])));
    if (typeof event.action === 'string') add('value', 'action', at, 'unknown action', (e) => (e.action = pick(['MOVE', 'add'])));
    add('value', 'foo', at, 'an unprefixed unknown field', (e) => (e.foo = 1));
    const declaration = event.errorDeclaration;
    if (isObject(declaration)) add('date', 'declarationTime', `${at}/errorDeclaration`, 'bad declarationTime', (d) => (d.declarationTime = pick(BAD_DATES)));
  }
  return out;
}
