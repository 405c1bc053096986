// Which shipment an event belongs to. A shipment is known by its documents and its transport units.
// Documents are decisive: an event that names a known document belongs to that shipment, and two
// shipments found to share a document are one. Transport units are weaker evidence because containers
// are reused: a unit links an event to a shipment only if the event happened before that shipment was
// delivered. Linking by event time rather than by arrival time keeps the answer independent of the
// order in which events arrive.
import type { ShipmentLinkEntry } from '../store/store.js';
import type { DocumentKind, EventFacts } from './event-facts.js';

/** Kinds a shipment has one of: an event naming another number of the same kind is another shipment. */
const SINGLE_KINDS: ReadonlySet<DocumentKind> = new Set(['booking', 'bill-of-lading', 'smgs', 'cim-smgs']);

export interface LinkResult {
  /** The internal key of the shipment the event now belongs to. */
  readonly key: string;
  /** Keys of shipments merged into `key` by this event; their events now belong to `key`. */
  readonly merged: readonly string[];
  readonly created: boolean;
}

interface Entry {
  /** Document value -> kind. */
  readonly documents: Map<string, DocumentKind>;
  readonly units: Set<string>;
  /** Earliest event time of the shipment, and of its delivery (epoch ms). */
  first: number;
  delivered?: number;
}

export class ShipmentLinker {
  private readonly entries = new Map<string, Entry>();
  private readonly byDocument = new Map<string, string>();
  private readonly byUnit = new Map<string, Set<string>>();
  private counter: number;

  /**
   * @param options.counter the number behind the last key handed out (keys are `s<n>`)
   * @param options.entries shipments known already (the persisted read model loads the ones an
   *   incoming batch can link to, so the linker never needs all shipments in memory)
   */
  constructor(options: { counter?: number; entries?: readonly ShipmentLinkEntry[] } = {}) {
    this.counter = options.counter ?? 0;
    for (const entry of options.entries ?? []) this.load(entry);
  }

  /** The number behind the last key handed out. */
  get keyCounter(): number {
    return this.counter;
  }

  /** The link entry of a shipment, as the read model stores it. */
  entry(key: string): ShipmentLinkEntry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    return {
      key,
      documents: [...entry.documents],
      units: [...entry.units],
      first: Number.isNaN(entry.first) ? null : entry.first,
      ...(entry.delivered !== undefined ? { delivered: entry.delivered } : {}),
    };
  }

  private load(stored: ShipmentLinkEntry): void {
    if (this.entries.has(stored.key)) return;
    const entry: Entry = {
      documents: new Map(stored.documents as [string, DocumentKind][]),
      units: new Set(stored.units),
      first: stored.first ?? NaN,
      ...(stored.delivered !== undefined ? { delivered: stored.delivered } : {}),
    };
    this.entries.set(stored.key, entry);
    for (const value of entry.documents.keys()) this.byDocument.set(value, stored.key);
    for (const u of entry.units) (this.byUnit.get(u) ?? this.byUnit.set(u, new Set()).get(u)!).add(stored.key);
  }

  /** Links an event, creating or merging shipments as needed. */
  link(facts: EventFacts): LinkResult {
    const docKeys = new Set<string>();
    for (const d of facts.documents) {
      const key = this.byDocument.get(d.value);
      if (key) docKeys.add(key);
    }
    let key: string | undefined;
    const merged: string[] = [];
    if (docKeys.size > 0) {
      // The oldest key survives so that callers holding it keep a stable handle.
      const keys = [...docKeys].sort((a, b) => this.order(a) - this.order(b));
      key = keys[0]!;
      for (const other of keys.slice(1)) {
        this.mergeInto(key, other);
        merged.push(other);
      }
    } else {
      key = this.byUnits(facts);
    }
    const created = key === undefined;
    if (key === undefined) {
      key = `s${++this.counter}`;
      this.entries.set(key, { documents: new Map(), units: new Set(), first: facts.time });
    }
    this.attach(key, facts);
    return { key, merged, created };
  }

  /** Keys of every shipment known. */
  keys(): string[] {
    return [...this.entries.keys()];
  }

  private order(key: string): number {
    return Number(key.slice(1));
  }

  private byUnits(facts: EventFacts): string | undefined {
    const candidates = new Set<string>();
    for (const u of facts.units) for (const key of this.byUnit.get(u) ?? []) candidates.add(key);
    // The kinds (a handful) are collected once, so each candidate costs one pass over its documents
    // rather than one per document of the event.
    const singleKinds = new Set(facts.documents.filter((d) => SINGLE_KINDS.has(d.kind)).map((d) => d.kind));
    const clashes = (entry: Entry): boolean => {
      if (singleKinds.size === 0) return false;
      for (const kind of entry.documents.values()) if (singleKinds.has(kind)) return true;
      return false;
    };
    const open = [...candidates]
      .map((key) => ({ key, entry: this.entries.get(key)! }))
      .filter(({ entry }) => entry.delivered === undefined || Number.isNaN(facts.time) || facts.time <= entry.delivered)
      .filter(({ entry }) => !clashes(entry));
    if (open.length === 0) return undefined;
    // Of several trips of the same container, the one that had started by the time of the event.
    open.sort((a, b) => {
      const aStarted = a.entry.first <= facts.time ? 0 : 1;
      const bStarted = b.entry.first <= facts.time ? 0 : 1;
      if (aStarted !== bStarted) return aStarted - bStarted;
      return aStarted === 0 ? b.entry.first - a.entry.first : a.entry.first - b.entry.first;
    });
    return open[0]!.key;
  }

  private attach(key: string, facts: EventFacts): void {
    const entry = this.entries.get(key)!;
    for (const d of facts.documents) {
      entry.documents.set(d.value, d.kind);
      this.byDocument.set(d.value, key);
    }
    for (const u of facts.units) {
      entry.units.add(u);
      (this.byUnit.get(u) ?? this.byUnit.set(u, new Set()).get(u)!).add(key);
    }
    if (!Number.isNaN(facts.time) && (Number.isNaN(entry.first) || facts.time < entry.first)) entry.first = facts.time;
    if (facts.step?.source === 'movement' && facts.step.kind === 'delivered' && !Number.isNaN(facts.time)) {
      entry.delivered = entry.delivered === undefined ? facts.time : Math.min(entry.delivered, facts.time);
    }
  }

  private mergeInto(key: string, other: string): void {
    const target = this.entries.get(key)!;
    const source = this.entries.get(other)!;
    for (const [d, kind] of source.documents) {
      target.documents.set(d, kind);
      this.byDocument.set(d, key);
    }
    for (const u of source.units) {
      target.units.add(u);
      const set = this.byUnit.get(u)!;
      set.delete(other);
      set.add(key);
    }
    if (Number.isNaN(target.first) || source.first < target.first) target.first = source.first;
    if (source.delivered !== undefined) target.delivered = target.delivered === undefined ? source.delivered : Math.min(target.delivered, source.delivered);
    this.entries.delete(other);
  }
}
