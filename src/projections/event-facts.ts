// What the shipment projection reads from one event under the Karvon EPCIS profile: documents,
// transport units, the step it reports, where and when. Everything else in src/projections works on
// these facts, so the profile is read in one place.
import type { EpcisEvent, SourceOrDestination } from '../epcis/model.js';
import { toWebVocabulary } from '../epcis/vocabulary.js';
import { baseSgln } from '../access/capture-rights.js';
import { BIZ_TRANSACTION_TYPE, KARVON_ID_NS } from '../domain/epcis-profile.js';
import { profileStepOf } from '../domain/epcis-profile-steps.js';
import type { StatusStep } from '../domain/status/shipment-status.js';
import type { Location, ReferenceData } from '../reference/index.js';
import type { AudienceEvidence } from '../access/audience.js';
import { TRUSTED, type Recorder } from '../model/visibility-scope.js';
import { audienceEvidenceOf } from './audience-evidence.js';
import { karvonField } from './karvon-field.js';
import { telemetryFactsOf, type TelemetryFacts } from './telemetry-facts.js';

export { karvonField };

export const DOCUMENT_KINDS = [
  'booking', 'bill-of-lading', 'transit-declaration', 'tir-carnet', 'cmr', 'smgs', 'cim', 'cim-smgs', 'other',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface DocumentRef {
  readonly kind: DocumentKind;
  /** The number as people write it (MRN, SMGS number...). */
  readonly number: string;
  /** The bizTransaction value as written; the linking key. */
  readonly value: string;
}

export type Whereabouts =
  | { readonly kind: 'location'; readonly locationId: string; readonly name: string; readonly country?: string; readonly locationKind: Location['kind'] }
  | { readonly kind: 'geo'; readonly lat: number; readonly lon: number }
  | { readonly kind: 'other'; readonly id: string };

export interface EventFacts {
  readonly event: EpcisEvent;
  readonly eventID: string;
  /** Epoch milliseconds of eventTime; NaN when unreadable. */
  readonly time: number;
  readonly documents: readonly DocumentRef[];
  /** Things the shipment consists of (containers, SSCCs, wagons when they are the subject). */
  readonly units: readonly string[];
  /** Carriers named as parentID of an aggregation (vessels, trucks, wagons): they carry many shipments. */
  readonly carriers: readonly string[];
  readonly step?: StatusStep;
  readonly where?: Whereabouts;
  readonly country?: string;
  readonly corridor?: string;
  readonly legIndex?: number;
  readonly mode?: 'road' | 'rail' | 'sea';
  readonly customsOffice?: string;
  readonly holdReason?: string;
  readonly reason?: string;
  readonly controlKind?: string;
  readonly bizStep?: string;
  readonly disposition?: string;
  /** What a unit's tracker or seal told (derived events: device, route distance, signal gap, seal codes). */
  readonly telemetry?: TelemetryFacts;
  /**
   * Parties the event names, raw as written: owning and possessing parties of its source and
   * destination lists, and the GLNs of a registration's parties (src/access/visibility.ts normalises).
   */
  readonly parties: readonly string[];
  /** The organisation that captured the event, when known. */
  readonly capturedBy?: string;
  /** Who recorded it, as the visibility policy weighs it (decided at capture time). */
  readonly recorder: Recorder;
  /** Its place in the event store, when it was read from there. */
  readonly sequence?: number;
  /** What the visibility policy reads of it (src/access/audience.ts). */
  readonly evidence: AudienceEvidence;
}

/** Where a stored event came from: who captured it and with what standing. */
export interface EventOrigin {
  readonly capturedBy?: string;
  readonly recorder?: Recorder;
  readonly sequence?: number;
}

/** Source and destination types that name a party rather than a place (CBV SDT, Web URI form). */
const PARTY_TYPES = new Set(['owning_party', 'possessing_party'].map((t) => toWebVocabulary('sourceDestinationType', t)));

/** The parties an event names: source/destination parties and the GLNs of a krv:registration's parties. */
export function partiesOf(event: EpcisEvent): string[] {
  // A Set keeps first-seen order and makes each addition O(1): a source list may hold thousands of items.
  const parties = new Set<string>();
  const add = (value: unknown): void => {
    if (typeof value === 'string' && value.trim() !== '') parties.add(value.trim());
  };
  const sides: readonly (SourceOrDestination | undefined)[] = [...(event.sourceList ?? []), ...(event.destinationList ?? [])];
  for (const item of sides) {
    if (typeof item?.type !== 'string' || !PARTY_TYPES.has(toWebVocabulary('sourceDestinationType', item.type))) continue;
    add(item.source);
    add(item.destination);
  }
  const registration = karvonField(event, 'registration');
  const registered = typeof registration === 'object' && registration !== null ? (registration as Record<string, unknown>).parties : undefined;
  if (Array.isArray(registered)) {
    for (const party of registered) if (typeof party === 'object' && party !== null) add((party as Record<string, unknown>).gln);
  }
  return [...parties];
}

const TYPE_KIND: ReadonlyArray<readonly [string, DocumentKind]> = [
  [BIZ_TRANSACTION_TYPE.booking, 'booking'],
  [BIZ_TRANSACTION_TYPE.billOfLading, 'bill-of-lading'],
  [BIZ_TRANSACTION_TYPE.transitDeclaration, 'transit-declaration'],
  [BIZ_TRANSACTION_TYPE.tirCarnet, 'tir-carnet'],
  [BIZ_TRANSACTION_TYPE.cmr, 'cmr'],
  [BIZ_TRANSACTION_TYPE.smgs, 'smgs'],
  [BIZ_TRANSACTION_TYPE.cim, 'cim'],
  [BIZ_TRANSACTION_TYPE.cimSmgs, 'cim-smgs'],
];

const IRI_KIND: Readonly<Record<string, DocumentKind>> = {
  mrn: 'transit-declaration', 'transit-declaration': 'transit-declaration', 'tir-carnet': 'tir-carnet', cmr: 'cmr',
  smgs: 'smgs', cim: 'cim', 'cim-smgs': 'cim-smgs', booking: 'booking', 'bill-of-lading': 'bill-of-lading',
};

const CARRIER_PREFIXES = ['vessel/', 'vehicle/', 'wagon/'].map((p) => `${KARVON_ID_NS}${p}`);

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function typeIri(type: string | undefined): string | undefined {
  if (type === undefined) return undefined;
  if (/^[a-z_]+$/.test(type)) return `https://ref.gs1.org/cbv/BTT-${type}`;
  const urn = /^urn:epcglobal:cbv:btt:([a-z_]+)$/.exec(type);
  return urn ? `https://ref.gs1.org/cbv/BTT-${urn[1]}` : type;
}

/** Kind and number of a business transaction written under the profile (section 5). */
export function documentOf(type: string | undefined, value: string): DocumentRef {
  const trimmed = value.trim();
  let kind: DocumentKind = TYPE_KIND.find(([iri]) => iri === typeIri(type))?.[1] ?? 'other';
  let number = trimmed;
  if (trimmed.startsWith(KARVON_ID_NS)) {
    const [path, ...rest] = trimmed.slice(KARVON_ID_NS.length).split('/');
    const fromIri = path !== undefined ? IRI_KIND[path] : undefined;
    if (fromIri && rest.length > 0) {
      number = safeDecode(rest.join('/'));
      if (kind === 'other') kind = fromIri;
    }
  } else {
    const bt = /^urn:epcglobal:cbv:bt:[^:]+:(.+)$/.exec(trimmed);
    if (bt) number = bt[1]!;
  }
  return { kind, number, value: trimmed };
}


function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function isCarrier(epc: string): boolean {
  return CARRIER_PREFIXES.some((p) => epc.startsWith(p));
}


function placeName(location: Location, country: string | undefined): string {
  // Shared border crossings are named "Dostyk – Alashankou" in the order of their countries; each side
  // is called by its own half.
  const parts = location.names.en.split(' – ');
  const side = country ? location.countries.indexOf(country as Location['countries'][number]) : -1;
  return parts.length === location.countries.length && side >= 0 ? parts[side]! : location.names.en;
}

function whereabouts(event: EpcisEvent, reference: ReferenceData, country: string | undefined): Whereabouts | undefined {
  const ids = [event.readPoint?.id, event.bizLocation?.id].filter((x): x is string => typeof x === 'string');
  for (const id of ids) {
    const location = reference.locationsBySgln.get(baseSgln(id));
    if (location) {
      const side = country ?? (location.countries.length === 1 ? location.countries[0] : undefined);
      return { kind: 'location', locationId: location.id, name: placeName(location, side), country: side, locationKind: location.kind };
    }
  }
  for (const id of ids) {
    const geo = /^geo:(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)/.exec(id);
    if (geo) return { kind: 'geo', lat: Number(geo[1]), lon: Number(geo[2]) };
  }
  return ids[0] !== undefined ? { kind: 'other', id: ids[0] } : undefined;
}

/** Reads the facts of one event; never throws on events that do not follow the profile. */
export function eventFacts(event: EpcisEvent, reference: ReferenceData, origin: EventOrigin = {}): EventFacts {
  const capturedBy = origin.capturedBy;
  // An event of a local capture is the node's own word; an organisation's event without recorded keys has no standing.
  const recorder: Recorder = origin.recorder ?? (capturedBy ? { kind: 'organisation', organisationId: capturedBy, keys: [] } : TRUSTED);
  // Lists are de-duplicated through Maps and Sets (first-seen order kept): an event may list tens of
  // thousands of EPCs, and a scan of the list per item would make reading it quadratic.
  const documents = new Map<string, DocumentRef>();
  for (const bt of event.bizTransactionList ?? []) {
    if (typeof bt?.bizTransaction !== 'string' || bt.bizTransaction.trim() === '') continue;
    const doc = documentOf(bt.type, bt.bizTransaction);
    if (!documents.has(doc.value)) documents.set(doc.value, doc);
  }
  const units = new Set<string>();
  const carriers: string[] = [];
  const addUnit = (epc: unknown) => {
    if (typeof epc === 'string' && epc.trim() !== '') units.add(epc.trim());
  };
  for (const list of [event.epcList, event.childEPCs, event.inputEPCList, event.outputEPCList]) {
    for (const epc of list ?? []) addUnit(epc);
  }
  if (typeof event.parentID === 'string') {
    // A container that holds SSCCs is part of the shipment; a vessel or truck that carries it is not.
    if (isCarrier(event.parentID)) carriers.push(event.parentID);
    else addUnit(event.parentID);
  }
  const rawCountry = text(karvonField(event, 'country'))?.toUpperCase();
  const customsOffice = text(karvonField(event, 'customsOffice'));
  const officeCountry = customsOffice ? reference.customsOffices.get(customsOffice)?.country : undefined;
  const where = whereabouts(event, reference, rawCountry ?? officeCountry);
  const country = rawCountry ?? (where?.kind === 'location' ? where.country : undefined) ?? officeCountry ?? (customsOffice && /^[A-Z]{2}/.test(customsOffice) ? customsOffice.slice(0, 2) : undefined);
  const step = profileStepOf({
    bizStep: event.bizStep,
    transitStep: text(karvonField(event, 'transitStep')),
    movementStep: text(karvonField(event, 'movementStep')),
    atBorder: where?.kind === 'location' && where.locationKind === 'border-crossing',
  });
  const legRaw = karvonField(event, 'legIndex');
  const legIndex = typeof legRaw === 'number' ? legRaw : typeof legRaw === 'string' && /^\d+$/.test(legRaw) ? Number(legRaw) : undefined;
  const modeRaw = text(karvonField(event, 'transportMode'));
  const time = Date.parse(event.eventTime);
  const corridor = text(karvonField(event, 'corridor'));
  const telemetry = telemetryFactsOf(event);
  return {
    event,
    eventID: typeof event.eventID === 'string' ? event.eventID : `${event.eventTime}|${JSON.stringify(event)}`,
    time,
    documents: [...documents.values()],
    units: [...units],
    carriers,
    ...(step ? { step } : {}),
    ...(where ? { where } : {}),
    ...(country ? { country } : {}),
    ...(text(karvonField(event, 'corridor')) ? { corridor: text(karvonField(event, 'corridor'))! } : {}),
    ...(legIndex !== undefined && Number.isInteger(legIndex) && legIndex >= 0 ? { legIndex } : {}),
    ...(modeRaw === 'road' || modeRaw === 'rail' || modeRaw === 'sea' ? { mode: modeRaw } : {}),
    ...(customsOffice ? { customsOffice } : {}),
    ...(text(karvonField(event, 'holdReason')) ? { holdReason: text(karvonField(event, 'holdReason'))! } : {}),
    ...(text(karvonField(event, 'reason')) ? { reason: text(karvonField(event, 'reason'))! } : {}),
    ...(text(karvonField(event, 'controlKind')) ? { controlKind: text(karvonField(event, 'controlKind'))! } : {}),
    ...(event.bizStep ? { bizStep: event.bizStep } : {}),
    ...(event.disposition ? { disposition: event.disposition } : {}),
    ...(telemetry ? { telemetry } : {}),
    parties: partiesOf(event),
    ...(capturedBy ? { capturedBy } : {}),
    ...(origin.sequence !== undefined ? { sequence: origin.sequence } : {}),
    recorder,
    evidence: audienceEvidenceOf(event, reference, recorder, country, corridor),
  };
}

/** Order of events inside a shipment: eventTime, then eventID, so any arrival order folds the same. */
export function compareFacts(a: EventFacts, b: EventFacts): number {
  const ta = Number.isNaN(a.time) ? Infinity : a.time;
  const tb = Number.isNaN(b.time) ? Infinity : b.time;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.eventID < b.eventID ? -1 : a.eventID > b.eventID ? 1 : 0;
}
