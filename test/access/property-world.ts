// Random worlds for the visibility property tests: organisations of every kind, and shipments whose
// events are each recorded by an organisation that may capture them, together with an independent
// model of who may see what. The model restates the policy of docs/security.md in a few plain
// lines (it does not call src/access), so that a mistake in the policy code or in the SQL that
// applies it shows up as a difference.
import type { OrganisationInput } from '../../src/access/access-input.js';
import { ORGANISATION_KINDS, type Organisation } from '../../src/model/access.js';
import { BIZ_TRANSACTION_TYPE, containerIri, documentIri, KARVON_NS } from '../../src/domain/epcis-profile.js';
import { iso6346CheckDigit } from '../../src/domain/identifiers/iso6346.js';
import type { EpcisEvent } from '../../src/epcis/model.js';
import { toDigitalLink } from '../../src/epcis/identifiers/index.js';
import { referenceData, type Location } from '../../src/reference/index.js';
import type { SimRandom } from '../../src/sim/prng.js';
import { checkRegistration, registrationEvent } from '../../src/tracking/register-shipment.js';
import { uuid } from '../store/corridor-events.js';

const reference = referenceData();
/** Places with one country, so the country where an event was observed is that place's. */
export const PLACES = [...reference.locations.values()].filter((l) => l.countries.length === 1).sort((a, b) => a.id.localeCompare(b.id));
export const COUNTRIES = [...new Set(PLACES.map((p) => p.countries[0]!))].sort();
export const CORRIDORS = [...reference.corridors.values()].sort((a, b) => a.id.localeCompare(b.id));
export const NETWORK_WIDE = new Set(['secretariat', 'council', 'network-operator']);
const BIZ_STEPS = ['departing', 'arriving', 'receiving'];

/** A container number with its ISO 6346 check digit. */
export function containerNumber(owner: string, serial: number): string {
  const body = `${owner}U${String(serial).padStart(6, '0')}`;
  return `${body}${iso6346CheckDigit(body)}`;
}

/** The 13-digit GLN of a PGLN URN (what a registration names parties by). */
export function glnOf(pgln: string): string {
  return toDigitalLink(pgln).split('/').pop()!;
}

/** Every key an organisation answers to, written here from docs/security.md. */
export function keysOfOrganisation(org: Organisation): Set<string> {
  const keys = new Set([`org:${org.id}`, ...org.partyIds.map((p) => `party:https://id.gs1.org/417/${glnOf(p)}`), ...org.locations.map((l) => `location:${l}`)]);
  if (org.kind === 'customs-authority' && org.country) keys.add(`customs:${org.country}`);
  return keys;
}

export interface WorldEvent {
  readonly event: EpcisEvent;
  /** The organisation that captures it through the API. */
  readonly by: string;
}

export interface WorldShipment {
  readonly number: string;
  readonly unit: string;
  readonly events: WorldEvent[];
  /** Its audience, grown by the model event by event. */
  readonly audience: Set<string>;
}

export interface World {
  readonly orgs: Organisation[];
  readonly shipments: WorldShipment[];
}

export function inputOf(org: Organisation): OrganisationInput {
  return { id: org.id, name: org.name, kind: org.kind, ...(org.country ? { country: org.country } : {}), partyIds: [...org.partyIds], locations: [...org.locations] };
}

export function generateOrganisations(random: SimRandom, count: number, prefix = 'org'): Organisation[] {
  const orgs: Organisation[] = [];
  for (let i = 0; i < count; i++) {
    // Every kind at least once, then at random.
    const kind = i < ORGANISATION_KINDS.length ? ORGANISATION_KINDS[i]! : random.pick(ORGANISATION_KINDS);
    const operates = kind === 'port' || kind === 'railway' || (kind === 'carrier' && random.chance(0.5));
    const country = NETWORK_WIDE.has(kind) ? undefined : random.pick(COUNTRIES);
    // Locations of its own country where there are some (a national coordinator could assign no others).
    const home = PLACES.filter((p) => p.countries[0] === country);
    const pool = home.length > 0 ? home : PLACES;
    orgs.push({
      id: `${prefix}-${i}-${kind}`,
      name: `Organisation ${i}`,
      kind,
      ...(country ? { country } : {}),
      status: 'active',
      partyIds: [`urn:epc:id:pgln:4870001.${String(10000 + i)}`],
      locations: operates ? [...new Set([random.pick(pool).id, random.pick(pool).id])] : [],
      createdAt: '2026-01-01T00:00:00Z',
    });
  }
  return orgs;
}

/** The model's view of one event's recorder and content. */
interface Said {
  readonly org: Organisation;
  readonly places: readonly Location[];
  readonly handOver: readonly string[];
  readonly corridor?: string;
  readonly registration?: { parties: readonly string[]; stops: readonly string[] };
}

