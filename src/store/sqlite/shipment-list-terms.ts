/**
 * The conditions of a shipment list filter as SQL over `shipment s`, shared by list() and count()
 * so a page and its total always agree on what matches. The page order and its cursor are
 * shipment-list.ts's business.
 */
import { parameterList, shipmentScopeTerm } from './visibility-sql.js';
import type { ShipmentListFilter } from '../store.js';

export type ListFilterTerms = Omit<ShipmentListFilter, 'limit' | 'after' | 'afterKey'>;

/** What a list reads from: every shipment, those at a location, or the stop rows of a location. */
export type ListSource = 'activity' | 'waiting' | 'expected';

/** The order a filter's list follows (ShipmentListFilter in the store contract). */
export function listSource(filter: ListFilterTerms): ListSource {
  if (filter.upcomingStop !== undefined) return 'expected';
  if (filter.atLocation !== undefined) return 'waiting';
  return 'activity';
}

/**
 * `FROM` of a source. The stop rows lead the join (CROSS JOIN fixes the loop order in SQLite): one
 * crossing's stop rows are a range of shipment_stop_by_expected already in the answer's order.
 */
export function fromClause(source: ListSource): string {
  return source === 'expected' ? 'shipment_stop p CROSS JOIN shipment s ON s.key = p.key' : 'shipment s';
}

/** The conditions of `filter` with their parameters; 'nothing' when the scope may see no shipment. */
export function filterTerms(filter: ListFilterTerms): { where: string[]; params: unknown[] } | 'nothing' {
  const where: string[] = [];
  const params: unknown[] = [];
  const visible = shipmentScopeTerm(filter.scope);
  if (visible === 'nothing') return 'nothing';
  if (visible !== 'everything') {
    where.push(visible.sql);
    params.push(...visible.params);
  }
  // An empty status list is read as "no status filter", like an absent one.
  if (filter.statuses && filter.statuses.length > 0) {
    where.push(`s.status IN (${parameterList(filter.statuses.length)})`);
    params.push(...filter.statuses);
  }
  // One condition with one parameter, when the filter has a value for it.
  const term = (sql: string, value: string | number | undefined): void => {
    if (value === undefined) return;
    where.push(sql);
    params.push(value);
  };
  term('s.corridor = ?', filter.corridor);
  term('s.mode = ?', filter.mode);
  term('s.in_country = ?', filter.inCountry);
  term('s.at_location = ?', filter.atLocation);
  term('EXISTS (SELECT 1 FROM shipment_country c WHERE c.country = ? AND c.key = s.key)', filter.country);
  // Read through the joined stop rows (fromClause), not a test per shipment.
  term('p.location = ?', filter.upcomingStop);
  // A shipment without a last time is never active from any time.
  term('s.last_time >= ?', filter.activeFrom);
  term('s.first_time <= ?', filter.activeTo);
  return { where, params };
}
