/**
 * What a store indexes of one event, in the normalised spellings queries use (see the contract in
 * src/epcis/query/event-query.ts). Pure and database-neutral, so every store indexes the same values.
 */
import type { Action, EpcisEvent, QuantityElement, SourceOrDestination } from '../epcis/model.js';
import type { EpcRole, QuantityRole } from '../epcis/query/event-query.js';
import { instantOf } from '../epcis/date-time.js';
import { normaliseIdentifier, normaliseVocabulary } from '../epcis/query/normalise.js';
import { validationError } from '../epcis/exceptions.js';

export interface EventIndexValues {
  eventType: string;
  /** Epoch milliseconds. */
  eventTime: number;
  recordTime: number;
  action?: Action;
  bizStep?: string;
  disposition?: string;
  readPoint?: string;
  bizLocation?: string;
  /** Each (value, role) once. */
  epcs: { role: EpcRole; value: string }[];
  classes: { role: QuantityRole; value: string }[];
  bizTransactions: { type?: string; value: string }[];
  sources: { type: string; value: string }[];
  destinations: { type: string; value: string }[];
}

const EPC_LISTS: readonly [EpcRole, 'epcList' | 'childEPCs' | 'inputEPCList' | 'outputEPCList'][] = [
  ['epc', 'epcList'],
  ['childEPC', 'childEPCs'],
  ['inputEPC', 'inputEPCList'],
  ['outputEPC', 'outputEPCList'],
];

const QUANTITY_LISTS: readonly [QuantityRole, 'quantityList' | 'childQuantityList' | 'inputQuantityList' | 'outputQuantityList'][] = [
  ['quantity', 'quantityList'],
  ['childQuantity', 'childQuantityList'],
  ['inputQuantity', 'inputQuantityList'],
  ['outputQuantity', 'outputQuantityList'],
];

/** A stored time, read as validation reads it (src/epcis/date-time.ts): whatever passed validation is kept. */
function instant(event: EpcisEvent, field: 'eventTime' | 'recordTime'): number {
  const value = event[field];
  const ms = typeof value === 'string' ? instantOf(value) : undefined;
  if (ms === undefined) {
    throw validationError(`${field} ${JSON.stringify(value)} is not a date-time with a time zone`, [
      { pointer: `/${field}`, message: 'expected an xsd:dateTime with zone, e.g. 2024-05-01T10:00:00Z' },
    ]);
  }
  return ms;
}

function uniquePairs<T extends { value: string }>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function parties(list: SourceOrDestination[] | undefined, side: 'source' | 'destination'): { type: string; value: string }[] {
  const out: { type: string; value: string }[] = [];
  for (const entry of list ?? []) {
    const value = entry[side];
    if (typeof value !== 'string' || typeof entry.type !== 'string') continue;
    out.push({ type: normaliseVocabulary('sourceDestinationType', entry.type), value: normaliseIdentifier(value) });
  }
  return uniquePairs(out, (p) => `${p.type} ${p.value}`);
}

/** The normalised values of one event that stores index; throws a ValidationException on bad times. */
export function indexValues(event: EpcisEvent): EventIndexValues {
  const epcs: EventIndexValues['epcs'] = [];
  if (typeof event.parentID === 'string') epcs.push({ role: 'parentID', value: normaliseIdentifier(event.parentID) });
  for (const [role, list] of EPC_LISTS) {
    for (const epc of event[list] ?? []) if (typeof epc === 'string') epcs.push({ role, value: normaliseIdentifier(epc) });
  }
  const classes: EventIndexValues['classes'] = [];
  for (const [role, list] of QUANTITY_LISTS) {
    for (const q of (event[list] ?? []) as QuantityElement[]) {
      if (typeof q?.epcClass === 'string') classes.push({ role, value: normaliseIdentifier(q.epcClass) });
    }
  }
  const bizTransactions: EventIndexValues['bizTransactions'] = [];
  for (const bt of event.bizTransactionList ?? []) {
    if (typeof bt?.bizTransaction !== 'string') continue;
    bizTransactions.push({
      type: typeof bt.type === 'string' ? normaliseVocabulary('bizTransactionType', bt.type) : undefined,
      value: normaliseIdentifier(bt.bizTransaction),
    });
  }
  return {
    eventType: event.type,
    eventTime: instant(event, 'eventTime'),
    recordTime: instant(event, 'recordTime'),
    action: event.action,
    bizStep: typeof event.bizStep === 'string' ? normaliseVocabulary('bizStep', event.bizStep) : undefined,
    disposition: typeof event.disposition === 'string' ? normaliseVocabulary('disposition', event.disposition) : undefined,
    readPoint: typeof event.readPoint?.id === 'string' ? normaliseIdentifier(event.readPoint.id) : undefined,
    bizLocation: typeof event.bizLocation?.id === 'string' ? normaliseIdentifier(event.bizLocation.id) : undefined,
    epcs: uniquePairs(epcs, (e) => `${e.role} ${e.value}`),
    classes: uniquePairs(classes, (c) => `${c.role} ${c.value}`),
    bizTransactions: uniquePairs(bizTransactions, (b) => `${b.type ?? ''} ${b.value}`),
    sources: parties(event.sourceList, 'source'),
    destinations: parties(event.destinationList, 'destination'),
  };
}
