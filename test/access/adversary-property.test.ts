// The adversarial visibility property: visibility cannot be bought with invented events.
//
// For random worlds, and an adversary of every organisation kind that may capture, two servers get
// the same honest events: A keeps only those, B then receives the adversary's attempts — captures
// of any EPCs, references, parties and locations, with and without a location, as single events,
// JSON-LD and XML capture jobs under both error behaviours, registrations, error declarations of
// other organisations' events, re-used eventIDs. After every attempt, everything the adversary can
// read from B through every read path must be exactly what it reads from A (the policy applied to
// the honest events alone), plus the events it captured itself — nothing more, and nothing less.
// Fixed seed in CI; KARVON_ADVERSARY_SEED replays another.
import { describe, expect, it } from 'vitest';
import type { Organisation } from '../../src/model/access.js';
import { BIZ_TRANSACTION_TYPE, containerIri, documentIri } from '../../src/domain/epcis-profile.js';
import type { EpcisEvent } from '../../src/epcis/model.js';
import { serializeJsonLdDocument } from '../../src/epcis/jsonld/serialize.js';
import { serializeXmlDocument } from '../../src/epcis/xml/serialize.js';
import { toDigitalLink } from '../../src/epcis/identifiers/index.js';
import { normaliseIdentifier } from '../../src/epcis/query/normalise.js';
import { toWebVocabulary } from '../../src/epcis/vocabulary.js';
import { SimRandom } from '../../src/sim/prng.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { uuid } from '../store/corridor-events.js';
import { containerNumber, CORRIDORS, generateOrganisations, generateWorld, inputOf, keysOfOrganisation, movementEvent, PLACES, registrationOf, type World, type WorldEvent } from './property-world.js';

const SEED = Number(process.env.KARVON_ADVERSARY_SEED ?? 1);
const WORLDS = 4;
const ORGANISATIONS = 18;
const SHIPMENTS = 8;
const STEPS = 8;
/** Kinds an adversary is drawn from: every kind that may capture anything at all. */
const ADVERSARY_KINDS = ['customs-authority', 'port', 'railway', 'carrier', 'forwarder', 'shipper', 'national-coordinator'] as const;
const BIZ_STEPS = ['departing', 'arriving', 'receiving', 'inspecting', 'loading'];

type Body = { statusCode: number; body: string; headers: Record<string, unknown>; json(): unknown };

/** What one organisation can read from one server, through every read path. */
interface Reading {
  /** Events of EPCIS queries (eventID, and whether the row is an error declaration). */
  events: Set<string>;
  /** eventID -> status of GET /epcis/events/{id}, for every eventID asked about. */
  single: Map<string, number>;
  epcs: string[];
  readPoints: string[];
  bizSteps: string[];
  namedQuery: Set<string>;
  /** Visible shipments (list) by id, each with its events; search and crossing views by id. */
  shipments: Map<string, Set<string>>;
  searched: Set<string>;
  crossings: Set<string>;
  /** id -> status of GET /api/shipments/{id} (and the id of the shipment answered), and the events of those answered 200. */
  details: Map<string, { status: number; answered?: string }>;
  detailEvents: Map<string, Set<string>>;
}

const eventKey = (e: { eventID?: string; errorDeclaration?: unknown }) => `${e.eventID}${e.errorDeclaration ? '#declared' : ''}`;

