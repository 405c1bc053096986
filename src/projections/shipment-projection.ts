// The in-memory shipment read model: links captured events to shipments, folds them, answers
// lookups, lists and searches, and feeds corridor statistics for ETAs. It is rebuilt from the store
// at start and kept current from the bus; both paths fold the same way, so they agree.
import { KarvonError } from '../errors.js';
import type { EventBus } from '../bus/event-bus.js';
import type { EpcisEvent } from '../epcis/model.js';
import type { Store } from '../store/store.js';
import type { ItineraryLeg } from '../domain/shipment/shipment.js';
import { SHIPMENT_STATUSES, type ShipmentStatus } from '../domain/status/shipment-status.js';
import { referenceData, type ReferenceData } from '../reference/index.js';
import { CorridorStatistics, type Quantiles } from './corridor-statistics.js';
import { estimateArrival, type ArrivalEstimate } from './estimate-arrival.js';
import { eventFacts, type EventFacts } from './event-facts.js';
import { foldFacts, insertFacts } from './fold-shipment.js';
import { registeredItinerary } from './registered-itinerary.js';
import { ShipmentLinker } from './shipment-linker.js';
import { upcomingStops } from './upcoming-stops.js';
import type { Mode, ShipmentState } from './shipment-state.js';

export interface ShipmentListQuery {
  status?: ShipmentStatus | readonly ShipmentStatus[];
  corridor?: string;
  /** A country the shipment has been in (ISO 3166-1 alpha-2). */
  country?: string;
  /** The mode of the current leg. */
  mode?: Mode;
  /** A location (reference id) still ahead of the shipment on its corridor, or where it is now. */
  upcomingStop?: string;
  /** Shipments active in [from, to]: events on or after `from` and on or before `to`. */
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

export interface ShipmentPage {
  shipments: ShipmentState[];
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

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;

function epoch(time: string | undefined): number {
  const t = time ? Date.parse(time) : NaN;
  return Number.isNaN(t) ? -Infinity : t;
}

function squash(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

function encodeCursor(state: ShipmentState): string {
  return Buffer.from(JSON.stringify([epoch(state.lastEventTime), state.id])).toString('base64url');
}

function decodeCursor(cursor: string): [number, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && (typeof value[0] === 'number' || value[0] === null) && typeof value[1] === 'string') {
      return [value[0] === null ? -Infinity : value[0], value[1]];
    }
  } catch {
    // fall through to the error below
  }
  // A silently ignored cursor would serve page one again and look like a bug in the client's paging.
  throw new KarvonError('KRV_QUERY_PARAMETER', 'cursor is not valid: pass the nextCursor of the previous page unchanged');
}

/** Newest activity first, then id: a total order that list cursors can resume from. */
function compareForList(a: [number, string], b: [number, string]): number {
  if (a[0] !== b[0]) return a[0] > b[0] ? -1 : 1;
  return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}

export class ShipmentProjection {
  readonly statistics: CorridorStatistics;
  private readonly reference: ReferenceData;
  private linker = new ShipmentLinker();
  private readonly byKey = new Map<string, ShipmentState>();
  /** Current and earlier shipment ids -> linker key (ids change when an earlier event arrives). */
  private readonly idToKey = new Map<string, string>();
  /** Keys merged away -> the key they were merged into. */
  private readonly redirects = new Map<string, string>();

  private readonly itineraryFor: ((shipment: ShipmentState) => readonly ItineraryLeg[] | undefined) | undefined;

  /** @param options.itineraryFor the registered itinerary of a shipment (by its documents or units), if any; by default the one its registration event carries. */
  constructor(options: { reference?: ReferenceData; statistics?: CorridorStatistics; itineraryFor?: (shipment: ShipmentState) => readonly ItineraryLeg[] | undefined } = {}) {
    this.reference = options.reference ?? referenceData();
    this.statistics = options.statistics ?? new CorridorStatistics(this.reference);
    this.itineraryFor = options.itineraryFor ?? registeredItinerary;
  }

  /** Links and folds newly captured events; returns the ids of the shipments that changed. */
  apply(events: readonly EpcisEvent[]): string[] {
    const pending = new Map<string, EventFacts[]>();
    for (const event of events) {
      const facts = eventFacts(event, this.reference);
      const { key, merged } = this.linker.link(facts);
      const list = pending.get(key) ?? [];
      for (const other of merged) {
        list.push(...(this.byKey.get(other)?.events ?? []), ...(pending.get(other) ?? []));
        pending.delete(other);
        this.byKey.delete(other);
        this.redirects.set(other, key);
        this.statistics.forget(other);
      }
      list.push(facts);
      pending.set(key, list);
    }
    const changed: string[] = [];
    for (const [key, added] of pending) {
      const events = insertFacts(this.byKey.get(key)?.events ?? [], added);
      let state = foldFacts(events, { reference: this.reference });
      const itinerary = this.itineraryFor?.(state);
      if (itinerary && itinerary.length > 0) state = { ...foldFacts(events, { reference: this.reference, itinerary }), itinerary };
      this.byKey.set(key, state);
      this.idToKey.set(state.id, key);
      this.statistics.record(key, state);
      changed.push(state.id);
    }
    return changed;
  }

