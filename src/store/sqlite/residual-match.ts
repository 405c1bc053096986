/** The bridge to the pure matcher for conditions SQL does not decide, and for in-memory sort keys. */
import type { EpcisEvent } from '../../epcis/model.js';
import type { Condition, EventQuery } from '../../epcis/query/event-query.js';
import { compareSortKeys, eventSortKey, matchesEventQuery } from '../../epcis/query/match.js';
import type { CompileContext } from './event-query-sql.js';

/** A predicate for the residual conditions, or undefined when SQL decided everything. */
export function residualMatcher(
  residual: Condition[],
  query: EventQuery,
  ctx: CompileContext,
): ((event: EpcisEvent) => boolean) | undefined {
  if (residual.length === 0) return undefined;
  const residualQuery: EventQuery = { ...query, conditions: residual };
  const options = { descendants: (id: string) => ctx.descendants(id), attributes: (id: string) => ctx.attributes(id) };
  return (event) => matchesEventQuery(event, residualQuery, options);
}

/** The value an event is ordered by for an orderBy without a column. */
export function sortKeyOf(event: EpcisEvent, orderBy: string): number | string | undefined {
  return eventSortKey(event, orderBy);
}

/** Orders two in-memory sort keys as the standard asks (see compareSortKeys). */
export function compareKeys(a: number | string | undefined, b: number | string | undefined, direction: 'ASC' | 'DESC'): number {
  return compareSortKeys(a, b, direction);
}
