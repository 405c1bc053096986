import { describe, expect, it } from 'vitest';
import {
  BIZ_TRANSACTION_TYPE,
  MOVEMENT_STEP_EVENT,
  MOVEMENT_STEPS,
  parseContainerNumber,
  parseImoNumber,
  parseMrn,
  parseWagonNumber,
  TRANSIT_STEP_EVENT,
  TELEMETRY_STEPS,
  TRANSIT_STEP_KINDS,
  type MovementStepKind,
  type TransitStepKind,
} from '../../src/domain/index.js';
import { corridorById, countryByCode, customsOfficesAt, locationBySgln, referenceData } from '../../src/reference/index.js';
import { simulate } from '../../src/sim/simulate.js';
import { bookingOf, byShipment, journeyEvents, stepOf } from './sim-helpers.js';

const ID = 'https://ns.karvon.org/id/';
const result = simulate({ shipments: 150, days: 45, seed: 11, incidentRates: { customsHold: 0.2, inspection: 0.2, sealProblem: 0.3, delay: 0.2 } });

describe('simulated events follow the Karvon EPCIS profile', () => {
  it('each step has the event type, action, bizStep and disposition the profile constants give', () => {
    for (const event of journeyEvents(result.events)) {
      const transit = event['krv:transitStep'] as TransitStepKind | undefined;
      const movement = event['krv:movementStep'] as MovementStepKind | undefined;
      expect(transit === undefined ? 0 : 1 + (movement === undefined ? 0 : 1)).toBeLessThanOrEqual(1);
      const shape = transit ? TRANSIT_STEP_EVENT[transit] : MOVEMENT_STEP_EVENT[movement!];
      expect(shape, `step of ${JSON.stringify(event)}`).toBeDefined();
      expect(event.type).toBe(shape.eventType);
      expect(event.action).toBe(shape.action);
      expect(event.bizStep).toBe(shape.bizStep);
      if (shape.dispositionChoices) {
        if (event.disposition !== undefined) expect(shape.dispositionChoices).toContain(event.disposition);
      } else {
        expect(event.disposition).toBe(shape.disposition);
      }
    }
  });

  it('uses every movement step a person reports and every transit step except reject and cancel', () => {
    const seen = new Set(result.events.map(stepOf));
    // The steps only positions tell come from the telemetry pipeline, not from the simulated paperwork.
    const telemetry: readonly string[] = TELEMETRY_STEPS;
    for (const step of MOVEMENT_STEPS.filter((s) => !telemetry.includes(s))) expect(seen).toContain(step);
    for (const step of TRANSIT_STEP_KINDS.filter((k) => k !== 'reject' && k !== 'cancel')) expect(seen).toContain(step);
  });

  it('customs events name a real office; lodge names the office of destination and a guarantee; holds and controls say why and how', () => {
    const offices = referenceData().customsOffices;
    for (const event of result.events.filter((e) => e['krv:transitStep'] !== undefined)) {
      expect(offices.has(event['krv:customsOffice'] as string)).toBe(true);
      const step = event['krv:transitStep'];
      if (step === 'lodge') {
        expect(offices.has(event['krv:officeOfDestination'] as string)).toBe(true);
        expect(event['krv:guaranteeReference']).toMatch(/^\d{2}[A-Z]{2}G\d{9}$/);
      }
      if (step === 'hold') expect(String(event['krv:holdReason']).length).toBeGreaterThan(5);
      if (step === 'control') expect(['documentary', 'physical', 'scanning', 'seal-check']).toContain(event['krv:controlKind']);
    }
    for (const event of result.events.filter((e) => e['krv:movementStep'] === 'incident')) expect(String(event['krv:reason']).length).toBeGreaterThan(5);
  });

  it('identifiers are valid: containers, wagons, vehicles, vessels, MRNs', () => {
    for (const event of result.events) {
      for (const epc of [...(event.epcList ?? []), ...(event.childEPCs ?? [])]) {
        expect(epc.startsWith(`${ID}container/`)).toBe(true);
        expect(parseContainerNumber(epc.slice(`${ID}container/`.length)).ok).toBe(true);
      }
      const parent = event.parentID;
      if (parent?.startsWith(`${ID}wagon/`)) expect(parseWagonNumber(parent.slice(`${ID}wagon/`.length)).ok).toBe(true);
      else if (parent?.startsWith(`${ID}vessel/imo`)) expect(parseImoNumber(parent.slice(`${ID}vessel/imo`.length)).ok).toBe(true);
      else if (parent !== undefined) expect(parent).toMatch(/^https:\/\/ns\.karvon\.org\/id\/vehicle\/[A-Z]{2}\/\d{2}[A-Z]{2}\d{3}$/);
      if (event['krv:movementStep'] === 'loaded-on-ferry' || event['krv:movementStep'] === 'unloaded-from-ferry') expect(parent).toMatch(/vessel\/imo/);
      for (const bt of event.bizTransactionList ?? []) {
        if (bt.type === BIZ_TRANSACTION_TYPE.transitDeclaration) expect(parseMrn(bt.bizTransaction.slice(`${ID}mrn/`.length)).ok).toBe(true);
      }
    }
  });

  it('read points are reference SGLNs, or geo: URIs for positions and incidents on the way', () => {
    for (const event of result.events) {
      const id = event.readPoint!.id;
      if (id.startsWith('geo:')) {
        expect(['position-reported', 'incident']).toContain(event['krv:movementStep']);
        expect(id).toMatch(/^geo:-?\d+\.\d{4},-?\d+\.\d{4}$/);
      } else {
        expect(locationBySgln(id), id).toBeDefined();
      }
    }
  });

  it('customs events happen at the office\'s own location', () => {
    for (const event of result.events.filter((e) => e['krv:transitStep'] !== undefined)) {
      const location = locationBySgln(event.readPoint!.id)!;
      expect(customsOfficesAt(location.id).map((o) => o.code)).toContain(event['krv:customsOffice']);
    }
  });

  it('extensions: country, corridor, and leg index with the transport mode of that leg', () => {
    for (const event of journeyEvents(result.events)) {
      expect(countryByCode(event['krv:country'] as string)).toBeDefined();
      const corridor = corridorById(event['krv:corridor'] as string)!;
      expect(corridor.status).toBe('operational');
      if (event['krv:legIndex'] !== undefined) {
        const leg = corridor.legs[event['krv:legIndex'] as number]!;
        expect(event['krv:transportMode']).toBe(leg.mode);
      }
      if (event['krv:movementStep'] !== undefined && event['krv:movementStep'] !== 'delivered') expect(event['krv:legIndex']).toBeTypeOf('number');
    }
  });

  it('every event carries the booking and the document of its mode; the MRN from acceptance on', () => {
    const modeDoc = { rail: BIZ_TRANSACTION_TYPE.smgs, road: BIZ_TRANSACTION_TYPE.cmr, sea: BIZ_TRANSACTION_TYPE.billOfLading } as const;
    for (const events of byShipment(result.events, bookingOf).values()) {
      let accepted = false;
      for (const event of events) {
        const types = (event.bizTransactionList ?? []).map((b) => b.type);
        expect(types).toContain(BIZ_TRANSACTION_TYPE.booking);
        const mode = event['krv:transportMode'] as keyof typeof modeDoc | undefined;
        if (mode) expect(types).toContain(modeDoc[mode]);
        if (event['krv:transitStep'] === 'accept') accepted = true;
        expect(types.includes(BIZ_TRANSACTION_TYPE.transitDeclaration)).toBe(accepted);
      }
    }
    expect(result.events.filter((e) => bookingOf(e) === undefined)).toEqual([]);
  });

  it('each shipment departs before it arrives, and is delivered last among its movements', () => {
    for (const events of byShipment(journeyEvents(result.events), bookingOf).values()) {
      const steps = events.map(stepOf);
      const departed = steps.indexOf('departed');
      if (departed < 0) continue;
      // Paperwork only, and on a corridor that starts at a border crossing the crossing itself: the
      // goods come from its far side (src/sim/sim-route.ts).
      const startsAtBorder = locationBySgln(events[0]!.readPoint!.id)?.kind === 'border-crossing';
      const before = ['lodge', 'accept', 'release-for-transit', 'control', 'control-completed', 'hold', 'release-from-hold', ...(startsAtBorder ? ['arrived-at-border', 'border-passed'] : [])];
      expect(steps.slice(0, departed).every((s) => before.includes(s!))).toBe(true);
      if (startsAtBorder) expect(steps[0]).toBe('arrived-at-border');
      const delivered = steps.indexOf('delivered');
      if (delivered >= 0) expect(steps.slice(delivered + 1).every((s) => s === 'discharge')).toBe(true);
    }
  });
});

describe('determinism', () => {
  const options = { shipments: 40, days: 20, seed: 99 };
  it('the same seed gives identical events', () => {
    expect(simulate(options).events).toEqual(simulate(options).events);
  });
  it('a different seed gives different events', () => {
    expect(simulate({ ...options, seed: 100 }).events).not.toEqual(simulate(options).events);
  });
  it('the start moves the events', () => {
    const start = new Date('2026-06-01T00:00:00Z');
    const events = simulate({ ...options, start }).events;
    expect(Date.parse(events[0]!.eventTime)).toBeGreaterThanOrEqual(start.getTime());
  });
  it('rejects bad options with a clear message', () => {
    expect(() => simulate({ ...options, shipments: -1 })).toThrow(/shipments/);
    expect(() => simulate({ ...options, days: 0 })).toThrow(/days/);
    expect(() => simulate({ ...options, incidentRates: { delay: 2 } })).toThrow(/delay/);
  });
});
