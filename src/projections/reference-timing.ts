// Timing of legs and stops from the shipped reference data, for the plan and for ETAs when no
// shipment history exists yet. The spread around the reference figures is Karvon's own rough choice
// (the sources give averages, not distributions) and is named so in every answer that uses it.
import type { Corridor, Leg, ReferenceData } from '../reference/index.js';
import { stopLocation } from './corridor-position.js';

/** Hours: earliest, likely, latest. */
export interface HourRange {
  readonly earliest: number;
  readonly likely: number;
  readonly latest: number;
}

export const ZERO_RANGE: HourRange = { earliest: 0, likely: 0, latest: 0 };

/** Moving time only goes wrong in one direction much more than the other: slow orders, line works. */
const LEG_EARLY = 0.9;
const LEG_LATE = 1.3;
/** Border dwell spreads wide (CAREC reports the average only). */
const DWELL_EARLY = 0.25;
const DWELL_LATE = 2;

function fact(reference: ReferenceData, id: string): { value: number; min?: number; max?: number; unit: string } | undefined {
  return reference.timing.get(id);
}

function hours(f: { value: number; unit: string }, value = f.value): number {
  return f.unit === 'd' ? value * 24 : value;
}

/** Moving time of a leg: its own figure, else distance over the mode's reference speed. */
export function referenceLegHours(leg: Leg, reference: ReferenceData): HourRange {
  let likely = leg.durationH?.value;
  if (!(likely !== undefined && Number.isFinite(likely) && likely > 0)) {
    const speed = fact(reference, `speed-${leg.mode}`)?.value;
    likely = speed ? leg.distanceKm.value / speed : leg.mode === 'sea' ? hours(fact(reference, 'ferry-at-sea') ?? { value: 1, unit: 'd' }) : 0;
  }
  return { earliest: likely * LEG_EARLY, likely, latest: likely * LEG_LATE };
}

/** Dwell at stop k: a border crossing point, or a port before a ferry; zero elsewhere. */
export function referenceStopHours(corridor: Corridor, stop: number, reference: ReferenceData): HourRange {
  if (stop <= 0 || stop >= corridor.legs.length) return ZERO_RANGE;
  const next = corridor.legs[stop]!;
  if (next.mode === 'sea') {
    const wait = fact(reference, 'ferry-waiting');
    if (!wait) return ZERO_RANGE;
    return { earliest: hours(wait, wait.min ?? wait.value), likely: hours(wait), latest: hours(wait, wait.max ?? wait.value) };
  }
  const location = reference.locations.get(stopLocation(corridor, stop));
  if (location?.kind !== 'border-crossing') return ZERO_RANGE;
  const dwell = fact(reference, `border-dwell-${next.mode}`) ?? fact(reference, `border-dwell-${corridor.legs[stop - 1]!.mode}`);
  if (!dwell) return ZERO_RANGE;
  const likely = hours(dwell);
  return { earliest: likely * DWELL_EARLY, likely, latest: likely * DWELL_LATE };
}
