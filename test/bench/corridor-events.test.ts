import { describe, expect, it } from 'vitest';
import { corridorEvents, CorridorEventGenerator } from '../../bench/corridor-events.js';
import { eventHashId } from '../../src/epcis/hash/index.js';
import { validateEvent } from '../../src/epcis/validate/index.js';

const N = 4000;
const run = corridorEvents({ events: N, seed: 7 });

describe('corridor event generator (benchmark input)', () => {
  it('gives the same events for the same seed and different ones for another seed', () => {
    const again = corridorEvents({ events: N, seed: 7 });
    expect(JSON.stringify(again.events)).toBe(JSON.stringify(run.events));
    const other = corridorEvents({ events: 200, seed: 8 });
    expect(JSON.stringify(other.events)).not.toBe(JSON.stringify(run.events.slice(0, 200)));
  });

  it('produces exactly the number of events asked for, also through take()', () => {
    expect(run.events).toHaveLength(N);
    const generator = new CorridorEventGenerator({ events: 2500, seed: 7 });
    const sizes: number[] = [];
    for (let batch = generator.take(1000); batch.length > 0; batch = generator.take(1000)) sizes.push(batch.length);
    expect(sizes).toEqual([1000, 1000, 500]);
  });

  it('produces only events that pass validation', () => {
    const problems = run.events.flatMap((event, i) => validateEvent(event, `/${i}`));
    expect(problems).toEqual([]);
  });

  it('interleaves shipments in eventTime order', () => {
    const times = run.events.map((e) => Date.parse(e.eventTime));
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]!);
    // Interleaved: consecutive events mostly belong to different shipments.
    const epcOf = (i: number) => run.events[i]!.epcList?.[0] ?? run.events[i]!.childEPCs?.[0];
    let switches = 0;
    for (let i = 1; i < N; i++) if (epcOf(i) !== epcOf(i - 1)) switches++;
    expect(switches / N).toBeGreaterThan(0.5);
  });

  it('has about 20 events per shipment and about 600 bytes per event', () => {
    const complete = run.shipments.filter((s) => s.emitted > 0);
    expect(complete.reduce((n, s) => n + s.emitted, 0)).toBe(N);
    const perShipment = N / complete.length;
    expect(perShipment).toBeGreaterThan(15);
    expect(perShipment).toBeLessThan(25);
    const bytes = run.events.reduce((n, e) => n + JSON.stringify(e).length, 0) / N;
    expect(bytes).toBeGreaterThan(500);
    expect(bytes).toBeLessThan(700);
  });

  it('puts every event on its shipment EPC, and the counts match the shipment records', () => {
    const counts = new Map<string, number>();
    for (const e of run.events) {
      const epcs = [...(e.epcList ?? []), ...(e.childEPCs ?? [])];
      expect(epcs).toHaveLength(1);
      counts.set(epcs[0]!, (counts.get(epcs[0]!) ?? 0) + 1);
    }
    for (const s of run.shipments) expect(counts.get(s.epc) ?? 0).toBe(s.emitted);
    expect(new Set(run.shipments.map((s) => s.epc)).size).toBe(run.shipments.length);
  });

  it('covers the corridor vocabulary and gives distinct event hash IDs', () => {
    const steps = new Set(run.events.map((e) => e.bizStep));
    for (const step of ['commissioning', 'loading', 'departing', 'transporting', 'arriving', 'inspecting', 'holding', 'unloading', 'receiving']) {
      expect(steps).toContain(step);
    }
    expect(run.events.some((e) => e.sensorElementList)).toBe(true);
    expect(run.events.some((e) => e.type === 'AggregationEvent')).toBe(true);
    expect(run.events.some((e) => typeof e['krv:corridor'] === 'string')).toBe(true);
    const hashes = new Set(run.events.map((e) => eventHashId(e)));
    expect(hashes.size).toBe(N);
  });
});
