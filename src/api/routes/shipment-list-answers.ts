/**
 * The list and search answers of /api/shipments: the checks of the crossing filters' values, and a
 * page as the API shows it (each shipment's summary with where its goods stand and how long they
 * have waited, its expected arrival at the crossing asked for and at its destination, the total and the cursor).
 */
import { isAssignedCountryCode } from '../../domain/iso-3166.js';
import { KarvonError } from '../../errors.js';
import type { ShipmentPage } from '../../projections/shipment-queries.js';
import type { ShipmentSnapshot } from '../../projections/shipment-state.js';
import { locationById } from '../../reference/index.js';

/** A location filter (crossing, at): a location id of the reference data (border crossing, port, terminal). */
export function checkedLocation(name: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!locationById(raw)) throw new KarvonError('KRV_QUERY_PARAMETER', `${name} must be a location id of /api/reference/locations, got '${raw}'`);
  return raw;
}

/** A country filter (country, in): an assigned ISO 3166-1 alpha-2 code, in either case. */
export function checkedCountry(name: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const code = raw.trim().toUpperCase();
  if (!isAssignedCountryCode(code)) throw new KarvonError('KRV_QUERY_PARAMETER', `${name} must be an ISO 3166-1 alpha-2 country code such as KZ, got '${raw}'`);
  return code;
}

/** Hours from `since` to `now`, to 0.1 h (never below 0: a clock ahead of the server's). */
function hoursSince(since: string, now: Date): number | undefined {
  const t = Date.parse(since);
  return Number.isNaN(t) ? undefined : Math.max(0, Math.round((now.getTime() - t) / 360_000) / 10);
}

/** What a list item adds to the summary: where the goods stand now, since when, and in which country. */
function whereaboutsNow(state: ShipmentSnapshot, now: Date) {
  const current = state.current;
  const waitingHours = current?.since !== undefined ? hoursSince(current.since, now) : undefined;
  return {
    ...(current?.locationId !== undefined ? { atLocation: current.locationId } : {}),
    ...(current?.since !== undefined ? { since: current.since } : {}),
    ...(waitingHours !== undefined ? { waitingHours } : {}),
    ...(current?.country !== undefined ? { inCountry: current.country } : {}),
  };
}

/** A page of shipments as the list and search routes answer it. */
export function listPage<Summary extends object>(page: ShipmentPage, summary: (state: ShipmentSnapshot) => Summary, now: Date) {
  return {
    shipments: page.shipments.map((state, i) => ({
      ...summary(state),
      ...whereaboutsNow(state, now),
      ...(page.expectedArrivals ? { expectedArrival: page.expectedArrivals[i] ?? null } : {}),
      ...(page.arrivals[i] ? { arrival: page.arrivals[i] } : {}),
    })),
    total: page.total.total,
    totalIsLowerBound: page.total.lowerBound,
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}
