import { describe, it, expect } from 'vitest';
import { foldFacts, foldShipment, insertFacts } from '../../src/projections/fold-shipment.js';
import { eventFacts } from '../../src/projections/event-facts.js';
import type { Recorder } from '../../src/model/visibility-scope.js';
import type { ShipmentState } from '../../src/projections/shipment-state.js';
import { referenceData } from '../../src/reference/index.js';
import { CONTAINER, MRN, VESSEL, movement, sglnOf, shuffled, transit, trip } from './profile-events.js';
import { BIZ_STEP } from '../../src/domain/epcis-profile.js';
import type { EpcisEvent } from '../../src/epcis/model.js';

const context = { reference: referenceData() };

function foldAll(events: readonly EpcisEvent[]): ShipmentState {
  let state: ShipmentState | undefined;
  for (const e of events) state = foldShipment(state, e, context);
  return state!;
}

function statuses(events: readonly EpcisEvent[]): string[] {
  const out: string[] = [];
  let state: ShipmentState | undefined;
  for (const e of events) {
    state = foldShipment(state, e, context);
    out.push(state.status);
  }
  return out;
}

describe('foldShipment', () => {
  it('goes through every status of a realistic trip', () => {
    expect(statuses(trip())).toEqual([
      'departed', 'in-transit', 'at-border', 'at-border', 'at-border', 'held-by-customs', 'at-border', 'at-border', 'in-transit',
      'on-ferry', 'in-transit', 'arrived', 'delivered',
    ]);
  });

  it('keeps documents by kind, transport units and carriers, and the corridor', () => {
    const state = foldAll(trip());
    expect(state.id).toBe('smgs:70012345');
    expect(state.references).toEqual({ smgs: ['70012345'], 'transit-declaration': [MRN] });
    expect(state.transportUnits).toEqual([CONTAINER]);
    expect(state.carriers).toEqual([VESSEL]);
    expect(state.corridor).toBe('middle-corridor-dostyk');
    expect(state.countries).toEqual(['CN', 'KZ', 'AZ', 'GE']);
    expect(state.firstEventTime).toBe('2026-03-01T08:00:00.000Z');
    expect(state.lastEventTime).toBe('2026-03-13T15:00:00.000Z');
    expect(state.departedAt).toBe('2026-03-01T08:00:00.000Z');
    expect(state.deliveredAt).toBe('2026-03-13T15:00:00.000Z');
  });

  it('writes a human-readable timeline', () => {
    const texts = foldAll(trip()).timeline.map((e) => e.text);
    expect(texts).toEqual([
      "Departed from Xi'an (International Port) (CN)",
      'Position reported at 43.8000, 87.6000',
      'Arrived at Dostyk border crossing (KZ)',
      'Transit declaration lodged at customs office KZ551100',
      `Transit declaration accepted, MRN ${MRN}`,
      'Customs hold: documents incomplete',
      'Released from customs hold',
      'Released for transit by customs office KZ551100',
      'Crossed the border at Dostyk border crossing (KZ)',
      'Loaded on ferry IMO 9074729 at Aktau Port (KZ)',
      'Unloaded from ferry IMO 9074729 at Baku International Sea Trade Port (Alat) (AZ)',
      'Arrived at Poti Sea Port (GE)',
      'Delivered at Poti Sea Port (GE)',
    ]);
    expect(foldAll(trip()).timeline[2]).toMatchObject({ time: '2026-03-04T06:00:00.000Z', place: 'Dostyk (KZ)', eventID: 'T03' });
  });

  it('opens and closes customs holds with their reason', () => {
    const events = trip();
    const held = foldAll(events.slice(0, 6));
    expect(held.status).toBe('held-by-customs');
    expect(held.statusBeforeHold).toBe('at-border');
    expect(held.holds).toEqual([
      { state: 'open', reason: 'documents incomplete', openedAt: '2026-03-04T10:00:00.000Z', country: 'KZ', office: 'KZ551100', place: 'Dostyk (KZ)' },
    ]);
    const released = foldAll(events.slice(0, 7));
    expect(released.status).toBe('at-border');
    expect(released.holds[0]).toMatchObject({ state: 'closed', closedAt: '2026-03-05T10:00:00.000Z' });
  });

  it('a movement report while held does not hide the hold', () => {
    const events = trip().slice(0, 6);
    const late = movement('position-reported', { id: 'late', time: '2026-03-04T11:00:00.000Z', at: 'geo:45.18,82.57' });
    expect(foldAll([...events, late]).status).toBe('held-by-customs');
  });

  it('records customs transit steps per country with times and offices', () => {
    const state = foldAll(trip());
    expect(Object.keys(state.transit)).toEqual(['KZ']);
    expect(state.transit.KZ!.map((s) => s.step)).toEqual(['lodge', 'accept', 'hold', 'release-from-hold', 'release-for-transit']);
    expect(state.transit.KZ![0]).toMatchObject({ time: '2026-03-04T08:00:00.000Z', office: 'KZ551100', place: 'Dostyk (KZ)' });
    const georgia = transit('arrive', { id: 'GE1', time: '2026-03-13T10:00:00.000Z', at: 'poti-port', fields: { country: 'GE', customsOffice: 'GE100400' } });
    expect(Object.keys(foldAll([...trip(), georgia]).transit)).toEqual(['KZ', 'GE']);
  });

  it('tracks the last location and the leg progress', () => {
    const events = trip();
    const atBorder = foldAll(events.slice(0, 3));
    expect(atBorder.lastLocation).toEqual({ kind: 'location', locationId: 'dostyk', name: 'Dostyk', country: 'KZ', locationKind: 'border-crossing' });
    expect(atBorder.legProgress).toMatchObject({ legIndex: 1, from: 'urumqi', to: 'dostyk', fraction: 1, atStop: 'dostyk', legCount: 7 });
    const moving = foldAll(events.slice(0, 2));
    expect(moving.lastLocation).toEqual({ kind: 'geo', lat: 43.8, lon: 87.6 });
    expect(moving.legProgress?.legIndex).toBe(1);
    expect(moving.legProgress!.fraction).toBeGreaterThanOrEqual(0);
    expect(moving.legProgress!.fraction).toBeLessThanOrEqual(1);
    const onFerry = foldAll(events.slice(0, 10));
    expect(onFerry.legProgress).toMatchObject({ legIndex: 3, mode: 'sea', fraction: 0 });
    expect(onFerry.mode).toBe('sea');
  });

  it('measures delay against the corridor plan', () => {
    const atBorder = foldAll(trip().slice(0, 3));
    // Xi'an -> Urumqi -> Dostyk by reference: 45.7 h + 9.6 h moving; the trip took 70 h.
    expect(atBorder.delay!.actualHours).toBe(70);
    // Rounded to a tenth of an hour for people (55.3, not 55.300000000000004).
    expect(atBorder.delay!.plannedHours).toBe(55.3);
    expect(atBorder.delay!.hours).toBe(14.7);
  });

  it('gives the same state whatever order the events arrive in', () => {
    const events = trip();
    const inOrder = foldAll(events);
    for (const seed of [1, 7, 42, 2026]) expect(foldAll(shuffled(events, seed))).toEqual(inOrder);
    expect(foldAll([...events].reverse())).toEqual(inOrder);
  });

  it('counts an event once when it arrives twice', () => {
    const events = trip();
    expect(foldAll([...events, events[3]!, events[0]!])).toEqual(foldAll(events));
  });

  it('drops an event declared erroneous', () => {
    const events = trip().slice(0, 6);
    const retraction: EpcisEvent = { ...events[5]!, errorDeclaration: { declarationTime: '2026-03-04T12:00:00.000Z', reason: 'incorrect_data' } };
    const state = foldAll([...events, retraction]);
    expect(state.status).toBe('at-border');
    expect(state.holds).toEqual([]);
  });

  it('keeps events that do not follow the profile without changing the status', () => {
    const odd: EpcisEvent = { type: 'ObjectEvent', eventID: 'odd', eventTime: '2026-03-01T09:00:00Z', eventTimeZoneOffset: '+00:00', action: 'OBSERVE', epcList: [CONTAINER], bizStep: 'inspecting' };
    const state = foldAll([trip()[0]!, odd]);
    expect(state.status).toBe('departed');
    expect(state.timeline[1]!.text).toBe('Inspecting recorded');
  });
});

