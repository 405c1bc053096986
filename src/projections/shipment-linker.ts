// Which shipment an event belongs to, and who may see it. A shipment is known by its documents and
// its transport units. Documents are decisive: an event that names a known document belongs to that
// shipment. Transport units are weaker evidence because containers are reused: a unit links an event
// to a shipment only if the event happened before that shipment was delivered. Linking by event
// time rather than by arrival time keeps the answer independent of the order in which events arrive.
//
// Who recorded the event matters (src/access/audience.ts). The node itself and the network operator
// (`trusted`) link by every document and unit, and two shipments found to share a document become
// one. An organisation's event links only to shipments it stands in (shares an audience key with)
// and never merges two: otherwise one invented event naming a competitor's booking would join the
// competitor's shipment to the inventor's own. At a location it operates (or, for customs, in its
// own country) an organisation may record an event about goods it does not see: the event joins the
// shipment, but teaches the linker nothing (no document or unit of it leads anywhere later) and adds
// nothing to the audience for the recorder. A value an organisation's event names that another
// shipment claims already is learnt as a *private* link: it leads only the events of organisations
// standing in this shipment here, so nobody can pull a competitor's container or booking, nor its
// later events, into a shipment of their own; and whether a value was claimed is never visible to
// the recorder (its capture is answered the same either way).
//
// The linker keeps each shipment's audience, growing it event by event in the order events are
// stored, so that who stands where depends only on what was stored before.
import type { ShipmentLinkEntry } from '../store/store.js';
import { standsIn, withEvent } from '../access/audience.js';
import { hasPlaceRight } from '../access/capture-rights.js';
import { organisationKey } from '../model/visibility-scope.js';
import type { DocumentKind, EventFacts } from './event-facts.js';
import { registrationActOf } from './registration-acts.js';

/** Kinds a shipment has one of: an event naming another number of the same kind is another shipment. */
const SINGLE_KINDS: ReadonlySet<DocumentKind> = new Set(['booking', 'bill-of-lading', 'smgs', 'cim-smgs']);

/** Why an event joined the shipment it did. */
export type LinkBasis =
  /** The node itself or the network operator. */
  | 'trusted'
  /** An organisation of the shipment's audience. */
  | 'member'
  /** An organisation at a location it operates, or customs in its own country, about goods it does not see. */
  | 'place'
  /** A registration that opened a shipment of its own. */
  | 'registration'
  /** An organisation with none of the above: capture refuses such events; found here only for events stored without standing. */
  | 'none';

export interface LinkResult {
  /** The internal key of the shipment the event now belongs to. */
  readonly key: string;
  /** Keys of shipments merged into `key` by this event; their events now belong to `key`. */
  readonly merged: readonly string[];
  readonly created: boolean;
  readonly basis: LinkBasis;
}

/** What linking an event would do, worked out before anything changes. */
interface LinkPlan {
  readonly key?: string;
  readonly merge: readonly string[];
  readonly basis: LinkBasis;
  /** What the event's documents and units teach the linker: everything, unclaimed values only (others privately), or nothing. */
  readonly teach: 'all' | 'unclaimed' | 'none';
}

interface Entry {
  /** Document value -> kind, and whether the link is private. */
  readonly documents: Map<string, { kind: DocumentKind; private: boolean }>;
  /** Unit -> whether the link is private. */
  readonly units: Map<string, boolean>;
  /** Earliest event time of the shipment, and of its delivery (epoch ms). */
  first: number;
  delivered?: number;
  audience: Set<string>;
}

