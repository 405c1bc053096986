// The visibility policy: which read scope a caller gets, what it may see, and who an event's
// recorder is. The vocabulary (audience keys, ReadScope, Recorder) lives in src/model/visibility-scope.ts,
// because the store indexes and filters by it too.
import { isNetworkAdmin, seesAggregatesOnly, type Organisation, type Principal } from '../model/access.js';
import { keysOf, TRUSTED, type ReadScope, type Recorder } from '../model/visibility-scope.js';

export function readScopeOf(principal: Principal): ReadScope {
  if (isNetworkAdmin(principal)) return { kind: 'all' };
  if (seesAggregatesOnly(principal)) return { kind: 'aggregates' };
  return { kind: 'audience', organisationId: principal.organisation.id, keys: keysOf(principal.organisation) };
}

/** The read scope of anyone acting for `organisation` (it depends on the organisation only). */
export function organisationReadScope(organisation: Organisation): ReadScope {
  return readScopeOf({ via: 'api-key', organisation, scopes: [] });
}

/** The policy for one shipment: the stores apply the same rule in SQL. */
export function canSeeShipment(scope: ReadScope, audience: readonly string[]): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'aggregates') return false;
  return scope.keys.some((key) => audience.includes(key));
}

/** The policy for one event: captured by the principal's organisation, or part of a visible shipment. */
export function canSeeEvent(scope: ReadScope, capturedBy: string | undefined, shipmentAudiences: readonly (readonly string[])[]): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'aggregates') return false;
  return capturedBy === scope.organisationId || shipmentAudiences.some((audience) => canSeeShipment(scope, audience));
}

/** The recorder of events captured by `organisation` now (absent: a local capture). */
export function recorderOf(organisation: Organisation | undefined): Recorder {
  if (!organisation || (organisation.kind === 'network-operator' && organisation.status === 'active')) return TRUSTED;
  return { kind: 'organisation', organisationId: organisation.id, keys: keysOf(organisation) };
}
