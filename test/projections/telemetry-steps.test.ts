// A shipment folded with the events the telemetry pipeline derives from its units' positions
// (docs/epcis-profile.md, 4.5): a GPS arrival at a border crossing shows "at" the crossing, leaving a
// place clears it without making the shipment departed, and route, signal and seal conditions show
// in the timeline without moving the goods or changing their status.
import { describe, expect, it } from 'vitest';
import { DISPOSITION } from '../../src/domain/index.js';
import { eventHashId } from '../../src/epcis/hash/index.js';
import type { EpcisEvent } from '../../src/epcis/model.js';
import { eventFacts } from '../../src/projections/event-facts.js';
import { foldShipment } from '../../src/projections/fold-shipment.js';
import type { ShipmentState } from '../../src/projections/shipment-state.js';
import { referenceData } from '../../src/reference/index.js';
import {
  borderCrossingEvent, placeArrivalEvent, placeDepartureEvent, routeDeviationEvent, routeRejoinedEvent, sealStatusEvent, signalLostEvent, signalRecoveredEvent,
  type DerivedSubject,
} from '../../src/telemetry/derived-events.js';
import { CONTAINER, CORRIDOR, doc, movement, sglnOf, transit, trip } from './profile-events.js';

const reference = referenceData();
const subject: DerivedSubject = { deviceId: 'seal-7', epcs: [CONTAINER], documents: [doc.smgs('70012345')], corridor: CORRIDOR };
const hour = (dayOffset: number, h: number, m = 0) => Date.UTC(2026, 2, 1 + dayOffset, h, m);
const DOSTYK: [number, number] = [82.52, 45.25];

/** As capture stores it: with its hash id. */
const captured = (event: EpcisEvent): EpcisEvent => ({ ...event, eventID: eventHashId(event) });

function fold(events: readonly EpcisEvent[]): ShipmentState {
  let state: ShipmentState | undefined;
  for (const e of events) state = foldShipment(state, e, { reference });
  return state!;
}

const [departed, onTheWay] = trip();
const gpsAtDostyk = captured(placeArrivalEvent(subject, { at: hour(3, 1), place: { sgln: sglnOf('dostyk'), kind: 'border-crossing' }, country: 'KZ', lonLat: DOSTYK }));
const gpsLeftDostyk = captured(placeDepartureEvent(subject, { at: hour(4, 15), place: { sgln: sglnOf('dostyk'), kind: 'border-crossing' }, country: 'KZ', lonLat: DOSTYK }));
const sealBreached = captured(sealStatusEvent(subject, { at: hour(3, 4), codes: ['01'], previous: [], lonLat: DOSTYK, country: 'KZ' }));

describe('places told by positions', () => {
  it('a GPS arrival at a border crossing puts the shipment at the border, there since then', () => {
    const state = fold([departed!, onTheWay!, gpsAtDostyk]);
    expect(state.status).toBe('at-border');
    expect(state.current).toEqual({ locationId: 'dostyk', since: gpsAtDostyk.eventTime, country: 'KZ' });
    expect(state.timeline.at(-1)).toMatchObject({ text: 'Arrived at Dostyk border crossing (KZ)', what: { kind: 'arrived-at-border', device: 'seal-7' } });
  });

  it('leaving the crossing clears where the goods stand, and closes their visit', () => {
    const state = fold([departed!, onTheWay!, gpsAtDostyk, gpsLeftDostyk]);
    expect(state.current?.locationId).toBeUndefined();
    expect(state.visits.find((v) => v.locationId === 'dostyk')).toMatchObject({ firstAt: gpsAtDostyk.eventTime, leftAt: gpsLeftDostyk.eventTime });
    expect(state.timeline.at(-1)).toMatchObject({ text: 'Left Dostyk (KZ)', what: { kind: 'left-place' } });
  });

  it('leaving the origin terminal is not the departure: the shipment stays planned', () => {
    const xian = { sgln: sglnOf('xian'), kind: 'terminal' as const };
    const entered = captured(placeArrivalEvent(subject, { at: hour(0, 2), place: xian, country: 'CN', lonLat: [108.9, 34.3] }));
    const left = captured(placeDepartureEvent(subject, { at: hour(0, 5), place: xian, country: 'CN', lonLat: [108.9, 34.3] }));
    const atTerminal = fold([entered]);
    expect(atTerminal.status).toBe('planned');
    expect(atTerminal.current).toEqual({ locationId: 'xian', since: entered.eventTime, country: 'CN' });
    expect(atTerminal.timeline[0]).toMatchObject({ text: "Arrived at Xi'an (International Port) (CN)", what: { kind: 'arrived-at-place' } });
    const gone = fold([entered, left]);
    expect(gone.status).toBe('planned');
    expect(gone.departedAt).toBeUndefined();
    expect(gone.current?.locationId).toBeUndefined();
    // Then the carrier's departure is what makes it departed.
    expect(fold([entered, left, departed!]).status).toBe('departed');
  });

  it('leaving another place that overlaps does not clear the crossing the goods stand at', () => {
    const yard = captured(placeDepartureEvent(subject, { at: hour(3, 2), place: { sgln: sglnOf('almaty'), kind: 'terminal' }, country: 'KZ', lonLat: DOSTYK }));
    expect(fold([departed!, onTheWay!, gpsAtDostyk, yard]).current).toEqual({ locationId: 'dostyk', since: gpsAtDostyk.eventTime, country: 'KZ' });
  });
});

