// Folding one batch of stored events into the read model: each event is linked to a shipment
// against the read model's link entries, every shipment the batch touches is folded again from its
// earlier facts (cached, or read back from the event store) plus the new ones, and the result is
// committed with the new checkpoint as one ShipmentViewChange. Which batch to fold, and what to do
// when another process got there first, is ShipmentProjection's business.
import type { ItineraryLeg } from '../domain/shipment/shipment.js';
import type { ReferenceData } from '../reference/index.js';
import type { ShipmentCheckpoint, ShipmentLinkEntry, ShipmentRecord, ShipmentViewChange, Store, StoredEvent } from '../store/store.js';
import { eventFacts, type EventFacts } from './event-facts.js';
import type { FactsCache } from './facts-cache.js';
import { foldFacts, insertFacts } from './fold-shipment.js';
import { ShipmentLinker } from './shipment-linker.js';
import { privateValuesOf, shipmentRecord } from './shipment-record.js';
import type { FoldContext, ShipmentState } from './shipment-state.js';

/** Keys and facts of one batch's shipments while it is being folded. */
interface Pending {
  added: EventFacts[];
  sequences: number[];
  /** Keys merged into this one: their stored facts join this shipment's. */
  absorbed: string[];
}

export class BatchFold {
  constructor(
    private readonly store: Store,
    private readonly reference: ReferenceData,
    private readonly itineraryFor: (shipment: ShipmentState) => readonly ItineraryLeg[] | undefined,
    /** Facts of recently folded shipments; the caller clears it when the read model moved under it. */
    private readonly cache: FactsCache,
  ) {}

  /**
   * Links, folds and writes one batch of stored events, in one read-model transaction. Throws the
   * store's ReadModelConflict if the checkpoint is no longer `from`; the cache is then untouched.
   */
  async commit(rows: readonly StoredEvent[], from: ShipmentCheckpoint): Promise<ShipmentViewChange> {
    const keyCounter = from.keyCounter;
    const incoming = rows.map((row) => ({ sequence: row.sequence, facts: eventFacts(row.event, this.reference, row) }));
    const documents = new Set(incoming.flatMap(({ facts }) => facts.documents.map((d) => d.value)));
    const units = new Set(incoming.flatMap(({ facts }) => facts.units));
    const linker = new ShipmentLinker({ counter: keyCounter, entries: await this.store.shipments.linkCandidates([...documents], [...units]) });

    const pending = new Map<string, Pending>();
    const merged: { key: string; into: string }[] = [];
    for (const { sequence, facts } of incoming) {
      const link = linker.link(facts);
      const slot = pending.get(link.key) ?? { added: [], sequences: [], absorbed: [] };
      for (const other of link.merged) {
        const theirs = pending.get(other);
        if (theirs) {
          slot.added.push(...theirs.added);
          slot.sequences.push(...theirs.sequences);
          slot.absorbed.push(...theirs.absorbed);
          pending.delete(other);
        }
        slot.absorbed.push(other);
        merged.push({ key: other, into: link.key });
      }
      slot.added.push(facts);
      slot.sequences.push(sequence);
      pending.set(link.key, slot);
    }

    const stored = await this.storedFacts([...pending].flatMap(([key, slot]) => [key, ...slot.absorbed]));
    const upserts: ShipmentRecord[] = [];
    const folded = new Map<string, EventFacts[]>();
    for (const [key, slot] of pending) {
      const earlier = [key, ...slot.absorbed].flatMap((k) => stored.get(k) ?? []);
      const events = insertFacts(insertFacts([], earlier), slot.added);
      const link = linker.entry(key) as ShipmentLinkEntry;
      const state = this.foldShipment(events, { audience: new Set(link.audience), learnt: privateValuesOf(link) });
      folded.set(key, events);
      upserts.push(shipmentRecord(key, state, link, this.reference));
    }
    const change: ShipmentViewChange = {
      upserts,
      events: [...pending].map(([key, slot]) => ({ key, sequences: slot.sequences })),
      merged,
      checkpoint: { position: rows[rows.length - 1]!.sequence, keyCounter: linker.keyCounter },
      from: from.position,
    };
    await this.store.shipments.commit(change);
    // Only after the commit: a failed batch is read again, and must find the cache as it was.
    for (const { key } of merged) this.cache.delete(key);
    for (const [key, events] of folded) this.cache.set(key, events);
    return change;
  }

  /** The facts of these shipments' stored events, from the cache or the event store. */
  async storedFacts(keys: readonly string[]): Promise<Map<string, readonly EventFacts[]>> {
    const out = new Map<string, readonly EventFacts[]>();
    const missing: string[] = [];
    for (const key of new Set(keys)) {
      const cached = this.cache.get(key);
      if (cached) out.set(key, cached);
      else missing.push(key);
    }
    if (missing.length === 0) return out;
    const sequences = await this.store.shipments.eventSequences(missing);
    const owner = new Map<number, string>();
    for (const [key, list] of sequences) for (const sequence of list) owner.set(sequence, key);
    const rows = owner.size > 0 ? await this.store.events.bySequence([...owner.keys()]) : [];
    const grouped = new Map<string, EventFacts[]>();
    for (const row of rows) {
      const key = owner.get(row.sequence)!;
      (grouped.get(key) ?? grouped.set(key, []).get(key)!).push(eventFacts(row.event, this.reference, row));
    }
    for (const [key, facts] of grouped) out.set(key, facts);
    return out;
  }

  private foldShipment(events: readonly EventFacts[], standing: Pick<FoldContext, 'audience' | 'learnt'>): ShipmentState {
    const state = foldFacts(events, { reference: this.reference, ...standing });
    const itinerary = this.itineraryFor(state);
    return itinerary && itinerary.length > 0 ? { ...foldFacts(events, { reference: this.reference, itinerary, ...standing }), itinerary } : state;
  }
}