async function capture(app: TestApp['app'], key: string, event: EpcisEvent): Promise<Body> {
  return app.inject({ method: 'POST', url: '/epcis/events', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/ld+json' }, payload: JSON.stringify(event) });
}

async function read(t: TestApp, key: string, eventIDs: readonly string[], shipmentIDs: readonly string[]): Promise<Reading> {
  const get = (url: string): Promise<Body> => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });
  const eventsOf = async (url: string): Promise<EpcisEvent[]> => {
    const out: EpcisEvent[] = [];
    for (let next: string | undefined = url; next; ) {
      const response = await get(next);
      expect(response.statusCode, `GET ${next}: ${response.body}`).toBe(200);
      const body = response.json() as { epcisBody: { queryResults: { resultsBody: { eventList?: EpcisEvent[] } } } };
      out.push(...(body.epcisBody.queryResults.resultsBody.eventList ?? []));
      next = /<([^>]+)>; rel="next"/.exec(String(response.headers.link ?? ''))?.[1];
    }
    return out;
  };
  const members = async (path: string) => {
    const response = await get(`/epcis/${path}?perPage=1000`);
    expect(response.statusCode).toBe(200);
    return ((response.json() as { member?: string[] }).member ?? []).map(normaliseIdentifier).sort();
  };
  const reading: Reading = {
    events: new Set((await eventsOf('/epcis/events?perPage=7')).map(eventKey)),
    single: new Map(),
    epcs: await members('epcs'),
    readPoints: await members('readPoints'),
    bizSteps: await members('bizSteps'),
    namedQuery: new Set((await eventsOf('/epcis/queries/adversary-view/events?perPage=50')).map(eventKey)),
    shipments: new Map(),
    searched: new Set(),
    crossings: new Set(),
    details: new Map(),
    detailEvents: new Map(),
  };
  for (const id of new Set(eventIDs)) reading.single.set(id, (await get(`/epcis/events/${encodeURIComponent(id)}`)).statusCode);
  for (let cursor: string | undefined, first = true; first || cursor; first = false) {
    const response = await get(`/api/shipments?limit=5${cursor ? `&cursor=${cursor}` : ''}`);
    expect(response.statusCode).toBe(200);
    const body = response.json() as { shipments: { id: string }[]; nextCursor?: string };
    for (const { id } of body.shipments) {
      const events = await get(`/api/shipments/${encodeURIComponent(id)}/events`);
      expect(events.statusCode, `events of listed ${id}`).toBe(200);
      const list = (events.json() as { epcisBody: { queryResults: { resultsBody: { eventList: EpcisEvent[] } } } }).epcisBody.queryResults.resultsBody.eventList;
      reading.shipments.set(id, new Set(list.map(eventKey)));
    }
    cursor = body.nextCursor;
  }
  for (const q of ['PROP', 'PRPU', 'BK-PROP', 'ADVU']) {
    const found = await get(`/api/shipments/search?q=${q}&limit=500`);
    expect(found.statusCode).toBe(200);
    for (const s of (found.json() as { shipments: { id: string }[] }).shipments) reading.searched.add(s.id);
  }
  for (const place of PLACES.slice(0, 12)) {
    const found = await get(`/api/shipments?crossing=${place.id}&limit=500`);
    expect(found.statusCode).toBe(200);
    for (const s of (found.json() as { shipments: { id: string }[] }).shipments) reading.crossings.add(s.id);
  }
  for (const id of new Set(shipmentIDs)) {
    const detail = await get(`/api/shipments/${encodeURIComponent(id)}`);
    reading.details.set(id, { status: detail.statusCode, ...(detail.statusCode === 200 ? { answered: (detail.json() as { id: string }).id } : {}) });
    if (detail.statusCode !== 200) continue;
    const events = await get(`/api/shipments/${encodeURIComponent(id)}/events`);
    const list = (events.json() as { epcisBody: { queryResults: { resultsBody: { eventList: EpcisEvent[] } } } }).epcisBody.queryResults.resultsBody.eventList;
    reading.detailEvents.set(id, new Set(list.map(eventKey)));
  }
  return reading;
}

/** One server with the world's organisations, a key for each, and these honest events captured. */
async function serverOf(world: World, events: readonly WorldEvent[]): Promise<{ t: TestApp; keys: Map<string, string> }> {
  const t = await startTestApp({}, {}, { caller: 'anonymous' });
  const keys = new Map<string, string>();
  for (const org of world.orgs) {
    await t.runtime.access.createOrganisation('cli', inputOf(org));
    keys.set(org.id, (await t.runtime.access.createApiKey('cli', { organisationId: org.id, name: 'property', scopes: ['read', 'capture'] })).secret);
  }
  for (const event of events) await captureHonest({ t, keys }, event);
  return { t, keys };
}

async function captureHonest(server: { t: TestApp; keys: Map<string, string> }, { event, by }: WorldEvent): Promise<void> {
  const response = await capture(server.t.app, server.keys.get(by)!, event);
  expect(response.statusCode, `${by} capturing ${event.eventID}: ${response.body}`).toBe(201);
  // Capture is judged on the read model: let it hold this event before the next is judged.
  await server.t.runtime.followers.caughtUp();
}

/**
 * The honest events split in two: those captured before the adversary starts, and later traffic
 * (the last event of some shipments) that goes on while it acts. Later events keep their place and
 * recorder but name no party and no corridor: what they add to an audience then depends only on
 * where the goods are, not on statements about the adversary.
 */
