// The events the telemetry pipeline derives from positions: each builder writes its step of the
// Karvon profile (docs/epcis-profile.md, 4.5) as an event our validator accepts, says that a device
// and not a person reported it, and writes the same input the same way so a replay is a duplicate.
import { describe, expect, it } from 'vitest';
import {
  BIZ_STEP, DISPOSITION, EXTENSION_FIELD, KARVON_NS, MOVEMENT_STEP_EVENT, SEAL_STATUS_CODES, containerIri, deviceIri, documentIri,
  BIZ_TRANSACTION_TYPE, profileStepOf, sealCodeIri, type MovementStepKind,
} from '../../src/domain/index.js';
import { eventHashId } from '../../src/epcis/hash/index.js';
import type { EpcisEvent } from '../../src/epcis/model.js';
import { validateEvent } from '../../src/epcis/validate/index.js';
import { SEAL_CODES } from '../../src/model/telemetry.js';
import { locationById } from '../../src/reference/index.js';
import {
  borderCrossingEvent, geoUri, placeArrivalEvent, placeDepartureEvent, routeDeviationEvent, routeRejoinedEvent, sealStatusEvent,
  signalLostEvent, signalRecoveredEvent, type DerivedSubject,
} from '../../src/telemetry/derived-events.js';

const CONTAINER = containerIri('MSKU1234565');
const subject: DerivedSubject = {
  deviceId: 'seal-KZ-0042',
  epcs: [CONTAINER],
  documents: [{ type: BIZ_TRANSACTION_TYPE.transitDeclaration, bizTransaction: documentIri('mrn', '25KZ551100T0047113') }],
  corridor: 'middle-corridor-dostyk',
};
const khorgos = locationById('khorgos')!;
const at = Date.UTC(2026, 2, 4, 6, 30, 15, 750);
const lonLat = [80.2661, 44.2121] as const;

const krv = (event: EpcisEvent, name: keyof typeof EXTENSION_FIELD) => event[`krv:${name}`];
const stepOf = (event: EpcisEvent) => profileStepOf({ bizStep: event.bizStep, movementStep: krv(event, 'movementStep') as string });

/** One of each builder, as the pipeline would call it. */
const built: ReadonlyArray<readonly [MovementStepKind, EpcisEvent]> = [
  ['arrived-at-border', placeArrivalEvent(subject, { at, place: { sgln: khorgos.sgln, kind: 'border-crossing' }, country: 'KZ', lonLat })],
  ['arrived-at-place', placeArrivalEvent(subject, { at, place: { sgln: 'urn:epc:id:sgln:4870001.00999.0', kind: 'terminal' }, country: 'KZ', lonLat })],
  ['left-place', placeDepartureEvent(subject, { at, place: { sgln: khorgos.sgln, kind: 'border-crossing' }, country: 'KZ', lonLat })],
  ['border-passed', borderCrossingEvent(subject, { at, from: 'CN', to: 'KZ', placeSgln: khorgos.sgln, lonLat })],
  ['route-deviation', routeDeviationEvent(subject, { at, distanceKm: 72.43, thresholdKm: 50, lonLat, country: 'KZ' })],
  ['route-rejoined', routeRejoinedEvent(subject, { at, lonLat, country: 'KZ' })],
  ['signal-lost', signalLostEvent(subject, { at, lastFixTime: at - 2 * 600_000, lonLat, periodS: 600, country: 'KZ' })],
  ['signal-recovered', signalRecoveredEvent(subject, { at, lonLat, gapS: 5400, country: 'KZ' })],
  ['seal-status', sealStatusEvent(subject, { at, codes: ['01'], previous: [], lonLat, country: 'KZ', batteryPct: 64 })],
];

