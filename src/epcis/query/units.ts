/**
 * Unit conversion for GE_value_{uom} & co: a sensor report written in Fahrenheit still answers a
 * query in Celsius. Only the UN/CEFACT Rec. 20 codes common in sensor data and quantities are
 * known; other units match only themselves.
 */

interface Unit {
  dimension: string;
  /** value in the dimension's base unit = value * factor + offset */
  factor: number;
  offset?: number;
}

const UNITS: Record<string, Unit> = {
  // temperature, base kelvin
  KEL: { dimension: 'temperature', factor: 1 },
  CEL: { dimension: 'temperature', factor: 1, offset: 273.15 },
  FAH: { dimension: 'temperature', factor: 5 / 9, offset: 273.15 - (32 * 5) / 9 },
  // mass, base kilogram
  KGM: { dimension: 'mass', factor: 1 },
  GRM: { dimension: 'mass', factor: 1e-3 },
  MGM: { dimension: 'mass', factor: 1e-6 },
  TNE: { dimension: 'mass', factor: 1e3 },
  LBR: { dimension: 'mass', factor: 0.45359237 },
  ONZ: { dimension: 'mass', factor: 0.028349523125 },
  // length, base metre
  MTR: { dimension: 'length', factor: 1 },
  CMT: { dimension: 'length', factor: 1e-2 },
  MMT: { dimension: 'length', factor: 1e-3 },
  KMT: { dimension: 'length', factor: 1e3 },
  INH: { dimension: 'length', factor: 0.0254 },
  FOT: { dimension: 'length', factor: 0.3048 },
  // volume, base cubic metre
  MTQ: { dimension: 'volume', factor: 1 },
  LTR: { dimension: 'volume', factor: 1e-3 },
  MLT: { dimension: 'volume', factor: 1e-6 },
  // pressure, base pascal
  PAL: { dimension: 'pressure', factor: 1 },
  KPA: { dimension: 'pressure', factor: 1e3 },
  BAR: { dimension: 'pressure', factor: 1e5 },
  MBR: { dimension: 'pressure', factor: 1e2 },
  // speed, base metre per second
  MTS: { dimension: 'speed', factor: 1 },
  KMH: { dimension: 'speed', factor: 1000 / 3600 },
};

/** The value converted from one unit to another, or undefined when they do not convert. */
export function convertUnit(value: number, from: string, to: string): number | undefined {
  if (from === to) return value;
  const a = UNITS[from];
  const b = UNITS[to];
  if (!a || !b || a.dimension !== b.dimension) return undefined;
  const base = value * a.factor + (a.offset ?? 0);
  return (base - (b.offset ?? 0)) / b.factor;
}