function stopsOf(corridorId: string | undefined): Location[] {
  const corridor = corridorId ? reference.corridors.get(corridorId) : undefined;
  return (corridor?.legs ?? []).flatMap((leg) => [leg.from, leg.to]).map((id) => reference.locations.get(id)!);
}

function placeKeys(places: readonly Location[]): string[] {
  return places.flatMap((p) => [`location:${p.id}`, ...p.countries.map((c) => `customs:${c}`)]);
}

/**
 * The model: what one event adds to its shipment's audience (docs/security.md, "who is trusted to
 * say what"). `first` is true for the event that opened the shipment.
 */
export function modelContribution(audience: ReadonlySet<string>, said: Said, first: boolean): string[] {
  const party = (p: string) => `party:https://id.gs1.org/417/${/^\d{13}$/.test(p) ? p : glnOf(p)}`;
  const registrationStops = (said.registration?.stops ?? []).map((id) => reference.locations.get(id)!);
  if (said.org.kind === 'network-operator') {
    return [
      ...(said.registration?.parties ?? []).map(party),
      ...placeKeys(registrationStops),
      ...said.handOver.map(party),
      ...placeKeys(stopsOf(said.corridor)),
      ...placeKeys(said.places),
    ];
  }
  const own = keysOfOrganisation(said.org);
  const member = [...own].some((k) => audience.has(k));
  const operated = said.places.filter((p) => own.has(`location:${p.id}`));
  const out: string[] = [];
  const registrant = said.registration !== undefined && (first || member);
  if (registrant) out.push(...said.registration!.parties.map(party), ...placeKeys(registrationStops), ...placeKeys(stopsOf(said.corridor)));
  if (member) out.push(...said.handOver.map(party), ...placeKeys(stopsOf(said.corridor)));
  if (operated.length > 0) out.push(...said.handOver.map(party), ...operated.flatMap((p) => p.countries.map((c) => `customs:${c}`)));
  const kept = out.filter((k) => !own.has(k));
  if (said.registration !== undefined && first) kept.push(`org:${said.org.id}`);
  return kept;
}

/** Whether `org` may capture an event about a shipment with this audience at `place` (docs/security.md). */
export function mayCapture(org: Organisation, audience: ReadonlySet<string>, place: Location | undefined): boolean {
  if (org.kind === 'network-operator') return true;
  const own = keysOfOrganisation(org);
  if ([...own].some((k) => audience.has(k))) return true;
  if (!place) return false;
  return own.has(`location:${place.id}`) || (org.kind === 'customs-authority' && place.countries.includes(org.country as never));
}

export function movementEvent(o: {
  id: string;
  time: string;
  place?: Location | 'geo';
  number: string;
  unit: string;
  bizStep: string;
  handOver?: readonly string[];
  corridor?: string;
  extraDocuments?: readonly { type: string; bizTransaction: string }[];
}): EpcisEvent {
  return {
    '@context': { krv: KARVON_NS },
    type: 'ObjectEvent',
    eventID: o.id,
    eventTime: o.time,
    eventTimeZoneOffset: '+00:00',
    action: 'OBSERVE',
    epcList: [o.unit],
    bizStep: o.bizStep,
    ...(o.place === 'geo' ? { readPoint: { id: 'geo:43.8000,87.6000' } } : o.place ? { readPoint: { id: o.place.sgln } } : {}),
    bizTransactionList: [{ type: BIZ_TRANSACTION_TYPE.smgs, bizTransaction: documentIri('smgs', o.number) }, ...(o.extraDocuments ?? [])],
    ...(o.handOver && o.handOver.length > 0 ? { sourceList: o.handOver.map((p) => ({ type: 'urn:epcglobal:cbv:sdt:possessing_party', source: p })) } : {}),
    ...(o.corridor ? { 'krv:corridor': o.corridor } : {}),
  };
}

export function registrationOf(o: { id: string; time: string; number: string; unit: string; gln: readonly string[]; stops: readonly string[] }): EpcisEvent {
  const registration = checkRegistration({
    references: [
      { kind: 'booking', value: `BK-${o.number}` },
      { kind: 'smgs', value: o.number },
    ],
    parties: [
      { role: 'consignor', name: 'Consignor', country: 'KZ' },
      { role: 'consignee', name: 'Consignee', country: 'GE' },
      ...o.gln.map((gln) => ({ role: 'carrier', name: 'Named party', country: 'KZ', gln })),
    ],
    goods: [{ hsCode: '721049', description: 'steel sheets', packages: 2, grossKg: 2000 }],
    transportUnits: [{ kind: 'container', id: o.unit.split('/').pop()! }],
    itinerary: o.stops.slice(1).map((to, i) => ({
      mode: 'road',
      from: o.stops[i]!,
      to,
      plannedDeparture: new Date(Date.parse(o.time) + (2 * i + 1) * 3_600_000).toISOString(),
      plannedArrival: new Date(Date.parse(o.time) + (2 * i + 2) * 3_600_000).toISOString(),
    })),
  });
  return { ...registrationEvent(registration, new Date(o.time)), eventID: o.id };
}

