// Estimated arrival at every stop still ahead on a shipment's registered itinerary: what a forwarder
// can promise before the corridor has seen the shipment, and for itineraries that follow no single
// reference corridor. The plan is the starting point; observations of the same leg or border replace
// it once there are enough of them, and the reference figures only give the plan a spread.
//
// Rules, in the order they apply:
// - Stops are the `to` of every leg still ahead, numbered like corridor stops (stop k ends leg k-1).
// - Start: the planned departure of the first leg ahead, moved later by the delay the shipment already
//   has (state.delay.hours > 0; being ahead of plan moves nothing, a promise is not pulled forward),
//   and not before `now` while the shipment has not left that leg's start.
// - Leg time: observed p10/p50/p90 for legKey(from, to, mode) with at least MIN_OBSERVATIONS; else the
//   planned time as likely, with the reference spread (referenceLegHours' earliest/likely/latest as
//   ratios) where a reference corridor has the same leg, else DEFAULT_LEG_SPREAD.
// - Between legs: the planned wait (next departure minus previous arrival). Where both legs around
//   the stop are consecutive legs of one reference corridor, that corridor's dwell statistics apply
//   (dwellKey, observed when there are enough), else its reference stop figures give the spread, and
//   the latest is never below the reference latest: a plan that leaves no time at a border does not
//   make the border quick.
// - No stop is estimated before `now` (or the latest event); a stop pushed later pushes the ones after it.
// - A location id the reference data does not know is kept as a stop, named by its id and timed by
//   the plan with the default spread: the plan still says when the goods should be there.
import type { ItineraryLeg } from '../domain/shipment/shipment.js';
import type { Corridor, ReferenceData } from '../reference/index.js';
import { dwellKey, legKey, type CorridorStatistics } from './corridor-statistics.js';
import type { ArrivalEstimate, EstimableShipment, StopEstimate } from './estimate-arrival.js';
import { observedRange } from './observed-range.js';
import { referenceLegHours, referenceStopHours, type HourRange } from './reference-timing.js';

const H = 3_600_000;

/**
 * Spread around a planned leg time when no reference corridor has the leg: Karvon's own rough choice,
 * as early as the reference legs (0.9) but later (1.5 against 1.3) since nothing is known of the leg.
 */
export const DEFAULT_LEG_SPREAD = { early: 0.9, late: 1.5 } as const;

interface Part {
  readonly range: HourRange;
  /** Number of observations when the part comes from them; absent when it comes from the plan. */
  readonly observed?: number;
}

interface PlannedLeg {
  readonly leg: ItineraryLeg;
  readonly departure: number;
  readonly arrival: number;
}

function sameLeg(a: { from: string; to: string; mode: string }, b: { from: string; to: string; mode: string }): boolean {
  return a.from === b.from && a.to === b.to && a.mode === b.mode;
}

/** The first reference corridor leg with the same ends and mode (shared legs have the same figures). */
function referenceLegFor(leg: ItineraryLeg, reference: ReferenceData): HourRange | undefined {
  for (const corridor of reference.corridors.values()) {
    const match = corridor.legs.find((l) => sameLeg(l, leg));
    if (match) return referenceLegHours(match, reference);
  }
  return undefined;
}

/** A reference corridor and stop index where `before` and `after` are its legs k-1 and k. */
function referenceStopFor(before: ItineraryLeg, after: ItineraryLeg, reference: ReferenceData): { corridor: Corridor; stop: number } | undefined {
  for (const corridor of reference.corridors.values()) {
    for (let stop = 1; stop < corridor.legs.length; stop++) {
      if (sameLeg(corridor.legs[stop - 1]!, before) && sameLeg(corridor.legs[stop]!, after)) return { corridor, stop };
    }
  }
  return undefined;
}

function scaled(hours: number, early: number, late: number): HourRange {
  return { earliest: hours * early, likely: hours, latest: hours * late };
}

function legPart(planned: PlannedLeg, stats: CorridorStatistics | undefined, reference: ReferenceData): Part {
  const { leg } = planned;
  const observed = observedRange(stats, legKey(leg.from, leg.to, leg.mode));
  if (observed) return observed;
  const hours = (planned.arrival - planned.departure) / H;
  const figures = referenceLegFor(leg, reference);
  if (figures && figures.likely > 0) return { range: scaled(hours, figures.earliest / figures.likely, figures.latest / figures.likely) };
  return { range: scaled(hours, DEFAULT_LEG_SPREAD.early, DEFAULT_LEG_SPREAD.late) };
}

/** Time at the stop between two legs; undefined when neither plan nor figures put any there. */
function dwellPart(before: PlannedLeg, after: PlannedLeg, stats: CorridorStatistics | undefined, reference: ReferenceData): Part | undefined {
  const planned = Math.max(0, (after.departure - before.arrival) / H);
  const match = referenceStopFor(before.leg, after.leg, reference);
  if (match) {
    const observed = observedRange(stats, dwellKey(match.corridor, match.stop, reference));
    if (observed) return observed;
    const figures = referenceStopHours(match.corridor, match.stop, reference);
    if (figures.likely > 0) {
      const range = scaled(planned, figures.earliest / figures.likely, figures.latest / figures.likely);
      return { range: { ...range, latest: Math.max(range.latest, figures.latest) } };
    }
  }
  return planned > 0 ? { range: scaled(planned, 1, 1) } : undefined;
}

