/**
 * The visibility policy (src/access/visibility.ts) as SQL terms, for events and for shipments: one
 * place, so both read paths apply the same rule. Each term is `everything` (the network operator),
 * `nothing` (callers that see aggregates only) or a condition with its parameters.
 */
import type { ReadScope } from '../../model/visibility-scope.js';

export type ScopeTerm = { sql: string; params: unknown[] } | 'everything' | 'nothing';

/** `?, ?, ?`: the parameter marks of an IN list of n values. */
export function parameterList(n: number): string {
  return new Array<string>(n).fill('?').join(', ');
}

/** Shipments (the key column `keyColumn`) whose audience holds one of `keys`. */
function audienceHolds(keyColumn: string, keys: readonly string[]): string {
  return `EXISTS (SELECT 1 FROM shipment_audience a WHERE a.key = ${keyColumn} AND a.member IN (${parameterList(keys.length)}))`;
}

/** Over shipment `s`: those whose audience shares a key with the scope. */
export function shipmentScopeTerm(scope: ReadScope | undefined): ScopeTerm {
  if (scope === undefined || scope.kind === 'all') return 'everything';
  if (scope.kind === 'aggregates' || scope.keys.length === 0) return 'nothing';
  const keys = [...new Set(scope.keys)];
  return { sql: audienceHolds('s.key', keys), params: keys };
}

/**
 * Over `event` (named `table`): the events the scope's organisation captured, and the events of
 * shipments whose audience shares a key with the scope.
 */
export function eventScopeTerm(scope: ReadScope | undefined, table = 'event'): ScopeTerm {
  if (scope === undefined || scope.kind === 'all') return 'everything';
  if (scope.kind === 'aggregates') return 'nothing';
  const keys = [...new Set(scope.keys)];
  const ofVisibleShipment =
    keys.length === 0 ? '' : ` OR EXISTS (SELECT 1 FROM shipment_event se WHERE se.seq = ${table}.seq AND ${audienceHolds('se.key', keys)})`;
  return { sql: `(${table}.captured_by = ?${ofVisibleShipment})`, params: [scope.organisationId, ...keys] };
}
