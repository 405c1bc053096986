/**
 * One event element (as an XmlElement tree) mapped onto Karvon's event model, which is the JSON
 * binding shape. EPCIS 1.2 wrappers (<extension>, <baseExtension>) are read as if flat.
 */
import type {
  Action,
  BizTransaction,
  EpcisEvent,
  ErrorDeclaration,
  EventType,
  ExtensionObject,
  PersistentDisposition,
  Place,
  QuantityElement,
  SensorElement,
  SensorMetadata,
  SensorReport,
  SourceOrDestination,
} from '../model.js';
import { addChildren, addEntry, extensionValue, type PrefixBinder } from './extension-reader.js';
import { errorAt, flatChildren, isStandard, XSI_NS, type XmlElement } from './xml-tree.js';

const TEXT_FIELDS = new Set([
  'eventTime',
  'recordTime',
  'eventTimeZoneOffset',
  'eventID',
  'parentID',
  'transformationID',
  'bizStep',
  'disposition',
]);
const EPC_LISTS = new Set(['epcList', 'childEPCs', 'inputEPCList', 'outputEPCList']);
const QUANTITY_LISTS = new Set(['quantityList', 'childQuantityList', 'inputQuantityList', 'outputQuantityList']);
const ACTIONS = new Set(['ADD', 'OBSERVE', 'DELETE']);

const SENSOR_NUMBERS = new Set(['value', 'minValue', 'maxValue', 'meanValue', 'sDev', 'percRank', 'percValue']);

/** Maps one event element to an EpcisEvent; throws a ValidationException naming the XML path. */
export function readEvent(el: XmlElement, binder: PrefixBinder): EpcisEvent {
  const event: Record<string, unknown> = { type: el.local as EventType };
  const certification: string[] = [];
  for (const child of flatChildren(el)) {
    if (!isStandard(child)) {
      addEntry(event, binder.nameKey(child), extensionValue(child, binder));
      continue;
    }
    const name = child.local;
    if (TEXT_FIELDS.has(name)) event[name] = text(child);
    else if (name === 'action') event.action = readAction(child);
    else if (name === 'certificationInfo') certification.push(text(child));
    else if (EPC_LISTS.has(name)) event[name] = readIdList(child, 'epc');
    else if (QUANTITY_LISTS.has(name)) event[name] = readQuantityList(child);
    else if (name === 'bizTransactionList') event.bizTransactionList = readBizTransactions(child);
    else if (name === 'sourceList') event.sourceList = readSourceDest(child, 'source');
    else if (name === 'destinationList') event.destinationList = readSourceDest(child, 'destination');
    else if (name === 'persistentDisposition') event.persistentDisposition = readPersistentDisposition(child);
    else if (name === 'readPoint' || name === 'bizLocation') event[name] = readPlace(child, binder);
    else if (name === 'errorDeclaration') event.errorDeclaration = readErrorDeclaration(child, binder);
    else if (name === 'ilmd') event.ilmd = readIlmd(child, binder);
    else if (name === 'sensorElementList') event.sensorElementList = readSensorElements(child, binder);
    else throw errorAt(child, `<${name}> is not a field of ${el.local}`);
  }
  if (certification.length) event.certificationInfo = certification.length === 1 ? certification[0] : certification;
  for (const required of ['eventTime', 'eventTimeZoneOffset']) {
    if (typeof event[required] !== 'string' || event[required] === '') {
      throw errorAt(el, `${el.local} has no <${required}>`);
    }
  }
  if (Object.keys(binder.bindings).length) return { '@context': { ...binder.bindings }, ...event } as EpcisEvent;
  return event as EpcisEvent;
}

function text(el: XmlElement): string {
  if (el.children.length) throw errorAt(el, `<${el.local}> must contain text, not elements`);
  return el.text.trim();
}

function readAction(el: XmlElement): Action {
  const value = text(el);
  if (!ACTIONS.has(value)) throw errorAt(el, `action must be ADD, OBSERVE or DELETE, not "${value}"`);
  return value as Action;
}

/** Text of the standard children with one name (e.g. epcList/epc); anything else is an error. */
function readIdList(el: XmlElement, item: string): string[] {
  return flatChildren(el).map((c) => {
    if (!isStandard(c, item)) throw errorAt(c, `<${el.local}> may only contain <${item}> elements`);
    return text(c);
  });
}

function readQuantityList(el: XmlElement): QuantityElement[] {
  return flatChildren(el).map((qe) => {
    if (!isStandard(qe, 'quantityElement')) throw errorAt(qe, `<${el.local}> may only contain <quantityElement>`);
    const out: Partial<QuantityElement> = {};
    for (const f of flatChildren(qe)) {
      if (isStandard(f, 'epcClass')) out.epcClass = text(f);
      else if (isStandard(f, 'quantity')) {
        // quantity is nillable in the XSD: <quantity xsi:nil="true"/> means "no quantity given".
        if (!isNil(f)) out.quantity = number(f, text(f));
      }
      else if (isStandard(f, 'uom')) out.uom = text(f);
      else throw errorAt(f, `<${f.local}> is not a field of quantityElement`);
    }
    if (!out.epcClass) throw errorAt(qe, 'quantityElement has no <epcClass>');
    return out as QuantityElement;
  });
}

