// Where on its corridor a shipment is, from the places its events were read at. Positions only move
// forward, so a late report from an earlier stop does not send the shipment back.
import type { Corridor } from '../reference/index.js';
import { distanceKm } from '../reference/index.js';
import type { EventFacts } from './event-facts.js';
import type { CorridorPosition, LegProgress } from './shipment-state.js';

/**
 * Movement steps that say the goods leave the place they were read at. Customs papers are not among
 * them: goods released for transit or passed at an office of transit may stand at the border for
 * hours more, and only a movement step says when they left (docs/epcis-profile.md, 4.3). A unit
 * leaving a geofence (left-place) leaves the place too, though not on its journey's departure.
 */
export const LEAVING: ReadonlySet<string> = new Set(['departed', 'border-passed', 'loaded-on-ferry', 'transshipped', 'left-place']);

/** Location id of stop k (0 = origin, legs.length = destination). */
export function stopLocation(corridor: Corridor, stop: number): string {
  return stop === 0 ? corridor.legs[0]!.from : corridor.legs[stop - 1]!.to;
}

function orderOf(position: CorridorPosition | undefined): number {
  if (!position) return -1;
  // at-stop k sits between on-leg k-1 and on-leg k.
  return position.kind === 'at-stop' ? position.stop * 2 : position.leg * 2 + 1;
}

/** The position after an event, or the previous one when the event says nothing newer. */
export function advancePosition(position: CorridorPosition | undefined, facts: EventFacts, corridor: Corridor): CorridorPosition | undefined {
  const since = facts.event.eventTime;
  let next: CorridorPosition | undefined;
  const where = facts.where;
  if (where?.kind === 'location') {
    const current = orderOf(position);
    const firstStop = Math.max(0, Math.ceil(current / 2), facts.legIndex ?? 0);
    for (let stop = firstStop; stop <= corridor.legs.length && !next; stop++) {
      if (stopLocation(corridor, stop) !== where.locationId) continue;
      const leaving = facts.step !== undefined && LEAVING.has(facts.step.kind) && stop < corridor.legs.length;
      next = leaving ? { kind: 'on-leg', leg: stop, fraction: 0, since } : { kind: 'at-stop', stop, since };
    }
  } else if (where?.kind === 'geo') {
    const leg = facts.legIndex ?? (position?.kind === 'on-leg' ? position.leg : position?.kind === 'at-stop' ? Math.min(position.stop, corridor.legs.length - 1) : undefined);
    const l = leg !== undefined ? corridor.legs[leg] : undefined;
    if (l && leg !== undefined) {
      const start = l.route[0] ?? [where.lon, where.lat];
      const end = l.route[l.route.length - 1] ?? [where.lon, where.lat];
      const done = distanceKm(start, [where.lon, where.lat]);
      const left = distanceKm([where.lon, where.lat], end);
      const fraction = done + left > 0 ? Math.min(1, Math.max(0, done / (done + left))) : 0;
      next = { kind: 'on-leg', leg, fraction, since };
    }
  }
  if (!next) return position;
  if (orderOf(next) < orderOf(position)) return position;
  if (position && orderOf(next) === orderOf(position) && next.kind === 'on-leg' && position.kind === 'on-leg' && next.fraction < position.fraction) return position;
  return next;
}

/** Leg progress for people: the leg the shipment is on or has just finished. */
export function legProgressOf(position: CorridorPosition, corridor: Corridor): LegProgress | undefined {
  const count = corridor.legs.length;
  if (position.kind === 'on-leg') {
    const leg = corridor.legs[position.leg];
    return leg ? { legIndex: position.leg, legCount: count, from: leg.from, to: leg.to, mode: leg.mode, fraction: position.fraction } : undefined;
  }
  const index = Math.max(0, position.stop - 1);
  const leg = corridor.legs[index];
  if (!leg) return undefined;
  return { legIndex: index, legCount: count, from: leg.from, to: leg.to, mode: leg.mode, fraction: position.stop === 0 ? 0 : 1, atStop: stopLocation(corridor, position.stop) };
}
