// Each timeline entry carries what happened as data (`what`), and its English `text` is that data
// phrased: for every kind of step, the parameters the web app needs to phrase it in another language
// are there, and the sentence says nothing the data does not.
import { describe, expect, it } from 'vitest';
import { BIZ_STEP, compactExtensionField, KARVON_NS, vehicleIri } from '../../src/domain/epcis-profile.js';
import { MOVEMENT_STEPS } from '../../src/domain/status/shipment-status.js';
import { TRANSIT_STEP_KINDS } from '../../src/domain/transit/transit-transitions.js';
import type { EpcisEvent } from '../../src/epcis/model.js';
import type { Recorder } from '../../src/model/visibility-scope.js';
import { eventFacts } from '../../src/projections/event-facts.js';
import { foldFacts, insertFacts } from '../../src/projections/fold-shipment.js';
import { sentenceOf } from '../../src/projections/timeline-text.js';
import { carrierOf, TIMELINE_KINDS, whatOf, type TimelineWhat } from '../../src/projections/timeline-what.js';
import { referenceData } from '../../src/reference/index.js';
import { MRN, VESSEL, movement, sglnOf, transit, trip } from './profile-events.js';

const reference = referenceData();
const facts = (event: EpcisEvent) => eventFacts(event, reference);
const time = '2026-03-04T06:00:00.000Z';
const dostyk = { kind: 'location', locationId: 'dostyk', name: 'Dostyk', country: 'KZ', locationKind: 'border-crossing' } as const;

describe('what a movement step says', () => {
  it('names the step, the reference place and its country for every movement step', () => {
    for (const kind of MOVEMENT_STEPS) {
      const what = whatOf(facts(movement(kind, { id: kind, time, at: 'dostyk', fields: { country: 'KZ' } })));
      expect(what.kind, kind).toBe(kind);
      expect(what.place, kind).toEqual(dostyk);
      expect(what.country, kind).toBe('KZ');
    }
  });

  it('gives a point as latitude and longitude', () => {
    const what = whatOf(facts(movement('position-reported', { id: 'P', time, at: 'geo:43.80,87.60' })));
    expect(what).toEqual({ kind: 'position-reported', place: { kind: 'geo', lat: 43.8, lon: 87.6 } });
    expect(sentenceOf(what)).toBe('Position reported at 43.8000, 87.6000');
  });

  it('names the vessel of a ferry by its IMO number, and a truck by country and plate', () => {
    const loaded = whatOf(facts(movement('loaded-on-ferry', { id: 'L', time, at: 'aktau-port', fields: { country: 'KZ' } })));
    expect(loaded).toMatchObject({ kind: 'loaded-on-ferry', carrier: { kind: 'vessel', id: '9074729' }, place: { locationId: 'aktau-port' } });
    expect(sentenceOf(loaded)).toBe('Loaded on ferry IMO 9074729 at Aktau Port (KZ)');
    expect(carrierOf(VESSEL)).toEqual({ kind: 'vessel', id: '9074729' });
    expect(carrierOf(vehicleIri('KZ', '123 ABC 02'))).toEqual({ kind: 'vehicle', id: 'KZ 123 ABC 02' });
    const transshipped = whatOf(facts(movement('transshipped', { id: 'X', time, at: 'alat-port', parent: vehicleIri('AZ', '10-AB-123') })));
    expect(transshipped.carrier).toEqual({ kind: 'vehicle', id: 'AZ 10-AB-123' });
    expect(sentenceOf(transshipped)).toBe('Transshipped to AZ 10-AB-123 at Baku International Sea Trade Port (Alat) (AZ)');
  });

  it('keeps the reason of an incident', () => {
    const what = whatOf(facts(movement('incident', { id: 'I', time, at: 'dostyk', fields: { country: 'KZ', reason: 'brake failure' } })));
    expect(what).toMatchObject({ kind: 'incident', reason: 'brake failure' });
    expect(sentenceOf(what)).toBe('Incident at Dostyk (KZ): brake failure');
  });
});