describe('a registration', () => {
  // Registered two days before the goods left Xi'an, naming Xi'an as where they will leave from.
  const registration: EpcisEvent = {
    type: 'ObjectEvent', eventID: 'R', eventTime: '2026-02-27T09:00:00.000Z', eventTimeZoneOffset: '+00:00', action: 'ADD',
    epcList: [CONTAINER], bizStep: BIZ_STEP.shipmentRegistering, readPoint: { id: sglnOf('xian') },
  };

  it('is paperwork: a planned shipment has no last location and no visit, and its timeline says it was registered', () => {
    const planned = foldAll([registration]);
    expect(planned.status).toBe('planned');
    expect(planned.lastLocation).toBeUndefined();
    expect(planned.visits).toEqual([]);
    expect(planned.timeline.map((entry) => entry.text)).toEqual(["Shipment registered, to leave from Xi'an (International Port) (CN)"]);
    expect(planned.timeline[0]!.place).toBeUndefined();
  });

  it('takes no last location from customs paperwork either: a declaration lodged and accepted at an office before the goods move', () => {
    const [, , , lodged, accepted] = trip();
    const declared = foldAll([registration, lodged!, accepted!]);
    expect(declared.status).toBe('planned');
    expect(declared.lastLocation).toBeUndefined();
    // The timeline still says where the paperwork was done.
    expect(declared.timeline.slice(1).map((entry) => entry.place)).toEqual(['Dostyk (KZ)', 'Dostyk (KZ)']);
  });

  it('does not start the dwell at the origin: the visit there begins with the first movement', () => {
    const [departed] = trip();
    const moving = foldAll([registration, departed!]);
    expect(moving.visits.find((v) => v.locationId === 'xian')?.firstAt).toBe(departed!.eventTime);
  });
});