function honestTraffic(world: World, random: SimRandom): { early: WorldEvent[]; late: WorldEvent[] } {
  const early: WorldEvent[] = [];
  const late: WorldEvent[] = [];
  for (const shipment of world.shipments) {
    const events = [...shipment.events];
    if (events.length > 1 && random.chance(0.6)) {
      const { event, by } = events.pop()!;
      const plain: EpcisEvent = { ...event };
      delete plain.sourceList;
      delete plain['krv:corridor'];
      // Half of them name only the container, as a position report of a tracker does (not after the
      // goods were received: a container alone then starts its next trip).
      const received = events.some((e) => e.event.bizStep === 'receiving');
      if (!received && random.chance(0.5)) delete plain.bizTransactionList;
      late.push({ event: plain, by });
    }
    early.push(...events);
  }
  return { early, late };
}

/** Every id a shipment of the server is known by (asked as the network operator). */
async function shipmentIDs(t: TestApp, operatorKey: string): Promise<string[]> {
  const ids: string[] = [];
  for (let cursor: string | undefined, first = true; first || cursor; first = false) {
    const response = await t.app.inject({ method: 'GET', url: `/api/shipments?limit=200${cursor ? `&cursor=${cursor}` : ''}`, headers: { authorization: `Bearer ${operatorKey}` } });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as { shipments: { id: string }[]; nextCursor?: string };
    ids.push(...body.shipments.map((s) => s.id));
    cursor = body.nextCursor;
  }
  return ids;
}

/** Every shipment as the network operator sees it: its events and its registration, by id. */
async function shipmentsSeenBy(t: TestApp, key: string): Promise<Map<string, { events: Set<string>; registration: string }>> {
  const out = new Map<string, { events: Set<string>; registration: string }>();
  for (const id of await shipmentIDs(t, key)) {
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });
    const detail = (await get(`/api/shipments/${encodeURIComponent(id)}`)).json() as { registration?: unknown };
    const list = ((await get(`/api/shipments/${encodeURIComponent(id)}/events`)).json() as { epcisBody: { queryResults: { resultsBody: { eventList: EpcisEvent[] } } } }).epcisBody.queryResults.resultsBody.eventList;
    out.set(id, { events: new Set(list.map(eventKey)), registration: JSON.stringify(detail.registration ?? null) });
  }
  return out;
}

/** Which honest events share a shipment: the sets, each sorted, in a canonical order. */
function partitionOf(view: Map<string, { events: Set<string> }>, honest: ReadonlySet<string>): string[][] {
  // (A shipment reached under two ids — its own, and an id another shipment learnt — counts once.)
  const groups = new Map<string, string[]>();
  for (const shipment of view.values()) {
    const group = [...shipment.events].filter((k) => honest.has(k)).sort();
    if (group.length > 0) groups.set(group.join(' '), group);
  }
  return [...groups.values()].sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** What an organisation gets when it opens a shipment by one of its numbers: the status, and the honest events of the shipment answered. */
async function openByNumber(t: TestApp, key: string, number: string, honest: ReadonlySet<string>): Promise<{ status: number; events?: string[] }> {
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });
  const response = await get(`/api/shipments/${encodeURIComponent(number)}`);
  if (response.statusCode !== 200) return { status: response.statusCode };
  const id = (response.json() as { id: string }).id;
  const list = ((await get(`/api/shipments/${encodeURIComponent(id)}/events`)).json() as { epcisBody: { queryResults: { resultsBody: { eventList: EpcisEvent[] } } } }).epcisBody.queryResults.resultsBody.eventList;
  return { status: 200, events: list.map(eventKey).filter((k) => honest.has(k)).sort() };
}

/** The adversary's attempts: random, but each a plausible try at reading what is not its own. */
class Adversary {
  private n = 0;
  /**
   * Numbers and units it may have attached to shipments it stands in: those of its registrations and
   * of every event it sent that was (or may have been) accepted. Events naming them may be accepted.
   */
  private readonly registered = new Set<string>();
  /** Organisations it named in its registrations: those whose view it might disturb. */
  readonly named = new Set<string>();
  constructor(
    private readonly random: SimRandom,
    private readonly world: World,
    private readonly self: Organisation,
    private readonly seed: number,
    /** The honest events stored before it started. */
    private readonly stored: readonly WorldEvent[],
    /** Honest traffic still to come: who will handle which goods (an adversary may well know that). */
    private readonly later: readonly WorldEvent[],
  ) {}

