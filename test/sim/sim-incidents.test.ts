import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/sim/simulate.js';
import { bookingOf, byShipment, stepOf } from './sim-helpers.js';

const RATES = { customsHold: 0.1, inspection: 0.2, sealProblem: 0.3, delay: 0.15 };
const result = simulate({ shipments: 1500, days: 90, seed: 5, incidentRates: RATES });
const count = (step: string) => result.events.filter((e) => stepOf(e) === step).length;

// Each office that acts on a shipment (departure, each office of transit, destination) is one chance
// of a hold and one of a control; they are counted by the step each office always writes.
const officeActs = count('release-for-transit') + count('pass-office') + count('arrive');

describe('incidents appear at the configured rates', () => {
  it('customs holds, each released, at about the hold rate per office', () => {
    expect(count('hold') / officeActs).toBeGreaterThan(RATES.customsHold * 0.75);
    expect(count('hold') / officeActs).toBeLessThan(RATES.customsHold * 1.25);
    expect(Math.abs(count('release-from-hold') - count('hold'))).toBeLessThan(count('hold') * 0.05);
  });

  it('controls, each completed, at about the inspection rate per office', () => {
    expect(count('control') / officeActs).toBeGreaterThan(RATES.inspection * 0.8);
    expect(count('control') / officeActs).toBeLessThan(RATES.inspection * 1.2);
    expect(Math.abs(count('control-completed') - count('control'))).toBeLessThan(count('control') * 0.05);
  });

  it('seal problems at about the rate per shipment (among shipments delivered)', () => {
    const delivered = [...byShipment(result.events, bookingOf).values()].filter((events) => events.some((e) => stepOf(e) === 'delivered'));
    const withSeal = delivered.filter((events) => events.some((e) => stepOf(e) === 'incident' && String(e['krv:reason']).startsWith('seal')));
    expect(withSeal.length / delivered.length).toBeGreaterThan(RATES.sealProblem * 0.8);
    expect(withSeal.length / delivered.length).toBeLessThan(RATES.sealProblem * 1.2);
  });

  it('delays at about the rate per leg (among shipments delivered)', () => {
    let legs = 0;
    let delays = 0;
    for (const events of byShipment(result.events, bookingOf).values()) {
      if (!events.some((e) => stepOf(e) === 'delivered')) continue;
      legs += 1 + Math.max(...events.map((e) => (e['krv:legIndex'] as number | undefined) ?? 0));
      delays += events.filter((e) => stepOf(e) === 'incident' && String(e['krv:reason']).startsWith('delayed')).length;
    }
    // Shipments on one train share its delays, so the spread is wider than for independent draws.
    expect(delays / legs).toBeGreaterThan(RATES.delay * 0.6);
    expect(delays / legs).toBeLessThan(RATES.delay * 1.4);
  });

  it('no incidents at all when every rate is zero', () => {
    const quiet = simulate({ shipments: 200, days: 30, seed: 5, incidentRates: { customsHold: 0, inspection: 0, sealProblem: 0, delay: 0 } });
    expect(quiet.events.filter((e) => ['hold', 'control', 'incident'].includes(stepOf(e) ?? ''))).toEqual([]);
  });
});