describe('visits come from movement steps', () => {
  it('ends a stay at the crossing, not at a discharge captured days after the goods left', () => {
    const events = trip().slice(0, 9);
    // The transit declaration discharged at Dostyk's office ten days after the border was passed.
    const discharge = transit('discharge', { id: 'T-late', time: '2026-03-15T09:00:00.000Z', at: 'dostyk', units: [CONTAINER], fields: { country: 'KZ', customsOffice: 'KZ551100' } });
    const visit = foldAll([...events, discharge]).visits.find((v) => v.locationId === 'dostyk')!;
    // Arrived 2026-03-04T06:00, crossed 2026-03-05T14:00: a stay of 32 h, whatever paperwork follows.
    expect(visit).toEqual({ locationId: 'dostyk', firstAt: '2026-03-04T06:00:00.000Z', lastAt: '2026-03-05T14:00:00.000Z', leftAt: '2026-03-05T14:00:00.000Z' });
  });
});

describe('delay against a registered itinerary', () => {
  it('measures the latest planned point reached against its planned time', () => {
    const itinerary = [
      { mode: 'rail' as const, from: 'xian', to: 'dostyk', plannedDeparture: '2026-03-01T06:00:00.000Z', plannedArrival: '2026-03-03T18:00:00.000Z' },
      { mode: 'rail' as const, from: 'dostyk', to: 'aktau-port', plannedDeparture: '2026-03-04T12:00:00.000Z', plannedArrival: '2026-03-08T12:00:00.000Z' },
    ];
    let state: ShipmentState | undefined;
    for (const e of trip().slice(0, 3)) state = foldShipment(state, e, { ...context, itinerary });
    // Arrived at Dostyk 2026-03-04T06:00, planned 2026-03-03T18:00: 12 h late, 70 h after it left
    // Xi'an (2026-03-01T08:00, 2 h after the planned start).
    expect(state!.delay).toEqual({ hours: 12, plannedHours: 60, actualHours: 70, basis: 'registered itinerary' });
    for (const e of trip().slice(3, 9)) state = foldShipment(state, e, { ...context, itinerary });
    // Left Dostyk 2026-03-05T14:00, planned 2026-03-04T12:00.
    expect(state!.delay!.hours).toBe(26);
  });

  it('never gives a negative actual time: a shipment that left before its planned start is early, from when it left', () => {
    // Planned to leave Xi'an 46 h after it really did (2026-03-01T08:00).
    const itinerary = [
      { mode: 'rail' as const, from: 'xian', to: 'dostyk', plannedDeparture: '2026-03-03T06:00:00.000Z', plannedArrival: '2026-03-05T18:00:00.000Z' },
      { mode: 'rail' as const, from: 'dostyk', to: 'aktau-port', plannedDeparture: '2026-03-06T12:00:00.000Z', plannedArrival: '2026-03-10T12:00:00.000Z' },
    ];
    let state: ShipmentState | undefined;
    for (const e of trip().slice(0, 1)) state = foldShipment(state, e, { ...context, itinerary });
    // It left 46 h before the plan: 46 h early, no time elapsed on either clock.
    expect(state!.delay).toEqual({ hours: -46, plannedHours: 0, actualHours: 0, basis: 'registered itinerary' });
    for (const e of trip().slice(1, 3)) state = foldShipment(state, e, { ...context, itinerary });
    // At Dostyk 2026-03-04T06:00, planned 2026-03-05T18:00: 36 h early, after 70 h on the way.
    expect(state!.delay).toEqual({ hours: -36, plannedHours: 60, actualHours: 70, basis: 'registered itinerary' });
  });
});