function isNil(el: XmlElement): boolean {
  return el.attributes.some((a) => a.uri === XSI_NS && a.local === 'nil' && /^(true|1)$/.test(a.value.trim()));
}

function number(el: XmlElement, raw: string, what = el.local): number {
  const n = raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(n)) throw errorAt(el, `${what} must be a number, not "${raw}"`);
  return n;
}

function attr(el: XmlElement, local: string): string | undefined {
  return el.attributes.find((a) => a.uri === '' && a.local === local)?.value;
}

function readBizTransactions(el: XmlElement): BizTransaction[] {
  return flatChildren(el).map((c) => {
    if (!isStandard(c, 'bizTransaction')) throw errorAt(c, '<bizTransactionList> may only contain <bizTransaction>');
    const type = attr(c, 'type');
    return type === undefined ? { bizTransaction: text(c) } : { type, bizTransaction: text(c) };
  });
}

function readSourceDest(el: XmlElement, item: 'source' | 'destination'): SourceOrDestination[] {
  return flatChildren(el).map((c) => {
    if (!isStandard(c, item)) throw errorAt(c, `<${el.local}> may only contain <${item}>`);
    const type = attr(c, 'type');
    if (type === undefined) throw errorAt(c, `<${item}> needs a type attribute`);
    return { type, [item]: text(c) } as SourceOrDestination;
  });
}

function readPersistentDisposition(el: XmlElement): PersistentDisposition {
  const out: PersistentDisposition = {};
  for (const c of flatChildren(el)) {
    if (isStandard(c, 'set')) (out.set ??= []).push(text(c));
    else if (isStandard(c, 'unset')) (out.unset ??= []).push(text(c));
    else throw errorAt(c, '<persistentDisposition> may only contain <set> and <unset>');
  }
  return out;
}

function readPlace(el: XmlElement, binder: PrefixBinder): Place {
  const place: Record<string, unknown> = {};
  for (const c of flatChildren(el)) {
    if (isStandard(c, 'id')) place.id = text(c);
    else addEntry(place, binder.nameKey(c), extensionValue(c, binder));
  }
  if (typeof place.id !== 'string') throw errorAt(el, `<${el.local}> has no <id>`);
  return place as Place;
}

function readErrorDeclaration(el: XmlElement, binder: PrefixBinder): ErrorDeclaration {
  const out: Record<string, unknown> = {};
  for (const c of flatChildren(el)) {
    if (isStandard(c, 'declarationTime')) out.declarationTime = text(c);
    else if (isStandard(c, 'reason')) out.reason = text(c);
    else if (isStandard(c, 'correctiveEventIDs')) {
      const ids = readIdList(c, 'correctiveEventID');
      out.correctiveEventIDs = [...((out.correctiveEventIDs as string[]) ?? []), ...ids];
    } else addEntry(out, binder.nameKey(c), extensionValue(c, binder));
  }
  if (typeof out.declarationTime !== 'string') throw errorAt(el, 'errorDeclaration has no <declarationTime>');
  return out as ErrorDeclaration;
}

function readIlmd(el: XmlElement, binder: PrefixBinder): ExtensionObject {
  const out: ExtensionObject = {};
  addChildren(out, flatChildren(el), binder);
  return out;
}

function readSensorElements(el: XmlElement, binder: PrefixBinder): SensorElement[] {
  return flatChildren(el).map((se) => {
    if (!isStandard(se, 'sensorElement')) throw errorAt(se, '<sensorElementList> may only contain <sensorElement>');
    const out: Record<string, unknown> = {};
    const reports: SensorReport[] = [];
    for (const c of flatChildren(se)) {
      if (isStandard(c, 'sensorMetadata')) out.sensorMetadata = readSensorAttributes(c, binder) as SensorMetadata;
      else if (isStandard(c, 'sensorReport')) reports.push(readSensorAttributes(c, binder) as SensorReport);
      else addEntry(out, binder.nameKey(c), extensionValue(c, binder));
    }
    if (reports.length === 0) throw errorAt(se, 'sensorElement needs at least one <sensorReport>');
    out.sensorReport = reports;
    return out as SensorElement;
  });
}

/** sensorMetadata / sensorReport: the standard's attributes become typed fields, the rest extensions. */
function readSensorAttributes(el: XmlElement, binder: PrefixBinder): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const a of el.attributes) {
    if (a.uri) {
      out[binder.key(a.prefix, a.uri, a.local)] = a.value;
    } else if (SENSOR_NUMBERS.has(a.local)) {
      out[a.local] = number(el, a.value, `${el.local}/@${a.local}`);
    } else if (a.local === 'booleanValue') {
      const v = a.value.trim();
      if (v !== 'true' && v !== 'false' && v !== '1' && v !== '0') {
        throw errorAt(el, `${el.local}/@booleanValue must be true or false, not "${a.value}"`);
      }
      out.booleanValue = v === 'true' || v === '1';
    } else {
      out[a.local] = a.value;
    }
  }
  addChildren(out as ExtensionObject, flatChildren(el), binder);
  return out;
}
