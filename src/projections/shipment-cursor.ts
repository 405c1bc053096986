// The opaque cursor of a shipment list or search page: the sort key of the last shipment served,
// so the next page starts right after it. Lists by activity and searches are ordered by
// (lastEventTime, id); lists of what is coming to a crossing by (expected arrival, id), and of what
// waits at one by (arrival there, id): those cursors name their order, so a cursor is never read
// as a position in a list of another order.
import { KarvonError } from '../errors.js';
import { epochOf } from './shipment-record.js';
import type { ShipmentSnapshot } from './shipment-state.js';

/** The orders a list can have besides activity (ShipmentListFilter in the store contract). */
export type KeyedOrder = 'expected' | 'waiting';

// A silently ignored cursor would serve page one again and look like a bug in the client's paging.
const invalid = () => new KarvonError('KRV_QUERY_PARAMETER', 'cursor is not valid: pass the nextCursor of the previous page unchanged, with the same filters');

function read(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

export function encodeCursor(state: ShipmentSnapshot): string {
  return Buffer.from(JSON.stringify([epochOf(state.lastEventTime) ?? null, state.id])).toString('base64url');
}

export function decodeCursor(cursor: string): { lastEventTime: number | null; id: string } {
  const value = read(cursor);
  if (Array.isArray(value) && value.length === 2 && (typeof value[0] === 'number' || value[0] === null) && typeof value[1] === 'string') {
    return { lastEventTime: value[0], id: value[1] };
  }
  throw invalid();
}

export function encodeKeyedCursor(order: KeyedOrder, sortKey: number, id: string): string {
  return Buffer.from(JSON.stringify([order, sortKey, id])).toString('base64url');
}

export function decodeKeyedCursor(order: KeyedOrder, cursor: string): { sortKey: number; id: string } {
  const value = read(cursor);
  if (Array.isArray(value) && value.length === 3 && value[0] === order && Number.isSafeInteger(value[1]) && typeof value[2] === 'string') {
    return { sortKey: value[1] as number, id: value[2] };
  }
  throw invalid();
}
