// validateReading: the first reason a decoded reading cannot be used, as a sentence for the sender;
// validateDecoded: the same over a decoder's result, each refusal at the reading's pointer.
import { describe, expect, it } from 'vitest';
import type { Position } from '../../src/model/telemetry.js';
import { validateDecoded, validateReading } from '../../src/telemetry/decode/validate-reading.js';

const NOW = Date.parse('2026-12-07T10:00:00Z');
const LIMITS = { maxFutureMs: 5 * 60_000 };
const fine: Position = { deviceId: 'trk-1', fixTime: NOW - 1000, deviceTime: NOW - 1000, serverTime: NOW, lat: 44.1, lon: 80.2, speedKmh: 60, headingDeg: 90, batteryPct: 80, accuracyM: 5 };
const check = (change: Partial<Position>) => validateReading({ ...fine, ...change }, NOW, LIMITS);

describe('validateReading', () => {
  it('accepts a plausible reading, the edges of every range included', () => {
    expect(check({})).toBeUndefined();
    expect(check({ lat: -90, lon: 180, speedKmh: 0, headingDeg: 360, batteryPct: 0, accuracyM: 0, altitudeM: -430 })).toBeUndefined();
    expect(check({ lat: 90, lon: -180, speedKmh: 1000, headingDeg: 0, batteryPct: 100 })).toBeUndefined();
    expect(check({ fixTime: NOW + LIMITS.maxFutureMs })).toBeUndefined();
  });

  it('refuses coordinates off the globe and the (0, 0) of a tracker without a fix', () => {
    expect(check({ lat: 90.5 })).toBe('lat 90.5 is outside -90..90');
    expect(check({ lon: -181 })).toBe('lon -181 is outside -180..180');
    expect(check({ lat: Number.NaN })).toBe('lat must be a finite number, not NaN');
    expect(check({ lon: Number.POSITIVE_INFINITY })).toBe('lon must be a finite number, not Infinity');
    expect(check({ lat: 0, lon: 0 })).toMatch(/^lat 0, lon 0 is what trackers report when they have no GPS fix/);
    expect(check({ lat: 0, lon: 10 })).toBeUndefined();
  });

  it('refuses a fix time ahead of the server clock, saying by how much and what is allowed', () => {
    expect(check({ fixTime: NOW + 2 * 3_600_000 + 5 * 60_000 })).toBe(
      "fixTime 2026-12-07T12:05:00.000Z is 2 h 5 min ahead of the server's clock (2026-12-07T10:00:00.000Z); " +
        "at most 5 min ahead is accepted: check the device's clock and time zone (times are UTC)",
    );
    expect(check({ fixTime: NOW + LIMITS.maxFutureMs + 1 })).toMatch(/is 5 min ahead/);
  });

  it('refuses fix times before 2000, recognising epoch seconds sent as milliseconds', () => {
    expect(check({ fixTime: Date.UTC(1999, 11, 31, 23, 59, 59) })).toBe('fixTime 1999-12-31T23:59:59.000Z is before 2000-01-01: check the device clock');
    expect(check({ fixTime: NOW / 1000 })).toBe(
      `fixTime 1970-01-21T${new Date(NOW / 1000).toISOString().slice(11)} is before 2000-01-01: it looks like epoch seconds, and times here are epoch milliseconds (${NOW} is 2026-12-07T10:00:00.000Z)`,
    );
    expect(check({ fixTime: Number.NaN })).toBe('fixTime must be a finite number, not NaN');
    expect(check({ deviceTime: Number.NaN })).toBe('deviceTime must be a finite number, not NaN');
  });

  it('refuses impossible speed, heading, battery and accuracy', () => {
    expect(check({ speedKmh: 1000.1 })).toBe('speedKmh 1000.1 is outside 0..1000 km/h');
    expect(check({ speedKmh: -1 })).toBe('speedKmh -1 is outside 0..1000 km/h');
    expect(check({ headingDeg: 361 })).toBe('headingDeg 361 is outside 0..360 degrees');
    expect(check({ batteryPct: 101 })).toBe('batteryPct 101 is outside 0..100%');
    expect(check({ accuracyM: -0.5 })).toBe('accuracyM -0.5 is below 0 m');
    expect(check({ altitudeM: Number.NaN })).toBe('altitudeM must be a finite number, not NaN');
  });

  it('returns the first problem only, places before times before measures', () => {
    expect(check({ lat: 100, fixTime: NOW + 86_400_000, speedKmh: 5000 })).toMatch(/^lat 100/);
    expect(check({ fixTime: NOW + 86_400_000, speedKmh: 5000 })).toMatch(/^fixTime .* is 1 d ahead/);
  });
});

describe('validateDecoded', () => {
  it('keeps the usable readings with their pointers and turns the others into problems at theirs', () => {
    const late = { ...fine, deviceId: 'trk-2', fixTime: NOW + 3_600_000 };
    const result = validateDecoded(
      { readings: [fine, late, fine], problems: [{ pointer: '/readings/1', reason: 'earlier' }], pointers: ['/readings/0', '/readings/2', '/readings/3'] },
      NOW,
      LIMITS,
    );
    expect(result.readings).toEqual([fine, fine]);
    expect(result.pointers).toEqual(['/readings/0', '/readings/3']);
    expect(result.problems).toEqual([
      { pointer: '/readings/1', reason: 'earlier' },
      { pointer: '/readings/2', deviceId: 'trk-2', reason: expect.stringMatching(/^fixTime 2026-12-07T11:00:00.000Z is 1 h ahead/) },
    ]);
  });
});