export class ShipmentLinker {
  private readonly entries = new Map<string, Entry>();
  private readonly byDocument = new Map<string, Set<string>>();
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
    const documents = [...entry.documents];
    const units = [...entry.units];
    const privateDocuments = documents.filter(([, d]) => d.private).map(([value, d]): [string, string] => [value, d.kind]);
    const privateUnits = units.filter(([, isPrivate]) => isPrivate).map(([unit]) => unit);
    return {
      key,
      documents: documents.filter(([, d]) => !d.private).map(([value, d]) => [value, d.kind]),
      units: units.filter(([, isPrivate]) => !isPrivate).map(([unit]) => unit),
      ...(privateDocuments.length > 0 ? { privateDocuments } : {}),
      ...(privateUnits.length > 0 ? { privateUnits } : {}),
      first: Number.isNaN(entry.first) ? null : entry.first,
      ...(entry.delivered !== undefined ? { delivered: entry.delivered } : {}),
      audience: [...entry.audience].sort(),
    };
  }

  /** The audience of a shipment as it stands now (empty for an unknown key). */
  audience(key: string): readonly string[] {
    return [...(this.entries.get(key)?.audience ?? [])].sort();
  }

  private load(stored: ShipmentLinkEntry): void {
    if (this.entries.has(stored.key)) return;
    const documents = new Map<string, { kind: DocumentKind; private: boolean }>();
    for (const [value, kind] of stored.documents) documents.set(value, { kind: kind as DocumentKind, private: false });
    for (const [value, kind] of stored.privateDocuments ?? []) documents.set(value, { kind: kind as DocumentKind, private: true });
    const units = new Map<string, boolean>();
    for (const unit of stored.units) units.set(unit, false);
    for (const unit of stored.privateUnits ?? []) units.set(unit, true);
    const entry: Entry = {
      documents,
      units,
      first: stored.first ?? NaN,
      ...(stored.delivered !== undefined ? { delivered: stored.delivered } : {}),
      audience: new Set(stored.audience),
    };
    this.entries.set(stored.key, entry);
    for (const value of documents.keys()) this.index(this.byDocument, value, stored.key);
    for (const unit of units.keys()) this.index(this.byUnit, unit, stored.key);
  }

  /** What linking `facts` would do, without doing it: capture authorisation asks this first. */
  basisOf(facts: EventFacts): LinkBasis {
    return this.plan(facts).basis;
  }

  /** Links an event, creating or merging shipments as needed, and grows the audience of its shipment. */
  link(facts: EventFacts): LinkResult {
    const plan = this.plan(facts);
    let key = plan.key;
    const created = key === undefined;
    if (key === undefined) {
      key = `s${++this.counter}`;
      this.entries.set(key, { documents: new Map(), units: new Map(), first: facts.time, audience: new Set() });
    }
    for (const other of plan.merge) this.mergeInto(key, other);
    const entry = this.entries.get(key)!;
    this.attach(key, facts, plan.teach);
    entry.audience = withEvent(entry.audience, facts.evidence, created);
    return { key, merged: plan.merge, created, basis: plan.basis };
  }

  /** Keys of every shipment known. */
  keys(): string[] {
    return [...this.entries.keys()];
  }

  private plan(facts: EventFacts): LinkPlan {
    const { recorder } = facts;
    if (recorder.kind === 'trusted') {
      // Documents shared by two shipments make them one; the oldest key survives so that callers
      // holding it keep a stable handle.
      const documentKeys = this.sortedByAge(this.keysOf(facts.documents.map((d) => d.value), this.byDocument, (key, value) => !this.isPrivateDocument(key, value)));
      if (documentKeys.length > 0) return { key: documentKeys[0]!, merge: documentKeys.slice(1), basis: 'trusted', teach: 'all' };
      const byUnit = this.byUnits(facts, (key, unit) => !this.entries.get(key)!.units.get(unit));
      return { ...(byUnit ? { key: byUnit } : {}), merge: [], basis: 'trusted', teach: 'all' };
    }
    const stands = (key: string) => standsIn(recorder, this.entries.get(key)!.audience);
    const registration = facts.evidence.registration !== undefined;
    const values = facts.documents.map((d) => d.value);
    const strongDocument = (key: string, value: string) => !this.isPrivateDocument(key, value);
    const strongUnit = (key: string, unit: string) => this.entries.get(key)!.units.get(unit) === false;
    // A shipment that holds the number as its own wins over one that learnt it privately, whatever
    // the recorder's standing in the latter: otherwise naming an honest party (or its location) in a
    // registration of someone else's number would pull that party's later events into one's own shipment.
    const member = (key: string | undefined): LinkPlan | undefined => (key ? { key, merge: [], basis: 'member', teach: 'unclaimed' } : undefined);
    const strong =
      member(this.sortedByAge(this.keysOf(values, this.byDocument, (key, value) => stands(key) && strongDocument(key, value)))[0]) ??
      member(this.byUnits(facts, (key, unit) => stands(key) && strongUnit(key, unit)));
    if (strong) return strong;
    if (!registration && hasPlaceRight(recorder, facts.evidence.places)) {
      // Goods handled at the recorder's own place: the event joins their shipment and teaches nothing.
      const target = this.sortedByAge(this.keysOf(values, this.byDocument, strongDocument))[0] ?? this.byUnits(facts, strongUnit);
      return target ? { key: target, merge: [], basis: 'place', teach: 'none' } : { merge: [], basis: 'place', teach: 'unclaimed' };
    }
    const learnt =
      member(this.sortedByAge(this.keysOf(values, this.byDocument, (key) => stands(key)))[0]) ??
      member(this.byUnits(facts, (key) => stands(key)));
    return learnt ?? { merge: [], basis: registration ? 'registration' : 'none', teach: 'unclaimed' };
  }

  private isPrivateDocument(key: string, value: string): boolean {
    return this.entries.get(key)!.documents.get(value)?.private === true;
  }

  /** Keys that `values` lead to through `index`, kept when `keep(key, value)` says so. */
  private keysOf(values: readonly string[], index: Map<string, Set<string>>, keep: (key: string, value: string) => boolean): string[] {
    const keys = new Set<string>();
    for (const value of values) for (const key of index.get(value) ?? []) if (keep(key, value)) keys.add(key);
    return [...keys];
  }

  private sortedByAge(keys: readonly string[]): string[] {
    return [...keys].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
  }

  private isOpenAt(entry: Entry, time: number): boolean {
    return entry.delivered === undefined || Number.isNaN(time) || time <= entry.delivered;
  }

  /** The shipment a unit of the event leads to (open at the event's time), among those `eligible` allows. */
  private byUnits(facts: EventFacts, eligible: (key: string, unit: string) => boolean): string | undefined {
    // The kinds (a handful) are collected once, so each candidate costs one pass over its documents
    // rather than one per document of the event.
    const singleKinds = new Set(facts.documents.filter((d) => SINGLE_KINDS.has(d.kind)).map((d) => d.kind));
    const clashes = (entry: Entry): boolean => {
      if (singleKinds.size === 0) return false;
      for (const { kind } of entry.documents.values()) if (singleKinds.has(kind)) return true;
      return false;
    };
    const candidates = new Map<string, boolean>();
    for (const u of facts.units) {
      for (const key of this.byUnit.get(u) ?? []) {
        if (!eligible(key, u)) continue;
        const strong = this.entries.get(key)!.units.get(u) === false;
        candidates.set(key, (candidates.get(key) ?? false) || strong);
      }
    }
    const open = [...candidates]
      .map(([key, strong]) => ({ key, strong, entry: this.entries.get(key)! }))
      .filter(({ entry }) => this.isOpenAt(entry, facts.time))
      .filter(({ entry }) => !clashes(entry));
    if (open.length === 0) return undefined;
    open.sort((a, b) => {
      // A shipment that holds the unit as its own before one that learnt it privately.
      if (a.strong !== b.strong) return a.strong ? -1 : 1;
      // Of several trips of the same container, the one that had started by the time of the event.
      const aStarted = a.entry.first <= facts.time ? 0 : 1;
      const bStarted = b.entry.first <= facts.time ? 0 : 1;
      if (aStarted !== bStarted) return aStarted - bStarted;
      return aStarted === 0 ? b.entry.first - a.entry.first : a.entry.first - b.entry.first;
    });
    return open[0]!.key;
  }

  private index(index: Map<string, Set<string>>, value: string, key: string): void {
    let keys = index.get(value);
    if (!keys) index.set(value, (keys = new Set()));
    keys.add(key);
  }

  /**
   * Whether another shipment that the recorder does not stand in holds `unit` and was still open at
   * `time`. A container on an open trip of the recorder's own may start its next trip (a container
   * reused before its last trip was reported delivered); one on someone else's trip may not.
   */
  private unitClaimedElsewhere(unit: string, key: string, facts: EventFacts): boolean {
    for (const other of this.byUnit.get(unit) ?? []) {
      const entry = this.entries.get(other)!;
      if (other !== key && this.isOpenAt(entry, facts.time) && !standsIn(facts.recorder, entry.audience)) return true;
    }
    return false;
  }

  private attach(key: string, facts: EventFacts, teach: LinkPlan['teach']): void {
    const entry = this.entries.get(key)!;
    if (teach !== 'none') {
      for (const d of facts.documents) {
        if (entry.documents.get(d.value)?.private === false) continue;
        const claimed = teach === 'unclaimed' && [...(this.byDocument.get(d.value) ?? [])].some((other) => other !== key);
        entry.documents.set(d.value, { kind: d.kind, private: claimed });
        this.index(this.byDocument, d.value, key);
      }
      for (const u of facts.units) {
        if (entry.units.get(u) === false) continue;
        entry.units.set(u, teach === 'unclaimed' && this.unitClaimedElsewhere(u, key, facts));
        this.index(this.byUnit, u, key);
      }
    }
    if (!Number.isNaN(facts.time) && (Number.isNaN(entry.first) || facts.time < entry.first)) entry.first = facts.time;
    // Delivery closes a shipment to its containers' next trips, which decides where later reports
    // that name only a container go: only the node itself, the network operator and the shipment's
    // registrant may close it (nobody else can divert its later events by reporting it delivered).
    // A cancellation closes it the same way: its containers are free for their next trip.
    const closes = facts.recorder.kind === 'trusted' || entry.audience.has(organisationKey(facts.recorder.organisationId));
    const ends = (facts.step?.source === 'movement' && facts.step.kind === 'delivered') || registrationActOf(facts.bizStep) === 'cancellation';
    if (closes && ends && !Number.isNaN(facts.time)) {
      entry.delivered = entry.delivered === undefined ? facts.time : Math.min(entry.delivered, facts.time);
    }
  }

  private mergeInto(key: string, other: string): void {
    const target = this.entries.get(key)!;
    const source = this.entries.get(other)!;
    for (const [value, d] of source.documents) {
      if (target.documents.get(value)?.private !== false) target.documents.set(value, d);
      const keys = this.byDocument.get(value)!;
      keys.delete(other);
      keys.add(key);
    }
    for (const [unit, isPrivate] of source.units) {
      if (target.units.get(unit) !== false) target.units.set(unit, isPrivate);
      const keys = this.byUnit.get(unit)!;
      keys.delete(other);
      keys.add(key);
    }
    if (Number.isNaN(target.first) || source.first < target.first) target.first = source.first;
    if (source.delivered !== undefined) target.delivered = target.delivered === undefined ? source.delivered : Math.min(target.delivered, source.delivered);
    for (const member of source.audience) target.audience.add(member);
    this.entries.delete(other);
  }
}
