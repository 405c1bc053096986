// Answers questions about shipments from the persisted read model: lookups, lists, searches, a
// shipment's events, ETAs and network statistics. It writes nothing: ShipmentProjection (a follower
// of the event log) writes the read model.
import { canSeeShipment } from '../access/visibility.js';
import type { ReadScope } from '../model/visibility-scope.js';
import type { EpcisEvent } from '../epcis/model.js';
import type { ShipmentCount, ShipmentView, Store } from '../store/store.js';
import { SHIPMENT_STATUSES, type ShipmentStatus } from '../domain/status/shipment-status.js';
import { referenceData, type ReferenceData } from '../reference/index.js';
import { CorridorStatistics, type Quantiles } from './corridor-statistics.js';
import { estimateArrival, type ArrivalEstimate, type StopEstimate } from './estimate-arrival.js';
import type { EventFacts } from './event-facts.js';
import { foldFacts, insertFacts } from './fold-shipment.js';
import { decodeCursor, decodeKeyedCursor, encodeCursor, encodeKeyedCursor, type KeyedOrder } from './shipment-cursor.js';
import { roundHours } from './itinerary-delay.js';
import { eventsForReader } from './registration-redaction.js';
import { epochOf, squash } from './shipment-record.js';
import type { Mode, ShipmentSnapshot } from './shipment-state.js';

export interface ShipmentListQuery {
  status?: ShipmentStatus | readonly ShipmentStatus[];
  corridor?: string;
  /** A country the shipment has been in (ISO 3166-1 alpha-2). */
  country?: string;
  /** The country the goods are in now (ISO 3166-1 alpha-2; current-whereabouts.ts). */
  inCountry?: string;
  /** The mode of the current leg. */
  mode?: Mode;
  /** A location (reference id) still ahead of the shipment, on its itinerary or corridor (upcoming-stops.ts). */
  upcomingStop?: string;
  /** The location (reference id) the goods stand at now. */
  atLocation?: string;
  /** Shipments active in [from, to]: events on or after `from` and on or before `to`. */
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

export interface ShipmentPage {
  shipments: ShipmentSnapshot[];
  /**
   * With `upcomingStop`: each shipment's expected arrival there, estimated when read (null when no
   * estimate reaches that stop), in the order of `shipments`.
   */
  expectedArrivals?: (StopEstimate | null)[];
  /** Each shipment's arrival range at its destination, estimated when read (null when none can be made), in the order of `shipments`. */
  arrivals: (StopEstimate | null)[];
  /** How many shipments match over all pages, counted up to TOTAL_CAP. */
  total: ShipmentCount;
  nextCursor?: string;
}

export interface ProjectionStats {
  shipments: number;
  events: number;
  byStatus: Record<ShipmentStatus, number>;
  byCorridor: Record<string, number>;
  openHolds: number;
  completedShipments: number;
  observations: { key: string; quantiles: Quantiles }[];
}

/** What the reader needs of the writer: stored facts (through its cache) and when completions changed. */
export interface ShipmentFactsSource {
  storedFacts(keys: readonly string[]): Promise<Map<string, readonly EventFacts[]>>;
  readonly completionsVersion: number;
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;
/**
 * Totals are counted up to this many: an exact number for a crossing's list, an honest "more than
 * 1000" for the big ones (a country's million shipments a year) at the cost of at most 1000 rows.
 */
export const TOTAL_CAP = 1000;

const pageLimit = (limit: number | undefined): number => Math.min(MAX_LIMIT, Math.max(1, Math.trunc(limit ?? DEFAULT_LIMIT)));

const snapshotOfView = (view: ShipmentView): ShipmentSnapshot => view.state as unknown as ShipmentSnapshot;

/** The destination's arrival range of each estimate; null where there is none. */
function arrivalsOf(estimates: readonly (ArrivalEstimate | undefined)[]): (StopEstimate | null)[] {
  return estimates.map((estimate) => estimate?.arrival ?? null);
}

export class ShipmentQueries {
  readonly statistics: CorridorStatistics;
  private readonly reference: ReferenceData;
  /** The writer's completionsVersion the statistics were loaded at (undefined: never loaded). */
  private statisticsAt: number | undefined;