  private place() {
    const own = PLACES.filter((p) => this.self.locations.includes(p.id) || (this.self.kind === 'customs-authority' && p.countries[0] === this.self.country));
    // Its own places most often: that is where it may record anything, so where an invented event is cheapest.
    const choice = this.random.uniform(0, 1);
    if (choice < 0.45 && own.length > 0) return this.random.pick(own);
    if (choice < 0.7) return this.random.pick(PLACES);
    if (choice < 0.85) return 'geo' as const;
    return undefined;
  }

  /** An event about a random honest shipment's goods or papers, or about new ones. */
  event(): EpcisEvent {
    const target = this.random.pick(this.world.shipments);
    const other = this.random.pick(this.world.shipments);
    const fresh = containerIri(containerNumber('ADV', this.seed % 1000 * 100 + ++this.n));
    const unit = this.random.pick([target.unit, fresh, target.unit]);
    const number = this.random.pick([target.number, `ADV-${this.n}`, other.number]);
    const named = this.random.pick([this.self.partyIds[0]!, toDigitalLink(this.self.partyIds[0]!), this.random.pick(this.world.orgs).partyIds[0]!]);
    const place = this.place();
    const corridor = this.random.chance(0.4) ? this.random.pick(CORRIDORS).id : undefined;
    const extra = this.random.chance(0.4) ? [{ type: BIZ_TRANSACTION_TYPE.booking, bizTransaction: documentIri('booking', `BK-${this.random.pick(this.world.shipments).number}`) }] : [];
    const event = movementEvent({
      // Now and then the eventID of an event stored already (eventIDs of events yet to come cannot be known).
      id: this.random.chance(0.15) ? this.random.pick(this.stored).event.eventID! : uuid(1000 + this.n, this.seed),
      time: new Date(Date.UTC(2026, 1, 1 + this.random.int(50), this.random.int(24))).toISOString(),
      ...(place ? { place } : {}),
      number,
      unit,
      bizStep: this.random.pick(BIZ_STEPS),
      handOver: this.random.chance(0.7) ? [named] : [],
      ...(corridor ? { corridor } : {}),
      extraDocuments: extra,
    });
    if (this.random.chance(0.2)) event['krv:country'] = this.random.pick(['KZ', 'UZ', 'AZ', 'TM', 'KG', 'CN']);
    return event;
  }

  /** A copy of an honest event declared erroneous by the adversary. */
  /** A copy of an honest event declared erroneous by the adversary, often one of a shipment it sees (it may capture about those). */
  declaration(sees: ReadonlySet<string> = new Set()): EpcisEvent {
    const visible = this.stored.filter(({ event }) => (event.epcList ?? []).some((epc) => sees.has(epc)));
    const { event } = this.random.pick(visible.length > 0 && this.random.chance(0.7) ? visible : this.stored);
    return { ...event, errorDeclaration: { declarationTime: '2026-05-01T00:00:00Z', reason: 'incorrect_data' } };
  }

  /**
   * A registration, often of an honest shipment's number and container, naming the organisations
   * that handle those goods next (their party, or a place they operate on the itinerary): the way to
   * try to pull their later events into a shipment of its own.
   */
  registration(): EpcisEvent {
    const handled = this.later.length > 0 && this.random.chance(0.5) ? this.random.pick(this.later) : undefined;
    const target = handled ? this.world.shipments.find((s) => s.events.some((e) => e.event.eventID === handled.event.eventID))! : this.random.pick(this.world.shipments);
    const handler = handled ? this.world.orgs.find((o) => o.id === handled.by) : undefined;
    const number = handled || this.random.chance(0.6) ? target.number : `ADV-${++this.n}`;
    const unit = handled || this.random.chance(0.7) ? target.unit : containerIri(containerNumber('ADV', this.seed % 1000 * 100 + ++this.n));
    const party = handler ?? (this.random.chance(0.5) ? this.random.pick(this.world.orgs) : undefined);
    const gln = party ? [toDigitalLink(party.partyIds[0]!).split('/').pop()!] : [];
    if (party) this.named.add(party.id);
    // Now and then from a place of its own (a registration must not lean on the right to record
    // there), or through a place the goods' next handler operates.
    const own = PLACES.filter((p) => this.self.locations.includes(p.id));
    const theirs = PLACES.filter((p) => handler?.locations.includes(p.id));
    const from = own.length > 0 && this.random.chance(0.4) ? this.random.pick(own) : this.random.pick(PLACES);
    const next = theirs.filter((p) => p.id !== from.id);
    const to = this.random.pick(next.length > 0 ? next : PLACES.filter((p) => p.id !== from.id));
    for (const value of [number, `BK-${number}`, unit]) this.registered.add(value);
    // Registered later than the honest trip started, so that a container's newest trip would be this one.
    const time = new Date(Date.UTC(2026, 1 + this.random.int(3), 1 + this.random.int(28))).toISOString();
    return registrationOf({ id: uuid(2000 + ++this.n, this.seed), time, number, unit, gln, stops: [from.id, to.id] });
  }