describe('error declarations and who made them', () => {
  const reference = referenceData();
  const recorder = (id: string): Recorder => ({ kind: 'organisation', organisationId: id, keys: [`org:${id}`] });
  const factsBy = (event: EpcisEvent, id?: string) => eventFacts(event, reference, id ? { capturedBy: id, recorder: recorder(id) } : {});
  const [departed, position] = trip('E');
  const declared = (event: EpcisEvent): EpcisEvent => ({ ...event, errorDeclaration: { declarationTime: '2026-03-04T12:00:00.000Z', reason: 'incorrect_data' } });
  // What the fold made of the events: its timeline (a retracted event leaves it).
  const eventIDs = (facts: ReturnType<typeof factsBy>[]) => foldFacts(insertFacts([], facts), { reference }).timeline.map((entry) => entry.eventID);

  it("retracts an event only on its own recorder's declaration, or the node's", () => {
    const events = [factsBy(departed!, 'kz-rail'), factsBy(position!, 'kz-rail')];
    expect(eventIDs([...events, factsBy(declared(position!), 'rival')])).toEqual([departed!.eventID, position!.eventID]);
    expect(eventIDs([...events, factsBy(declared(position!), 'kz-rail')])).toEqual([departed!.eventID]);
    expect(eventIDs([...events, factsBy(declared(position!))])).toEqual([departed!.eventID]);
  });
});

