// Each detector is a pure function of one event: what it raises, what clears it, what it leaves alone.
import { describe, expect, it } from 'vitest';
import { DETECTORS } from '../../src/alerts/detectors/index.js';
import { containerIri } from '../../src/domain/index.js';
import type { EpcisEvent } from '../../src/epcis/model.js';
import { routeDeviationEvent, routeRejoinedEvent, sealStatusEvent, signalLostEvent, signalRecoveredEvent } from '../../src/telemetry/derived-events.js';

const unit = containerIri('MSKU0000010');
const subject = { deviceId: 'seal-1', epcs: [unit], documents: [] };
const at = Date.parse('2026-12-01T10:00:00Z');
const here = [80.3, 44.2] as const;
const signals = (event: EpcisEvent) => DETECTORS.flatMap((detect) => detect(event));

describe('the detectors', () => {
  it('raise a critical seal breach for codes 01, 02 and 07, with the unit and device', () => {
    for (const code of ['01', '02', '07'] as const) {
      const found = signals(sealStatusEvent(subject, { at, codes: [code], previous: [], lonLat: here }));
      expect(found.filter((s) => s.kind === 'seal-breached')).toEqual([
        expect.objectContaining({ action: 'raise', severity: 'critical', unitEpc: unit, deviceId: 'seal-1', details: expect.objectContaining({ sealCodes: [code] }) }),
      ]);
    }
    // A route code or an all-clear is no breach; an all-clear does not resolve a breach either.
    expect(signals(sealStatusEvent(subject, { at, codes: ['03'], previous: [], lonLat: here })).some((s) => s.kind === 'seal-breached')).toBe(false);
    expect(signals(sealStatusEvent(subject, { at, codes: [], previous: ['01'], lonLat: here })).some((s) => s.kind === 'seal-breached')).toBe(false);
  });

  it('read a partner tool\'s event that says the container is open, however the disposition is written', () => {
    for (const disposition of ['container_open', 'urn:epcglobal:cbv:disp:container_open', 'https://ref.gs1.org/cbv/Disp-container_open']) {
      const event = { type: 'ObjectEvent', eventTime: '2026-12-01T10:00:00Z', eventTimeZoneOffset: '+00:00', epcList: [unit], action: 'OBSERVE', disposition } as EpcisEvent;
      expect(signals(event)).toEqual([expect.objectContaining({ kind: 'seal-breached', action: 'raise', unitEpc: unit })]);
    }
  });

  it('raise a seal breach for an incident that puts a new seal on the unit', () => {
    const incident = {
      type: 'ObjectEvent', eventTime: '2026-12-01T10:00:00Z', eventTimeZoneOffset: '+00:00', epcList: [unit], action: 'OBSERVE',
      bizStep: 'https://ns.karvon.org/epcis/bizstep/incident_reporting', disposition: 'damaged',
      'krv:movementStep': 'incident', 'krv:sealNumber': 'KZ0012347', 'krv:reason': 'seal KZ0012346 found broken at a stop; resealed with KZ0012347',
    } as EpcisEvent;
    expect(signals(incident)).toEqual([
      expect.objectContaining({ kind: 'seal-breached', severity: 'critical', details: { newSealNumber: 'KZ0012347', reason: 'seal KZ0012346 found broken at a stop; resealed with KZ0012347' } }),
    ]);
    // An incident without a new seal (a delay, damage) is no seal breach.
    expect(signals({ ...incident, 'krv:sealNumber': undefined } as unknown as EpcisEvent)).toEqual([]);
  });

  it('raise and clear route deviation, signal loss and low battery; delivery clears them', () => {
    expect(signals(routeDeviationEvent(subject, { at, distanceKm: 62.4, thresholdKm: 50, lonLat: here }))).toEqual([
      expect.objectContaining({ kind: 'route-deviation', action: 'raise', details: { distanceKm: 62.4, thresholdKm: 50 } }),
    ]);
    expect(signals(routeRejoinedEvent(subject, { at, lonLat: here }))).toEqual([expect.objectContaining({ kind: 'route-deviation', action: 'clear' })]);
    expect(signals(signalLostEvent(subject, { at, lastFixTime: at - 600_000, lonLat: here, periodS: 300 }))).toEqual([expect.objectContaining({ kind: 'signal-lost', action: 'raise' })]);
    expect(signals(signalRecoveredEvent(subject, { at, lonLat: here, gapS: 900 }))).toEqual([expect.objectContaining({ kind: 'signal-lost', action: 'clear' })]);
    const low = signals(sealStatusEvent(subject, { at, codes: ['05'], previous: [], lonLat: here }));
    expect(low).toEqual([expect.objectContaining({ kind: 'low-battery', action: 'raise', severity: 'info' })]);
    expect(signals(sealStatusEvent(subject, { at, codes: [], previous: ['05'], lonLat: here }))).toEqual([expect.objectContaining({ kind: 'low-battery', action: 'clear' })]);
    const delivered = { type: 'ObjectEvent', eventTime: '2026-12-02T10:00:00Z', eventTimeZoneOffset: '+00:00', epcList: [unit], action: 'OBSERVE', bizStep: 'receiving', 'krv:movementStep': 'delivered' } as EpcisEvent;
    expect(signals(delivered).map((s) => `${s.kind}:${s.action}`).sort()).toEqual(['border-dwell:clear', 'customs-hold:clear', 'low-battery:clear', 'route-deviation:clear', 'signal-lost:clear']);
  });

  it('raise a customs hold with its reason, cleared by the release', () => {
    const hold = { type: 'ObjectEvent', eventTime: '2026-12-01T10:00:00Z', eventTimeZoneOffset: '+00:00', epcList: [unit], action: 'OBSERVE', bizStep: 'holding', 'krv:transitStep': 'hold', 'krv:holdReason': 'seal KZ0012346 differs from the declaration' } as EpcisEvent;
    expect(signals(hold)).toEqual([expect.objectContaining({ kind: 'customs-hold', action: 'raise', summary: 'Held by customs: seal KZ0012346 differs from the declaration' })]);
    const release = { ...hold, bizStep: 'https://ns.karvon.org/epcis/bizstep/customs_releasing', 'krv:transitStep': 'release-from-hold' } as EpcisEvent;
    delete (release as Record<string, unknown>)['krv:holdReason'];
    expect(signals(release)).toEqual([expect.objectContaining({ kind: 'customs-hold', action: 'clear' })]);
  });

  it('raise a sensor excursion for an alarm, not for a seal code or a device error', () => {
    const reading = (exception: string, type = 'gs1:Temperature') => ({
      type: 'ObjectEvent', eventTime: '2026-12-01T10:00:00Z', eventTimeZoneOffset: '+00:00', epcList: [unit], action: 'OBSERVE',
      sensorElementList: [{ sensorReport: [{ type, value: 31.5, uom: 'CEL', exception }] }],
    }) as unknown as EpcisEvent;
    expect(signals(reading('ALARM_CONDITION'))).toEqual([expect.objectContaining({ kind: 'sensor-excursion', summary: 'Sensor alarm: Temperature 31.5 CEL' })]);
    expect(signals(reading('ERROR_CONDITION'))).toEqual([]);
    expect(signals({ type: 'ObjectEvent', eventTime: '2026-12-01T10:00:00Z', eventTimeZoneOffset: '+00:00', epcList: [unit], action: 'OBSERVE', bizStep: 'departing' } as EpcisEvent)).toEqual([]);
  });
});