  /** Carries out one attempt against `t`; describes it for failure messages. */
  /** Whether the policy lets it record anything at the event's place (docs/security.md). */
  private hasPlaceRight(event: EpcisEvent): boolean {
    const place = PLACES.find((p) => p.sgln === event.readPoint?.id);
    if (!place) return false;
    return keysOfOrganisation(this.self).has(`location:${place.id}`) || (this.self.kind === 'customs-authority' && place.countries.includes(this.self.country as never));
  }

  /**
   * Carries out one attempt against `t`; describes it for failure messages. `sees` holds the
   * numbers and units of the honest shipments it sees: a single event is checked against the
   * capture rules where they leave no doubt (at a place of its own: accepted; naming nothing it
   * sees or registered, and at no place of its own: refused).
   */
  async attempt(t: TestApp, key: string, sees?: ReadonlySet<string>): Promise<string> {
    const headers = { authorization: `Bearer ${key}` };
    const kind = this.random.int(6);
    if (kind === 0 || kind === 1) {
      const event = kind === 0 ? this.event() : this.declaration(sees ?? new Set());
      const response = await capture(t.app, key, event);
      const said = `single ${kind === 0 ? 'event' : 'declaration'} ${event.eventID} → ${response.statusCode}`;
      const names = [...(event.epcList ?? []), ...(event.bizTransactionList ?? []).map((b) => b.bizTransaction.split('/').pop()!)];
      // An eventID another event has already names that event: other content under it is refused
      // with 409 once the capture is authorised (a declaration repeats it by design and is captured).
      const reused = this.world.shipments.some((sh) => sh.events.some((e) => e.event.eventID === event.eventID));
      if (sees === undefined) return said;
      if (this.hasPlaceRight(event)) {
        expect(reused && kind === 0 ? [409] : [200, 201], `${this.self.id}: ${said}: at a place of its own`).toContain(response.statusCode);
        // The refusal names no hash ID of an event of a shipment it does not see.
        const original = this.world.shipments.flatMap((sh) => sh.events).find((e) => e.event.eventID === event.eventID);
        const seen = (original?.event.epcList ?? []).some((epc) => sees.has(epc));
        if (response.statusCode === 409 && !seen) expect(response.body, `${this.self.id}: ${said}`).not.toMatch(/sha-256/);
      }
      else if (!reused && !names.some((v) => sees.has(v) || this.registered.has(v))) expect(response.statusCode, `${this.self.id}: ${said}: about nothing it sees`).toBe(403);
      if (response.statusCode < 300) for (const value of names) this.registered.add(value);
      return said;
    }
    if (kind === 2 || kind === 3) {
      const events = Array.from({ length: 1 + this.random.int(3) }, () => (this.random.chance(0.8) ? this.event() : this.random.chance(0.5) ? this.registration() : this.declaration(sees ?? new Set())));
      const xml = kind === 3;
      const payload = xml ? serializeXmlDocument(events) : serializeJsonLdDocument(events);
      const behaviour = this.random.pick(['rollback', 'proceed']);
      const response = await t.app.inject({
        method: 'POST',
        url: '/epcis/capture',
        headers: { ...headers, 'content-type': xml ? 'application/xml' : 'application/ld+json', 'gs1-capture-error-behaviour': behaviour },
        payload,
      });
      await t.runtime.capture.idle();
      for (const value of events.flatMap((e) => [...(e.epcList ?? []), ...(e.bizTransactionList ?? []).map((b) => b.bizTransaction.split('/').pop()!)])) this.registered.add(value);
      return `${xml ? 'XML' : 'JSON-LD'} job (${behaviour}) of ${events.map((e) => e.eventID).join(', ')} → ${response.statusCode}`;
    }
    if (kind === 4) {
      const event = this.registration();
      const response = await capture(t.app, key, event);
      return `registration event ${event.eventID} → ${response.statusCode}`;
    }
    const target = this.random.pick(this.world.shipments);
    const body = {
      references: [{ kind: 'booking', value: `BK-${target.number}` }, { kind: 'smgs', value: target.number }],
      parties: [
        { role: 'consignor', name: 'Me', country: 'KZ', gln: toDigitalLink(this.self.partyIds[0]!).split('/').pop()! },
        { role: 'consignee', name: 'You', country: 'GE' },
      ],
      goods: [{ hsCode: '721049', description: 'steel', packages: 1, grossKg: 100 }],
      transportUnits: [{ kind: 'container', id: target.unit.split('/').pop()! }],
      itinerary: [{ mode: 'road', from: 'almaty', to: 'khorgos', plannedDeparture: '2026-03-01T08:00:00Z', plannedArrival: '2026-03-02T08:00:00Z' }],
    };
    for (const value of [target.number, `BK-${target.number}`, target.unit]) this.registered.add(value);
    const response = await t.app.inject({ method: 'POST', url: '/api/shipments', headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    return `POST /api/shipments for ${target.number} → ${response.statusCode}`;
  }
}

for (let w = 0; w < WORLDS; w++) {
  const seed = SEED + w;
  describe(`adversarial visibility property (seed ${seed})`, () => {
    const random = new SimRandom(seed);
    const orgs = generateOrganisations(random, ORGANISATIONS, `w${w}`);
    const world = generateWorld(random, orgs, SHIPMENTS, seed);
    const operator = orgs.find((o) => o.kind === 'network-operator')!;
    const traffic = honestTraffic(world, new SimRandom(seed + 7));

    const adversaries = ADVERSARY_KINDS.flatMap((kind) => orgs.filter((o) => o.kind === kind).slice(0, 1));

    it('draws adversaries of every kind that may capture, and honest traffic that goes on while they act', () => {
      expect(adversaries.map((a) => a.kind).sort()).toEqual([...ADVERSARY_KINDS].sort());
      expect(traffic.late.length).toBeGreaterThan(1);
    });

    it('the secretariat and the council, whatever they try to capture, still read aggregates only', async () => {
      const server = await serverOf(world, traffic.early);
      try {
        for (const body of orgs.filter((o) => o.kind === 'secretariat' || o.kind === 'council').slice(0, 2)) {
          const actor = new Adversary(new SimRandom(seed * 17 + body.id.length), world, body, seed, traffic.early, traffic.late);
          // What they stand in is not known here (they read no shipment): their captures are not judged, only what they read.
          for (let step = 0; step < STEPS; step++) await actor.attempt(server.t, server.keys.get(body.id)!);
          await server.t.runtime.capture.idle();
          await server.t.runtime.followers.caughtUp();
          const some = world.shipments[0]!;
          for (const url of ['/epcis/events', `/epcis/events/${encodeURIComponent(some.events[0]!.event.eventID!)}`, '/epcis/epcs', '/api/shipments', `/api/shipments/${some.number}`, '/api/shipments/search?q=PROP']) {
            const response = await server.t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${server.keys.get(body.id)}` } });
            expect(response.statusCode, `${body.id} GET ${url}`).toBe(403);
          }
        }
      } finally {
        await server.t.close();
      }
    }, 60_000);

    for (const adversary of adversaries) {
      it(`${adversary.kind} ${adversary.id} cannot read more (or less) than the honest events allow it plus its own`, async () => {
        const honest = await serverOf(world, traffic.early);
        const attacked = await serverOf(world, traffic.early);
        try {
          const query = { name: 'adversary-view', query: { EQ_bizStep: ['departing', 'receiving'] } };
          for (const server of [honest, attacked]) {
            const created = await server.t.app.inject({
              method: 'POST',
              url: '/epcis/queries',
              headers: { authorization: `Bearer ${server.keys.get(adversary.id)}`, 'content-type': 'application/json' },
              payload: JSON.stringify(query),
            });
            expect(created.statusCode).toBe(201);
          }
          const actor = new Adversary(new SimRandom(seed * 31 + adversary.id.length), world, adversary, seed, traffic.early, traffic.late);
          const history: string[] = [];
          const late = [...traffic.late];
          for (let step = 0; step < STEPS; step++) {
            const sees = await seenNumbers(honest);
            history.push(await actor.attempt(attacked.t, attacked.keys.get(adversary.id)!, sees));
            await attacked.t.runtime.capture.idle();
            await attacked.t.runtime.followers.caughtUp();
            // Honest traffic goes on, in both worlds alike.
            const next = late.shift();
            if (next) {
              await captureHonest(honest, next);
              await captureHonest(attacked, next);
              history.push(`honest ${next.by} ${next.event.eventID}`);
            }
            await checkReadings(attacked.t, history, honest.t, honest.keys, actor.named);
          }
        } finally {
          await honest.t.close();
          await attacked.t.close();
        }

        /** Numbers and units of the honest shipments the adversary sees in the honest world. */
        async function seenNumbers(server: { t: TestApp; keys: Map<string, string> }): Promise<Set<string>> {
          const seen = new Set<string>();
          for (const shipment of world.shipments) {
            const response = await server.t.app.inject({ method: 'GET', url: `/api/shipments/${shipment.number}`, headers: { authorization: `Bearer ${server.keys.get(adversary.id)}` } });
            if (response.statusCode === 200) for (const value of [shipment.number, `BK-${shipment.number}`, shipment.unit]) seen.add(value);
          }
          return seen;
        }

        async function checkReadings(attackedApp: TestApp, steps: readonly string[], honestApp: TestApp, honestKeys: Map<string, string>, named: ReadonlySet<string>): Promise<void> {
          const context = `${adversary.id} after: ${steps.join(' | ')}`;
          const stored = await attackedApp.runtime.store.events.after(0, 100_000);
          const own = stored.filter((s) => s.capturedBy === adversary.id);
          const ownKeys = new Set(own.map((s) => eventKey(s.event)));
          const eventIDs = stored.map((s) => s.event.eventID as string);
          const ids = [...new Set([...(await shipmentIDs(attackedApp, attacked.keys.get(operator.id)!)), ...(await shipmentIDs(honestApp, honestKeys.get(operator.id)!))])];
          const before = await read(honestApp, honestKeys.get(adversary.id)!, eventIDs, ids);
          const after = await read(attackedApp, attacked.keys.get(adversary.id)!, eventIDs, ids);
          const allowed = new Set([...before.events, ...ownKeys]);

          // EPCIS queries: exactly the honest view plus its own events. (Less only where it closed a
          // trip itself: a registrant reporting its goods delivered sends their container's later
          // reports to the next trip, which need not be its business.)
          const closedSome = own.some((st) => toWebVocabulary('bizStep', st.event.bizStep as string) === toWebVocabulary('bizStep', 'receiving'));
          const divertable = (k: string) => closedSome && stored.some((st) => eventKey(st.event) === k && !st.event.bizTransactionList);
          expect([...after.events].filter((k) => !allowed.has(k)).sort(), `${context}: reads more`).toEqual([]);
          expect([...allowed].filter((k) => !after.events.has(k) && !divertable(k)).sort(), `${context}: reads less`).toEqual([]);
          for (const [id, status] of after.single) {
            const mine = own.some((s) => s.event.eventID === id);
            if (mine) expect(status, `${context}: GET /epcis/events/${id}`).toBe(200);
            else if (before.single.get(id) !== 200) expect(status, `${context}: GET /epcis/events/${id}`).toBe(404);
            else if (!divertable(id)) expect(status, `${context}: GET /epcis/events/${id}`).toBe(200);
          }
          const ownBodies = own.map((s) => s.event);
          const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])].sort();
          // Distinct values: those of the honest view and of its own events; a value only events it
          // diverted itself (see above) had may go.
          const diverted = stored.filter((st) => divertable(eventKey(st.event))).map((st) => st.event);
          const sameValues = (label: string, got: readonly string[], honestValues: readonly string[], of: (e: EpcisEvent) => string[]) => {
            const wanted = union(honestValues, ownBodies.flatMap(of));
            const optional = new Set(diverted.flatMap(of));
            expect(got.filter((v) => !wanted.includes(v)), `${context}: ${label} more`).toEqual([]);
            expect(wanted.filter((v) => !got.includes(v) && !optional.has(v)), `${context}: ${label} less`).toEqual([]);
          };
          sameValues('epcs', after.epcs, before.epcs, (e) => (e.epcList ?? []).map(normaliseIdentifier));
          sameValues('readPoints', after.readPoints, before.readPoints, (e) => (e.readPoint ? [normaliseIdentifier(e.readPoint.id)] : []));
          sameValues('bizSteps', after.bizSteps, before.bizSteps, (e) => (e.bizStep ? [normaliseIdentifier(toWebVocabulary('bizStep', e.bizStep))] : []));
          const departing = new Set(stored.filter((s) => ['departing', 'receiving'].map((b) => toWebVocabulary('bizStep', b)).includes(toWebVocabulary('bizStep', s.event.bizStep as string))).map((s) => eventKey(s.event)));
          expect([...after.namedQuery].filter((k) => !allowed.has(k) || !departing.has(k)), `${context}: named query reads more`).toEqual([]);
          expect([...allowed].filter((k) => departing.has(k) && !after.namedQuery.has(k) && !divertable(k)), `${context}: named query reads less`).toEqual([]);

          // Shipments: every one it sees holds only events the honest view or its own captures allow;
          // and every honest event it saw in a shipment before, it still sees in one.
          const honestShipped = new Set([...before.shipments.values()].flatMap((s) => [...s]));
          const seen = new Set<string>();
          for (const [id, events] of after.shipments) {
            for (const key of events) {
              expect(honestShipped.has(key) || ownKeys.has(key), `${context}: shipment ${id} shows ${key}`).toBe(true);
              seen.add(key);
            }
          }
          // (An organisation may declare its own events erroneous: those leave its shipments.)
          const retractedOwn = new Set(own.filter((s) => s.event.errorDeclaration).map((s) => s.event.eventID as string).filter((id) => own.some((s) => !s.event.errorDeclaration && s.event.eventID === id)));
          for (const key of honestShipped) if (!retractedOwn.has(key) && !divertable(key)) expect(seen.has(key), `${context}: lost ${key}`).toBe(true);
          for (const id of [...after.searched, ...after.crossings]) expect(after.shipments.has(id), `${context}: found ${id} by search or crossing`).toBe(true);
          for (const [id, { status, answered }] of after.details) {
            // A listed id opens its shipment; any other id answers 404 or (an earlier id of a
            // shipment it sees) opens one of the listed shipments.
            if (after.shipments.has(id)) expect(status, `${context}: GET /api/shipments/${id}`).toBe(200);
            if (status === 200) expect(after.shipments.has(answered!), `${context}: GET /api/shipments/${id} opened ${answered}`).toBe(true);
            else expect(status, `${context}: GET /api/shipments/${id}`).toBe(404);
            for (const key of after.detailEvents.get(id) ?? []) expect(honestShipped.has(key) || ownKeys.has(key), `${context}: ${id} shows ${key}`).toBe(true);
          }

          // Integrity, as the network operator sees it: the honest events are grouped into shipments
          // exactly as without the adversary, and a shipment the adversary does not see keeps its
          // registration (no event of its can take the place of the registrant's).
          const storedKeys = new Set(stored.map((st) => eventKey(st.event)));
          const honest = new Set(world.shipments.flatMap((sh) => sh.events.map((e) => eventKey(e.event))).filter((k) => storedKeys.has(k)));
          const viewA = await shipmentsSeenBy(honestApp, honestKeys.get(operator.id)!);
          const viewB = await shipmentsSeenBy(attackedApp, attacked.keys.get(operator.id)!);
          const settled = new Set([...honest].filter((k) => !divertable(k)));
          expect(partitionOf(viewB, settled), `${context}: honest events regrouped`).toEqual(partitionOf(viewA, settled));
          const groupB = new Map([...viewB.values()].flatMap((sh) => [...sh.events].map((k) => [k, sh] as const)));
          for (const [id, shipment] of viewA) {
            if (before.shipments.has(id)) continue;
            const first = [...shipment.events].find((k) => honest.has(k));
            if (first) expect(groupB.get(first)?.registration, `${context}: registration of ${id}`).toBe(shipment.registration);
          }
          // Nothing less for the organisations it named: each opens the shipments it opened before by their numbers.
          for (const orgId of [...named].filter((id) => id !== adversary.id).slice(0, 2)) {
            for (const shipment of world.shipments) {
              // (Unless the adversary declared its own event of it erroneous: a registration withdrawn that way takes its numbers with it.)
              if (shipment.events.some((e) => retractedOwn.has(e.event.eventID!))) continue;
              const inA = await openByNumber(honestApp, honestKeys.get(orgId)!, shipment.number, honest);
              if (inA.status !== 200) continue;
              const inB = await openByNumber(attackedApp, attacked.keys.get(orgId)!, shipment.number, honest);
              expect(inB, `${context}: ${orgId} opens ${shipment.number}`).toEqual(inA);
            }
          }
        }
      }, 120_000);
    }
  });
}