describe('derived events', () => {
  it.each(built)('%s is a valid EPCIS event of its profile step, from a device', (step, event) => {
    expect(validateEvent(event)).toEqual([]);
    const shape = MOVEMENT_STEP_EVENT[step];
    expect(event.type).toBe(shape.eventType);
    expect(event.action).toBe(shape.action);
    expect(event.bizStep).toBe(shape.bizStep);
    if (shape.dispositionChoices) expect(shape.dispositionChoices).toContain(event.disposition);
    else expect(event.disposition).toBe(shape.disposition);
    expect(stepOf(event)).toEqual({ source: 'movement', kind: step });
    expect(event.epcList).toEqual([CONTAINER]);
    expect(event.bizTransactionList).toEqual(subject.documents);
    expect(krv(event, 'device')).toBe('seal-KZ-0042');
    expect(krv(event, 'derived')).toBe('telemetry');
    expect(krv(event, 'corridor')).toBe('middle-corridor-dostyk');
    expect(event['@context']).toEqual({ krv: KARVON_NS });
    // Every extension field it writes is one of the profile's.
    for (const key of Object.keys(event).filter((k) => k.startsWith('krv:'))) expect(Object.keys(EXTENSION_FIELD)).toContain(key.slice(4));
  });

  it('is written in the local time of the country, to the second', () => {
    const [, arrival] = built[0]!;
    expect(arrival.eventTime).toBe('2026-03-04T11:30:15+05:00');
    expect(arrival.eventTimeZoneOffset).toBe('+05:00');
    expect(krv(arrival, 'country')).toBe('KZ');
    // Without a country: UTC.
    const unplaced = routeRejoinedEvent(subject, { at, lonLat });
    expect(unplaced.eventTime).toBe('2026-03-04T06:30:15+00:00');
    expect(krv(unplaced, 'country')).toBeUndefined();
  });

  it('gives the same event, and so the same hash id, for the same input: a replay is a duplicate', () => {
    const again = [
      placeArrivalEvent(subject, { at, place: { sgln: khorgos.sgln, kind: 'border-crossing' }, country: 'KZ', lonLat }),
      sealStatusEvent(subject, { at, codes: ['01'], previous: [], lonLat, country: 'KZ', batteryPct: 64 }),
    ];
    expect(eventHashId(again[0]!)).toBe(eventHashId(built[0]![1]));
    expect(eventHashId(again[1]!)).toBe(eventHashId(built[8]![1]));
    // Same seal codes in another order, the same instant to the millisecond: the same event.
    const reordered = sealStatusEvent(subject, { at: at + 100, codes: ['07', '01', '07'], previous: [], lonLat, country: 'KZ' });
    const ordered = sealStatusEvent(subject, { at, codes: ['01', '07'], previous: [], lonLat, country: 'KZ' });
    expect(eventHashId(reordered)).toBe(eventHashId(ordered));
    // Another position is another event.
    const elsewhere = placeArrivalEvent(subject, { at: at + 60_000, place: { sgln: khorgos.sgln, kind: 'border-crossing' }, country: 'KZ', lonLat });
    expect(eventHashId(elsewhere)).not.toBe(eventHashId(built[0]![1]));
  });
});

describe('place events', () => {
  it('read at the place: readPoint and bizLocation are its SGLN', () => {
    for (const [step, event] of built.slice(0, 3)) {
      expect(event.readPoint, step).toEqual({ id: event === built[1]![1] ? 'urn:epc:id:sgln:4870001.00999.0' : khorgos.sgln });
      expect(event.bizLocation, step).toEqual(event.readPoint);
    }
  });

  it('a port is a border arrival like a crossing; a user place an arrival at a place; leaving is never departing', () => {
    const port = placeArrivalEvent(subject, { at, place: { sgln: locationById('aktau-port')!.sgln, kind: 'port' }, country: 'KZ', lonLat });
    expect(krv(port, 'movementStep')).toBe('arrived-at-border');
    const user = placeArrivalEvent(subject, { at, place: { sgln: 'urn:epc:id:sgln:4870001.00998.0', kind: 'user' }, lonLat });
    expect(krv(user, 'movementStep')).toBe('arrived-at-place');
    const left = built[2]![1];
    expect(left.bizStep).toBe(BIZ_STEP.departing);
    // The bizStep alone would read as the shipment's departure; krv:movementStep says otherwise, and
    // without it a departing event is still read as departed (partners' events are unchanged).
    expect(stepOf(left)).toEqual({ source: 'movement', kind: 'left-place' });
    expect(profileStepOf({ bizStep: left.bizStep })).toEqual({ source: 'movement', kind: 'departed' });
  });

  it('a border crossing states the new country, at the crossing when inside one, else where the unit was', () => {
    const [, inside] = built[3]!;
    expect(krv(inside, 'country')).toBe('KZ');
    expect(inside.readPoint).toEqual({ id: khorgos.sgln });
    const outside = borderCrossingEvent(subject, { at, from: 'KZ', to: 'KG', lonLat: [74.5, 42.9] });
    expect(outside.readPoint).toEqual({ id: 'geo:42.90000,74.50000' });
    expect(outside.bizLocation).toBeUndefined();
    expect(krv(outside, 'country')).toBe('KG');
    expect(outside.eventTimeZoneOffset).toBe('+06:00');
    expect(validateEvent(outside)).toEqual([]);
  });
});

