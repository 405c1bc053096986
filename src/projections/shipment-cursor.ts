// The opaque cursor of a shipment list page: the (lastEventTime, id) of the last shipment served,
// which is the list's sort key, so the next page starts right after it.
import { KarvonError } from '../errors.js';
import { epochOf } from './shipment-record.js';
import type { ShipmentSnapshot } from './shipment-state.js';

export function encodeCursor(state: ShipmentSnapshot): string {
  return Buffer.from(JSON.stringify([epochOf(state.lastEventTime) ?? null, state.id])).toString('base64url');
}

export function decodeCursor(cursor: string): { lastEventTime: number | null; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && (typeof value[0] === 'number' || value[0] === null) && typeof value[1] === 'string') {
      return { lastEventTime: value[0], id: value[1] };
    }
  } catch {
    // fall through to the error below
  }
  // A silently ignored cursor would serve page one again and look like a bug in the client's paging.
  throw new KarvonError('KRV_QUERY_PARAMETER', 'cursor is not valid: pass the nextCursor of the previous page unchanged');
}
