import { describe, expect, it } from 'vitest';
import { locationBySgln, referenceData } from '../../src/reference/index.js';
import { simulate } from '../../src/sim/simulate.js';
import { bookingOf, byShipment, hours, mean, stepOf } from './sim-helpers.js';

const fact = (id: string) => referenceData().timing.get(id)!;
const NO_INCIDENTS = { customsHold: 0, inspection: 0, sealProblem: 0, delay: 0 };
// Trains cross borders as a unit, so rail dwell needs many shipments to give enough independent crossings.
const result = simulate({ shipments: 2000, days: 120, seed: 2025, incidentRates: NO_INCIDENTS });
const shipments = byShipment(result.events, bookingOf);

/** Hours from each arrival at a place to the next event of `leaveStep` at the same place, by mode. */
function waits(kind: 'border-crossing' | 'port', leaveStep: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const events of shipments.values()) {
    events.forEach((arrival, i) => {
      if (stepOf(arrival) !== 'arrived-at-border' || locationBySgln(arrival.readPoint!.id)?.kind !== kind) return;
      const leave = events.slice(i + 1).find((e) => stepOf(e) === leaveStep && e.readPoint!.id === arrival.readPoint!.id);
      if (!leave) return;
      const mode = arrival['krv:transportMode'] as string;
      out.set(mode, [...(out.get(mode) ?? []), hours(arrival, leave)]);
    });
  }
  return out;
}

describe('simulated times follow the published figures', () => {
  const dwell = waits('border-crossing', 'border-passed');

  it('road border dwell averages CAREC 2022 (9.9 h) within 15%', () => {
    const road = dwell.get('road')!;
    expect(road.length).toBeGreaterThan(100);
    expect(mean(road)).toBeGreaterThan(fact('border-dwell-road').value * 0.85);
    expect(mean(road)).toBeLessThan(fact('border-dwell-road').value * 1.15);
  });

  it('rail border dwell averages CAREC 2022 (40.6 h) within 20%', () => {
    const rail = dwell.get('rail')!;
    expect(rail.length).toBeGreaterThan(100);
    expect(mean(rail)).toBeGreaterThan(fact('border-dwell-rail').value * 0.8);
    expect(mean(rail)).toBeLessThan(fact('border-dwell-rail').value * 1.2);
  });

  it('dwell is spread, not constant', () => {
    const road = dwell.get('road')!;
    expect(Math.max(...road)).toBeGreaterThan(2 * Math.min(...road));
  });

  it('Caspian ferry waiting lies within 2-7 days and averages about 4.5 days', () => {
    const days = [...waits('port', 'loaded-on-ferry').values()].flat().map((h) => h / 24);
    expect(days.length).toBeGreaterThan(30);
    expect(Math.min(...days)).toBeGreaterThanOrEqual(fact('ferry-waiting').min!);
    expect(Math.max(...days)).toBeLessThanOrEqual(fact('ferry-waiting').max!);
    expect(Math.abs(mean(days) - fact('ferry-waiting').value)).toBeLessThan(0.6);
  });

  it('block trains from Xi\'an reach the Caspian in a plausible time (rail 6-9 days before the ferry)', () => {
    const toPort: number[] = [];
    for (const events of shipments.values()) {
      if (events[0]!['krv:corridor'] !== 'middle-corridor-dostyk') continue;
      const departed = events.find((e) => stepOf(e) === 'departed');
      const atPort = events.find((e) => stepOf(e) === 'arrived-at-border' && locationBySgln(e.readPoint!.id)?.kind === 'port');
      if (departed && atPort) toPort.push(hours(departed, atPort) / 24);
    }
    expect(toPort.length).toBeGreaterThan(10);
    expect(mean(toPort)).toBeGreaterThan(5);
    expect(mean(toPort)).toBeLessThan(9);
  });
});

describe('convoys', () => {
  it('rail shipments travel in block trains of several shipments; road shipments each on their own truck', () => {
    const departures = new Map<string, number>();
    for (const e of result.events.filter((x) => stepOf(x) === 'departed')) {
      const key = `${e['krv:transportMode']} ${e['krv:corridor']} ${e.eventTime}`;
      departures.set(key, (departures.get(key) ?? 0) + 1);
    }
    const rail = [...departures].filter(([k]) => k.startsWith('rail')).map(([, n]) => n);
    const road = [...departures].filter(([k]) => k.startsWith('road')).map(([, n]) => n);
    expect(mean(rail)).toBeGreaterThan(8);
    expect(Math.max(...road)).toBe(1);
  });
});
