/**
 * How much a capture lists, and the limits on it. GS1-EPCIS-Capture-Limit counts events, but the
 * cost of an event grows with its lists: one event naming 100,000 EPCs is as much work to validate,
 * hash, index and fold as tens of thousands of ordinary events. So Karvon also limits the list items
 * of each event and of each document (KARVON_CAPTURE_ITEM_LIMIT_PER_EVENT / _PER_DOCUMENT).
 *
 * Every item of every list counts, at any depth: EPC lists (epcList, childEPCs, inputEPCList,
 * outputEPCList), quantity lists, bizTransactionList, sourceList, destinationList,
 * sensorElementList and each element's sensorReport, persistentDisposition, correctiveEventIDs,
 * certificationInfo, lists inside ilmd and extension fields, and the header's master data. Counting
 * every list rather than a named few leaves no field through which a long list slips past.
 */
import type { ValidationIssue } from '../epcis/exceptions.js';
import type { EpcisDocument } from '../epcis/model.js';
import { KarvonError } from '../errors.js';

export interface ListItemLimits {
  /** Most list items in one event. */
  readonly perEvent: number;
  /** Most list items in one document, its events and header together. */
  readonly perDocument: number;
}

/** The response headers that advertise the limits, next to GS1-EPCIS-Capture-Limit. */
export const ITEM_LIMIT_HEADERS = {
  perEvent: 'Karvon-Capture-Item-Limit-Per-Event',
  perDocument: 'Karvon-Capture-Item-Limit-Per-Document',
} as const;

/** The number of items of every list (JSON array) in a value, at any depth. */
export function listItemCount(value: unknown): number {
  // An explicit stack, not recursion: the count must not fail on a deeply nested value.
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (typeof next !== 'object' || next === null) continue;
    if (Array.isArray(next)) {
      count += next.length;
      for (const item of next) if (typeof item === 'object' && item !== null) stack.push(item);
    } else {
      for (const key in next) {
        const item = (next as Record<string, unknown>)[key];
        if (typeof item === 'object' && item !== null) stack.push(item);
      }
    }
  }
  return count;
}

/** The issue of an event with more list items than allowed: where it is and what the limit is. */
export function tooManyItemsIssue(pointer: string, count: number, limit: number): ValidationIssue {
  return {
    pointer,
    message:
      `the event at ${pointer || '/'} lists ${count} items (EPCs, quantities, business transactions, sources, destinations, ` +
      `sensor elements and reports...); at most ${limit} are accepted per event (${ITEM_LIMIT_HEADERS.perEvent}). ` +
      'Split it into several events.',
  };
}

/** What a document lists: the events over the per-event limit, and the items of all the others and the header. */
export interface DocumentItems {
  readonly oversized: Map<number, ValidationIssue[]>;
  /** Items of the header and of the events within the per-event limit (the others are never captured). */
  readonly total: number;
}

/** Counts a document's list items against the per-event limit. */
export function documentItems(doc: Pick<EpcisDocument, 'events' | 'epcisHeader'>, perEvent: number, listPointer: string): DocumentItems {
  const oversized = new Map<number, ValidationIssue[]>();
  let total = listItemCount(doc.epcisHeader);
  doc.events.forEach((event, index) => {
    const count = listItemCount(event);
    if (count > perEvent) oversized.set(index, [tooManyItemsIssue(`${listPointer}/${index}`, count, perEvent)]);
    else total += count;
  });
  return { oversized, total };
}

/** The 413 of a capture refused for events with more list items than allowed, naming each. */
export function eventsTooLarge(oversized: ReadonlyMap<number, ValidationIssue[]>, eventCount: number, perEvent: number): KarvonError {
  const issues = [...oversized.entries()].sort(([a], [b]) => a - b).flatMap(([, list]) => list);
  return new KarvonError(
    'KRV_CAPTURE_LIMIT',
    `${oversized.size} of ${eventCount} events list more than ${perEvent} items (${ITEM_LIMIT_HEADERS.perEvent}); nothing was captured. First: ${issues[0]!.message}`,
    issues.slice(0, 100),
  );
}

/** The 413 of a document with more list items than allowed in all. */
export function documentTooLarge(total: number, perDocument: number): KarvonError {
  return new KarvonError(
    'KRV_CAPTURE_LIMIT',
    `The document lists ${total} items in its events and header; at most ${perDocument} are accepted per capture (${ITEM_LIMIT_HEADERS.perDocument}). ` +
      'Split it into smaller documents.',
  );
}