describe('borders told by positions', () => {
  it('a crossing away from any crossing point tells the country the goods are in until they are placed otherwise', () => {
    // The Xi'an - Dostyk leg runs within China to the border: without the crossing no country would say KZ.
    const crossed = captured(borderCrossingEvent(subject, { at: hour(2, 20), from: 'CN', to: 'KZ', lonLat: [82.6, 45.2] }));
    const state = fold([departed!, onTheWay!, crossed]);
    expect(state.status).toBe('in-transit');
    expect(state.current).toEqual({ country: 'KZ' });
    expect(state.timeline.at(-1)!.text).toBe('Crossed the border at 45.2000, 82.6000');
    expect(fold([departed!, onTheWay!, crossed, gpsAtDostyk]).current).toEqual({ locationId: 'dostyk', since: gpsAtDostyk.eventTime, country: 'KZ' });
    const reportedLater = movement('position-reported', { id: 'P9', time: new Date(hour(2, 22)).toISOString(), at: 'geo:44.90,82.00', fields: { transportMode: 'rail', legIndex: 1 } });
    expect(fold([departed!, onTheWay!, crossed, reportedLater]).current).toEqual({ country: 'CN' });
  });
});

describe('conditions of the unit', () => {
  it('a breached seal shows in the timeline with its codes, and changes neither status nor place', () => {
    const before = fold([departed!, onTheWay!, gpsAtDostyk]);
    const state = fold([departed!, onTheWay!, gpsAtDostyk, sealBreached]);
    expect(state.status).toBe('at-border');
    expect(state.current).toEqual(before.current);
    expect(state.lastLocation).toEqual(before.lastLocation);
    expect(state.position).toEqual(before.position);
    const entry = state.timeline.at(-1)!;
    expect(entry.what).toMatchObject({ kind: 'seal-status', sealCodes: ['01'], device: 'seal-7' });
    expect(entry.text).toBe('Seal alarm: sealing element breached (01) at 45.2500, 82.5200');
    expect(eventFacts(sealBreached, reference).disposition).toBe(DISPOSITION.containerOpen);
  });

  it('a seal reporting all clear says so', () => {
    const cleared = captured(sealStatusEvent(subject, { at: hour(3, 6), codes: [], previous: ['01'], lonLat: DOSTYK, country: 'KZ' }));
    const entry = fold([departed!, onTheWay!, sealBreached, cleared]).timeline.at(-1)!;
    expect(entry.what).toMatchObject({ kind: 'seal-status', sealCodes: [] });
    expect(entry.text).toBe('Seal reports all clear at 45.2500, 82.5200');
  });

  it('do not lift a customs hold', () => {
    const hold = transit('hold', { id: 'H1', time: new Date(hour(3, 3)).toISOString(), at: 'dostyk', fields: { country: 'KZ', customsOffice: 'KZ551100', holdReason: 'seal check' } });
    const lost = captured(signalLostEvent(subject, { at: hour(3, 8), lastFixTime: hour(3, 7), lonLat: DOSTYK, periodS: 1800, country: 'KZ' }));
    expect(fold([departed!, onTheWay!, gpsAtDostyk, hold, sealBreached, lost]).status).toBe('held-by-customs');
  });

  it('route and signal events are phrased with their distances and times, and keep the status and place', () => {
    const far: [number, number] = [84.1, 46.0];
    const events = [
      captured(routeDeviationEvent(subject, { at: hour(5, 9), distanceKm: 72.43, thresholdKm: 50, lonLat: far, country: 'KZ' })),
      captured(routeRejoinedEvent(subject, { at: hour(5, 12), lonLat: far, country: 'KZ', thresholdKm: 50 })),
      captured(signalLostEvent(subject, { at: hour(5, 14), lastFixTime: hour(5, 13), lonLat: far, periodS: 1800, country: 'KZ' })),
      captured(signalRecoveredEvent(subject, { at: hour(5, 17, 5), lonLat: far, gapS: 4 * 3600 + 5 * 60, country: 'KZ' })),
    ];
    const before = fold([departed!, onTheWay!, gpsAtDostyk, gpsLeftDostyk]);
    const state = fold([departed!, onTheWay!, gpsAtDostyk, gpsLeftDostyk, ...events]);
    expect(state.status).toBe(before.status);
    expect(state.current).toEqual(before.current);
    expect(state.lastLocation).toEqual(before.lastLocation);
    expect(state.timeline.slice(-4).map((e) => e.text)).toEqual([
      'Off the route by 72.4 km (threshold 50 km) at 46.0000, 84.1000',
      'Back on the route at 46.0000, 84.1000',
      `Tracker signal lost at 46.0000, 84.1000 (last fix ${new Date(hour(5, 13)).toISOString()})`,
      'Tracker signal recovered after 4 h 5 min at 46.0000, 84.1000',
    ]);
    expect(state.timeline.slice(-4).map((e) => e.what)).toMatchObject([
      { kind: 'route-deviation', deviationKm: 72.4, thresholdKm: 50 },
      { kind: 'route-rejoined', thresholdKm: 50 },
      { kind: 'signal-lost', lastFixTime: new Date(hour(5, 13)).toISOString() },
      { kind: 'signal-recovered', signalGapS: 14700 },
    ]);
  });
});