  constructor(
    private readonly store: Store,
    private readonly facts: ShipmentFactsSource,
    options: { reference?: ReferenceData; statisticsWindow?: number } = {},
  ) {
    this.reference = options.reference ?? referenceData();
    this.statistics = new CorridorStatistics(this.reference, options.statisticsWindow ?? 200);
  }

  // ---- reading ----------------------------------------------------------------------------------

  /**
   * The shipment an id leads to, if `scope` (absent: everything) may see it. A shipment the caller
   * may not see is answered like one that does not exist, so its existence does not leak.
   */
  private async visibleView(id: string, scope: ReadScope | undefined): Promise<ShipmentView | undefined> {
    // The store looks only among the shipments the scope may see: a number another organisation
    // uses too never hides the caller's own shipment, nor tells it that the other one exists.
    const view = await this.store.shipments.find([...new Set([id, squash(id)])], scope);
    return view && (scope === undefined || canSeeShipment(scope, view.audience)) ? view : undefined;
  }

  /** A shipment by its id, an earlier id, any of its document numbers, or a transport unit (id or number). */
  async get(id: string, scope?: ReadScope): Promise<ShipmentSnapshot | undefined> {
    const view = await this.visibleView(id, scope);
    return view ? snapshotOfView(view) : undefined;
  }

  /**
   * A shipment with its audience keys, read once: what a detail needs to tell why the caller sees
   * it (src/access/pre-arrival-access.ts), a registrant's action whether the caller registered it, and
   * a public link whether the caller is a party to it.
   */
  async withAudience(id: string, scope?: ReadScope): Promise<{ shipment: ShipmentSnapshot; audience: readonly string[] } | undefined> {
    const view = await this.visibleView(id, scope);
    return view ? { shipment: snapshotOfView(view), audience: view.audience } : undefined;
  }

  /**
   * A page of shipments: by expected arrival with `upcomingStop`, longest waiting first with
   * `atLocation`, else by latest activity (ShipmentListFilter in the store contract).
   */
  async list(query: ShipmentListQuery = {}, scope?: ReadScope, now = new Date()): Promise<ShipmentPage> {
    const statuses = query.status === undefined ? undefined : typeof query.status === 'string' ? [query.status] : [...query.status];
    const from = epochOf(query.from);
    const to = epochOf(query.to);
    const limit = pageLimit(query.limit);
    const filter = {
      ...(statuses ? { statuses } : {}),
      ...(query.corridor !== undefined ? { corridor: query.corridor } : {}),
      ...(query.country !== undefined ? { country: query.country.toUpperCase() } : {}),
      ...(query.inCountry !== undefined ? { inCountry: query.inCountry.toUpperCase() } : {}),
      ...(query.mode !== undefined ? { mode: query.mode } : {}),
      ...(query.upcomingStop !== undefined ? { upcomingStop: query.upcomingStop } : {}),
      ...(query.atLocation !== undefined ? { atLocation: query.atLocation } : {}),
      ...(from !== undefined ? { activeFrom: from } : {}),
      ...(to !== undefined ? { activeTo: to } : {}),
      ...(scope ? { scope } : {}),
    };
    const order: KeyedOrder | undefined = query.upcomingStop !== undefined ? 'expected' : query.atLocation !== undefined ? 'waiting' : undefined;
    const resume = !query.cursor ? {} : order ? { afterKey: decodeKeyedCursor(order, query.cursor) } : { after: decodeCursor(query.cursor) };
    const [views, total] = await Promise.all([this.store.shipments.list({ ...filter, ...resume, limit: limit + 1 }), this.store.shipments.count(filter, TOTAL_CAP)]);
    const page = views.slice(0, limit);
    const shipments = page.map(snapshotOfView);
    const last = page[page.length - 1];
    const nextCursor = views.length <= limit || !last ? undefined : order ? encodeKeyedCursor(order, last.sortKey ?? 0, last.id) : encodeCursor(shipments[shipments.length - 1]!);
    const estimates = await this.estimatesFor(shipments, now);
    const stop = query.upcomingStop;
    const expectedArrivals = stop === undefined ? undefined : estimates.map((estimate) => estimate?.stops.find((s) => s.locationId === stop) ?? null);
    return { shipments, ...(expectedArrivals ? { expectedArrivals } : {}), arrivals: arrivalsOf(estimates), total, ...(nextCursor ? { nextCursor } : {}) };
  }

