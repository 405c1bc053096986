import type { RegistrationProblem } from './registration-problem.js';
import { MODE_OF_CARRIER, TRANSPORT_MODES, type ItineraryLeg, type TransportMode, type TransportUnit } from './shipment.js';

/** Lookups the itinerary rules need; injected so the domain stays free of reference data and I/O. */
export interface ItineraryLookups {
  isKnownLocation(id: string): boolean;
  /** true/false when the reference data knows whether `mode` can link the two places; undefined when it does not know. */
  isModePossible?(mode: TransportMode, from: string, to: string): boolean | undefined;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds of an ISO 8601 instant with Z or an offset; undefined when it is not one. */
export function parseInstant(value: unknown): number | undefined {
  if (typeof value !== 'string' || !INSTANT.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Checks every leg and the chain of legs; all problems are returned, none stops the others. */
export function itineraryProblems(legs: readonly ItineraryLeg[], units: readonly TransportUnit[], lookups: ItineraryLookups): RegistrationProblem[] {
  const problems: RegistrationProblem[] = [];
  const unitsById = new Map(units.map((u) => [u.id, u]));
  if (legs.length === 0) problems.push({ path: '/itinerary', code: 'missing', message: 'the itinerary needs at least one leg' });
  const times: { dep?: number; arr?: number }[] = [];
  legs.forEach((leg, i) => {
    const at = `/itinerary/${i}`;
    if (!(TRANSPORT_MODES as readonly string[]).includes(leg.mode)) {
      problems.push({ path: `${at}/mode`, code: 'invalid-value', message: `mode ${JSON.stringify(leg.mode)} is unknown; expected one of ${TRANSPORT_MODES.join(', ')}` });
    }
    for (const end of ['from', 'to'] as const) {
      if (!lookups.isKnownLocation(leg[end])) {
        problems.push({ path: `${at}/${end}`, code: 'unknown-location', message: `location ${JSON.stringify(leg[end])} is not a known Karvon location` });
      }
    }
    if (leg.from === leg.to) problems.push({ path: `${at}/to`, code: 'invalid-value', message: `leg ${i} starts and ends at ${leg.from}` });
    const dep = parseInstant(leg.plannedDeparture);
    const arr = parseInstant(leg.plannedArrival);
    if (dep === undefined) problems.push({ path: `${at}/plannedDeparture`, code: 'invalid-time', message: `planned departure ${JSON.stringify(leg.plannedDeparture)} must be an ISO 8601 instant with Z or an offset, e.g. 2025-03-01T08:00:00Z` });
    if (arr === undefined) problems.push({ path: `${at}/plannedArrival`, code: 'invalid-time', message: `planned arrival ${JSON.stringify(leg.plannedArrival)} must be an ISO 8601 instant with Z or an offset, e.g. 2025-03-02T18:00:00Z` });
    if (dep !== undefined && arr !== undefined && arr <= dep) {
      problems.push({ path: `${at}/plannedArrival`, code: 'arrival-before-departure', message: `leg ${i} arrives (${leg.plannedArrival}) before or when it departs (${leg.plannedDeparture})` });
    }
    times.push({ dep, arr });
    const possible = lookups.isModePossible?.(leg.mode, leg.from, leg.to);
    if (possible === false) problems.push({ path: `${at}/mode`, code: 'mode-impossible', message: `${leg.from} and ${leg.to} are not linked by ${leg.mode}` });
    (leg.transportUnitIds ?? []).forEach((id, j) => {
      const unit = unitsById.get(id);
      const p = `${at}/transportUnitIds/${j}`;
      if (!unit) problems.push({ path: p, code: 'unknown-transport-unit', message: `leg ${i} names transport unit ${JSON.stringify(id)}, which is not among the transport units` });
      else if (unit.kind !== 'container' && MODE_OF_CARRIER[unit.kind] !== leg.mode) {
        problems.push({ path: p, code: 'unit-mode-mismatch', message: `a ${unit.kind} cannot move a ${leg.mode} leg` });
      }
    });
  });
  for (let i = 1; i < legs.length; i++) {
    const prev = legs[i - 1]!;
    const leg = legs[i]!;
    if (prev.to !== leg.from) {
      problems.push({ path: `/itinerary/${i}/from`, code: 'legs-not-chained', message: `leg ${i} starts at ${leg.from} but leg ${i - 1} ends at ${prev.to}` });
    }
    const prevArr = times[i - 1]!.arr;
    const dep = times[i]!.dep;
    if (prevArr !== undefined && dep !== undefined && dep < prevArr) {
      problems.push({ path: `/itinerary/${i}/plannedDeparture`, code: 'legs-overlap', message: `leg ${i} departs (${leg.plannedDeparture}) before leg ${i - 1} arrives (${prev.plannedArrival})` });
    }
  }
  return problems;
}
