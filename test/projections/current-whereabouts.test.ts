// Where the goods stand now, in which country, and which stops are still ahead of them: from
// physical movement steps only, the side of a border crossing from the step, the country of a leg
// when both its ends share one (docs/epcis-profile.md, 4.3).
import { describe, expect, it } from 'vitest';
import { foldShipment } from '../../src/projections/fold-shipment.js';
import type { ShipmentState } from '../../src/projections/shipment-state.js';
import { upcomingStops } from '../../src/projections/upcoming-stops.js';
import { referenceData } from '../../src/reference/index.js';
import type { EpcisEvent } from '../../src/epcis/model.js';
import { movement, trip } from './profile-events.js';

const reference = referenceData();

function fold(events: readonly EpcisEvent[]): ShipmentState {
  let state: ShipmentState | undefined;
  for (const e of events) state = foldShipment(state, e, { reference });
  return state!;
}

const day = (offset: number, hour: number) => new Date(Date.UTC(2026, 2, 1 + offset, hour)).toISOString();

describe('current whereabouts', () => {
  const events = trip();

  it('follows a trip: on a leg in China, at Dostyk on the Kazakh side through the paperwork, on a Kazakh leg, at sea, in Azerbaijan, then nowhere', () => {
    expect(fold(events.slice(0, 2)).current).toEqual({ country: 'CN' });
    expect(fold(events.slice(0, 3)).current).toEqual({ locationId: 'dostyk', since: day(3, 6), country: 'KZ' });
    // Lodging, accepting, a hold and its release, release for transit: customs paperwork and acts
    // at the post, none of them moves the goods or restarts their wait.
    expect(fold(events.slice(0, 8)).current).toEqual({ locationId: 'dostyk', since: day(3, 6), country: 'KZ' });
    expect(fold(events.slice(0, 9)).current).toEqual({ country: 'KZ' });
    expect(fold(events.slice(0, 10)).current).toEqual({});
    expect(fold(events.slice(0, 11)).current).toEqual({ locationId: 'alat-port', since: day(10, 8), country: 'AZ' });
    expect(fold(events).current).toBeUndefined();
  });

  it('keeps the first arrival of a stay when more reports come from the same place', () => {
    const again = movement('position-reported', { id: 'T99', time: day(3, 20), at: 'dostyk', fields: { country: 'KZ', transportMode: 'rail' } });
    expect(fold([...events.slice(0, 3), again]).current).toEqual({ locationId: 'dostyk', since: day(3, 6), country: 'KZ' });
  });

  it('knows no side of a border crossing that the step does not state, or states wrongly', () => {
    const unstated = movement('arrived-at-border', { id: 'U1', time: day(3, 6), at: 'dostyk', fields: { transportMode: 'rail' } });
    expect(fold([unstated]).current).toEqual({ locationId: 'dostyk', since: day(3, 6) });
    const elsewhere = movement('arrived-at-border', { id: 'U2', time: day(3, 6), at: 'dostyk', fields: { country: 'GE', transportMode: 'rail' } });
    expect(fold([elsewhere]).current).toEqual({ locationId: 'dostyk', since: day(3, 6) });
  });
});

describe('upcoming stops', () => {
  const events = trip();

  it('are the stops ahead with their likely arrival, not the one the goods stand at', () => {
    const onTheWay = upcomingStops(fold(events.slice(0, 2)), reference);
    expect(onTheWay.map((s) => s.locationId)).toEqual(['dostyk', 'aktau-port', 'alat-port', 'boyuk-kasik', 'tbilisi', 'poti-port']);
    const expected = onTheWay.map((s) => s.expected);
    expect([...expected].sort((a, b) => a - b)).toEqual(expected);
    expect(expected[0]).toBeGreaterThan(Date.parse(events[1]!.eventTime));
    const atDostyk = upcomingStops(fold(events.slice(0, 3)), reference);
    expect(atDostyk.map((s) => s.locationId)).toEqual(['aktau-port', 'alat-port', 'boyuk-kasik', 'tbilisi', 'poti-port']);
    expect(upcomingStops(fold(events.slice(0, 12)), reference)).toEqual([]);
  });
});