describe('what a customs transit step says', () => {
  it('names every transit step under transit.<step>, with the customs office', () => {
    for (const kind of TRANSIT_STEP_KINDS) {
      const what = whatOf(facts(transit(kind, { id: kind, time, at: 'dostyk', fields: { country: 'KZ', customsOffice: 'KZ551100' } })));
      expect(what.kind, kind).toBe(`transit.${kind}`);
      expect(what.office, kind).toBe('KZ551100');
      expect(what.country, kind).toBe('KZ');
    }
  });

  it('carries the MRN of an acceptance, the reason of a hold, rejection or cancellation, the kind of a control', () => {
    const at = (kind: Parameters<typeof transit>[0], fields: Record<string, string>) =>
      whatOf(facts(transit(kind, { id: kind, time, at: 'dostyk', fields: { country: 'KZ', customsOffice: 'KZ551100', ...fields } })), MRN);
    expect(at('accept', {}).mrn).toBe(MRN);
    expect(at('lodge', {}).mrn).toBeUndefined();
    expect(at('hold', { holdReason: 'seal broken' }).reason).toBe('seal broken');
    expect(at('reject', { reason: 'guarantee missing' }).reason).toBe('guarantee missing');
    expect(at('cancel', { reason: 'withdrawn' }).reason).toBe('withdrawn');
    const control = at('control', { controlKind: 'scanning' });
    expect(control.controlKind).toBe('scanning');
    expect(sentenceOf(control)).toBe('Customs control (scanning) by KZ551100');
  });
});

describe('what registration paperwork and unknown events say', () => {
  const forwarder: Recorder = { kind: 'organisation', organisationId: 'kz-forwarder', keys: ['org:kz-forwarder'] };
  const carrier: Recorder = { kind: 'organisation', organisationId: 'kz-carrier', keys: ['org:kz-carrier'] };
  let sequence = 0;
  const act = (id: string, bizStep: string, recorder: Recorder, extra: Record<string, unknown> = {}) =>
    eventFacts(
      { type: 'ObjectEvent', eventID: id, eventTime: `2026-02-2${++sequence}T09:00:00.000Z`, eventTimeZoneOffset: '+00:00', action: 'OBSERVE', epcList: ['https://ns.karvon.org/id/container/MSKU1234565'], bizStep, readPoint: { id: sglnOf('xian') }, ...extra } as EpcisEvent,
      reference,
      { capturedBy: recorder.kind === 'organisation' ? recorder.organisationId : undefined, recorder, sequence },
    );

  it('says registered (with where the goods leave from), amended, cancelled with its reason, and not-applied for someone else\'s act', () => {
    const timeline = foldFacts(
      insertFacts([], [
        act('R', BIZ_STEP.shipmentRegistering, forwarder),
        act('A', BIZ_STEP.shipmentAmending, forwarder),
        act('B', BIZ_STEP.shipmentAmending, carrier),
        act('C', BIZ_STEP.shipmentCancelling, carrier),
        act('D', BIZ_STEP.shipmentCancelling, forwarder, { [compactExtensionField('reason')]: 'order withdrawn', '@context': { krv: KARVON_NS } }),
      ]),
      { reference },
    ).timeline;
    expect(timeline.map((entry) => entry.what.kind)).toEqual(['registered', 'amended', 'not-applied', 'not-applied', 'cancelled']);
    expect(timeline[0]!.what.place).toMatchObject({ kind: 'location', locationId: 'xian' });
    expect(timeline[2]!.what).toEqual({ kind: 'not-applied', act: 'amendment' });
    expect(timeline[3]!.what).toEqual({ kind: 'not-applied', act: 'cancellation' });
    for (const entry of timeline) expect(entry.text).toBe(sentenceOf(entry.what));
  });

  it('names the sections an amendment changed by their keys, and in words in the sentence', () => {
    const what: TimelineWhat = { kind: 'amended', changed: ['transportUnits', 'itinerary'] };
    expect(sentenceOf(what)).toBe('Registration amended: transport units, itinerary');
  });

  it('says recorded, with the bizStep\'s name, for an event outside the profile', () => {
    const what = whatOf(facts({ type: 'ObjectEvent', eventID: 'odd', eventTime: time, eventTimeZoneOffset: '+00:00', action: 'OBSERVE', epcList: ['x'], bizStep: 'https://ref.gs1.org/cbv/BizStep-inspecting' }));
    expect(what).toEqual({ kind: 'recorded', bizStep: 'inspecting' });
    expect(sentenceOf(what)).toBe('Inspecting recorded');
  });
});

describe('a folded timeline', () => {
  it('has a what of a known kind on every entry, and its text is always what phrased', () => {
    const timeline = foldFacts(insertFacts([], trip().map(facts)), { reference }).timeline;
    for (const entry of timeline) {
      expect(TIMELINE_KINDS).toContain(entry.what.kind);
      expect(entry.text).toBe(sentenceOf(entry.what));
    }
    expect(timeline.find((entry) => entry.what.kind === 'transit.accept')!.what.mrn).toBe(MRN);
  });
});