  /** Keeps the projection current from the bus; returns the unsubscribe function. */
  subscribe(bus: EventBus): () => void {
    return bus.subscribe('epcis.captured', ({ events }) => {
      this.apply(events);
    });
  }

  /** Forgets everything and folds every stored event again, in capture order. */
  async rebuild(store: Store, perPage = 500): Promise<number> {
    for (const key of [...this.byKey.keys(), ...this.redirects.keys()]) this.statistics.forget(key);
    this.linker = new ShipmentLinker();
    this.byKey.clear();
    this.idToKey.clear();
    this.redirects.clear();
    let count = 0;
    let pageToken: string | undefined;
    do {
      const page = await store.events.query({ conditions: [] }, { perPage, ...(pageToken ? { pageToken } : {}) });
      this.apply(page.events.map((row) => row.event));
      count += page.events.length;
      pageToken = page.nextPageToken;
    } while (pageToken);
    return count;
  }

  /** A shipment by its id, an earlier id, or any of its document numbers or transport units. */
  get(id: string): ShipmentState | undefined {
    let key = this.idToKey.get(id);
    while (key && this.redirects.has(key)) key = this.redirects.get(key);
    const state = key ? this.byKey.get(key) : undefined;
    if (state) return state;
    const wanted = squash(id);
    return [...this.byKey.values()].find(
      (s) => s.documents.some((d) => squash(d.number) === wanted || d.value === id) || s.transportUnits.includes(id),
    );
  }

  list(query: ShipmentListQuery = {}): ShipmentPage {
    const statuses = query.status === undefined ? undefined : new Set(typeof query.status === 'string' ? [query.status] : query.status);
    const from = query.from ? Date.parse(query.from) : undefined;
    const to = query.to ? Date.parse(query.to) : undefined;
    const country = query.country?.toUpperCase();
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const limit = Math.min(MAX_LIMIT, Math.max(1, Math.trunc(query.limit ?? DEFAULT_LIMIT)));
    const matches = [...this.byKey.values()]
      .filter((s) => !statuses || statuses.has(s.status))
      .filter((s) => query.corridor === undefined || s.corridor === query.corridor)
      .filter((s) => country === undefined || s.countries.includes(country))
      .filter((s) => query.mode === undefined || s.mode === query.mode)
      .filter((s) => query.upcomingStop === undefined || upcomingStops(s, this.reference).includes(query.upcomingStop))
      .filter((s) => from === undefined || Number.isNaN(from) || epoch(s.lastEventTime) >= from)
      .filter((s) => to === undefined || Number.isNaN(to) || epoch(s.firstEventTime) <= to)
      .map((s) => ({ s, sortKey: [epoch(s.lastEventTime), s.id] as [number, string] }))
      .sort((a, b) => compareForList(a.sortKey, b.sortKey))
      .filter(({ sortKey }) => !after || compareForList(sortKey, after) > 0)
      .map(({ s }) => s);
    const shipments = matches.slice(0, limit);
    return { shipments, ...(matches.length > limit ? { nextCursor: encodeCursor(shipments[shipments.length - 1]!) } : {}) };
  }

  /** Shipments with a document number, transport unit or carrier containing `q` (3 characters at least). */
  search(q: string, limit = DEFAULT_LIMIT): ShipmentState[] {
    const wanted = squash(q);
    if (wanted.length < 3) return [];
    const hit = (text: string) => squash(text).includes(wanted);
    return [...this.byKey.values()]
      .filter((s) => hit(s.id) || s.documents.some((d) => hit(d.number) || hit(d.value)) || [...s.transportUnits, ...s.carriers].some(hit))
      .sort((a, b) => compareForList([epoch(a.lastEventTime), a.id], [epoch(b.lastEventTime), b.id]))
      .slice(0, limit);
  }

  /** ETA ranges for a shipment's remaining stops. */
  estimate(id: string, now?: Date): ArrivalEstimate | undefined {
    const state = this.get(id);
    return state ? estimateArrival(state, this.statistics, this.reference, now ? { now } : {}) : undefined;
  }

  stats(): ProjectionStats {
    const byStatus = Object.fromEntries(SHIPMENT_STATUSES.map((s) => [s, 0])) as Record<ShipmentStatus, number>;
    const byCorridor: Record<string, number> = {};
    let openHolds = 0;
    let events = 0;
    for (const s of this.byKey.values()) {
      byStatus[s.status]++;
      if (s.corridor) byCorridor[s.corridor] = (byCorridor[s.corridor] ?? 0) + 1;
      openHolds += s.holds.filter((h) => h.state === 'open').length;
      events += s.events.length;
    }
    return {
      shipments: this.byKey.size,
      events,
      byStatus,
      byCorridor,
      openHolds,
      completedShipments: this.statistics.shipments,
      observations: this.statistics.entries().map(([key, quantiles]) => ({ key, quantiles })),
    };
  }
}
