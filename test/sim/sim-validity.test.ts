import { describe, expect, it } from 'vitest';
import { parseJsonLdEvent } from '../../src/epcis/jsonld/parse.js';
import { serializeJsonLdEvent } from '../../src/epcis/jsonld/serialize.js';
import { validateEvent } from '../../src/epcis/validate/index.js';
import { simulate } from '../../src/sim/simulate.js';

const result = simulate({ shipments: 120, days: 40, seed: 7, incidentRates: { customsHold: 0.2, inspection: 0.2, sealProblem: 0.2, delay: 0.2 } });

describe('simulated events are valid EPCIS 2.0', () => {
  it('produces a sizeable history', () => {
    expect(result.shipments).toHaveLength(120);
    expect(result.events.length).toBeGreaterThan(2000);
  });

  it('every event passes validateEvent', () => {
    const problems = result.events.flatMap((event, i) => validateEvent(event).map((issue) => `${i}: ${issue.pointer ?? ''} ${issue.message}`));
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('every event survives the JSON-LD binding unchanged', () => {
    for (const event of result.events) {
      const parsed = parseJsonLdEvent(serializeJsonLdEvent(event));
      expect(parsed).toEqual(event);
    }
  });

  it('events are in eventTime order', () => {
    const times = result.events.map((e) => Date.parse(e.eventTime));
    for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThanOrEqual(times[i - 1]!);
  });

  it('every event binds the krv prefix in its own @context', () => {
    for (const event of result.events) expect(event['@context']).toEqual({ krv: 'https://ns.karvon.org/epcis/' });
  });
});
