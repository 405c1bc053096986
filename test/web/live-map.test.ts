// What the live map and the shipment page's track are made of, apart from the browser: the
// filters as the address and the API take them, the units as map points coloured by their
// shipment's status group, and a shipment's devices' tracks as lines with the newest position.
import { describe, expect, it } from 'vitest';
import { hasSealAlarm, statusGroupOf, unitFeatures, type UnitOnMap } from '../../web/src/map/live-units.js';
import { liveFiltersOf, liveQueryOf, queryString, withLiveFilter } from '../../web/src/pages/live/liveFilters.js';
import { trackOf } from '../../web/src/pages/shipment/track-lines.js';

const unit = (over: Partial<UnitOnMap>): UnitOnMap => ({ deviceId: 'seal-1', lat: 44.2, lon: 80.4, ...over });

describe("the live map's filters", () => {
  it('reads them from the address, sets and clears one, and leaves the rest of the address alone', () => {
    const params = new URLSearchParams('status=at-border&corridor=middle-corridor&q=ignored&mode=');
    expect(liveFiltersOf(params)).toEqual({ status: 'at-border', corridor: 'middle-corridor' });
    expect(withLiveFilter(params, 'mode', 'rail').get('mode')).toBe('rail');
    const cleared = withLiveFilter(params, 'status', '');
    expect(cleared.has('status')).toBe(false);
    expect(cleared.get('corridor')).toBe('middle-corridor');
  });

  it('gives the API only what it takes: a known mode, a two-letter country in capitals', () => {
    expect(liveQueryOf({ mode: 'rail', country: 'kz', status: 'in-transit' })).toEqual({ mode: 'rail', country: 'KZ', status: 'in-transit' });
    expect(liveQueryOf({ mode: 'air', country: 'Kazakhstan' })).toEqual({});
    // The stream's address and the request key: the same filters in the same order whatever the address's.
    expect(queryString(liveQueryOf({ country: 'UZ', status: 'at-border' }))).toBe('status=at-border&country=UZ');
    expect(queryString({})).toBe('');
  });
});

describe("the live map's units", () => {
  it('groups statuses as the status badges colour them; no shipment or an unknown status is idle', () => {
    expect(['departed', 'in-transit'].map(statusGroupOf)).toEqual(['moving', 'moving']);
    expect(['at-border', 'on-ferry'].map(statusGroupOf)).toEqual(['waiting', 'waiting']);
    expect(['held-by-customs', 'exception'].map(statusGroupOf)).toEqual(['stopped', 'stopped']);
    expect(['arrived', 'delivered'].map(statusGroupOf)).toEqual(['arrived', 'arrived']);
    expect([undefined, 'planned', 'cancelled', 'teleported'].map(statusGroupOf)).toEqual(['idle', 'idle', 'idle', 'idle']);
  });

  it('are points at [lon, lat] with their device, status group and seal alarm', () => {
    const features = unitFeatures([unit({ status: 'at-border' }), unit({ deviceId: 'seal-2', lat: 40, lon: 70, sealCodes: ['01'] }), unit({ deviceId: 'seal-3', sealCodes: [] })]);
    expect(features.features.map((f) => [f.properties, f.geometry.coordinates])).toEqual([
      [{ deviceId: 'seal-1', group: 'waiting', alarm: 0 }, [80.4, 44.2]],
      [{ deviceId: 'seal-2', group: 'idle', alarm: 1 }, [70, 40]],
      [{ deviceId: 'seal-3', group: 'idle', alarm: 0 }, [80.4, 44.2]],
    ]);
    expect(hasSealAlarm({ sealCodes: ['05'] })).toBe(true);
    expect(hasSealAlarm({})).toBe(false);
  });
});

describe("a shipment's track", () => {
  it('is a line per device that reported, with the newest position of all', () => {
    const track = trackOf([
      { points: [{ fixTime: '2026-03-04T08:00:00Z', lat: 44, lon: 80 }, { fixTime: '2026-03-04T09:00:00Z', lat: 44.1, lon: 80.5 }] },
      { points: [] },
      { points: [{ fixTime: '2026-03-04T08:30:00Z', lat: 43, lon: 79 }, { fixTime: '2026-03-04T10:00:00Z', lat: 43.5, lon: 79.5 }, { fixTime: '2026-03-04T09:30:00Z', lat: 43.2, lon: 79.2 }] },
    ])!;
    expect(track.lines).toEqual([
      [[80, 44], [80.5, 44.1]],
      [[79, 43], [79.5, 43.5], [79.2, 43.2]],
    ]);
    expect(track.latest).toEqual({ lat: 43.5, lon: 79.5, fixTime: '2026-03-04T10:00:00Z' });
  });

  it('is nothing when no device reported a position', () => {
    expect(trackOf([])).toBeUndefined();
    expect(trackOf([{ points: [] }])).toBeUndefined();
  });
});