function basisOf(parts: readonly Part[]): string {
  const observed = parts.filter((p) => p.observed !== undefined);
  if (observed.length === 0) return 'registered plan';
  const n = Math.min(...observed.map((p) => p.observed!));
  return observed.length === parts.length ? `observed, n=${n}` : `observed (n=${n}) and registered plan`;
}

/**
 * The first leg still ahead and whether the goods already left its start, from the itinerary's
 * locations the shipment's events were read at (the furthest one counts); undefined once the
 * shipment has been seen at the itinerary's destination.
 */
function progressAlong(shipment: EstimableShipment, legs: readonly ItineraryLeg[]): { leg: number; moving: boolean } | undefined {
  const visits = new Map(shipment.visits.map((v) => [v.locationId, v]));
  for (let stop = legs.length; stop >= 0; stop--) {
    const visit = visits.get(stop === 0 ? legs[0]!.from : legs[stop - 1]!.to);
    if (!visit) continue;
    if (stop === legs.length) return undefined;
    return { leg: stop, moving: visit.leftAt !== undefined };
  }
  return { leg: 0, moving: shipment.departedAt !== undefined };
}

/** Milliseconds of a planned time; undefined when it cannot be read. */
function instant(value: string): number | undefined {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * ETA ranges for the stops still ahead on the registered itinerary. Undefined without an itinerary,
 * when one of its planned times cannot be read, or once the shipment has arrived.
 * `now` defaults to nothing (the function is pure): without it the latest event time is the floor.
 */
export function estimateFromItinerary(
  shipment: EstimableShipment,
  stats: CorridorStatistics | undefined,
  reference: ReferenceData,
  options: { now?: Date } = {},
): ArrivalEstimate | undefined {
  const itinerary = shipment.itinerary;
  if (!itinerary || itinerary.length === 0) return undefined;
  if (shipment.status === 'delivered' || shipment.status === 'arrived' || shipment.arrivedAt) return undefined;
  const planned: PlannedLeg[] = [];
  for (const leg of itinerary) {
    const departure = instant(leg.plannedDeparture);
    const arrival = instant(leg.plannedArrival);
    if (departure === undefined || arrival === undefined) return undefined;
    planned.push({ leg, departure, arrival: Math.max(arrival, departure) });
  }
  const progress = progressAlong(shipment, itinerary);
  if (!progress) return undefined;

  const floors = [options.now?.getTime(), shipment.lastEventTime ? instant(shipment.lastEventTime) : undefined].filter((t): t is number => t !== undefined);
  const floor = floors.length > 0 ? Math.max(...floors) : undefined;
  const atLeastFloor = (t: number) => (floor !== undefined && floor > t ? floor : t);
  const behindH = Math.max(0, shipment.delay?.hours ?? 0);

  const first = planned[progress.leg]!;
  const plannedStart = first.departure + behindH * H;
  // Goods still standing at the start cannot leave in the past; goods already moving left when they did.
  const start = progress.moving ? plannedStart : atLeastFloor(plannedStart);
  const cursor = { earliest: start, likely: start, latest: start };
  const advance = (range: HourRange) => {
    cursor.earliest += range.earliest * H;
    cursor.likely += range.likely * H;
    cursor.latest += range.latest * H;
  };

  const parts: Part[] = [];
  const stops: StopEstimate[] = [];
  for (let index = progress.leg; index < planned.length; index++) {
    if (index > progress.leg) {
      const dwell = dwellPart(planned[index - 1]!, planned[index]!, stats, reference);
      if (dwell) {
        parts.push(dwell);
        advance(dwell.range);
      }
    }
    const travel = legPart(planned[index]!, stats, reference);
    parts.push(travel);
    advance(travel.range);
    cursor.earliest = atLeastFloor(cursor.earliest);
    cursor.likely = atLeastFloor(cursor.likely);
    cursor.latest = Math.max(atLeastFloor(cursor.latest), cursor.likely);
    const locationId = planned[index]!.leg.to;
    stops.push({
      stop: index + 1,
      locationId,
      name: reference.locations.get(locationId)?.names.en ?? locationId,
      earliest: new Date(cursor.earliest).toISOString(),
      likely: new Date(cursor.likely).toISOString(),
      latest: new Date(cursor.latest).toISOString(),
      basis: basisOf(parts),
    });
  }
  return {
    shipmentId: shipment.id,
    follows: 'itinerary',
    ...(shipment.corridor ? { corridor: shipment.corridor } : {}),
    from: new Date(floor ?? start).toISOString(),
    stops,
    ...(stops.length > 0 ? { arrival: stops[stops.length - 1]! } : {}),
  };
}
