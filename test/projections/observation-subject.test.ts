// The statistics name what each observation measures by reading its key back: every key the
// samples of a completed trip carry reads back into the stops and modes it was made from.
import { describe, expect, it } from 'vitest';
import { observationSubject, samplesOf } from '../../src/projections/corridor-statistics.js';
import type { ShipmentState } from '../../src/projections/shipment-state.js';
import { corridorById, referenceData } from '../../src/reference/index.js';

const corridor = corridorById('cku-road-torugart')!;
const iso = (h: number) => new Date(Date.parse('2026-02-01T00:00:00Z') + h * 3_600_000).toISOString();

// Kashgar -> Torugart (border) -> Bishkek, read at each stop.
const trip: ShipmentState = {
  id: 'trip', references: {}, documents: [], transportUnits: [], carriers: [], corridor: corridor.id, status: 'delivered', countries: [], transit: {}, holds: [], timeline: [],
  visits: [
    { locationId: 'kashgar', firstAt: iso(0), lastAt: iso(0), leftAt: iso(0) },
    { locationId: 'torugart', firstAt: iso(5), lastAt: iso(12), leftAt: iso(12) },
    { locationId: 'bishkek', firstAt: iso(20), lastAt: iso(20) },
  ],
  departedAt: iso(0), arrivedAt: iso(20), deliveredAt: iso(22), lastEventTime: iso(22), parties: [], events: [],
};

describe('observationSubject', () => {
  it('reads legs, dwells and remaining times back from the keys of a completed trip', () => {
    const subjects = [...samplesOf(trip, referenceData()).keys()].map(observationSubject);
    expect(subjects).not.toContain(undefined);
    expect(subjects).toContainEqual({ kind: 'leg', from: 'kashgar', to: 'torugart', mode: 'road' });
    expect(subjects).toContainEqual({ kind: 'dwell', location: 'torugart', countryBefore: 'CN', countryAfter: 'KG', mode: 'road' });
    expect(subjects).toContainEqual({ kind: 'remaining', corridor: corridor.id, fromStop: 0, afterLeaving: true, toStop: corridor.legs.length });
  });

  it('answers undefined for a key of no known form', () => {
    expect(observationSubject('speed:kashgar')).toBeUndefined();
  });
});