/**
 * A world of `shipmentCount` shipments among `orgs`. Each shipment is opened by a registration (of
 * an organisation that may capture), by the network operator, or by an organisation at a place of
 * its own; then 1–3 events follow, each recorded by an organisation the policy lets capture it.
 */
export function generateWorld(random: SimRandom, orgs: Organisation[], shipmentCount: number, seed: number): World {
  const capturers = orgs.filter((o) => o.kind !== 'secretariat' && o.kind !== 'council');
  const operator = orgs.find((o) => o.kind === 'network-operator')!;
  const shipments: WorldShipment[] = [];
  let n = 0;
  for (let s = 0; s < shipmentCount; s++) {
    const number = `PROP${seed % 1000}-${s}`;
    const unit = containerIri(containerNumber('PRP', seed % 1000 * 100 + s));
    const shipment: WorldShipment = { number, unit, events: [], audience: new Set() };
    const day = (e: number) => new Date(Date.UTC(2026, 2, 1 + (s % 25), 2 + e * 3)).toISOString();
    const record = (event: EpcisEvent, by: Organisation, said: Omit<Said, 'org'>) => {
      for (const key of modelContribution(shipment.audience, { ...said, org: by }, shipment.events.length === 0)) shipment.audience.add(key);
      shipment.events.push({ event, by: by.id });
    };
    const named = () => (random.chance(0.5) ? [] : [random.pick(orgs).partyIds[0]!]);
    const opening = random.int(3);
    if (opening === 0) {
      const by = random.pick(capturers);
      const stops = [random.pick(PLACES).id];
      while (stops.length < 2 + random.int(2)) {
        const next = random.pick(PLACES).id;
        if (next !== stops[stops.length - 1]) stops.push(next);
      }
      const gln = named().map(glnOf);
      record(registrationOf({ id: uuid(++n, seed), time: day(0), number, unit, gln, stops }), by, { places: [reference.locations.get(stops[0]!)!], handOver: [], registration: { parties: gln, stops } });
    } else {
      // Opened by the network operator anywhere, or by an operator or customs at a place of its own.
      const openers = capturers.filter((o) => o.locations.length > 0 || o.kind === 'customs-authority');
      const by = opening === 1 ? operator : random.pick(openers);
      const ownPlaces = PLACES.filter((p) => by.locations.includes(p.id) || (by.kind === 'customs-authority' && p.countries[0] === by.country));
      const place = by === operator || ownPlaces.length === 0 ? random.pick(PLACES) : random.pick(ownPlaces);
      const handOver = named();
      const corridor = random.chance(0.3) ? random.pick(CORRIDORS).id : undefined;
      const event = movementEvent({ id: uuid(++n, seed), time: day(0), place, number, unit, bizStep: 'departing', handOver, ...(corridor ? { corridor } : {}) });
      record(event, by, { places: [place], handOver, ...(corridor ? { corridor } : {}) });
    }
    const more = 1 + random.int(3);
    for (let e = 1; e <= more; e++) {
      const kind = random.int(4); // 0: a place of the recorder's, 1: anywhere, 2: a position, 3: no location
      const place: Location | 'geo' | undefined = kind === 2 ? 'geo' : kind === 3 ? undefined : random.pick(PLACES);
      const location = place === 'geo' ? undefined : place;
      let allowed = capturers.filter((o) => mayCapture(o, shipment.audience, location));
      if (kind === 0) {
        const own = capturers.filter((o) => o.locations.length > 0);
        const by = random.pick(own);
        const at = reference.locations.get(random.pick(by.locations))!;
        allowed = [by];
        const handOver = named();
        const event = movementEvent({ id: uuid(++n, seed), time: day(e), place: at, number, unit, bizStep: random.pick(BIZ_STEPS), handOver });
        record(event, by, { places: [at], handOver });
        continue;
      }
      if (allowed.length === 0) allowed = [operator];
      const by = random.pick(allowed);
      const handOver = named().map((p) => (random.chance(0.5) ? toDigitalLink(p) : p));
      const corridor = random.chance(0.2) ? random.pick(CORRIDORS).id : undefined;
      const event = movementEvent({ id: uuid(++n, seed), time: day(e), ...(place ? { place } : {}), number, unit, bizStep: random.pick(BIZ_STEPS), handOver, ...(corridor ? { corridor } : {}) });
      record(event, by, { places: location ? [location] : [], handOver, ...(corridor ? { corridor } : {}) });
    }
    shipments.push(shipment);
  }
  return { orgs, shipments };
}

/** Whether `org` sees a shipment whose audience is `audience` (network operator: all). */
export function modelSeesShipment(org: Organisation, audience: ReadonlySet<string>): boolean {
  if (org.kind === 'network-operator') return true;
  if (org.kind === 'secretariat' || org.kind === 'council') return false;
  return [...keysOfOrganisation(org)].some((k) => audience.has(k));
}