  /** Each shipment's arrival estimate, computed now (one per page row: a list shows every row's ETA). */
  private async estimatesFor(shipments: readonly ShipmentSnapshot[], now: Date): Promise<(ArrivalEstimate | undefined)[]> {
    const out: (ArrivalEstimate | undefined)[] = [];
    for (const shipment of shipments) out.push(await this.estimateFor(shipment, now));
    return out;
  }

  /** Shipments with a document number, transport unit or carrier containing `q` (3 characters at least). */
  async search(q: string, limit = DEFAULT_LIMIT, scope?: ReadScope): Promise<ShipmentSnapshot[]> {
    const wanted = squash(q);
    if (wanted.length < 3) return [];
    return (await this.store.shipments.search(wanted, limit, scope)).map(snapshotOfView);
  }

  /** A page of search(): latest activity first, with a total and a cursor to the next page. */
  async searchPage(q: string, page: { limit?: number; cursor?: string } = {}, scope?: ReadScope, now = new Date()): Promise<ShipmentPage> {
    const wanted = squash(q);
    if (wanted.length < 3) return { shipments: [], arrivals: [], total: { total: 0, lowerBound: false } };
    const limit = pageLimit(page.limit);
    const after = page.cursor ? decodeCursor(page.cursor) : undefined;
    const [views, total] = await Promise.all([this.store.shipments.search(wanted, limit + 1, scope, after), this.store.shipments.searchCount(wanted, TOTAL_CAP, scope)]);
    const shipments = views.slice(0, limit).map(snapshotOfView);
    const arrivals = arrivalsOf(await this.estimatesFor(shipments, now));
    return { shipments, arrivals, total, ...(views.length > limit ? { nextCursor: encodeCursor(shipments[shipments.length - 1]!) } : {}) };
  }

  /**
   * The EPCIS events of a shipment in fold order (eventTime, eventID), erroneous ones left out, a
   * registration cut to the reader's share (registration-redaction.ts).
   */
  async events(id: string, scope?: ReadScope): Promise<EpcisEvent[] | undefined> {
    const view = await this.visibleView(id, scope);
    if (!view) return undefined;
    const facts = (await this.facts.storedFacts([view.key])).get(view.key) ?? [];
    // Folded with the whole registrations; each is cut to the reader's share on the way out.
    return eventsForReader(this.store, scope, foldFacts(insertFacts([], facts), { reference: this.reference }).events);
  }

  /** ETA ranges for a shipment's remaining stops. */
  async estimate(id: string, now?: Date, scope?: ReadScope): Promise<ArrivalEstimate | undefined> {
    const state = await this.get(id, scope);
    return state ? this.estimateFor(state, now) : undefined;
  }

  /** ETA ranges for a shipment already read. */
  async estimateFor(state: ShipmentSnapshot, now?: Date): Promise<ArrivalEstimate | undefined> {
    await this.freshStatistics();
    return estimateArrival(state, this.statistics, this.reference, now ? { now } : {});
  }

  async stats(): Promise<ProjectionStats> {
    const totals = await this.store.shipments.totals();
    await this.freshStatistics();
    const byStatus = Object.fromEntries(SHIPMENT_STATUSES.map((s) => [s, totals.byStatus[s] ?? 0])) as Record<ShipmentStatus, number>;
    return {
      shipments: totals.shipments,
      events: totals.events,
      byStatus,
      byCorridor: totals.byCorridor,
      openHolds: totals.openHolds,
      completedShipments: totals.completed,
      // Hours for people, to a tenth (the ETA keeps working with the exact figures).
      observations: this.statistics.entries().map(([key, q]) => ({ key, quantiles: { n: q.n, p10: roundHours(q.p10), p50: roundHours(q.p50), p90: roundHours(q.p90) } })),
    };
  }

  /** Quantiles of one leg or dwell key (corridor-statistics.ts) over the recently completed shipments, as the ETA uses them. */
  async observed(key: string): Promise<Quantiles | undefined> {
    await this.freshStatistics();
    return this.statistics.get(key);
  }

  /**
   * ETA statistics learn from the most recently completed shipments of each corridor (CorridorStatistics
   * picks them out of the `window` most recently completed overall), read again after they change.
   */
  private async freshStatistics(): Promise<void> {
    const version = this.facts.completionsVersion;
    if (this.statisticsAt === version) return;
    this.statisticsAt = version;
    this.statistics.load(await this.store.shipments.recentlyCompleted(this.statistics.window));
  }
}
