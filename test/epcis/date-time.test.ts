// One reading of EPCIS date-times for validation and storage: what validation accepts, the store
// keeps, at the instant Date.parse would give; what no store can keep (a leap second) is refused
// at validation, in every time field, with its pointer.
import { describe, expect, it } from 'vitest';
import { instantOf, readDateTime } from '../../src/epcis/date-time.js';
import type { EpcisDocument, EpcisEvent } from '../../src/epcis/model.js';
import { dateTimeProblem, validateDocument, validateEvent } from '../../src/epcis/validate/index.js';
import { indexValues } from '../../src/store/index-values.js';

const EVENT: EpcisEvent = {
  type: 'ObjectEvent',
  eventTime: '2025-06-30T20:00:00Z',
  eventTimeZoneOffset: '+05:00',
  epcList: ['urn:epc:id:sscc:4870001.0000000001'],
  action: 'OBSERVE',
};
const LEAP = '2025-06-30T23:59:60Z';

const pointersOf = (issues: { pointer?: string; message: string }[]) => issues.map((issue) => issue.pointer);

describe('leap seconds', () => {
  it('are refused in eventTime with a message that says why and what to write', () => {
    const issues = validateEvent({ ...EVENT, eventTime: LEAP }, '/epcisBody/eventList/1');
    expect(pointersOf(issues)).toEqual(['/epcisBody/eventList/1/eventTime']);
    expect(issues[0]!.message).toContain("eventTime '2025-06-30T23:59:60Z' is not a valid date-time: second 60 (a leap second) cannot be stored");
  });

  it('are refused in every time field: recordTime, declarationTime, sensor times, creationDate', () => {
    const event = {
      ...EVENT,
      recordTime: LEAP,
      errorDeclaration: { declarationTime: '2016-12-31T23:59:60+00:00' },
      sensorElementList: [{ sensorMetadata: { time: LEAP, startTime: LEAP, endTime: LEAP }, sensorReport: [{ type: 'Temperature', value: 1, time: LEAP }] }],
    } as unknown as EpcisEvent;
    expect(pointersOf(validateEvent(event, '')).sort()).toEqual([
      '/errorDeclaration/declarationTime',
      '/recordTime',
      '/sensorElementList/0/sensorMetadata/endTime',
      '/sensorElementList/0/sensorMetadata/startTime',
      '/sensorElementList/0/sensorMetadata/time',
      '/sensorElementList/0/sensorReport/0/time',
    ]);
    const doc: EpcisDocument = { namespaces: {}, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: LEAP, events: [EVENT] };
    expect(pointersOf(validateDocument(doc))).toEqual(['/creationDate']);
  });

  it('other impossible times keep their own messages', () => {
    expect(dateTimeProblem('2025-06-30T24:00:00Z')).toMatch(/time of day is out of range/);
    expect(dateTimeProblem('2025-06-30T23:60:00Z')).toMatch(/time of day is out of range/);
    expect(dateTimeProblem('2025-06-30T23:59:61Z')).toMatch(/time of day is out of range/);
    expect(dateTimeProblem('2023-02-29T10:00:00Z')).toMatch(/day 29 is out of range/);
    expect(dateTimeProblem('2025-06-30T10:00:00+24:00')).toMatch(/time zone is out of range/);
  });
});

/** A random date-time as a sender might write it; about half of them are not valid. */
function randomDateTime(random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const n = (max: number, width: number) => String(Math.floor(random() * (max + 1))).padStart(width, '0');
  const date = `${pick([n(9999, 4), n(99, 4), pick(['1970', '2000', '2024', '2100', '0000'])])}-${n(13, 2)}-${n(31, 2)}`;
  const time = `${n(24, 2)}:${n(60, 2)}:${pick([n(61, 2), '59', '60', '00'])}`;
  const fraction = pick(['', '.5', '.123', '.123456789', '.']);
  const zone = pick(['Z', 'z', `+${n(24, 2)}:${n(60, 2)}`, `-${n(23, 2)}:${n(59, 2)}`, '+05:00', '']);
  return `${date}${pick(['T', 't', ' '])}${time}${fraction}${zone}`;
}

/** What Date.parse reads for a value, through a Date set field by field when it cannot (years 0-99). */
function referenceInstant(value: string): number {
  const upper = value.toUpperCase().replace(/(\.\d{3})\d+/, '$1');
  const year = Number(upper.slice(0, 4));
  if (year >= 100) return Date.parse(upper);
  const shifted = Date.parse(`${String(year + 2000).padStart(4, '0')}${upper.slice(4)}`);
  const date = new Date(shifted);
  date.setUTCFullYear(date.getUTCFullYear() - 2000);
  return date.getTime();
}

describe('one reading for validation and storage', () => {
  it('keeps every time validation accepts, at the instant Date.parse gives it', () => {
    // A fixed linear congruential sequence: the same values on every run.
    let state = 20260630;
    const random = () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const value = randomDateTime(random);
      const problem = dateTimeProblem(value);
      if (problem !== null) {
        expect(instantOf(value), value).toBeUndefined();
        continue;
      }
      accepted += 1;
      expect(instantOf(value), value).toBe(referenceInstant(value));
      // The store indexes it without a complaint.
      expect(indexValues({ ...EVENT, eventTime: value, recordTime: value }).eventTime, value).toBe(referenceInstant(value));
    }
    // Enough of both kinds to mean something.
    expect(accepted).toBeGreaterThan(1000);
    expect(accepted).toBeLessThan(19_000);
  });

  it('reads the edges of the calendar', () => {
    expect(instantOf('0000-02-29T00:00:00Z')).toBe(referenceInstant('0000-02-29T00:00:00Z'));
    expect(instantOf('9999-12-31T23:59:59.999-23:59')).toBe(Date.parse('9999-12-31T23:59:59.999-23:59'));
    expect(instantOf('1970-01-01t00:00:00z')).toBe(0);
    expect(readDateTime('1970-01-01T00:00:00.1239Z')).toEqual({ ms: 123 });
  });
});
