import { describe, expect, it } from 'vitest';
import { applyTransitStep, profileStepOf, statusOf, type ControlKind, type TransitState, type TransitStep } from '../../src/domain/index.js';
import type { EpcisEvent } from '../../src/epcis/model.js';
import { simulate } from '../../src/sim/simulate.js';
import { bookingOf, byShipment, journeyEvents } from './sim-helpers.js';

/** The domain's transit step that a customs event of the profile reports. */
function transitStepOf(e: EpcisEvent): TransitStep {
  const at = new Date(Date.parse(e.eventTime)).toISOString();
  const office = e['krv:customsOffice'] as string;
  const mrn = e.bizTransactionList?.find((b) => b.bizTransaction.includes('/id/mrn/'))?.bizTransaction.split('/').pop() ?? '';
  switch (e['krv:transitStep']) {
    case 'lodge':
      return { kind: 'lodge', at, officeOfDeparture: office, officeOfDestination: e['krv:officeOfDestination'] as string, guaranteeReference: e['krv:guaranteeReference'] as string };
    case 'accept':
      return { kind: 'accept', at, mrn };
    case 'pass-office':
      return { kind: 'pass-office', at, office, country: e['krv:country'] as string };
    case 'arrive':
      return { kind: 'arrive', at, office };
    case 'control':
      return { kind: 'control', at, office, controlKind: e['krv:controlKind'] as ControlKind };
    case 'hold':
      return { kind: 'hold', at, office, reason: e['krv:holdReason'] as string };
    default:
      return { kind: e['krv:transitStep'] as 'release', at };
  }
}

describe('simulated customs follow the transit lifecycle of src/domain/transit', () => {
  it('every shipment\'s customs events apply in order without error, and complete shipments end discharged', () => {
    const result = simulate({ shipments: 300, days: 60, seed: 21, incidentRates: { customsHold: 0.2, inspection: 0.2, sealProblem: 0.1, delay: 0.1 } });
    let discharged = 0;
    for (const events of byShipment(result.events, bookingOf).values()) {
      let state: TransitState | null = null;
      for (const event of events.filter((e) => e['krv:transitStep'] !== undefined)) {
        const outcome = applyTransitStep(state, transitStepOf(event));
        if ('error' in outcome) expect.fail(`${bookingOf(event)}: ${outcome.error}`);
        else state = outcome.state;
      }
      if (state?.phase === 'discharged') discharged++;
      if (events.some((e) => e['krv:movementStep'] === 'delivered')) {
        expect(['released', 'discharged']).toContain(state?.phase);
      }
    }
    expect(discharged).toBeGreaterThan(150);
  });
});

describe('simulated shipments move through the profile\'s statuses', () => {
  it('statusOf the profile steps: delivered at the end, held while customs hold the goods, on-ferry while at sea', () => {
    const result = simulate({ shipments: 200, days: 60, seed: 22, incidentRates: { customsHold: 0.3, inspection: 0.1, sealProblem: 0.1, delay: 0.1 } });
    let delivered = 0;
    let sawHeld = false;
    let sawFerry = false;
    for (const events of byShipment(journeyEvents(result.events), bookingOf).values()) {
      const steps = events.map((e) => profileStepOf({ bizStep: e.bizStep, transitStep: e['krv:transitStep'] as string, movementStep: e['krv:movementStep'] as string })!);
      expect(steps.every((s) => s !== undefined)).toBe(true);
      steps.forEach((_, i) => {
        const status = statusOf(steps.slice(0, i + 1));
        if (steps[i]!.kind === 'hold') {
          expect(status).toBe('held-by-customs');
          sawHeld = true;
        }
        if (steps[i]!.kind === 'loaded-on-ferry') {
          expect(status).toBe('on-ferry');
          sawFerry = true;
        }
      });
      if (events.some((e) => e['krv:movementStep'] === 'delivered')) {
        expect(statusOf(steps)).toBe('delivered');
        delivered++;
      }
    }
    expect(delivered).toBeGreaterThan(100);
    expect(sawHeld && sawFerry).toBe(true);
  });
});