describe('route and signal events', () => {
  it('are read where the unit was, a geo: URI', () => {
    expect(geoUri(lonLat)).toBe('geo:44.21210,80.26610');
    for (const [step, event] of built.slice(4, 8)) {
      expect(event.readPoint, step).toEqual({ id: 'geo:44.21210,80.26610' });
      expect(event.bizLocation, step).toBeUndefined();
    }
  });

  it('a deviation says how far off the route, against which threshold', () => {
    const [, deviation] = built[4]!;
    expect(krv(deviation, 'deviationKm')).toBe(72.4);
    expect(krv(deviation, 'thresholdKm')).toBe(50);
  });

  it('a signal loss says when the last position was fixed and the reporting period; a recovery how long it was silent', () => {
    const [, lost] = built[6]!;
    expect(krv(lost, 'lastFixTime')).toBe(new Date(at - 1_200_000).toISOString());
    expect(krv(lost, 'reportingPeriodS')).toBe(600);
    expect(krv(built[7]![1], 'signalGapS')).toBe(5400);
  });
});

describe('seal status events', () => {
  const seal = (codes: readonly (typeof SEAL_CODES)[number][], previous: readonly (typeof SEAL_CODES)[number][], batteryPct?: number) =>
    sealStatusEvent(subject, { at, codes, previous, lonLat, country: 'KZ', ...(batteryPct !== undefined ? { batteryPct } : {}) });

  it('the profile knows the same seal codes as the readings', () => {
    expect([...SEAL_STATUS_CODES]).toEqual([...SEAL_CODES]);
  });

  it('carry the codes raised and cleared as sensor alarms, and the battery, from the seal as device', () => {
    const event = seal(['05'], ['01'], 12.4);
    expect(event.bizStep).toBe('https://ref.gs1.org/cbv/BizStep-sensor_reporting');
    expect(event.sensorElementList).toEqual([
      {
        sensorMetadata: { time: event.eventTime, deviceID: deviceIri('seal-KZ-0042') },
        sensorReport: [
          { exception: 'ALARM_CONDITION', uriValue: sealCodeIri('01'), booleanValue: false },
          { exception: 'ALARM_CONDITION', uriValue: sealCodeIri('05'), booleanValue: true },
          { type: 'Dimensionless', value: 12, uom: 'P1' },
        ],
      },
    ]);
    expect(validateEvent(event)).toEqual([]);
    expect(deviceIri('seal-KZ-0042')).toBe('https://ns.karvon.org/id/device/seal-KZ-0042');
  });

  it('a seal with nothing raised now or before reports every code clear', () => {
    const reports = seal([], []).sensorElementList![0]!.sensorReport;
    expect(reports.map((r) => [r.uriValue, r.booleanValue])).toEqual(SEAL_CODES.map((c) => [sealCodeIri(c), false]));
    expect(reports.find((r) => r.uriValue === sealCodeIri('04'))!.exception).toBe('ERROR_CONDITION');
  });

  it('take the disposition the codes give the unit', () => {
    expect(seal(['01'], []).disposition).toBe(DISPOSITION.containerOpen);
    expect(seal(['01', '02'], []).disposition).toBe(DISPOSITION.containerOpen);
    expect(seal(['02'], []).disposition).toBe(DISPOSITION.unknown);
    expect(seal(['07'], ['05']).disposition).toBe(DISPOSITION.unknown);
    expect(seal([], ['01']).disposition).toBe(DISPOSITION.containerClosed);
    expect(seal(['05'], ['01']).disposition).toBe(DISPOSITION.containerClosed);
    expect(seal(['03', '05'], []).disposition).toBe(DISPOSITION.inTransit);
    expect(seal([], ['06']).disposition).toBe(DISPOSITION.inTransit);
    for (const event of [seal(['01'], []), seal(['02'], []), seal([], ['01']), seal([], [])]) expect(validateEvent(event)).toEqual([]);
  });
});