describe('what events of organisations outside the audience may say', () => {
  const reference = referenceData();
  const port: Recorder = { kind: 'organisation', organisationId: 'tm-port', keys: ['org:tm-port', 'location:turkmenbashi-port'] };
  const [departed, position] = trip('O');
  const observed = eventFacts(
    { ...movement('delivered', { id: 'O-fake', time: '2026-02-01T00:00:00.000Z', at: 'turkmenbashi-port', docs: [{ type: 'https://ref.gs1.org/cbv/BTT-po', bizTransaction: 'https://ns.karvon.org/id/booking/FAKE-1' }] }) },
    reference,
    { capturedBy: 'tm-port', recorder: port },
  );
  const honest = [eventFacts(departed!, reference), eventFacts(position!, reference)];

  it('an observation is in the timeline, but renames nothing, adds no reference and changes no status', () => {
    const audience = new Set(['customs:KZ']);
    const withIt = foldFacts(insertFacts([], [...honest, observed]), { reference, audience });
    const without = foldFacts(insertFacts([], honest), { reference, audience });
    expect(withIt.timeline.map((t) => t.eventID)).toContain('O-fake');
    expect(withIt.id).toBe(without.id);
    expect(withIt.status).toBe(without.status);
    expect(withIt.references).toEqual(without.references);
    // Once the port stands in the shipment (its port on the plan), it says what the shipment is too.
    const standing = foldFacts(insertFacts([], [...honest, observed]), { reference, audience: new Set(['location:turkmenbashi-port']) });
    expect(standing.status).toBe('delivered');
  });

  it('takes its id from a number it holds as its own before one it learnt privately', () => {
    const early = eventFacts(movement('departed', { id: 'O0', time: '2026-02-01T00:00:00.000Z', at: 'xian', docs: [{ type: 'https://ref.gs1.org/cbv/BTT-po', bizTransaction: 'https://ns.karvon.org/id/booking/THEIRS-1' }] }), reference);
    const folded = foldFacts(insertFacts([], [...honest, early]), { reference, learnt: new Set(['https://ns.karvon.org/id/booking/THEIRS-1']) });
    expect(folded.id).toBe(foldFacts(insertFacts([], honest), { reference }).id);
    expect(foldFacts(insertFacts([], [...honest, early]), { reference }).id).toBe('booking:THEIRS-1');
  });
});

describe('customs paperwork and where the goods are on their corridor', () => {
  const events = trip();
  const upTo = (id: string) => events.slice(0, events.findIndex((e) => e.eventID === undefined ? false : e.eventID.endsWith(id)) + 1);
  const byId = (suffix: string) => events.find((e) => e.eventID?.endsWith(suffix))!;
  const withoutHold = events.filter((e) => !['T06', 'T07'].some((s) => e.eventID?.endsWith(s)));

  it('keeps goods released for transit at the border until a movement step says they left', () => {
    const released = foldAll(withoutHold.slice(0, withoutHold.indexOf(byId('T08')) + 1));
    expect(released.position).toMatchObject({ kind: 'at-stop', stop: 2 });
    expect(released.status).toBe('at-border');
    const passed = foldAll(withoutHold.slice(0, withoutHold.indexOf(byId('T09')) + 1));
    expect(passed.position).toMatchObject({ kind: 'on-leg', leg: 2, since: byId('T09').eventTime });
  });

  it('does not move the goods along the corridor for a declaration lodged at an office ahead of them', () => {
    const departed = byId('T01');
    const lodgedAhead = transit('lodge', { id: 'L1', time: '2026-03-01T09:00:00.000Z', at: 'aktau-port', docs: [], units: [CONTAINER], fields: { country: 'KZ', customsOffice: 'KZ551200' } });
    expect(foldAll([departed, lodgedAhead]).position).toEqual(foldAll([departed]).position);
  });

  it('reads customs arrival at an office short of the destination as the end of that declaration, not of the journey', () => {
    const unloaded = upTo('T11');
    const arriveAtAlat = transit('arrive', { id: 'A1', time: '2026-03-11T10:00:00.000Z', at: 'alat-port', docs: [], units: [CONTAINER], fields: { country: 'AZ', customsOffice: 'AZ1000' } });
    const short = foldAll([...unloaded, arriveAtAlat]);
    expect(short.status).toBe('in-transit');
    expect(short.arrivedAt).toBeUndefined();
    const arriveAtPoti = transit('arrive', { id: 'A2', time: '2026-03-13T10:00:00.000Z', at: 'poti-port', docs: [], units: [CONTAINER], fields: { country: 'GE', customsOffice: 'GE1000' } });
    const there = foldAll([...unloaded, arriveAtAlat, arriveAtPoti]);
    expect(there.status).toBe('arrived');
    expect(there.arrivedAt).toBe('2026-03-13T10:00:00.000Z');
  });
});
